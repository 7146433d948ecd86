#include "tags/tag.h"

#include <gtest/gtest.h>

namespace roost::tags {
namespace {

std::vector<std::string> strings(const std::vector<Tag>& tags) {
  std::vector<std::string> out;
  for (const Tag& t : tags) out.push_back(t.to_string());
  return out;
}

std::string error_of(std::string_view text, const ParseTagOptions& options = {}) {
  auto r = TagSet::parse(text, options);
  EXPECT_FALSE(r.ok()) << text;
  if (r.ok()) return "";
  EXPECT_EQ(r.error().kind(), ErrorKind::kParse);
  return r.error().message();
}

TEST(Tag, LowercasesAndPrints) {
  Tag t("CP311", "Cp311", "Manylinux_2_17_X86_64");
  EXPECT_EQ(t.to_string(), "cp311-cp311-manylinux_2_17_x86_64");
  EXPECT_EQ(t, Tag("cp311", "cp311", "manylinux_2_17_x86_64"));
  EXPECT_EQ(std::hash<Tag>()(t), std::hash<Tag>()(Tag("cp311", "cp311", "manylinux_2_17_x86_64")));
}

TEST(Tag, ParsesOneTagAndRejectsCompressedSets) {
  auto t = Tag::parse("py3-none-any");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(*t, Tag("py3", "none", "any"));
  auto c = Tag::parse("py2.py3-none-any");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().message(),
            "invalid tag 'py2.py3-none-any': expected a single tag, found a compressed tag set "
            "('.' at column 4)");
}

TEST(TagSet, ExpandsTheCartesianProductSortedAndUnique) {
  auto set = TagSet::parse("py3.py2.PY3-none.abi3-any");
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->to_string(), "py2.py3-abi3.none-any");
  EXPECT_EQ(set->size(), 4u);
  EXPECT_EQ(strings(set->expand()), (std::vector<std::string>{"py2-abi3-any", "py2-none-any",
                                                              "py3-abi3-any", "py3-none-any"}));
  EXPECT_TRUE(set->contains(Tag("py3", "none", "any")));
  EXPECT_FALSE(set->contains(Tag("py4", "none", "any")));
}

TEST(TagSet, ParseTagReturnsTheExpandedSet) {
  auto tags = parse_tag("cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64");
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ(strings(*tags), (std::vector<std::string>{"cp310-cp310-manylinux2014_x86_64",
                                                      "cp310-cp310-manylinux_2_17_x86_64"}));
}

TEST(TagSet, ErrorsNameTheTextAndColumn) {
  EXPECT_EQ(error_of("py3--any"), "invalid tag 'py3--any': empty component at column 5");
  EXPECT_EQ(error_of("py3.-none-any"),
            "invalid tag 'py3.-none-any': empty component in 'py3.' at column 5");
  EXPECT_EQ(error_of(""), "invalid tag '': empty component at column 1");
  EXPECT_EQ(error_of("py3-none"),
            "invalid tag 'py3-none': must have exactly three components "
            "(interpreter-abi-platform), found 2");
  EXPECT_EQ(error_of("py3.2-none-any"),
            "invalid tag 'py3.2-none-any': invalid interpreter '2' at column 5");
  EXPECT_EQ(error_of("py+3-none-any"),
            "invalid tag 'py+3-none-any': invalid interpreter 'py+3' at column 1");
  EXPECT_EQ(error_of("py\n3-none-any"),
            "invalid tag 'py\\n3-none-any': invalid interpreter 'py\\n3' at column 1");
}

TEST(TagSet, ErrorRendersACaret) {
  auto r = TagSet::parse("py3.2-none-any");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().render(),
            "invalid tag 'py3.2-none-any': invalid interpreter '2' at column 5\n"
            "    py3.2-none-any\n"
            "        ^\n"
            "hint: an interpreter tag is an identifier, like 'cp311', 'py3' or 'pp310'");
}

TEST(TagSet, ValidateOrderRejectsUnsortedComponents) {
  ParseTagOptions check{.validate_order = true};
  EXPECT_TRUE(TagSet::parse("py3.py2-none-any").ok());
  EXPECT_TRUE(TagSet::parse("py2.py3-none-any", check).ok());
  EXPECT_EQ(
      error_of("py3.py2-none-any", check),
      "invalid tag 'py3.py2-none-any': 'py3.py2' at column 1 is not in sorted order per PEP 425 "
      "(expected 'py2.py3')");
  EXPECT_EQ(error_of("cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64", check),
            "invalid tag 'cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64': "
            "'manylinux_2_17_x86_64.manylinux2014_x86_64' at column 13 is not in sorted order per "
            "PEP 425 "
            "(expected 'manylinux2014_x86_64.manylinux_2_17_x86_64')");
}

TEST(TagSet, LimitCountsTheProductBeforeDeduplication) {
  EXPECT_TRUE(TagSet::parse("py2.py3-none-any", {.limit = 2}).ok());
  EXPECT_EQ(error_of("py3.py3-none-any", {.limit = 1}),
            "invalid tag 'py3.py3-none-any': compressed tag set would generate 2 tags, exceeding "
            "the limit of 1");
  EXPECT_EQ(error_of("a.b.c-d.e.f-g.h.i", {.limit = 26}),
            "invalid tag 'a.b.c-d.e.f-g.h.i': compressed tag set would generate 27 tags, exceeding "
            "the limit of 26");
}

TEST(TagSet, ParseInReportsColumnsOfTheEnclosingText) {
  std::string_view line = "Tag: py3--any";
  auto r = parse_tag_set_in(line, 5, 8, {}, "invalid WHEEL file: invalid tag 'py3--any'", 4);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(),
            "invalid WHEEL file: invalid tag 'py3--any': empty component at column 10");
  ASSERT_TRUE(r.error().span().has_value());
  EXPECT_EQ(r.error().span()->line, 4);
  EXPECT_EQ(r.error().span()->column, 10);
}

TEST(TagSet, CompressRequiresEveryCombination) {
  auto ok = TagSet::compress(
      {Tag("py3", "none", "any"), Tag("py2", "none", "any"), Tag("py3", "none", "any")});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->to_string(), "py2.py3-none-any");
  auto bad = TagSet::compress({Tag("cp311", "cp311", "linux_x86_64"), Tag("py3", "none", "any")});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message(),
            "the tags {cp311-cp311-linux_x86_64, py3-none-any} cannot be compressed: a compressed "
            "tag set holds "
            "every combination of its interpreters, abis and platforms");
  EXPECT_FALSE(TagSet::compress({}).ok());
}

}  // namespace
}  // namespace roost::tags
