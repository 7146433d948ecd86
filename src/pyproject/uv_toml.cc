// uv.toml entry points (see uv_toml.h).
#include "pyproject/uv_toml.h"

#include "base/fs.h"
#include "pyproject/parsers.h"

namespace roost::pyproject {
namespace {

Result<UvToml> parse_source(std::shared_ptr<const SourceFile> file) {
  detail::Diagnostics d(*file);
  UvToml out;
  out.source = file;
  if (std::optional<toml::Table> document = detail::parse_document(d)) {
    toml::SourceRange whole = document->range();
    detail::parse_tool_uv(d, toml::Value(std::move(*document), whole), out.tool);
  }
  detail::sort_by_position(d.errors());
  if (!d.errors().empty()) return std::move(d.errors().front());
  out.warnings = std::move(d.warnings());
  // [tool.uv]'s reader names its table; here the table is the file.
  for (Warning& w : out.warnings) {
    for (size_t at = w.message.find("`tool.uv`"); at != std::string::npos;
         at = w.message.find("`tool.uv`", at)) {
      w.message.replace(at, 9, "`uv.toml`");
    }
  }
  return out;
}

}  // namespace

Result<UvToml> parse_uv_toml(std::string_view text, std::string_view file) {
  return parse_source(std::make_shared<const SourceFile>(std::string(file), std::string(text)));
}

Result<std::optional<UvToml>> read_uv_toml_if_exists(const std::filesystem::path& path) {
  ROOST_TRY(std::optional<std::string> text, read_file_if_exists(path));
  if (!text) return std::optional<UvToml>();
  ROOST_TRY(UvToml parsed,
            parse_source(std::make_shared<const SourceFile>(path.string(), std::move(*text))));
  return std::optional<UvToml>(std::move(parsed));
}

}  // namespace roost::pyproject
