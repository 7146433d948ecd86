// Text helpers shared by the PEP 440 parsers: Python-compatible whitespace, columns, errors.
#include "pep440/scan.h"

#include <cstdio>

namespace roost::pep440::detail {
namespace {

unsigned char byte(std::string_view s, size_t i) { return static_cast<unsigned char>(s[i]); }

bool is_ascii_space(unsigned char c) {
  return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20);
}

// Whether the multi-byte sequence s[i, i+len) is one of the non-ASCII whitespace characters.
bool is_unicode_space(std::string_view s, size_t i, size_t len) {
  if (len == 2) {
    return byte(s, i) == 0xc2 && (byte(s, i + 1) == 0x85 || byte(s, i + 1) == 0xa0);
  }
  if (len != 3) return false;
  unsigned char a = byte(s, i), b = byte(s, i + 1), c = byte(s, i + 2);
  if (a == 0xe1) return b == 0x9a && c == 0x80;  // U+1680
  if (a == 0xe3) return b == 0x80 && c == 0x80;  // U+3000
  if (a != 0xe2) return false;
  if (b == 0x80) return c <= 0x8a || c == 0xa8 || c == 0xa9 || c == 0xaf;  // U+2000-200A, 2028/9, 202F
  return b == 0x81 && c == 0x9f;                                         // U+205F
}

// 1-based column of byte offset pos, counting code points rather than bytes.
int column_of(std::string_view text, size_t pos) {
  int column = 1;
  for (size_t i = 0; i < pos && i < text.size(); ++i) {
    if ((byte(text, i) & 0xc0) != 0x80) ++column;
  }
  return column;
}

int width_of(std::string_view piece) {
  int width = 0;
  for (size_t i = 0; i < piece.size(); ++i) {
    if ((byte(piece, i) & 0xc0) != 0x80) ++width;
  }
  return width;
}

}  // namespace

size_t space_at(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  unsigned char c = byte(s, i);
  if (c < 0x80) return is_ascii_space(c) ? 1 : 0;
  if (c == 0xc2 && i + 2 <= s.size() && is_unicode_space(s, i, 2)) return 2;
  if ((c == 0xe1 || c == 0xe2 || c == 0xe3) && i + 3 <= s.size() && is_unicode_space(s, i, 3)) {
    return 3;
  }
  return 0;
}

size_t space_before(std::string_view s, size_t end) {
  if (end == 0) return 0;
  unsigned char c = byte(s, end - 1);
  if (c < 0x80) return is_ascii_space(c) ? 1 : 0;
  if (end >= 2 && is_unicode_space(s, end - 2, 2)) return 2;
  if (end >= 3 && is_unicode_space(s, end - 3, 3)) return 3;
  return 0;
}

Trimmed trim(std::string_view s, size_t begin, size_t end) {
  while (begin < end) {
    size_t n = space_at(s, begin);
    if (n == 0 || begin + n > end) break;
    begin += n;
  }
  while (end > begin) {
    size_t n = space_before(s, end);
    if (n == 0 || end - n < begin) break;
    end -= n;
  }
  return {begin, end};
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

size_t char_length(std::string_view s, size_t i) {
  unsigned char c = byte(s, i);
  size_t len = c < 0xc0 ? 1 : (c < 0xe0 ? 2 : (c < 0xf0 ? 3 : 4));
  size_t n = 1;
  while (n < len && i + n < s.size() && (byte(s, i + n) & 0xc0) == 0x80) ++n;
  return n;
}

std::string quoted(std::string_view piece) {
  constexpr size_t kMaxBytes = 40;
  std::string out = "'";
  size_t limit = piece.size();
  bool cut = false;
  if (limit > kMaxBytes) {
    limit = kMaxBytes;
    while (limit > 0 && (byte(piece, limit) & 0xc0) == 0x80) --limit;  // keep UTF-8 whole
    cut = true;
  }
  for (size_t i = 0; i < limit; ++i) {
    unsigned char c = byte(piece, i);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (cut) out += "...";
  out += "'";
  return out;
}

Error parse_error(std::string_view kind, std::string_view text, const ParseFailure& failure) {
  int column = column_of(text, failure.pos);
  std::string message = std::string(kind) + " " + quoted(text) + ": " + failure.what +
                        " at column " + std::to_string(column);
  Span span;
  span.line = 1;
  span.column = column;
  size_t len_end = failure.pos + failure.len;
  if (len_end > text.size()) len_end = text.size();
  int width = failure.pos < text.size() ? width_of(text.substr(failure.pos, len_end - failure.pos))
                                        : 1;
  span.length = width < 1 ? 1 : width;
  span.source_line = std::string(text);
  return make_error(ErrorKind::kParse, std::move(message)).with_span(std::move(span));
}

}  // namespace roost::pep440::detail
