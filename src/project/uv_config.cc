// uv's configuration files, found and layered (see uv_config.h).
#include "project/uv_config.h"

#include <system_error>

#include "base/fs.h"

namespace roost::project {
namespace {

namespace fs = std::filesystem;

}  // namespace

Result<UvConfig> UvConfig::load(const workspace::Workspace* ws, const ConfigInputs& inputs) {
  UvConfig config;
  config.inputs_ = inputs;
  if (inputs.no_config) return config;
  auto add_file = [&](const fs::path& path) -> Result<bool> {
    ROOST_TRY(std::optional<pyproject::UvToml> file, pyproject::read_uv_toml_if_exists(path));
    if (!file) return false;
    auto shared = std::make_shared<const pyproject::UvToml>(std::move(*file));
    config.levels_.push_back({&shared->tool, shared->source.get(), false});
    config.files_.push_back(std::move(shared));
    return true;
  };
  if (inputs.config_file) {
    ROOST_TRY(bool found, add_file(*inputs.config_file));
    if (!found) {
      return Error(ErrorKind::kNotFound,
                   "the configuration file " + inputs.config_file->string() + " does not exist");
    }
    return config;
  }
  // The project level: the first directory, from the root up, with a uv.toml or a
  // pyproject.toml that has [tool.uv].
  fs::path dir = ws != nullptr ? ws->root : inputs.start;
  for (; !dir.empty(); dir = dir.parent_path()) {
    ROOST_TRY(bool found, add_file(dir / "uv.toml"));
    if (found) break;
    std::shared_ptr<const pyproject::PyProject> file;
    if (ws != nullptr && dir == ws->root) {
      file = ws->root_pyproject;
    } else if (is_file(dir / "pyproject.toml")) {
      // uv warns about a pyproject.toml it cannot read here and goes on; so does the caller's
      // own discovery, which reports it where it matters.
      Result<pyproject::PyProject> read = pyproject::read_pyproject(dir / "pyproject.toml");
      if (read.ok()) file = std::make_shared<const pyproject::PyProject>(std::move(read).value());
    }
    if (file && file->tool_uv) {
      config.levels_.push_back({&*file->tool_uv, file->source.get(), true});
      config.pyprojects_.push_back(std::move(file));
      break;
    }
    if (dir == dir.root_path()) break;
  }
  for (const std::vector<fs::path>* candidates : {&inputs.user_files, &inputs.system_files}) {
    for (const fs::path& path : *candidates) {
      ROOST_TRY(bool found, add_file(path));
      if (found) break;
    }
  }
  return config;
}

std::pair<const pyproject::RawValue*, const ConfigLevel*> UvConfig::setting(
    std::string_view key) const {
  for (const ConfigLevel& level : levels_) {
    if (const pyproject::RawValue* v = level.tool->setting(key)) return {v, &level};
  }
  return {nullptr, nullptr};
}

std::vector<std::pair<const pyproject::RawValue*, const ConfigLevel*>> UvConfig::all(
    std::string_view key) const {
  std::vector<std::pair<const pyproject::RawValue*, const ConfigLevel*>> out;
  for (const ConfigLevel& level : levels_) {
    if (const pyproject::RawValue* v = level.tool->setting(key)) out.emplace_back(v, &level);
  }
  return out;
}

std::vector<pyproject::Warning> UvConfig::warnings() const {
  std::vector<pyproject::Warning> out;
  for (const auto& file : files_)
    out.insert(out.end(), file->warnings.begin(), file->warnings.end());
  return out;
}

Error UvConfig::error_at(const ConfigLevel& level, const pyproject::RawValue& value,
                         std::string message) const {
  Error e(ErrorKind::kUsage, std::move(message));
  if (value.location.line > 0) return std::move(e).with_span(level.source->span(value.location));
  return e;
}

}  // namespace roost::project
