// `roost list projects [--json]`: a dg workspace's projects as paths relative to its root (dg's
// `dg list projects`), or a uv workspace's members.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli/command.h"
#include "cli/project_discovery.h"

namespace roost::cli {
namespace {

struct ProjectsOptions {
  bool json = false;
};

// dg.toml order for a dg workspace (dg prints its list as written); by name otherwise.
std::vector<std::string> project_paths(const workspace::Workspace& ws) {
  std::vector<std::string> out;
  if (ws.dg_config && ws.dg_config->workspace) {
    for (const pyproject::DgProjectSpec& spec : ws.dg_config->workspace->projects) {
      out.push_back(
          (ws.root / spec.path).lexically_normal().lexically_relative(ws.root).generic_string());
    }
    return out;
  }
  for (const workspace::Member& m : ws.members)
    out.push_back(m.path.lexically_relative(ws.root).generic_string());
  return out;
}

int list_projects(Output& output, const GlobalOptions& globals, const ProjectsOptions& options) {
  Result<workspace::Workspace> ws = discover_for_command(globals, output);
  if (!ws.ok()) return output.error(ws.error()), kExitError;
  std::vector<std::string> paths = project_paths(*ws);
  if (options.json) {
    nlohmann::ordered_json doc = nlohmann::ordered_json::array();
    for (const std::string& p : paths) {
      std::string name;
      for (const workspace::Member& m : ws->members) {
        if ((ws->root / p).lexically_normal() == m.path) name = m.name.str();
      }
      doc.push_back({{"name", name}, {"path", p}});
    }
    output.out(doc.dump(2) + "\n");
    return kExitOk;
  }
  std::string text;
  for (const std::string& p : paths) text += p + "\n";
  output.out(text);
  return kExitOk;
}

}  // namespace

void register_list_commands(CLI::App& app, Handler& chosen) {
  CLI::App* list = app.add_subcommand("list", "List parts of the workspace");
  list->require_subcommand(1);
  auto options = std::make_shared<ProjectsOptions>();
  CLI::App* projects =
      list->add_subcommand("projects", "The workspace's projects, as paths relative to its root");
  projects->alias("project");
  projects->add_flag("--json", options->json, "Print a JSON array of {name, path}");
  projects->callback([&chosen, options] {
    chosen = [options](Output& o, const GlobalOptions& g) { return list_projects(o, g, *options); };
  });
}

}  // namespace roost::cli
