// SourceFile line lookup and spans; Warning rendering.
#include "pyproject/source_file.h"

namespace roost::pyproject {

std::string_view SourceFile::line(uint32_t number) const {
  if (number == 0) return {};
  std::string_view text = text_;
  size_t start = 0;
  for (uint32_t n = 1; n < number; ++n) {
    size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) return {};
    start = newline + 1;
  }
  size_t end = text.find('\n', start);
  std::string_view line =
      text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

Span SourceFile::span(Location location, int length) const {
  Span span;
  span.file = path_;
  span.line = static_cast<int>(location.line);
  span.column = static_cast<int>(location.column);
  span.length = length > 0 ? length : 1;
  span.source_line = std::string(line(location.line));
  return span;
}

std::string Warning::render() const {
  return Error(ErrorKind::kParse, message).with_span(span).render();
}

}  // namespace roost::pyproject
