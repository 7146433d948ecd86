// Source lowering checks and the Python range of a workspace (uv.md §1.5-1.6).
#include "workspace/check.h"

#include "pep440/ranges.h"

namespace roost::workspace {
namespace {

using pyproject::Dependency;
using pyproject::Source;

std::string source_kind_word(const Source& s) {
  if (std::holds_alternative<pyproject::GitSource>(s.kind)) return "git";
  if (std::holds_alternative<pyproject::UrlSource>(s.kind)) return "url";
  if (std::holds_alternative<pyproject::PathSource>(s.kind)) return "path";
  return "registry";
}

bool is_workspace_source(const Source& s) {
  const auto* w = std::get_if<pyproject::WorkspaceSource>(&s.kind);
  return w != nullptr && !w->path;
}

// Every dependency a member declares: project dependencies, extras, dependency groups and the
// legacy dev-dependencies.
std::vector<const Dependency*> declared_dependencies(const pyproject::PyProject& p) {
  std::vector<const Dependency*> out;
  if (p.project) {
    for (const Dependency& d : p.project->dependencies) out.push_back(&d);
    for (const auto& [extra, deps] : p.project->optional_dependencies) {
      for (const Dependency& d : deps) out.push_back(&d);
    }
  }
  for (const auto& [name, group] : p.dependency_groups) {
    for (const pyproject::GroupItem& item : group.items) {
      if (const Dependency* d = std::get_if<Dependency>(&item)) out.push_back(d);
    }
  }
  if (p.tool_uv && p.tool_uv->dev_dependencies) {
    for (const Dependency& d : *p.tool_uv->dev_dependencies) out.push_back(&d);
  }
  return out;
}

Error at(const pyproject::PyProject& file, pyproject::Location location, std::string message) {
  Error e = make_error(ErrorKind::kUsage, std::move(message));
  if (location.line > 0) return std::move(e).with_span(file.source->span(location));
  return e;
}

// The indexes a member may name: its own, then the root's (uv.md §1.5).
bool index_declared(const Workspace& ws, const Member& member, const std::string& name) {
  if (member.pyproject->tool_uv && member.pyproject->tool_uv->find_index(name)) return true;
  return ws.root_pyproject && ws.root_pyproject->tool_uv && ws.root_pyproject->tool_uv->find_index(name);
}

void check_dependency(const Workspace& ws, const Member& member, const Dependency& dep,
                      std::vector<Error>& errors) {
  const pep508::PackageName& name = dep.requirement.name;
  const pyproject::PyProject& file = *member.pyproject;
  const pyproject::SourceEntry* entry = effective_source(ws, member, name);
  bool is_member = ws.find(name) != nullptr;
  // A member naming itself (`pkg[a]` -> `pkg[b]`) is a self-reference, not a workspace edge.
  if (is_member && name == member.name) return;
  const std::string quoted = "`" + name.str() + "`";
  if (is_member && !entry) {
    errors.push_back(at(file, dep.location,
                        quoted + " is included as a workspace member, but is missing an entry in "
                        "`tool.uv.sources` (e.g., `" + name.str() + " = { workspace = true }`)"));
    return;
  }
  if (!entry) return;
  for (const Source& s : entry->sources) {
    if (is_member && !is_workspace_source(s)) {
      errors.push_back(at(file, dep.location,
                          quoted + " is included as a workspace member, but references a " +
                              source_kind_word(s) + " in `tool.uv.sources`. Workspace members must be "
                              "declared as workspace sources (e.g., `" + name.str() +
                              " = { workspace = true }`)."));
    } else if (!is_member && is_workspace_source(s)) {
      errors.push_back(at(file, dep.location,
                          quoted + " references a workspace in `tool.uv.sources` (e.g., `" + name.str() +
                              " = { workspace = true }`), but is not a workspace member"));
    }
    if (const auto* index = std::get_if<pyproject::IndexSource>(&s.kind)) {
      if (!index_declared(ws, member, index->index)) {
        errors.push_back(at(file, dep.location, "Package " + quoted + " references an undeclared index: `" +
                                                    index->index + "`"));
      }
    }
  }
}

}  // namespace

const pyproject::SourceEntry* effective_source(const Workspace& ws, const Member& member,
                                               const pep508::PackageName& name) {
  if (member.pyproject->tool_uv) {
    if (const pyproject::SourceEntry* own = member.pyproject->tool_uv->source(name)) return own;
  }
  if (ws.root_pyproject && ws.root_pyproject->tool_uv) return ws.root_pyproject->tool_uv->source(name);
  return nullptr;
}

std::filesystem::path resolve_source_path(const Workspace& ws, const Member& member,
                                          const pyproject::SourceEntry& entry, const std::string& written) {
  std::filesystem::path path(written);
  if (path.is_absolute()) return path.lexically_normal();
  bool own = false;
  if (member.pyproject->tool_uv) {
    for (const auto& [name, e] : member.pyproject->tool_uv->sources) own = own || &e == &entry;
  }
  std::filesystem::path base = own ? member.path : ws.root;
  return (base / path).lexically_normal();
}

std::vector<Error> check_sources(const Workspace& ws) {
  std::vector<Error> errors;
  if (ws.kind == WorkspaceKind::kIsolated) return errors;  // each dg project is its own root
  for (const Member& member : ws.members) {
    for (const Dependency* dep : declared_dependencies(*member.pyproject)) {
      check_dependency(ws, member, *dep, errors);
    }
  }
  // A virtual root's groups belong to the workspace and lower through the root's sources.
  if (ws.kind == WorkspaceKind::kVirtual && ws.root_pyproject) {
    Member root{pep508::PackageName::parse("workspace-root").value(), ws.root, true, false, ws.root_pyproject};
    for (const Dependency* dep : declared_dependencies(*ws.root_pyproject)) {
      check_dependency(ws, root, *dep, errors);
    }
  }
  return errors;
}

Result<std::optional<pep440::SpecifierSet>> workspace_requires_python(const Workspace& ws) {
  std::string joined;
  pep440::VersionRanges range = pep440::VersionRanges::full();
  std::string listing;
  bool any = false;
  for (const Member& m : ws.members) {
    if (!m.pyproject->project || !m.pyproject->project->requires_python) continue;
    const pep440::SpecifierSet& set = *m.pyproject->project->requires_python;
    any = true;
    std::string text = set.to_string();
    if (!text.empty()) joined += (joined.empty() ? "" : ",") + text;
    range = range.intersect(pep440::VersionRanges::from(set));
    listing += "\n- " + m.name.str() + ": " + text;
  }
  if (!any) return std::optional<pep440::SpecifierSet>();
  if (range.is_empty()) {
    return make_error(ErrorKind::kUsage, "Found conflicting Python requirements:" + listing);
  }
  // The intersection, simplified as uv writes it (">=3.9" and ">=3.10" give ">=3.10"), when
  // the range has a specifier spelling; else the clauses side by side.
  Result<pep440::SpecifierSet> simplified = pep440::SpecifierSet::parse(range.to_string());
  if (simplified.ok()) return std::optional<pep440::SpecifierSet>(std::move(simplified).value());
  ROOST_TRY(pep440::SpecifierSet set, pep440::SpecifierSet::parse(joined));
  return std::optional<pep440::SpecifierSet>(std::move(set));
}

}  // namespace roost::workspace
