// A discovered workspace: its root, its kind and its members, found exactly as uv (shared-lock
// workspaces, ../shared/reference/uv.md §1) or dg (isolated projects, dg.md §1) find them.
//
//   ROOST_TRY(Workspace ws, discover_workspace({.start = cwd}));
//   for (const Member& m : ws.members) ...   // sorted by name
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "pep508/names.h"
#include "pyproject/dg_config.h"
#include "pyproject/pyproject.h"

namespace roost::workspace {

enum class WorkspaceKind {
  kExplicit,  // a root with [project] and [tool.uv.workspace]; the root is a member
  kVirtual,   // [tool.uv.workspace] without [project]; the root is not a package
  kSingle,    // one project with no workspace table: its own implicit root
  kIsolated,  // a dg workspace: each member is a project with its own lock and venv
};
std::string_view to_string(WorkspaceKind kind);

struct Member {
  pep508::PackageName name;
  std::filesystem::path path;  // absolute, lexically normal
  bool is_root = false;
  // Built and installed (true) or virtual (false): uv.md §1.5 "required members".
  bool is_package = true;
  std::shared_ptr<const pyproject::PyProject> pyproject;
};

struct Workspace {
  std::filesystem::path root;  // absolute
  WorkspaceKind kind = WorkspaceKind::kSingle;
  std::shared_ptr<const pyproject::PyProject> root_pyproject;  // null for a dg workspace
  std::shared_ptr<const pyproject::DgConfig> dg_config;        // set for kIsolated
  std::vector<Member> members;                                 // sorted by name
  // The member whose directory discovery started in (or below), if any.
  std::optional<pep508::PackageName> current;

  const Member* find(const pep508::PackageName& name) const;
  // Every pyproject warning of the root and the members, in member order.
  std::vector<pyproject::Warning> warnings() const;
};

struct DiscoveryOptions {
  std::filesystem::path start;   // absolute: the cwd (after --directory) or --project's dir
  bool from_project_flag = false;  // --project: a missing directory is an error
};

// uv's discovery: nearest pyproject.toml from `start`, then the workspace root above it (§1.2),
// then the members (§1.3), with uv's structural errors (§1.4).
Result<Workspace> discover_uv_workspace(const DiscoveryOptions& options);

// The same, for `roost workspace check`: every problem (each file's parse errors, each structural
// error) is appended to `sink` and discovery goes on past it where it can; the returned error is
// set only when discovery could not finish (the problems are in `sink` then too).
Result<Workspace> discover_uv_workspace_collecting(const DiscoveryOptions& options,
                                                   std::vector<Error>* sink);

// dg's discovery: the nearest dg.toml (or pyproject.toml [tool.dg]) with
// directory_type = "workspace" above `start`; nullopt when there is none.
Result<std::optional<Workspace>> discover_dg_workspace(const DiscoveryOptions& options);

// What roost commands use: a dg workspace when one encloses `start`, else uv's.
Result<Workspace> discover_workspace(const DiscoveryOptions& options);

}  // namespace roost::workspace
