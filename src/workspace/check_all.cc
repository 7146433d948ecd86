// `roost workspace check`: discovery in collecting mode, then the per-workspace checks, so one
// run reports every problem.
#include "workspace/check.h"

namespace roost::workspace {
namespace {

// Source and Python-range checks of one uv workspace, appended to `out`.
void check_uv_workspace(const Workspace& ws, WorkspaceCheck& out) {
  for (Error& e : check_sources(ws)) out.errors.push_back(std::move(e));
  Result<std::optional<pep440::SpecifierSet>> python = workspace_requires_python(ws);
  if (!python.ok()) out.errors.push_back(std::move(python).error());
  for (const pyproject::Warning& w : ws.warnings()) out.warnings.push_back(w);
}

}  // namespace

WorkspaceCheck check_workspace(const DiscoveryOptions& options) {
  WorkspaceCheck out;
  Result<std::optional<Workspace>> dg = discover_dg_workspace(options);
  if (!dg.ok()) {
    out.errors.push_back(std::move(dg).error());
    return out;
  }
  if (*dg) {
    const Workspace& ws = **dg;
    if (ws.dg_config) {
      for (const pyproject::Warning& w : ws.dg_config->warnings) out.warnings.push_back(w);
    }
    for (const Member& project : ws.members) {
      std::vector<Error> sink;
      Result<Workspace> inner = discover_uv_workspace_collecting({project.path, false}, &sink);
      for (Error& e : sink) out.errors.push_back(std::move(e));
      if (inner.ok()) check_uv_workspace(*inner, out);
      else if (sink.empty()) out.errors.push_back(std::move(inner).error());
    }
    out.workspace = std::move(**dg);
    return out;
  }
  std::vector<Error> sink;
  Result<Workspace> ws = discover_uv_workspace_collecting(options, &sink);
  for (Error& e : sink) out.errors.push_back(std::move(e));
  if (!ws.ok()) {
    if (sink.empty()) out.errors.push_back(std::move(ws).error());
    return out;
  }
  check_uv_workspace(*ws, out);
  out.workspace = std::move(ws).value();
  return out;
}

}  // namespace roost::workspace
