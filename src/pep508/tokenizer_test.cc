// Tests for the PEP 508 token rules, in particular packaging's SPECIFIER expression and the
// word-boundary rules.
#include "pep508/tokenizer.h"

#include <gtest/gtest.h>

namespace roost::pep508::detail {
namespace {

std::string specifier_at_start(std::string_view s) {
  size_t n = match_specifier(s, 0);
  return n == std::string_view::npos ? "<none>" : std::string(s.substr(0, n));
}

TEST(TokenizerTest, SpecifierRule) {
  EXPECT_EQ(specifier_at_start(">= 1.0, <2"), ">= 1.0");
  EXPECT_EQ(specifier_at_start("==1.2.3.post4.*"), "==1.2.3.post4");
  EXPECT_EQ(specifier_at_start("==1.2.*,>1"), "==1.2.*");
  EXPECT_EQ(specifier_at_start(">=1.0+local"), ">=1.0");
  EXPECT_EQ(specifier_at_start("==1.0+Local.1"), "==1.0+Local.1");
  EXPECT_EQ(specifier_at_start("==1.0.org1"), "==1.0");
  EXPECT_EQ(specifier_at_start("~=1"), "<none>");
  EXPECT_EQ(specifier_at_start("~=1.0rc1"), "~=1.0rc1");
  EXPECT_EQ(specifier_at_start("===x,y;z"), "===x,y");
  EXPECT_EQ(specifier_at_start("=== )"), "=== ");
  EXPECT_EQ(specifier_at_start(">V1.0a.post1.dev2"), ">V1.0a.post1.dev2");
  EXPECT_EQ(specifier_at_start("<1!2.0-3"), "<1!2.0-3");
  EXPECT_EQ(specifier_at_start("==v"), "<none>");
  EXPECT_EQ(specifier_at_start("1.0"), "<none>");
}

TEST(TokenizerTest, WordBoundaries) {
  Tokenizer t("'3.6'inpython_version", "marker");
  ASSERT_TRUE(t.check(TokenKind::kQuotedString));
  t.read();
  EXPECT_FALSE(t.peek(TokenKind::kIn));
  EXPECT_FALSE(t.peek(TokenKind::kVariable));

  Tokenizer extras("extras extra_x", "marker");
  ASSERT_TRUE(extras.check(TokenKind::kVariable));
  EXPECT_EQ(extras.read().text, "extras");
  extras.consume(TokenKind::kWs);
  EXPECT_FALSE(extras.peek(TokenKind::kVariable));
}

TEST(TokenizerTest, IdentifierBacktracksToAWordBoundary) {
  Tokenizer t("name-[x]", "requirement");
  ASSERT_TRUE(t.check(TokenKind::kIdentifier));
  EXPECT_EQ(t.read().text, "name");
  Tokenizer u("name_ ", "requirement");
  ASSERT_TRUE(u.check(TokenKind::kIdentifier));
  EXPECT_EQ(u.read().text, "name_");
}

TEST(TokenizerTest, FoundDescribesTheNextThing) {
  Tokenizer t("name >= 1.0 <= 2.0\n", "requirement");
  EXPECT_EQ(t.found(0), "'name'");
  EXPECT_EQ(t.found(5), "'>='");
  EXPECT_EQ(t.found(18), "a line break");
  EXPECT_EQ(t.found(19), "the end");
}

}  // namespace
}  // namespace roost::pep508::detail
