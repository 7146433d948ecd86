// Internal to src/lock/: the pieces of uv's lockfile layout (uv-resolver's LockWriter): headers
// after a blank line, `key = value` lines, one-line inline tables, arrays with one element per
// line (4 spaces, trailing comma) or on one line.
#pragma once

#include <charconv>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "lock/lockfile.h"
#include "lock/toml_text.h"

namespace roost::lock::detail {

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void raw(std::string_view text) { out_ += text; }
  void string(std::string_view value) { append_toml_string(out_, value); }
  void number(uint64_t value) {
    char buffer[24];
    auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    out_.append(buffer, end);
  }
  void key_start(std::string_view key) {
    append_toml_key(out_, key);
    out_ += " = ";
  }
  void key_string(std::string_view key, std::string_view value) {
    key_start(key);
    string(value);
    out_ += '\n';
  }
  // "\n[a.b]\n" or "\n[[a.b]]\n": every header follows a blank line.
  void header(std::initializer_list<std::string_view> path, bool array_of_tables = false);
  // `key = [\n    "a",\n    "b",\n]\n`
  void multiline_strings(std::string_view key, const std::vector<std::string>& values);
  // `["a", "b"]` (no newline)
  void inline_strings(const std::vector<std::string>& values);

  // Inline tables: `{ a = 1, b = 2 }`, `{}` when nothing was written.
  void start_inline() { out_ += '{'; }
  void inline_key(bool& first, std::string_view key) {
    out_ += first ? " " : ", ";
    first = false;
    key_start(key);
  }
  void inline_string(bool& first, std::string_view key, std::string_view value) {
    inline_key(first, key);
    string(value);
  }
  void finish_inline(bool first) { out_ += first ? "}" : " }"; }

 private:
  std::string& out_;
};

// `{ name = "x", extras = [...], marker = "...", specifier = "..." }`: uv's Requirement, keys in
// its serialisation order.
void write_requirement(Writer& w, const Requirement& requirement);
// `key = [...]`: on one line when it has at most one element, else one per line (uv's
// "serialized" arrays). `keep_empty` writes `key = []` rather than nothing.
void write_requirements(Writer& w, std::string_view key, const std::vector<Requirement>& list,
                        bool keep_empty = false);
// `{ package = "x", extra = "y" }`
void write_conflict_item(Writer& w, const ConflictItem& item);
// The `[[package]]` table and its sub-tables.
void write_package(Writer& w, const Package& package);

}  // namespace roost::lock::detail
