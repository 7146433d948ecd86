// What the selection flags select (uv-configuration dependency_groups.rs / extras.rs, uv
// install_target.rs), and uv's checks of the names they give and of the lock's conflicts.
#include <algorithm>

#include "pep508/names.h"
#include "project/install_set_internal.h"

namespace roost::project::install_detail {

namespace {

const std::string kDev = "dev";

bool has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<std::string> normalized(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& n : names) out.push_back(pep508::PackageName::normalize(n));
  return out;
}

void append(std::vector<std::string>& to, const std::vector<std::string>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

// "a and b", "a, b and c".
std::string join_and(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

// uv's ConflictError text: "Extras `a` and `b` are incompatible with the declared conflicts:
// {`p[a]`, `p[b]`}" (groups, packages and mixed sets said the same way).
std::string conflict_message(const std::vector<lock::ConflictItem>& set,
                             const std::vector<lock::ConflictItem>& matched) {
  auto kind = [](const lock::ConflictItem& i) {
    return !i.extra.empty() ? 0 : !i.group.empty() ? 1 : 2;
  };
  bool same = std::all_of(matched.begin(), matched.end(),
                          [&](const auto& i) { return kind(i) == kind(matched.front()); });
  std::vector<std::string> parts;
  for (const lock::ConflictItem& i : matched) {
    std::string name = kind(i) == 0 ? i.extra : kind(i) == 1 ? i.group : i.package;
    if (same && kind(i) != 2) {
      parts.push_back("`" + name + "`");
    } else {
      parts.push_back(std::string(kind(i) == 0   ? "extra"
                                  : kind(i) == 1 ? "group"
                                                 : "package") +
                      " `" + name + "`");
    }
  }
  std::string text = join_and(parts);
  if (same && kind(matched.front()) != 2) {
    text = (kind(matched.front()) == 0 ? "Extras " : "Groups ") + text;
  } else {
    text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  }
  std::string shown;
  for (const lock::ConflictItem& i : set) {
    if (!shown.empty()) shown += ", ";
    if (!i.extra.empty()) {
      shown += "`" + i.package + "[" + i.extra + "]`";
    } else if (!i.group.empty()) {
      shown += "`" + i.package + ":" + i.group + "`";
    } else {
      shown += i.package;
    }
  }
  return text + " are incompatible with the declared conflicts: {" + shown + "}";
}

}  // namespace

bool GroupChoice::Include::contains(const std::string& group) const {
  return all || has(names, group);
}

GroupChoice::GroupChoice(const InstallSelection& selection, const DefaultGroups& defaults) {
  std::vector<std::string> group = normalized(selection.groups);
  std::vector<std::string> only = normalized(selection.only_groups);
  exclude_ = normalized(selection.no_groups);
  explicit_ = group;
  append(explicit_, exclude_);
  append(explicit_, only);
  // The --dev flags name `dev` without requiring it to exist.
  if (selection.dev == DevFlag::kDev) group.push_back(kDev);
  if (selection.dev == DevFlag::kOnlyDev) only.push_back(kDev);
  if (selection.dev == DevFlag::kNoDev) exclude_.push_back(kDev);
  only_groups_ = !only.empty();
  append(group, only);
  without_defaults_ = {.all = selection.all_groups, .names = group};
  with_defaults_ = without_defaults_;
  // --only-* implies --no-default-groups.
  if (!selection.all_groups && !selection.no_default_groups && !only_groups_) {
    if (defaults.all) {
      with_defaults_.all = true;
    } else {
      append(with_defaults_.names, normalized(defaults.groups));
    }
  }
}

bool GroupChoice::contains(const std::string& group) const {
  return !has(exclude_, group) && with_defaults_.contains(group);
}

bool GroupChoice::contains_because_default(const std::string& group) const {
  return contains(group) && !without_defaults_.contains(group);
}

ExtraChoice::ExtraChoice(const InstallSelection& selection)
    : all_(selection.all_extras),
      include_(normalized(selection.extras)),
      exclude_(normalized(selection.no_extras)) {
  explicit_ = include_;
  append(explicit_, exclude_);
}

bool ExtraChoice::contains(const std::string& extra) const {
  return !has(exclude_, extra) && (all_ || has(include_, extra));
}

std::vector<std::string> defined_groups(const lock::Package& p) {
  std::vector<std::string> out;
  for (const lock::DependencyList& g : p.dev_dependencies) out.push_back(g.name);
  for (const lock::RequirementGroup& g : p.metadata.requires_dev)
    if (!has(out, g.name)) out.push_back(g.name);
  return out;
}

std::vector<std::string> defined_extras(const lock::Package& p) {
  std::vector<std::string> out = p.metadata.provides_extras;
  for (const lock::DependencyList& e : p.optional_dependencies)
    if (!has(out, e.name)) out.push_back(e.name);
  return out;
}

Result<Roots> select_roots(const LockIndex& index, const InstallTarget& target,
                           const InstallSelection& selection, const GroupChoice& groups) {
  std::vector<std::string> names;
  for (const std::string& typed : selection.packages) {
    std::string name = pep508::PackageName::normalize(typed);
    if (!index.is_member(name))
      return make_error(ErrorKind::kUsage, "Package `" + typed + "` not found in workspace");
    if (!has(names, name)) names.push_back(name);
  }
  Roots roots;
  bool one_project = false;
  if (selection.all_packages) {
    names = index.members();
    roots.project_name = target.current_project;
    if (!roots.project_name && index.lock().manifest.members.empty() && index.root())
      roots.project_name = index.package(*index.root()).name;
  } else if (!names.empty()) {
    one_project = names.size() == 1;
  } else if (target.current_project) {
    names = {*target.current_project};
    one_project = true;
  } else {
    names = index.members();  // a virtual root: every member
  }
  for (const std::string& name : names) {
    ROOST_TRY(size_t i, index.find_unique(name));
    roots.packages.push_back(i);
  }
  if (one_project) {
    roots.project_name = names.front();
    roots.selected_project = roots.packages.front();
    // The root project's groups, for the selected member (uv's group_root).
    std::optional<size_t> root = index.root();
    if (root && *root != *roots.selected_project) {
      for (const std::string& g : defined_groups(index.package(*root))) {
        if (includes_group(index, roots, groups, index.package(*root).name, g)) {
          roots.group_root = root;
          break;
        }
      }
    }
  }
  return roots;
}

bool includes_group(const LockIndex& index, const Roots& roots, const GroupChoice& groups,
                    const std::optional<std::string>& package, const std::string& group) {
  if (!groups.contains(group)) return false;
  if (!roots.selected_project) return true;
  const lock::Package& selected = index.package(*roots.selected_project);
  if (package == selected.name) return true;
  // The workspace root's groups must be asked for by name when a member is selected, and a
  // group of the member's own replaces the root's.
  if (groups.contains_because_default(group)) return false;
  return !has(defined_groups(selected), group);
}

Result<void> validate_extras(const LockIndex& index, const Roots& roots,
                             const ExtraChoice& extras) {
  const lock::Lockfile& lock = index.lock();
  // `provides-extras` came with revision 1; older locks cannot tell an unknown extra.
  if (extras.explicit_names().empty() || (lock.version == 1 && lock.revision < 1)) return {};
  std::vector<std::string> known;
  for (size_t i : roots.packages) append(known, defined_extras(index.package(i)));
  for (const std::string& extra : extras.explicit_names()) {
    if (has(known, extra)) continue;
    if (roots.selected_project)
      return make_error(ErrorKind::kUsage,
                        "Extra `" + extra + "` is not defined in the `optional-dependencies` " +
                            "table for `" + index.package(*roots.selected_project).name + "`");
    return make_error(ErrorKind::kUsage, "Extra `" + extra + "` is not defined in any project's " +
                                             "`optional-dependencies` table");
  }
  return {};
}

Result<void> validate_groups(const LockIndex& index, const Roots& roots,
                             const GroupChoice& groups) {
  if (groups.explicit_names().empty()) return {};
  std::vector<size_t> packages = roots.packages;
  // A selected member may name the workspace root's groups.
  if (roots.selected_project && index.root()) packages.push_back(*index.root());
  std::vector<std::string> known;
  for (size_t i : packages) append(known, defined_groups(index.package(i)));
  for (const lock::RequirementGroup& g : index.lock().manifest.dependency_groups)
    known.push_back(g.name);
  for (const std::string& group : groups.explicit_names()) {
    if (has(known, group)) continue;
    return make_error(ErrorKind::kUsage,
                      "Group `" + group + "` is not defined in " +
                          (roots.selected_project ? "the project's" : "any project's") +
                          " `dependency-groups` table");
  }
  return {};
}

Result<void> detect_conflicts(const LockIndex& index, const std::set<std::string>& activated) {
  for (const std::vector<lock::ConflictItem>& set : index.lock().conflicts) {
    std::vector<lock::ConflictItem> matched;
    for (const lock::ConflictItem& item : set)
      if (activated.count(encode(item))) matched.push_back(item);
    if (matched.size() >= 2) return make_error(ErrorKind::kUsage, conflict_message(set, matched));
  }
  return {};
}

Result<void> check_conflicting_extras(const LockIndex& index,
                                      const std::set<std::string>& activated) {
  for (const std::vector<lock::ConflictItem>& set : index.lock().conflicts) {
    std::vector<const lock::ConflictItem*> on;
    for (const lock::ConflictItem& item : set)
      if (!item.extra.empty() && activated.count(encode(item))) on.push_back(&item);
    if (on.size() >= 2)
      return make_error(ErrorKind::kUsage, "Found conflicting extras `" + on[0]->package + "[" +
                                               on[0]->extra + "]` and `" + on[1]->package + "[" +
                                               on[1]->extra + "]` enabled simultaneously");
  }
  return {};
}

}  // namespace roost::project::install_detail
