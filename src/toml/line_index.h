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

}  // namespace roost::toml
