// `roost workspace list | dir | metadata | check`: what the workspace is, as uv reports it.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli/command.h"
#include "cli/project_discovery.h"
#include "workspace/check.h"

namespace roost::cli {
namespace {

using workspace::Member;
using workspace::Workspace;

struct ListOptions {
  bool paths = false;
};

int list_members(Output& output, const GlobalOptions& globals, const ListOptions& options) {
  Result<Workspace> ws = discover_for_command(globals, output);
  if (!ws.ok()) return output.error(ws.error()), kExitError;
  std::string text;
  for (const Member& m : ws->members)
    text += (options.paths ? m.path.string() : m.name.str()) + "\n";
  output.out(text);
  return kExitOk;
}

struct DirOptions {
  std::string package;
};

int print_dir(Output& output, const GlobalOptions& globals, const DirOptions& options) {
  Result<Workspace> ws = discover_for_command(globals, output);
  if (!ws.ok()) return output.error(ws.error()), kExitError;
  if (options.package.empty()) {
    output.out(ws->root.string() + "\n");
    return kExitOk;
  }
  Result<pep508::PackageName> name = pep508::PackageName::parse(options.package);
  const Member* member = name.ok() ? ws->find(*name) : nullptr;
  if (!member) {
    output.error(make_error(ErrorKind::kNotFound,
                            "Package `" + options.package + "` not found in workspace."));
    return kExitError;
  }
  output.out(member->path.string() + "\n");
  return kExitOk;
}

int print_metadata(Output& output, const GlobalOptions& globals) {
  Result<Workspace> ws = discover_for_command(globals, output);
  if (!ws.ok()) return output.error(ws.error()), kExitError;
  nlohmann::ordered_json requires_python = nullptr;
  if (ws->kind != workspace::WorkspaceKind::kIsolated) {
    Result<std::optional<pep440::SpecifierSet>> python = workspace::workspace_requires_python(*ws);
    if (!python.ok()) return output.error(python.error()), kExitError;
    if (*python) requires_python = (*python)->to_string();
  }
  nlohmann::ordered_json members = nlohmann::ordered_json::array();
  for (const Member& m : ws->members) {
    members.push_back({{"name", m.name.str()},
                       {"path", m.path.string()},
                       {"root", m.is_root},
                       {"package", m.is_package}});
  }
  nlohmann::ordered_json doc = {{"workspace_root", ws->root.string()},
                                {"kind", std::string(workspace::to_string(ws->kind))},
                                {"requires_python", requires_python},
                                {"members", members}};
  output.out(doc.dump(2) + "\n");
  return kExitOk;
}

int check(Output& output, const GlobalOptions& globals) {
  workspace::WorkspaceCheck result = workspace::check_workspace(discovery_options(globals));
  std::filesystem::path root =
      result.workspace ? result.workspace->root : discovery_options(globals).start;
  print_warnings(result.warnings, root, output);
  for (const Error& e : result.errors) output.error(e);
  if (!result.errors.empty()) {
    output.info("Found " + std::to_string(result.errors.size()) +
                (result.errors.size() == 1 ? " problem\n" : " problems\n"));
    return kExitError;
  }
  output.info("Checked " + std::to_string(result.workspace->members.size()) +
              (result.workspace->members.size() == 1 ? " member" : " members") + " in " +
              result.workspace->root.string() + ": no problems\n");
  return kExitOk;
}

}  // namespace

void register_workspace_commands(CLI::App& app, Handler& chosen) {
  CLI::App* ws =
      app.add_subcommand("workspace", "Inspect the workspace: its members, root and problems");
  ws->require_subcommand(1);

  auto list_options = std::make_shared<ListOptions>();
  CLI::App* list =
      ws->add_subcommand("list", "List the workspace's members, one per line, by name");
  list->add_flag("--paths", list_options->paths,
                 "Print each member's absolute path instead of its name");
  list->callback([&chosen, list_options] {
    chosen = [list_options](Output& o, const GlobalOptions& g) {
      return list_members(o, g, *list_options);
    };
  });

  auto dir_options = std::make_shared<DirOptions>();
  CLI::App* dir =
      ws->add_subcommand("dir", "Print the workspace root's (or a member's) absolute path");
  dir->add_option("--package", dir_options->package, "The member whose directory to print");
  dir->callback([&chosen, dir_options] {
    chosen = [dir_options](Output& o, const GlobalOptions& g) {
      return print_dir(o, g, *dir_options);
    };
  });

  ws->add_subcommand("metadata",
                     "Print the workspace's root, kind, Python range and members as JSON")
      ->callback([&chosen] { chosen = print_metadata; });
  ws->add_subcommand("check", "Validate every pyproject.toml, source, index and the Python range")
      ->callback([&chosen] { chosen = check; });
}

}  // namespace roost::cli
