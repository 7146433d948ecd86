// Parse-error helpers for PEP 508 text: quoting for messages and caret spans.
#include "pep508/diagnostic.h"

namespace roost::pep508::detail {

std::string quoted(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  // Python's repr() quoting: single quotes unless the text has one and no double quote.
  bool has_single = text.find('\'') != std::string_view::npos;
  bool has_double = text.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == quote || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
  out += quote;
  return out;
}

Error syntax_error(std::string_view subject, std::string_view source, size_t begin, size_t end,
                   std::string_view problem) {
  std::string message = "invalid ";
  message += subject;
  message += ' ';
  message += quoted(source);
  message += ": ";
  message += problem;
  std::string line(source);
  for (char& c : line) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) c = ' ';
  }
  Span span;
  span.line = 1;
  span.column = static_cast<int>(begin) + 1;
  span.length = end >= begin ? static_cast<int>(end - begin) + 1 : 1;
  span.source_line = std::move(line);
  return Error(ErrorKind::kParse, std::move(message)).with_span(std::move(span));
}

}  // namespace roost::pep508::detail
