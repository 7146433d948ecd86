#include "toml/line_index.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace roost::toml {
namespace {

// "line:column", so a failure shows both numbers at once.
std::string at(const LineIndex& index, uint32_t offset) {
  LineIndex::Position p = index.position(offset);
  return std::to_string(p.line) + ":" + std::to_string(p.column);
}

TEST(LineIndex, EmptyTextIsOneEmptyLine) {
  LineIndex index("");
  EXPECT_EQ(index.line_count(), 1u);
  EXPECT_EQ(at(index, 0), "1:1");
  EXPECT_EQ(at(index, 5), "1:1");  // clamped to the end
  EXPECT_EQ(index.line(1), "");
  EXPECT_EQ(index.line(0), "");
  EXPECT_EQ(index.line(2), "");
}

TEST(LineIndex, OffsetsAtLineStartsMidLineAndAtTheNewline) {
  LineIndex index("ab\ncde\n\nf\n");
  EXPECT_EQ(index.line_count(), 5u);  // the empty line after the final '\n' counts
  EXPECT_EQ(at(index, 0), "1:1");
  EXPECT_EQ(at(index, 1), "1:2");
  EXPECT_EQ(at(index, 2), "1:3");  // the '\n' itself ends line 1
  EXPECT_EQ(at(index, 3), "2:1");
  EXPECT_EQ(at(index, 4), "2:2");
  EXPECT_EQ(at(index, 6), "2:4");
  EXPECT_EQ(at(index, 7), "3:1");  // an empty line
  EXPECT_EQ(at(index, 8), "4:1");
  EXPECT_EQ(at(index, 9), "4:2");
  EXPECT_EQ(at(index, 10), "5:1");  // the end of the text
}

TEST(LineIndex, OffsetsPastTheEndAreClamped) {
  LineIndex index("ab\ncd\n");
  EXPECT_EQ(at(index, 6), "3:1");
  EXPECT_EQ(at(index, 7), "3:1");
  EXPECT_EQ(at(index, 1000), "3:1");
  EXPECT_EQ(at(index, UINT32_MAX), "3:1");
}

TEST(LineIndex, Lines) {
  LineIndex index("ab\ncde\n\nf\n");
  EXPECT_EQ(index.line(0), "");  // lines are 1-based
  EXPECT_EQ(index.line(1), "ab");
  EXPECT_EQ(index.line(2), "cde");
  EXPECT_EQ(index.line(3), "");
  EXPECT_EQ(index.line(4), "f");
  EXPECT_EQ(index.line(5), "");
  EXPECT_EQ(index.line(6), "");  // past the end
  EXPECT_EQ(index.line(1000), "");
}

TEST(LineIndex, TextWithoutTrailingNewline) {
  LineIndex index("ab\ncd");
  EXPECT_EQ(index.line_count(), 2u);
  EXPECT_EQ(index.line(1), "ab");
  EXPECT_EQ(index.line(2), "cd");
  EXPECT_EQ(index.line(3), "");
  EXPECT_EQ(at(index, 4), "2:2");
  EXPECT_EQ(at(index, 5), "2:3");  // the end of the text
  EXPECT_EQ(at(index, 99), "2:3");

  LineIndex single("key = 1");
  EXPECT_EQ(single.line_count(), 1u);
  EXPECT_EQ(single.line(1), "key = 1");
  EXPECT_EQ(at(single, 6), "1:7");
}

TEST(LineIndex, CrlfLineEnds) {
  LineIndex index("ab\r\ncd\r\n\r\ne");
  EXPECT_EQ(index.line_count(), 4u);
  EXPECT_EQ(index.line(1), "ab");  // "\r\n" is stripped as a whole
  EXPECT_EQ(index.line(2), "cd");
  EXPECT_EQ(index.line(3), "");
  EXPECT_EQ(index.line(4), "e");
  EXPECT_EQ(at(index, 2), "1:3");  // the '\r'
  EXPECT_EQ(at(index, 3), "1:4");  // the '\n'
  EXPECT_EQ(at(index, 4), "2:1");
  EXPECT_EQ(at(index, 8), "3:1");
  EXPECT_EQ(at(index, 10), "4:1");
}

TEST(LineIndex, LoneCarriageReturnIsNotALineBreak) {
  LineIndex index("a\rb\nc\r");
  EXPECT_EQ(index.line_count(), 2u);
  EXPECT_EQ(index.line(1), "a\rb");
  EXPECT_EQ(index.line(2), "c\r");  // no '\n' follows: the '\r' stays
  EXPECT_EQ(at(index, 2), "1:3");
}

TEST(LineIndex, MultiByteCharactersAreOneColumn) {
  // "é" is 2 bytes, "日" 3 bytes, "😀" 4 bytes.
  LineIndex index("é = 1\n日本 = \"😀x\"\n");
  EXPECT_EQ(at(index, 0), "1:1");
  EXPECT_EQ(at(index, 2), "1:2");  // the space after "é"
  EXPECT_EQ(at(index, 3), "1:3");
  EXPECT_EQ(at(index, 7), "2:1");   // "日"
  EXPECT_EQ(at(index, 10), "2:2");  // "本"
  EXPECT_EQ(at(index, 13), "2:3");  // the space after "本"
  EXPECT_EQ(at(index, 16), "2:6");  // the opening quote
  EXPECT_EQ(at(index, 17), "2:7");  // "😀"
  EXPECT_EQ(at(index, 21), "2:8");  // "x"
  EXPECT_EQ(at(index, 22), "2:9");  // the closing quote
  EXPECT_EQ(index.line(1), "é = 1");
  EXPECT_EQ(index.line(2), "日本 = \"😀x\"");
}

TEST(LineIndex, MultiByteCharacterAtTheEndOfALine) {
  LineIndex index("aé\r\nb");
  EXPECT_EQ(at(index, 3), "1:3");  // the '\r' after "é"
  EXPECT_EQ(index.line(1), "aé");
  EXPECT_EQ(at(index, 5), "2:1");
}

// LineCursor must give LineIndex's answers whatever order the offsets come in.
TEST(LineCursor, AgreesWithLineIndexInAnyOrder) {
  const std::string_view texts[] = {
      "", "a", "\n", "ab\ncde\n\nf\n", "a\r\nb\r\n", "é = 1\n日本 = \"😀x\"\n"};
  for (std::string_view text : texts) {
    LineIndex index(text);
    auto size = static_cast<uint32_t>(text.size());
    std::vector<uint32_t> offsets;
    for (uint32_t i = 0; i <= size + 2; ++i) offsets.push_back(i);                    // forward
    for (uint32_t i = size + 2; i-- > 0;) offsets.push_back(i);                       // backward
    for (uint32_t i = 0; i <= size; i += 3) offsets.push_back((i * 7) % (size + 1));  // jumping
    LineCursor cursor(text);
    for (uint32_t offset : offsets) {
      LineIndex::Position want = index.position(offset);
      LineIndex::Position got = cursor.position(offset);
      EXPECT_EQ(got.line, want.line) << "offset " << offset << " of " << text;
      EXPECT_EQ(got.column, want.column) << "offset " << offset << " of " << text;
    }
  }
}

}  // namespace
}  // namespace roost::toml
