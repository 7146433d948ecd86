// Workspace accessors, the package/virtual decision for members, and the combined discovery.
#include "workspace/workspace.h"

#include <cstdint>
#include <functional>
#include <string_view>

#include "workspace/internal.h"

namespace roost::workspace {

std::string_view to_string(WorkspaceKind kind) {
  switch (kind) {
    case WorkspaceKind::kExplicit:
      return "explicit";
    case WorkspaceKind::kVirtual:
      return "virtual";
    case WorkspaceKind::kSingle:
      return "single";
    case WorkspaceKind::kIsolated:
      return "isolated";
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

namespace {

// Calls f(name) for every `name = { workspace = true }` source (without a path) of `p`.
template <typename F>
void for_each_workspace_source(const pyproject::PyProject& p, F&& f) {
  if (!p.tool_uv) return;
  for (const auto& [name, entry] : p.tool_uv->sources) {
    for (const pyproject::Source& s : entry.sources) {
      if (const auto* w = std::get_if<pyproject::WorkspaceSource>(&s.kind); w && !w->path) f(name);
    }
  }
}

}  // namespace

PackageFacts PackageFacts::of(const pyproject::PyProject& p) {
  PackageFacts facts;
  if (p.tool_uv) facts.package = p.tool_uv->package;
  facts.has_build_system = p.build_system.has_value();
  for_each_workspace_source(p, [&](const pep508::PackageName& name) {
    if (facts.count < facts.workspace_sources.size()) {
      facts.workspace_sources[facts.count++] = &name;
    } else {
      facts.more = true;
    }
  });
  return facts;
}

// uv.md §1.5: a member named by a `workspace = true` source anywhere is "required" and is built
// even without [build-system]; other members without one are virtual; `tool.uv.package` wins.
void mark_packages(Workspace& ws, const std::vector<PackageFacts>& facts) {
  // Required names are looked up in an open-addressed index of the members' names and marked in
  // place: a set of names copied each one and allocated a node for each of a thousand members.
  std::vector<char> required(ws.members.size(), 0);
  size_t capacity = 16;
  while (capacity < ws.members.size() * 2) capacity *= 2;
  std::vector<uint32_t> slots(capacity, 0);  // member position + 1; 0 is empty
  auto slot_of = [&](std::string_view name) { return std::hash<std::string_view>()(name); };
  for (size_t i = 0; i < ws.members.size(); ++i) {
    size_t k = slot_of(ws.members[i].name.str()) & (capacity - 1);
    while (slots[k] != 0) k = (k + 1) & (capacity - 1);
    slots[k] = static_cast<uint32_t>(i + 1);
  }
  auto require = [&](const pep508::PackageName& name) {
    for (size_t k = slot_of(name.str()) & (capacity - 1); slots[k] != 0;
         k = (k + 1) & (capacity - 1)) {
      if (ws.members[slots[k] - 1].name == name) {
        required[slots[k] - 1] = 1;
        return;
      }
    }
  };
  if (ws.root_pyproject) for_each_workspace_source(*ws.root_pyproject, require);
  for (size_t i = 0; i < ws.members.size(); ++i) {
    const PackageFacts& f = facts[i];
    if (f.more) {
      for_each_workspace_source(*ws.members[i].pyproject, require);
    } else {
      for (size_t k = 0; k < f.count; ++k) require(*f.workspace_sources[k]);
    }
  }
  for (size_t i = 0; i < ws.members.size(); ++i) {
    const PackageFacts& f = facts[i];
    ws.members[i].is_package = f.package ? *f.package : f.has_build_system || required[i] != 0;
  }
}

Result<Workspace> discover_workspace(const DiscoveryOptions& options) {
  ROOST_TRY(std::optional<Workspace> dg, discover_dg_workspace(options));
  if (dg) return std::move(*dg);
  return discover_uv_workspace(options);
}

}  // namespace roost::workspace
