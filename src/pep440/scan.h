// Text helpers shared by the PEP 440 parsers (internal): Python-compatible whitespace, columns
// for carets, and the one shape every parse error of this library takes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.h"

namespace roost::pep440::detail {

// Byte length of the whitespace character starting at s[i], or 0. "Whitespace" is what Python's
// str.isspace() accepts (packaging strips it), decoded from UTF-8: ASCII \t\n\v\f\r, space,
// \x1c-\x1f, and U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
size_t space_at(std::string_view s, size_t i);
// Byte length of the whitespace character ending just before s[end], or 0.
size_t space_before(std::string_view s, size_t end);

// [begin, end) of s without leading and trailing whitespace.
struct Trimmed {
  size_t begin;
  size_t end;
};
Trimmed trim(std::string_view s, size_t begin, size_t end);

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
bool iequals(std::string_view a, std::string_view b);  // ASCII case-insensitive
// Byte length of the UTF-8 character starting at s[i] (1 for stray bytes).
size_t char_length(std::string_view s, size_t i);

// Why and where a parse failed; pos and len are byte offsets into the text being parsed.
struct ParseFailure {
  size_t pos = 0;
  size_t len = 1;
  std::string what;  // e.g. "unexpected '.foo'"; the column is appended when rendered
};

// "'<piece>'" for messages: long pieces are cut and control characters escaped.
std::string quoted(std::string_view piece);

// The kParse error "<kind> '<text>': <what> at column <col>" with a caret span over the input.
Error parse_error(std::string_view kind, std::string_view text, const ParseFailure& failure);

}  // namespace roost::pep440::detail
