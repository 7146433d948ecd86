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

Result<workspace::Workspace> discover_project_or_dg_workspace(const GlobalOptions& globals,
                                                              Output& output) {
  workspace::DiscoveryOptions options = discovery_options(globals);
  ROOST_TRY(workspace::Workspace ws, workspace::discover_workspace(options));
  if (ws.kind == workspace::WorkspaceKind::kIsolated && ws.current) {
    // Inside one of a dg workspace's projects: that project is a uv project of its own.
    ROOST_TRY(ws, workspace::discover_uv_workspace(options));
  }
  // A dg workspace's warnings are its projects', shown project by project.
  if (ws.kind != workspace::WorkspaceKind::kIsolated)
    print_warnings(ws.warnings(), ws.root, output);
  return ws;
}

Result<workspace::Workspace> discover_uv_workspace(const GlobalOptions& globals, Output& output,
                                                   std::string_view command) {
  ROOST_TRY(workspace::Workspace ws, discover_project_or_dg_workspace(globals, output));
  if (ws.kind == workspace::WorkspaceKind::kIsolated) return needs_one_project(command);
  return ws;
}

Error needs_one_project(std::string_view command) {
  return Error(ErrorKind::kUsage,
               "this is the root of a dg workspace of isolated projects, and `roost " +
                   std::string(command) + "` needs one of them")
      .with_hint("name it with `--package NAME`, or run from its directory");
}

}  // namespace roost::cli
