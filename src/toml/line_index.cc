#include "toml/line_index.h"

#include <algorithm>
#include <cstring>

namespace roost::toml {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  const char* begin = text.data();
  const char* end = begin + text.size();
  for (const char* p = begin; p < end;) {
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (nl == nullptr) break;
    p = static_cast<const char*>(nl) + 1;
    starts_.push_back(static_cast<uint32_t>(p - begin));
  }
}

LineIndex::Position LineIndex::position(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  size_t line = static_cast<size_t>(it - starts_.begin());  // >= 1: starts_[0] == 0
  uint32_t column = 1;
  for (uint32_t i = starts_[line - 1]; i < offset; ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;  // not a continuation
  }
  return {static_cast<uint32_t>(line), column};
}

LineIndex::Position LineCursor::position(uint32_t offset) {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  if (offset < last_offset_) {  // backwards: start over
    line_ = 1;
    line_start_ = 0;
    last_offset_ = 0;
    last_column_ = 1;
  }
  const char* begin = text_.data();
  // Newlines before last_offset_ are counted already; so are the characters of its line.
  uint32_t from = last_offset_;
  for (const char* p = begin + from;;) {
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(begin + offset - p));
    if (nl == nullptr) break;
    p = static_cast<const char*>(nl) + 1;
    ++line_;
    line_start_ = static_cast<uint32_t>(p - begin);
  }
  uint32_t column = line_start_ > from ? 1 : last_column_;
  for (uint32_t i = std::max(line_start_, from); i < offset; ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;  // not a continuation
  }
  last_offset_ = offset;
  last_column_ = column;
  return {line_, column};
}

std::string_view LineIndex::line(uint32_t number) const {
  if (number == 0 || number > starts_.size()) return {};
  size_t begin = starts_[number - 1];
  size_t end = number < starts_.size() ? starts_[number] - 1 : text_.size();
  if (end > begin && text_[end - 1] == '\r' && number < starts_.size()) --end;
  return text_.substr(begin, end - begin);
}

}  // namespace roost::toml
