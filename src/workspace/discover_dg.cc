// dg's workspace discovery (../shared/reference/dg.md §1-2): walk up to the nearest dg config
// whose directory_type is "workspace"; its [[workspace.projects]] list is the only source of
// truth (folders are not scanned); each project is its own root with its own pyproject.toml.
#include <algorithm>
#include <system_error>

#include "base/fs.h"
#include "workspace/internal.h"
#include "workspace/workspace.h"

namespace roost::workspace {
namespace {

namespace fs = std::filesystem;

// The dg config of one directory: dg.toml wins over pyproject.toml's [tool.dg].
Result<std::optional<pyproject::DgConfig>> dg_config_in(const fs::path& dir) {
  if (is_file(dir / "dg.toml")) {
    ROOST_TRY(pyproject::DgConfig config, pyproject::read_dg_toml(dir / "dg.toml"));
    return std::optional<pyproject::DgConfig>(std::move(config));
  }
  ROOST_TRY(std::optional<std::string> text, read_file_if_exists(dir / "pyproject.toml"));
  // Every pyproject.toml above the start is looked at, and the uv discovery that follows reads
  // them again: one without the letters "dg" anywhere cannot hold a [tool.dg] table (in any
  // TOML spelling), so it is not parsed twice.
  if (text && text->find("dg") != std::string::npos) {
    ROOST_TRY(pyproject::PyProject p,
              pyproject::parse_pyproject(*text, (dir / "pyproject.toml").string()));
    if (p.tool_dg) return std::optional<pyproject::DgConfig>(std::move(*p.tool_dg));
  }
  return std::optional<pyproject::DgConfig>();
}

}  // namespace

Result<std::optional<Workspace>> discover_dg_workspace(const DiscoveryOptions& options) {
  fs::path dir = options.start.lexically_normal();
  std::optional<pyproject::DgConfig> config;
  while (true) {
    // A cheap existence check first: most directories hold neither file.
    if (is_file(dir / "dg.toml") || is_file(dir / "pyproject.toml")) {
      ROOST_TRY(config, dg_config_in(dir));
      if (config && config->directory_type == pyproject::DgDirectoryType::kWorkspace) break;
      config.reset();
    }
    fs::path parent = dir.parent_path();
    if (parent == dir) return std::optional<Workspace>();
    dir = parent;
  }

  Workspace ws;
  ws.root = dir;
  ws.kind = WorkspaceKind::kIsolated;
  ws.dg_config = std::make_shared<const pyproject::DgConfig>(std::move(*config));
  fs::path start = options.start.lexically_normal();
  if (ws.dg_config->workspace) {
    for (const pyproject::DgProjectSpec& spec : ws.dg_config->workspace->projects) {
      fs::path project_dir = (dir / spec.path).lexically_normal();
      if (project_dir.filename().empty()) project_dir = project_dir.parent_path();
      Result<pyproject::PyProject> file = pyproject::read_pyproject(project_dir / "pyproject.toml");
      if (!file.ok()) {
        return std::move(file).error().with_context("while reading the dg workspace project `" +
                                                    spec.path + "` listed in " +
                                                    ws.dg_config->source->path());
      }
      if (!file->project) {
        return make_error(ErrorKind::kUsage, "No `project` table found in: " +
                                                 (project_dir / "pyproject.toml").string());
      }
      Member m{file->project->name, project_dir, false, true,
               std::make_shared<const pyproject::PyProject>(std::move(file).value())};
      for (const Member& other : ws.members) {
        if (other.name == m.name) {
          return make_error(ErrorKind::kUsage, "Two workspace projects are both named `" +
                                                   m.name.str() + "`: `" + other.path.string() +
                                                   "` and `" + m.path.string() + "`");
        }
      }
      std::string rel = start.lexically_relative(project_dir).generic_string();
      if (!rel.empty() && rel.rfind("..", 0) != 0) ws.current = m.name;
      ws.members.push_back(std::move(m));
    }
  }
  std::sort(ws.members.begin(), ws.members.end(),
            [](const Member& a, const Member& b) { return a.name < b.name; });
  return std::optional<Workspace>(std::move(ws));
}

}  // namespace roost::workspace
