// uv's persistent configuration, as uv's "configuration files" documentation describes it:
// 1. the project level: in the workspace root (or, outside any project, the working directory)
//    or the nearest directory above it, a `uv.toml`, else a `pyproject.toml` with `[tool.uv]`
//    (a `uv.toml` beside a pyproject.toml wins over its `[tool.uv]`);
// 2. the user level: the first of `$XDG_CONFIG_HOME/uv/uv.toml`, `~/.config/uv/uv.toml`;
// 3. the system level: the first of `$XDG_CONFIG_DIRS/uv/uv.toml` (default `/etc/xdg`) and
//    `/etc/uv/uv.toml`.
// A setting comes from the first level that has it; lists and tables are merged, the project
// level first. `--config-file` replaces every level; `--no-config` removes them. The CLI works
// out the candidate paths (it alone reads the environment) and applies the flags and `UV_*`
// variables over this.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "pyproject/pyproject.h"
#include "pyproject/uv_toml.h"
#include "workspace/workspace.h"

namespace roost::project {

struct ConfigInputs {
  std::filesystem::path start;  // where the project-level search starts without a workspace
  bool no_config = false;
  std::optional<std::filesystem::path> config_file;  // replaces every discovered file
  std::vector<std::filesystem::path> user_files;     // candidates, first existing one used
  std::vector<std::filesystem::path> system_files;   // likewise
};

// One configuration file's settings ([tool.uv]-shaped).
struct ConfigLevel {
  const pyproject::ToolUv* tool = nullptr;
  const pyproject::SourceFile* source = nullptr;  // its path, text (errors) and directory
  bool is_pyproject = false;  // a pyproject.toml's [tool.uv] (its own indexes are read elsewhere)
};

class UvConfig {
 public:
  // With `ws`, the search starts at its root and its root pyproject is the one already read.
  static Result<UvConfig> load(const workspace::Workspace* ws, const ConfigInputs& inputs);

  // The first level that sets `key` (a setting [tool.uv] keeps as data), and that level.
  std::pair<const pyproject::RawValue*, const ConfigLevel*> setting(std::string_view key) const;
  // Every level that sets `key`, the project level first.
  std::vector<std::pair<const pyproject::RawValue*, const ConfigLevel*>> all(
      std::string_view key) const;
  const std::vector<ConfigLevel>& levels() const { return levels_; }
  const ConfigInputs& inputs() const { return inputs_; }
  // The uv.toml files' warnings (unknown keys, deprecated ones); a pyproject.toml's are
  // discovery's to report.
  std::vector<pyproject::Warning> warnings() const;
  // An error about `value`, pointing at its file and line.
  Error error_at(const ConfigLevel& level, const pyproject::RawValue& value,
                 std::string message) const;

 private:
  std::vector<std::shared_ptr<const pyproject::UvToml>> files_;
  std::vector<std::shared_ptr<const pyproject::PyProject>> pyprojects_;
  std::vector<ConfigLevel> levels_;
  ConfigInputs inputs_;  // what it was loaded from (the files a change of would matter)
};

}  // namespace roost::project
