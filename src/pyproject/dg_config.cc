// dg.toml entry points (check / parse / read) and the documented defaults of a dg project.
#include "pyproject/dg_config.h"

#include "base/fs.h"
#include "pyproject/parsers.h"

namespace roost::pyproject {
namespace {

DgCheck check_dg_source(std::shared_ptr<const SourceFile> file) {
  detail::Diagnostics d(*file);
  DgCheck check;
  if (std::optional<toml::Table> document = detail::parse_document(d)) {
    DgConfig config;
    config.source = file;
    if (detail::parse_dg(d, *document, "", config)) check.config = std::move(config);
  }
  detail::sort_by_position(d.errors());
  check.errors = std::move(d.errors());
  check.warnings = std::move(d.warnings());
  if (check.config) check.config->warnings = check.warnings;
  return check;
}

Result<DgConfig> first_error_or_config(DgCheck check) {
  if (!check.errors.empty()) return std::move(check.errors.front());
  return std::move(*check.config);
}

}  // namespace

std::string_view to_string(DgDirectoryType type) {
  switch (type) {
    case DgDirectoryType::kWorkspace:
      return "workspace";
    case DgDirectoryType::kProject:
      return "project";
    case DgDirectoryType::kDeployment:
      return "deployment";
  }
  return "workspace";
}

std::string DgConfig::defs_module() const {
  if (!project) return {};
  return project->defs_module.value_or(project->root_module + ".defs");
}

std::string DgConfig::code_location_target_module() const {
  if (!project) return {};
  return project->code_location_target_module.value_or(project->root_module + ".definitions");
}

std::string DgConfig::code_location_name() const {
  if (project && project->code_location_name) return *project->code_location_name;
  return directory().lexically_normal().filename().string();
}

DgCheck check_dg_toml(std::string_view text, std::string_view file) {
  return check_dg_source(std::make_shared<const SourceFile>(std::string(file), std::string(text)));
}

Result<DgConfig> parse_dg_toml(std::string_view text, std::string_view file) {
  return first_error_or_config(check_dg_toml(text, file));
}

Result<DgConfig> read_dg_toml(const std::filesystem::path& path) {
  ROOST_TRY(std::string text, read_file(path));
  return first_error_or_config(
      check_dg_source(std::make_shared<const SourceFile>(path.string(), std::move(text))));
}

}  // namespace roost::pyproject
