// Quoting and span helpers for parse errors (see text_span.h).
#include "tags/text_span.h"

#include <algorithm>

namespace roost::tags {

std::string quote(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "'";
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        if (u < 0x20 || u == 0x7f) {
          out += "\\x";
          out += kHex[u >> 4];
          out += kHex[u & 15];
        } else {
          out += c;
        }
    }
  }
  out += '\'';
  return out;
}

int column_of(std::string_view line, size_t offset) {
  offset = std::min(offset, line.size());
  int column = 1;
  for (size_t i = 0; i < offset; ++i) {
    // UTF-8 continuation bytes (10xxxxxx) do not start a new character.
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

Span span_of(std::string_view line, size_t offset, size_t length, int line_number) {
  offset = std::min(offset, line.size());
  size_t end = std::min(offset + length, line.size());
  int start_column = column_of(line, offset);
  int end_column = column_of(line, end);
  Span span;
  span.line = line_number;
  span.column = start_column;
  span.length = std::max(1, end_column - start_column);
  span.source_line = std::string(line);
  return span;
}

Error parse_error(std::string message, std::string_view line, size_t offset, size_t length,
                  int line_number) {
  return make_error(ErrorKind::kParse, std::move(message))
      .with_span(span_of(line, offset, length, line_number));
}

}  // namespace roost::tags
