// Pieces shared by the discovery files of this folder; not part of the workspace API.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "workspace/workspace.h"

namespace roost::workspace {

// What mark_packages needs of one member's pyproject.toml. uv discovery gathers it on the
// thread that parsed the file, while the model is still in that core's cache: read back on the
// main thread, a thousand models cost a cache miss per field.
struct PackageFacts {
  std::optional<bool> package;  // tool.uv.package
  bool has_build_system = false;
  // The names given a `{ workspace = true }` source, when they fit; `more` says they did not
  // (then the model's sources are read).
  std::array<const pep508::PackageName*, 2> workspace_sources{};
  uint8_t count = 0;
  bool more = false;

  static PackageFacts of(const pyproject::PyProject& p);
};

// Decides Member::is_package for every member (uv.md §1.5); facts[i] describe ws.members[i].
void mark_packages(Workspace& ws, const std::vector<PackageFacts>& facts);

}  // namespace roost::workspace
