// Internal to src/toml/: the parser's state. parse.cc holds the document structure (headers,
// key/value lines, the table-definition rules); parse_value.cc the values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "toml/builder.h"
#include "toml/value.h"

namespace roost::toml::detail {

// The first syntax error: what, where, and optionally where the clashing definition was.
struct Failure {
  std::string message;
  uint32_t offset = 0;
  uint32_t length = 1;
  int64_t earlier_offset = -1;  // "(first written at line N)" when >= 0
};

struct KeyPart {
  std::string text;  // decoded
  SourceRange range;
};

class Parser {
 public:
  explicit Parser(std::string_view text)
      : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()) {
    key_.reserve(4);  // `[tool.uv.sources]` grew it three times
  }

  // Fills `root`; false after recording the failure.
  bool parse_document(Table& root);
  const Failure& failure() const { return failure_; }

 private:
  // --- parse.cc: structure ---
  bool parse_header(Table& root, Table*& current);
  bool parse_key_value_line(Table& current);
  // Takes `value` by rvalue: each by-value hop moved an 80-byte variant once more.
  bool insert(Table& table, std::vector<KeyPart>& key, Value&& value, bool in_inline);
  bool end_of_line();  // whitespace, an optional comment, then a newline or the end

  // --- parse_value.cc: values ---
  bool parse_key(std::vector<KeyPart>& out);
  bool parse_value(Value& out);
  bool parse_basic_string(std::string& out);
  bool parse_literal_string(std::string& out);
  bool parse_multiline_string(std::string& out, char quote);
  bool parse_escape(std::string& out);
  bool parse_number_or_datetime(Value& out);
  bool parse_number(Value& out);
  bool parse_datetime(Value& out);
  bool parse_array(Value& out);
  bool parse_inline_table(Value& out);
  // Whitespace, newlines and comments, as allowed between array elements.
  bool skip_array_space();
  bool skip_comment();  // at '#': to the end of the line, refusing control characters

  void skip_whitespace() {
    const char* q = p_;
    while (q < end_ && (*q == ' ' || *q == '\t')) ++q;
    p_ = q;
  }
  bool at(char c) const { return p_ < end_ && *p_ == c; }
  bool at(std::string_view s) const {
    return static_cast<size_t>(end_ - p_) >= s.size() && std::string_view(p_, s.size()) == s;
  }
  uint32_t offset(const char* at) const { return static_cast<uint32_t>(at - begin_); }
  uint32_t offset() const { return offset(p_); }
  SourceRange range_from(const char* start) const {
    return {offset(start), static_cast<uint32_t>(p_ - start)};
  }
  // Records the failure (the first one wins) and returns false.
  bool fail(const char* at, std::string message, uint32_t length = 1, int64_t earlier_offset = -1);
  // "unexpected `x`" / "unexpected end of file" / "unexpected newline" for the byte at p_.
  std::string describe_here() const;

  const char* begin_;
  const char* p_;
  const char* end_;
  uint32_t section_ = 0;  // one per header: dotted-key tables belong to the section writing them
  int depth_ = 0;         // nesting of arrays and inline tables (bounded)
  std::vector<KeyPart> key_;
  std::vector<std::vector<KeyPart>> inline_keys_;  // parse_inline_table's, by depth_
  Failure failure_;
  bool failed_ = false;
};

// First invalid UTF-8 byte, or -1.
int64_t find_invalid_utf8(std::string_view text);

}  // namespace roost::toml::detail
