// Discovery options from global flags, and warning printing.
#include "cli/project_discovery.h"

#include <filesystem>
#include <system_error>

namespace roost::cli {

namespace fs = std::filesystem;

workspace::DiscoveryOptions discovery_options(const GlobalOptions& globals) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (globals.project.empty()) return {cwd, false};
  return {(cwd / globals.project).lexically_normal(), true};
}

void print_warnings(const std::vector<pyproject::Warning>& warnings, const fs::path& root,
                    Output& output) {
  std::vector<std::string> dev_paths;
  for (const pyproject::Warning& w : warnings) {
    if (w.kind == pyproject::WarningKind::kDeprecatedDevDependencies) {
      dev_paths.push_back(fs::path(w.span.file).lexically_relative(root).generic_string());
    } else {
      output.warn(w.render());
    }
  }
  if (!dev_paths.empty()) output.warn(pyproject::dev_dependencies_warning(dev_paths));
}

Result<workspace::Workspace> discover_for_command(const GlobalOptions& globals, Output& output) {
  ROOST_TRY(workspace::Workspace ws, workspace::discover_workspace(discovery_options(globals)));
  print_warnings(ws.warnings(), ws.root, output);
  return ws;
}

Result<workspace::Workspace> discover_uv_workspace(const GlobalOptions& globals, Output& output,
                                                   std::string_view command) {
  ROOST_TRY(workspace::Workspace ws, discover_for_command(globals, output));
  if (ws.kind == workspace::WorkspaceKind::kIsolated) {
    std::string verb(command);
    return Error(ErrorKind::kUsage, "this is a dg workspace of isolated projects: " + verb +
                                        " each project from its directory (`roost " + verb +
                                        " --project <path>`)");
  }
  return ws;
}

}  // namespace roost::cli
