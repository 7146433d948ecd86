// Byte offsets to 1-based line:column positions (columns count UTF-8 characters, as
// base::Error's caret does), built once per text.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace roost::toml {

class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  struct Position {
    uint32_t line = 0;
    uint32_t column = 0;
  };
  Position position(uint32_t offset) const;
  // Line `number` (1-based) without its line break ("\n" or "\r\n"); empty past the end.
  std::string_view line(uint32_t number) const;
  uint32_t line_count() const { return static_cast<uint32_t>(starts_.size()); }

 private:
  std::string_view text_;
  std::vector<uint32_t> starts_;  // offset of each line's first byte
};

// The same positions as LineIndex, without building an index: it remembers the last line it
// reached and scans forward from there (or from the start, for an offset before it). Readers
// that ask for positions in roughly written order (the pyproject.toml readers ask for one per
// dependency) pay one pass over the text and no allocation; a LineIndex cost five allocations
// for a 13-line file.
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : text_(text) {}

  LineIndex::Position position(uint32_t offset);

 private:
  std::string_view text_;
  uint32_t line_ = 1;
  uint32_t line_start_ = 0;   // offset of line_'s first byte
  uint32_t last_offset_ = 0;  // the last offset asked for (on line_) and its column
  uint32_t last_column_ = 1;
};

}  // namespace roost::toml
