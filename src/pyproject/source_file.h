// Positions in a TOML file, the file's text kept for caret diagrams, and the structured warnings
// the pyproject.toml / dg.toml parsers return (nothing below cli/ prints).
//
//   Span s = pyproject.source->span(source.location);   // for an error found later, e.g. in
//   Error e = make_error(ErrorKind::kUsage, msg).with_span(std::move(s));  // workspace lowering
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.h"

namespace roost::pyproject {

// Where something was written: 1-based line and column (columns count UTF-8 characters, as the
// caret of Error::render() does). {0, 0} means unknown.
struct Location {
  uint32_t line = 0;
  uint32_t column = 0;
  friend bool operator==(const Location&, const Location&) = default;
};

// A value with the place it was written.
template <typename T>
struct Located {
  T value;
  Location location;
};

// A parsed file's path and text. Models keep a shared pointer to it so later layers can point
// at what the user wrote (e.g. "references an undeclared index") with a caret.
class SourceFile {
 public:
  SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {}

  // As given to the parser (may be relative, or empty for in-memory text).
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  // The declaring file's directory: relative paths written in the file (sources, members,
  // dg project paths) are relative to it. Empty means the current directory.
  std::filesystem::path directory() const { return std::filesystem::path(path_).parent_path(); }

  // Line `number` (1-based) without its line break; empty past the end.
  std::string_view line(uint32_t number) const;
  // A Span for Error::with_span(): this file, the location, the source line and a caret of
  // `length` characters.
  Span span(Location location, int length = 1) const;

 private:
  std::string path_;
  std::string text_;
};

enum class WarningKind : uint8_t {
  kDeprecatedDevDependencies,      // `tool.uv.dev-dependencies` (uv: use `dependency-groups.dev`)
  kUnknownToolUvField,             // a key under [tool.uv] (or a sub-table uv does not check) that
                                   // uv does not know; uv warns and carries on, so do we
  kDgDeprecatedPythonEnvironment,  // `[tool.dg.project.python_environment]`
};

// A problem that does not stop the parse. The CLI decides how to show it.
struct Warning {
  WarningKind kind;
  std::string message;
  Span span;  // file, line, column, source line

  // "file:line:col: message", the source line and a caret (as Error::render()).
  std::string render() const;
};

}  // namespace roost::pyproject
