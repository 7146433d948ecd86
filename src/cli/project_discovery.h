// The CLI's side of workspace discovery: where it starts (cwd or --project), and how its
// warnings are shown (uv's wording, one dev-dependencies warning for the whole workspace).
#pragma once

#include "base/result.h"
#include "cli/output.h"
#include "workspace/workspace.h"

namespace roost::cli {

workspace::DiscoveryOptions discovery_options(const GlobalOptions& globals);

// Discovers the workspace, printing its warnings; errors are returned for the caller to print.
Result<workspace::Workspace> discover_for_command(const GlobalOptions& globals, Output& output);

// Prints warnings as uv does: the deprecated dev-dependencies ones folded into one line naming
// every file (relative to `root`), the rest one by one.
void print_warnings(const std::vector<pyproject::Warning>& warnings, const std::filesystem::path& root,
                    Output& output);

}  // namespace roost::cli
