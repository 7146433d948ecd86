// pyproject.toml entry points: one pass over the document's tables, then the checks that need
// more than one table (include-group targets, `[tool.uv.dependency-groups]` names).
#include "pyproject/pyproject.h"

#include "base/fs.h"
#include "pyproject/parsers.h"

namespace roost::pyproject {
namespace {

// uv: `[tool.uv.dependency-groups]` may only describe groups that [dependency-groups] declares.
void check_group_settings(detail::Diagnostics& d, const PyProject& p) {
  if (!p.tool_uv) return;
  bool only_dev_dependencies = p.tool_uv->dev_dependencies.has_value();
  for (const auto& [name, settings] : p.tool_uv->group_settings) {
    if (p.dependency_groups.count(name) != 0) continue;
    int length = static_cast<int>(name.str().size());
    if (only_dev_dependencies && name.str() == "dev") {
      d.error_at(settings.location, length,
                 "`[tool.uv.dependency-groups]` specifies the `dev` group, but only "
                 "`tool.uv.dev-dependencies` was found. To reference the `dev` group, remove the "
                 "`tool.uv.dev-dependencies` section and add any development dependencies to the "
                 "`dev` entry in the `[dependency-groups]` table instead.");
    } else {
      d.error_at(
          settings.location, length,
          "Failed to find group `" + name.str() + "` specified in `[tool.uv.dependency-groups]`");
    }
  }
}

void read_tool(detail::Diagnostics& d, const toml::Value& node,
               const std::shared_ptr<const SourceFile>& file, PyProject& out) {
  const toml::Table* tool = detail::read_table(d, node, "tool");
  if (tool == nullptr) return;
  if (const toml::Value* uv = tool->get("uv")) {
    // Read in place (a ToolUv is ~0.5 KB of maps and vectors); a non-table leaves nothing.
    detail::parse_tool_uv(d, *uv, out.tool_uv.emplace());
    if (!uv->is_table()) out.tool_uv.reset();
  }
  if (const toml::Value* dg = tool->get("dg")) {
    if (const toml::Table* table = detail::read_table(d, *dg, "tool.dg")) {
      DgConfig config;
      config.source = file;
      config.from_pyproject = true;
      if (detail::parse_dg(d, *table, "tool.dg", config)) out.tool_dg = std::move(config);
    }
  }
  // Other tools' tables are theirs.
}

// Reads the document into `p` (built where the caller keeps it: a PyProject is ~1.7 KB, and
// moving it through optionals and Results cost as much as reading a small file's [project]).
// False when the TOML itself does not parse; every problem is in `d`.
bool read_into(detail::Diagnostics& d, const std::shared_ptr<const SourceFile>& file,
               PyProject& p) {
  std::optional<toml::Table> document = detail::parse_document(d);
  if (!document) return false;
  p.source = file;
  // Tables in a fixed order; other top-level keys are reserved for future PEPs and ignored.
  if (const toml::Value* n = document->get("project")) detail::parse_project(d, *n, p.project);
  if (const toml::Value* n = document->get("build-system")) {
    detail::parse_build_system(d, *n, p.build_system);
  }
  if (const toml::Value* n = document->get("dependency-groups")) {
    detail::parse_dependency_groups(d, *n, p.dependency_groups);
  }
  if (const toml::Value* n = document->get("tool")) read_tool(d, *n, file, p);

  bool has_dev_dependencies = p.tool_uv && p.tool_uv->dev_dependencies.has_value();
  for (Error& e : check_dependency_groups(p.dependency_groups, has_dev_dependencies, file.get())) {
    d.push(std::move(e));
  }
  check_group_settings(d, p);
  detail::sort_by_position(d.errors());
  return true;
}

PyProjectCheck check_source(const std::shared_ptr<const SourceFile>& file) {
  detail::Diagnostics d(*file);
  PyProjectCheck check;
  check.pyproject.emplace();
  if (read_into(d, file, *check.pyproject)) {
    PyProject& p = *check.pyproject;
    p.warnings = d.warnings();
    if (p.tool_dg) p.tool_dg->warnings = p.warnings;  // dg's own warnings are among them
  } else {
    check.pyproject.reset();
  }
  check.errors = std::move(d.errors());
  check.warnings = std::move(d.warnings());
  return check;
}

Result<PyProject> first_error_or_pyproject(PyProjectCheck check) {
  if (!check.errors.empty()) return std::move(check.errors.front());
  return std::move(*check.pyproject);
}

}  // namespace

Result<ResolvedGroups> PyProject::resolved_dependency_groups() const {
  const std::vector<Dependency>* dev = nullptr;
  if (tool_uv && tool_uv->dev_dependencies) dev = &*tool_uv->dev_dependencies;
  return resolve_dependency_groups(dependency_groups, dev, source.get());
}

PyProjectCheck check_pyproject(std::string_view text, std::string_view file) {
  return check_source(std::make_shared<const SourceFile>(std::string(file), std::string(text)));
}

Result<PyProject> parse_pyproject(std::string_view text, std::string_view file) {
  return first_error_or_pyproject(check_pyproject(text, file));
}

PyProjectCheck check_pyproject_file(const std::filesystem::path& path) {
  Result<std::string> text = read_file(path);
  if (!text) {
    PyProjectCheck check;
    check.errors.push_back(std::move(text).error());
    return check;
  }
  return check_source(std::make_shared<const SourceFile>(path.string(), std::move(text).value()));
}

Result<std::shared_ptr<const PyProject>> parse_pyproject(std::shared_ptr<const SourceFile> file) {
  detail::Diagnostics d(*file);
  auto p = std::make_shared<PyProject>();
  bool parsed = read_into(d, file, *p);
  if (!d.errors().empty()) return std::move(d.errors().front());
  // A document that does not parse has recorded why: not reached.
  if (!parsed) return make_error(ErrorKind::kParse, "cannot parse " + file->path());
  p->warnings = std::move(d.warnings());
  if (p->tool_dg) p->tool_dg->warnings = p->warnings;
  return std::shared_ptr<const PyProject>(std::move(p));
}

PyProjectCheck check_pyproject(std::shared_ptr<const SourceFile> file) {
  return check_source(file);
}

Result<PyProject> read_pyproject(const std::filesystem::path& path) {
  ROOST_TRY(std::string text, read_file(path));
  return first_error_or_pyproject(
      check_source(std::make_shared<const SourceFile>(path.string(), std::move(text))));
}

}  // namespace roost::pyproject
