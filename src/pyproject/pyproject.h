// pyproject.toml: PEP 621 `[project]`, PEP 735 `[dependency-groups]`, PEP 518 `[build-system]`,
// uv's `[tool.uv]` and dg's `[tool.dg]`, parsed with every error pointing at the text.
//
//   ROOST_TRY(PyProject p, read_pyproject("packages/seeds/pyproject.toml"));
//   if (p.project) use(p.project->name);
//   for (const Warning& w : p.warnings) reporter.warn(w.render());
//
//   PyProjectCheck c = check_pyproject(text, path);   // every error of the file, for `check`
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "pyproject/dependency_groups.h"
#include "pyproject/dg_config.h"
#include "pyproject/project.h"
#include "pyproject/source_file.h"
#include "pyproject/tool_uv.h"

namespace roost::pyproject {

struct PyProject {
  // The file's path (as given) and text; source->directory() is what relative paths written in
  // the file (sources, workspace members, dg paths) are relative to.
  std::shared_ptr<const SourceFile> source;

  std::optional<Project> project;
  DependencyGroups dependency_groups;
  std::optional<BuildSystem> build_system;
  std::optional<ToolUv> tool_uv;
  std::optional<DgConfig> tool_dg;
  std::vector<Warning> warnings;

  const std::string& path() const { return source->path(); }
  std::filesystem::path directory() const { return source->directory(); }
  bool has_workspace() const { return tool_uv && tool_uv->workspace.has_value(); }
  // uv's `tool.uv.managed` (default true).
  bool is_managed() const { return !tool_uv || tool_uv->managed.value_or(true); }

  // All groups flattened, with `tool.uv.dev-dependencies` merged into `dev` (uv's semantics).
  Result<ResolvedGroups> resolved_dependency_groups() const;
};

// Every problem of one file at once: `pyproject` is filled as far as it could be (a table
// with an error is left out; absent only when the TOML itself does not parse).
struct PyProjectCheck {
  std::optional<PyProject> pyproject;
  std::vector<Error> errors;
  std::vector<Warning> warnings;
};

// `file` names the file in errors (`file:line:col: message`) and gives its directory.
PyProjectCheck check_pyproject(std::string_view text, std::string_view file);
// The first error of check_pyproject(), or the model (warnings inside).
Result<PyProject> parse_pyproject(std::string_view text, std::string_view file);
// The same for a SourceFile the caller made (its text moved in, not copied), the model built
// straight into shared storage: what workspace discovery keeps for each of its members.
Result<std::shared_ptr<const PyProject>> parse_pyproject(std::shared_ptr<const SourceFile> file);
PyProjectCheck check_pyproject(std::shared_ptr<const SourceFile> file);
// Reads `path` (base/fs.h) and parses it; an unreadable file is kNotFound / kIo.
Result<PyProject> read_pyproject(const std::filesystem::path& path);
PyProjectCheck check_pyproject_file(const std::filesystem::path& path);

}  // namespace roost::pyproject
