// Internal to src/pyproject/: typed, error-collecting reads over a parsed TOML document
// (src/toml/), shared by the pyproject.toml and dg.toml readers.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "pyproject/project.h"
#include "pyproject/source_file.h"
#include "toml/line_index.h"
#include "toml/value.h"

namespace roost::pyproject::detail {

// "a string", "an integer", "a table", ... for "found ..." messages.
inline std::string_view describe(const toml::Value& node) {
  return toml::describe(node.type());
}

// Collects the errors and warnings of one file, each with a span into it.
class Diagnostics {
 public:
  explicit Diagnostics(const SourceFile& file) : file_(file), lines_(file.text()) {}

  const SourceFile& file() const { return file_; }
  std::vector<Error>& errors() { return errors_; }
  std::vector<Warning>& warnings() { return warnings_; }
  size_t error_count() const { return errors_.size(); }

  // Where `range` starts, as line:column.
  Location location(toml::SourceRange range);

  // An error whose caret covers `region` (its first line).
  Error& error(toml::SourceRange region, std::string message);
  Error& error_at(Location location, int length, std::string message);
  void warn(WarningKind kind, toml::SourceRange region, std::string message);
  void push(Error error) { errors_.push_back(std::move(error)); }

  // A kParse error from pep440 / pep508 about the string at `region` (a value or a key):
  // "`path`: <inner message>", at the inner column when the string is written without
  // escapes, else at the whole string.
  void inner_error(toml::SourceRange region, std::string_view value, const Error& inner,
                   std::string_view path);

 private:
  // Characters of `range` on its first line (at least 1), for carets.
  int caret_length(toml::SourceRange range) const;

  const SourceFile& file_;
  // Readers ask for positions mostly in written order; a cursor needs no index (see LineCursor).
  toml::LineCursor lines_;
  std::vector<Error> errors_;
  std::vector<Warning> warnings_;
};

// The whole document, or nullopt after reporting the syntax error ("invalid TOML: ...").
std::optional<toml::Table> parse_document(Diagnostics& d);
// Errors in file order (the readers visit tables in a fixed order, not as written).
void sort_by_position(std::vector<Error>& errors);

// Joins the parts of a message. (Also keeps GCC 12's -Wrestrict false positive on
// `"literal" + std::string&&` out of -Werror release builds.)
std::string cat(std::initializer_list<std::string_view> parts);

// "tool.uv" + "sources" -> "tool.uv.sources"; "" + "x" -> "x".
std::string join_key(std::string_view prefix, std::string_view key);
// "project.dependencies" + 2 -> "project.dependencies[2]".
std::string index_key(std::string_view path, size_t index);

// Typed reads: on a type mismatch they report "`path` must be <what>, found <type>" and return
// null / nullopt.
const std::string* read_string(Diagnostics& d, const toml::Value& node, std::string_view path);
std::optional<bool> read_bool(Diagnostics& d, const toml::Value& node, std::string_view path);
const toml::Table* read_table(Diagnostics& d, const toml::Value& node, std::string_view path);
const toml::Array* read_array(Diagnostics& d, const toml::Value& node, std::string_view path,
                              std::string_view what = "an array");

// An array of strings; wrong elements are reported one by one and skipped.
std::vector<Located<std::string>> read_string_array(Diagnostics& d, const toml::Value& node,
                                                    std::string_view path);
std::vector<std::string> read_plain_string_array(Diagnostics& d, const toml::Value& node,
                                                 std::string_view path);

// One PEP 508 requirement string / an array of them.
std::optional<Dependency> read_requirement(Diagnostics& d, const toml::Value& node,
                                           std::string_view path);
std::vector<Dependency> read_requirements(Diagnostics& d, const toml::Value& node,
                                          std::string_view path);

// "unknown field `k` in `path`, expected one of `a`, `b`, or `c`" (serde's wording, with the
// table named).
std::string unknown_field_message(std::string_view key, std::string_view path,
                                  const std::vector<std::string_view>& expected);

}  // namespace roost::pyproject::detail
