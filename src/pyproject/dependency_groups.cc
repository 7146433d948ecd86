// PEP 735 include-group expansion, with uv's error texts for unknown groups and cycles.
#include "pyproject/dependency_groups.h"

#include <algorithm>

namespace roost::pyproject {
namespace {

constexpr std::string_view kDev = "dev";

Error group_error(ErrorKind kind, std::string message, const IncludeGroup& include,
                  const SourceFile* file) {
  Error error(kind, std::move(message));
  if (file == nullptr || include.location.line == 0) return error;
  // The caret covers the quoted group name.
  return std::move(error).with_span(
      file->span(include.location, static_cast<int>(include.name_as_written.size()) + 2));
}

Error not_found_error(const IncludeGroup& include, const pep508::GroupName& parent,
                      bool has_dev_dependencies, const SourceFile* file) {
  if (has_dev_dependencies && include.name.str() == kDev) {
    return group_error(
        ErrorKind::kParse,
        "Group `" + parent.str() +
            "` includes the `dev` group (`include = \"dev\"`), but only "
            "`tool.uv.dev-dependencies` was found. To reference the `dev` group via an "
            "`include`, remove the `tool.uv.dev-dependencies` section and add any development "
            "dependencies to the `dev` entry in the `[dependency-groups]` table instead.",
        include, file);
  }
  return group_error(
      ErrorKind::kParse,
      "Failed to find group `" + include.name.str() + "` included by `" + parent.str() + "`",
      include, file);
}

// `a` -> `b` -> `a`: the groups from the first repeated one to the top of the stack.
Error cycle_error(const std::vector<const pep508::GroupName*>& stack, const IncludeGroup& include,
                  const SourceFile* file) {
  auto first = std::find_if(stack.begin(), stack.end(),
                            [&](const pep508::GroupName* g) { return *g == include.name; });
  std::string message = "Detected a cycle in `dependency-groups`: ";
  for (auto it = first; it != stack.end(); ++it) message += "`" + (*it)->str() + "` -> ";
  message += "`" + include.name.str() + "`";
  return group_error(ErrorKind::kParse, std::move(message), include, file);
}

class Expander {
 public:
  Expander(const DependencyGroups& groups, bool has_dev_dependencies, const SourceFile* file)
      : groups_(groups), has_dev_dependencies_(has_dev_dependencies), file_(file) {}

  Result<void> expand(const pep508::GroupName& name, const DependencyGroup& group,
                      std::vector<Dependency>& out) {
    stack_.push_back(&name);
    for (const GroupItem& item : group.items) {
      if (const auto* dependency = std::get_if<Dependency>(&item)) {
        out.push_back(*dependency);
        continue;
      }
      const auto& include = std::get<IncludeGroup>(item);
      auto it = groups_.find(include.name);
      if (it == groups_.end()) return not_found_error(include, name, has_dev_dependencies_, file_);
      bool on_stack = std::any_of(stack_.begin(), stack_.end(),
                                  [&](const pep508::GroupName* g) { return *g == include.name; });
      if (on_stack) return cycle_error(stack_, include, file_);
      ROOST_CHECK(expand(it->first, it->second, out));
    }
    stack_.pop_back();
    return ok();
  }

 private:
  const DependencyGroups& groups_;
  bool has_dev_dependencies_;
  const SourceFile* file_;
  std::vector<const pep508::GroupName*> stack_;
};

}  // namespace

Result<ResolvedGroups> resolve_dependency_groups(const DependencyGroups& groups,
                                                 const std::vector<Dependency>* dev_dependencies,
                                                 const SourceFile* file) {
  ResolvedGroups resolved;
  for (const auto& [name, group] : groups) {
    Expander expander(groups, dev_dependencies != nullptr, file);
    std::vector<Dependency> flat;
    ROOST_CHECK(expander.expand(name, group, flat));
    resolved.emplace(name, std::move(flat));
  }
  if (dev_dependencies != nullptr) {
    ROOST_TRY(auto dev, pep508::GroupName::parse(kDev));
    std::vector<Dependency>& target = resolved[dev];
    target.insert(target.end(), dev_dependencies->begin(), dev_dependencies->end());
  }
  return resolved;
}

Result<std::vector<Dependency>> resolve_dependency_group(const DependencyGroups& groups,
                                                         const pep508::GroupName& name,
                                                         const SourceFile* file) {
  auto it = groups.find(name);
  if (it == groups.end()) {
    return make_error(ErrorKind::kNotFound, "Group `" + name.str() +
                                                "` is not defined in the project's "
                                                "`dependency-groups` table");
  }
  Expander expander(groups, false, file);
  std::vector<Dependency> flat;
  ROOST_CHECK(expander.expand(it->first, it->second, flat));
  return flat;
}

std::vector<Error> check_dependency_groups(const DependencyGroups& groups,
                                           bool has_dev_dependencies, const SourceFile* file) {
  std::vector<Error> errors;
  // Without includes there is nothing to check (the walk below allocates; most files have none).
  bool any_include = false;
  for (const auto& [name, group] : groups) {
    for (const GroupItem& item : group.items) {
      any_include = any_include || std::holds_alternative<IncludeGroup>(item);
    }
  }
  if (!any_include) return errors;
  // Unknown includes: each one, in file order of groups.
  for (const auto& [name, group] : groups) {
    for (const GroupItem& item : group.items) {
      const auto* include = std::get_if<IncludeGroup>(&item);
      if (include != nullptr && groups.count(include->name) == 0) {
        errors.push_back(not_found_error(*include, name, has_dev_dependencies, file));
      }
    }
  }
  // Cycles: a depth-first walk over known includes; each back edge is one cycle, reported once.
  enum class State : uint8_t { kNew, kActive, kDone };
  std::map<const pep508::GroupName*, State> state;
  std::vector<const pep508::GroupName*> stack;
  auto walk = [&](auto&& self, const pep508::GroupName& name,
                  const DependencyGroup& group) -> void {
    state[&name] = State::kActive;
    stack.push_back(&name);
    for (const GroupItem& item : group.items) {
      const auto* include = std::get_if<IncludeGroup>(&item);
      if (include == nullptr) continue;
      auto it = groups.find(include->name);
      if (it == groups.end()) continue;
      State s = state[&it->first];
      if (s == State::kActive) {
        errors.push_back(cycle_error(stack, *include, file));
      } else if (s == State::kNew) {
        self(self, it->first, it->second);
      }
    }
    stack.pop_back();
    state[&name] = State::kDone;
  };
  for (const auto& [name, group] : groups) {
    if (state[&name] == State::kNew) walk(walk, name, group);
  }
  return errors;
}

}  // namespace roost::pyproject
