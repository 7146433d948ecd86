// uv.toml: uv's configuration file, the settings of `[tool.uv]` at its top level (uv's
// "configuration files": the project's directory or one above it, ~/.config/uv/uv.toml,
// /etc/uv/uv.toml). Parsed with [tool.uv]'s reader, so a value is checked as it would be there
// and every error points at the file and line.
//
//   ROOST_TRY(std::optional<UvToml> config, read_uv_toml_if_exists(dir / "uv.toml"));
//   if (config) use(config->tool.setting("index-url"));
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "pyproject/source_file.h"
#include "pyproject/tool_uv.h"

namespace roost::pyproject {

struct UvToml {
  std::shared_ptr<const SourceFile> source;
  ToolUv tool;
  std::vector<Warning> warnings;
  const std::string& path() const { return source->path(); }
  std::filesystem::path directory() const { return source->directory(); }
};

Result<UvToml> parse_uv_toml(std::string_view text, std::string_view file);
// nullopt when there is no such file.
Result<std::optional<UvToml>> read_uv_toml_if_exists(const std::filesystem::path& path);

}  // namespace roost::pyproject
