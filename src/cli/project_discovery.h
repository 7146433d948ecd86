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

// discover_for_command for the commands of uv's model (`lock`, `sync`, `run`): a dg workspace of
// isolated projects is a usage error telling to run `roost <command>` in each project.
Result<workspace::Workspace> discover_uv_workspace(const GlobalOptions& globals, Output& output,
                                                   std::string_view command);

// Prints warnings as uv does: the deprecated dev-dependencies ones folded into one line naming
// every file (relative to `root`), the rest one by one.
void print_warnings(const std::vector<pyproject::Warning>& warnings, const std::filesystem::path& root,
                    Output& output);

}  // namespace roost::cli
