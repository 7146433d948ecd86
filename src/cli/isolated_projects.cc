// One command over every project of a dg workspace (see isolated_projects.h).
#include "cli/isolated_projects.h"

#include <algorithm>
#include <set>
#include <system_error>

#include "cli/app.h"
#include "cli/project_discovery.h"

namespace roost::cli {
namespace {

namespace fs = std::filesystem;

std::string relative_to(const fs::path& dir, const fs::path& root) {
  std::string shown = dir.lexically_relative(root).generic_string();
  return shown.empty() ? "." : shown;
}

// An error over a stale lock (or an unsolvable one) over success.
int worse(int a, int b) {
  auto rank = [](int code) { return code == kExitOk ? 0 : code == kExitFailure ? 1 : 2; };
  return rank(b) > rank(a) ? b : a;
}

}  // namespace

std::vector<IsolatedProject> isolated_projects(const workspace::Workspace& dg) {
  std::vector<IsolatedProject> out;
  std::error_code ec;
  if (fs::is_regular_file(dg.root / "pyproject.toml", ec)) {
    // Kept only if it is a uv project (see for_each_isolated_project): a pyproject.toml that
    // holds nothing but dg's settings is no project.
    out.push_back({".", dg.root, ""});
  }
  auto name_of = [&](const fs::path& dir) {
    for (const workspace::Member& m : dg.members) {
      if (m.path == dir) return m.name.str();
    }
    return std::string();
  };
  if (dg.dg_config && dg.dg_config->workspace) {
    for (const pyproject::DgProjectSpec& spec : dg.dg_config->workspace->projects) {
      fs::path dir = (dg.root / spec.path).lexically_normal();
      out.push_back({relative_to(dir, dg.root), dir, name_of(dir)});
    }
  }
  return out;
}

Result<IsolatedProject> find_isolated_project(const workspace::Workspace& dg,
                                              std::string_view wanted) {
  std::vector<IsolatedProject> projects = isolated_projects(dg);
  for (IsolatedProject& p : projects) {
    if ((!p.name.empty() && p.name == wanted) || p.shown == wanted) return std::move(p);
  }
  std::string names;
  for (const IsolatedProject& p : projects) {
    if (!p.name.empty()) names += (names.empty() ? "`" : ", `") + p.name + "`";
  }
  return Error(ErrorKind::kUsage, "`" + std::string(wanted) +
                                      "` is not a project of the dg workspace at " +
                                      dg.root.string())
      .with_hint("its projects are " + (names.empty() ? "none" : names));
}

int for_each_isolated_project(
    Output& output, const GlobalOptions& globals, const workspace::Workspace& dg,
    const std::vector<std::string>& only,
    const std::function<int(const GlobalOptions&, const workspace::Workspace&)>& each) {
  std::vector<IsolatedProject> projects = isolated_projects(dg);
  for (const std::string& wanted : only) {
    Result<IsolatedProject> known = find_isolated_project(dg, wanted);
    if (!known) return output.error(known.error()), kExitError;
  }
  int worst = kExitOk;
  std::set<fs::path> done;  // uv workspace roots: projects of one uv workspace share a lock
  for (const IsolatedProject& p : projects) {
    if (!only.empty() && std::find(only.begin(), only.end(), p.name) == only.end() &&
        std::find(only.begin(), only.end(), p.shown) == only.end()) {
      continue;
    }
    GlobalOptions inside = globals;
    inside.project = p.dir.string();
    Result<workspace::Workspace> ws = workspace::discover_uv_workspace(discovery_options(inside));
    if (p.shown == ".") {
      // The root's pyproject.toml counts when it is a uv project of its own.
      if (!ws.ok() || ws->root != dg.root) continue;
    }
    if (ws.ok() && !done.insert(ws->root).second) continue;
    std::string heading = p.name.empty() || p.name == p.shown
                              ? "`" + p.shown + "`"
                              : "`" + p.name + "` (" + p.shown + ")";
    if (ws.ok() && ws->root != p.dir) heading += ", in the uv workspace at " + ws->root.string();
    output.info("Project " + heading + ":\n");
    if (!ws.ok()) {
      output.error(ws.error());
      worst = worse(worst, kExitError);
      continue;
    }
    print_warnings(ws->warnings(), ws->root, output);
    worst = worse(worst, each(inside, *ws));
  }
  return worst;
}

}  // namespace roost::cli
