#include "base/result.h"

#include <gtest/gtest.h>

namespace roost {
namespace {

Result<int> parse_digit(char c) {
  if (c < '0' || c > '9') return make_error(ErrorKind::kParse, std::string("not a digit: ") + c);
  return c - '0';
}

Result<int> sum_two(char a, char b) {
  ROOST_TRY(int x, parse_digit(a));
  ROOST_TRY_CONTEXT(int y, parse_digit(b), "while reading the second digit");
  return x + y;
}

Result<void> check_digit(char c) {
  ROOST_CHECK(parse_digit(c));
  return ok();
}

TEST(Result, TryPropagatesValuesAndErrors) {
  EXPECT_EQ(*sum_two('2', '3'), 5);
  Result<int> bad = sum_two('2', 'x');
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind(), ErrorKind::kParse);
  EXPECT_EQ(bad.error().render(), "not a digit: x\n  while reading the second digit");
  EXPECT_TRUE(check_digit('1').ok());
  EXPECT_FALSE(check_digit('a').ok());
}

TEST(Error, RendersSpanWithCaretContextAndHint) {
  Error e = make_error(ErrorKind::kParse, "expected a version")
                .with_span(Span{"pyproject.toml", 3, 18, 4, "requires-python = \">=x.y\""})
                .with_context("while reading the workspace")
                .with_hint("write a PEP 440 version, like 3.11");
  EXPECT_EQ(e.render(),
            "pyproject.toml:3:18: expected a version\n"
            "    requires-python = \">=x.y\"\n"
            "                     ^^^^\n"
            "  while reading the workspace\n"
            "hint: write a PEP 440 version, like 3.11");
}

}  // namespace
}  // namespace roost
