// The CLI's side of workspace discovery: where it starts (cwd or --project), and how its
// warnings are shown (uv's wording, one dev-dependencies warning for the whole workspace).
#pragma once

#include <string_view>

#include "base/result.h"
#include "cli/output.h"
#include "workspace/workspace.h"

namespace roost::cli {

workspace::DiscoveryOptions discovery_options(const GlobalOptions& globals);

// Discovers the workspace, printing its warnings; errors are returned for the caller to print.
Result<workspace::Workspace> discover_for_command(const GlobalOptions& globals, Output& output);

// discover_for_command for the commands of uv's model (`lock`, `sync`, `run`). Inside a project
// of a dg workspace, that project's own uv workspace; at a dg workspace's root (outside its
// projects), a usage error asking for one project.
Result<workspace::Workspace> discover_uv_workspace(const GlobalOptions& globals, Output& output,
                                                   std::string_view command);

// The error for a command that needs one project, run at a dg workspace's root.
Error needs_one_project(std::string_view command);

// The same, but a dg workspace's root is returned as it is (kIsolated), for the commands that
// act on each of its projects (isolated_projects.h).
Result<workspace::Workspace> discover_project_or_dg_workspace(const GlobalOptions& globals,
                                                              Output& output);

// Prints warnings as uv does: the deprecated dev-dependencies ones folded into one line naming
// every file (relative to `root`), the rest one by one.
void print_warnings(const std::vector<pyproject::Warning>& warnings,
                    const std::filesystem::path& root, Output& output);

}  // namespace roost::cli
