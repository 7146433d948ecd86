// Workspace accessors, the package/virtual decision for members, and the combined discovery.
#include "workspace/workspace.h"

#include <set>

#include "workspace/internal.h"

namespace roost::workspace {

std::string_view to_string(WorkspaceKind kind) {
  switch (kind) {
    case WorkspaceKind::kExplicit: return "explicit";
    case WorkspaceKind::kVirtual: return "virtual";
    case WorkspaceKind::kSingle: return "single";
    case WorkspaceKind::kIsolated: return "isolated";
  }
  return "single";
}

const Member* Workspace::find(const pep508::PackageName& name) const {
  for (const Member& m : members) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

std::vector<pyproject::Warning> Workspace::warnings() const {
  std::vector<pyproject::Warning> out;
  auto add = [&](const pyproject::PyProject* p) {
    if (p) out.insert(out.end(), p->warnings.begin(), p->warnings.end());
  };
  bool root_is_member = false;
  for (const Member& m : members) {
    add(m.pyproject.get());
    root_is_member = root_is_member || m.is_root;
  }
  if (!root_is_member) add(root_pyproject.get());
  return out;
}

// uv.md §1.5: a member named by a `workspace = true` source anywhere is "required" and is built
// even without [build-system]; other members without one are virtual; `tool.uv.package` wins.
void mark_packages(Workspace& ws) {
  std::set<pep508::PackageName> required;
  auto collect = [&](const pyproject::PyProject* p) {
    if (!p || !p->tool_uv) return;
    for (const auto& [name, entry] : p->tool_uv->sources) {
      for (const pyproject::Source& s : entry.sources) {
        if (const auto* w = std::get_if<pyproject::WorkspaceSource>(&s.kind); w && !w->path) {
          required.insert(name);
        }
      }
    }
  };
  collect(ws.root_pyproject.get());
  for (const Member& m : ws.members) collect(m.pyproject.get());
  for (Member& m : ws.members) {
    const pyproject::PyProject& p = *m.pyproject;
    if (p.tool_uv && p.tool_uv->package) {
      m.is_package = *p.tool_uv->package;
    } else {
      m.is_package = p.build_system.has_value() || required.count(m.name) > 0;
    }
  }
}

Result<Workspace> discover_workspace(const DiscoveryOptions& options) {
  ROOST_TRY(std::optional<Workspace> dg, discover_dg_workspace(options));
  if (dg) return std::move(*dg);
  return discover_uv_workspace(options);
}

}  // namespace roost::workspace
