// Tests for package / extra name validation and normalisation (PEP 503, PEP 508, PEP 685).
#include "pep508/names.h"

#include <gtest/gtest.h>

namespace roost::pep508 {
namespace {

TEST(PackageNameTest, NormalisesCaseAndSeparatorRuns) {
  EXPECT_EQ(PackageName::parse("Foo.Bar_baz").value().str(), "foo-bar-baz");
  EXPECT_EQ(PackageName::parse("foo----bar").value().str(), "foo-bar");
  EXPECT_EQ(PackageName::parse("A").value().str(), "a");
  EXPECT_EQ(PackageName::parse("1.0").value().str(), "1-0");
}

TEST(PackageNameTest, NormalizeDoesNotValidate) {
  EXPECT_EQ(PackageName::normalize("_not_legal"), "-not-legal");
  EXPECT_EQ(PackageName::normalize("hi\n"), "hi\n");
  EXPECT_EQ(PackageName::normalize(""), "");
}

TEST(PackageNameTest, RejectsWithColumnAndCharacter) {
  auto bad = PackageName::parse("_not_legal");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind(), ErrorKind::kParse);
  EXPECT_EQ(bad.error().message(),
            "invalid package name '_not_legal': a name must start with a letter or digit, found '_' "
            "at column 1");
  EXPECT_EQ(bad.error().span()->column, 1);

  auto trailing = PackageName::parse("foo.");
  ASSERT_FALSE(trailing.ok());
  EXPECT_EQ(trailing.error().message(),
            "invalid package name 'foo.': a name must end with a letter or digit, found '.' at "
            "column 4");

  auto newline = PackageName::parse("h\ni");
  ASSERT_FALSE(newline.ok());
  EXPECT_EQ(newline.error().message(),
            "invalid package name 'h\\ni': '\\n' is not allowed in a name (only letters, digits, "
            "'-', '_' and '.') at column 2");
  EXPECT_EQ(newline.error().render(),
            "invalid package name 'h\\ni': '\\n' is not allowed in a name (only letters, digits, "
            "'-', '_' and '.') at column 2\n    h i\n     ^");

  EXPECT_EQ(PackageName::parse("").error().message(), "invalid package name '': a name cannot be empty");
}

TEST(PackageNameTest, IsNormalized) {
  EXPECT_TRUE(PackageName::is_normalized("foo-bar"));
  EXPECT_TRUE(PackageName::is_normalized("a"));
  EXPECT_FALSE(PackageName::is_normalized("Foo"));
  EXPECT_FALSE(PackageName::is_normalized("foo_bar"));
  EXPECT_FALSE(PackageName::is_normalized("a--b"));
  EXPECT_FALSE(PackageName::is_normalized("-a"));
  EXPECT_FALSE(PackageName::is_normalized("a-"));
  EXPECT_FALSE(PackageName::is_normalized(""));
}

TEST(PackageNameTest, DistInfoName) {
  EXPECT_EQ(PackageName::parse("Foo.Bar").value().as_dist_info_name(), "foo_bar");
}

TEST(ExtraNameTest, NormalisesLikePackageNames) {
  EXPECT_EQ(ExtraName::parse("Foo_Bar").value().str(), "foo-bar");
  EXPECT_EQ(ExtraName::parse("PEP_685...norm").value().str(), "pep-685-norm");
  auto bad = ExtraName::parse("a b");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message(),
            "invalid extra name 'a b': ' ' is not allowed in a name (only letters, digits, '-', '_' "
            "and '.') at column 2");
}

TEST(ExtraNameTest, OrdersByNormalisedName) {
  EXPECT_EQ(ExtraName::parse("A").value(), ExtraName::parse("a").value());
  EXPECT_LT(ExtraName::parse("a").value(), ExtraName::parse("b").value());
}

}  // namespace
}  // namespace roost::pep508
