// `roost lock` and `roost sync` at the root of a dg workspace (isolated projects, dg.md §4):
// each project is its own uv project, with its own uv.lock and .venv, so the command runs once
// per project, in dg.toml's order, and says which project each part of the output is about.
//
//   if (ws.kind == workspace::WorkspaceKind::kIsolated)
//     return for_each_isolated_project(output, globals, ws, {}, [&](const GlobalOptions& g,
//                                       const workspace::Workspace& project) { ... });
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "cli/output.h"
#include "workspace/workspace.h"

namespace roost::cli {

struct IsolatedProject {
  std::string shown;  // its path relative to the workspace root, as dg.toml has it; "." for it
  std::filesystem::path dir;
  std::string name;  // project.name, when its pyproject.toml was read
};

// The dg workspace's projects in dg.toml's order, after the root itself when the root's own
// pyproject.toml is a project (a uv user locking there expects its uv.lock to be kept too).
std::vector<IsolatedProject> isolated_projects(const workspace::Workspace& dg);

// The project named `wanted`: by its project name or by its path as dg.toml writes it.
Result<IsolatedProject> find_isolated_project(const workspace::Workspace& dg,
                                              std::string_view wanted);

// Runs `each` for every project (or those named in `only`, by project name or path), with
// `--project` set to it and its uv workspace discovered, after a heading naming it. Every
// project is visited even when one fails; the exit code is the worst of theirs (an error over
// a stale lock over success). A name in `only` that is no project is a usage error.
int for_each_isolated_project(
    Output& output, const GlobalOptions& globals, const workspace::Workspace& dg,
    const std::vector<std::string>& only,
    const std::function<int(const GlobalOptions&, const workspace::Workspace&)>& each);

}  // namespace roost::cli
