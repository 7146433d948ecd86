// Tests for PEP 508 requirement parsing, printing and error spans.
#include "pep508/requirement.h"

#include <gtest/gtest.h>

namespace roost::pep508 {
namespace {

Requirement parse(std::string_view text) {
  auto r = Requirement::parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().render());
  return std::move(r).value();
}

std::string error_of(std::string_view text) {
  auto r = Requirement::parse(text);
  EXPECT_FALSE(r.ok()) << text;
  return r.ok() ? "" : r.error().render();
}

TEST(RequirementTest, Components) {
  Requirement r = parse("Foo.Bar [Security , tests] (>=2.8.1, ==2.8.*) ; python_version < '2.7'");
  EXPECT_EQ(r.name_as_written, "Foo.Bar");
  EXPECT_EQ(r.name.str(), "foo-bar");
  ASSERT_EQ(r.extras.size(), 2u);
  EXPECT_EQ(r.extras[0].str(), "security");
  EXPECT_EQ(r.specifier.to_string(), "==2.8.*,>=2.8.1");
  EXPECT_FALSE(r.url.has_value());
  ASSERT_TRUE(r.marker.has_value());
  EXPECT_EQ(r.marker->as_written(), "python_version < \"2.7\"");
  EXPECT_EQ(r.to_string(), "Foo.Bar[Security,tests]==2.8.*,>=2.8.1; python_version < \"2.7\"");
}

TEST(RequirementTest, HeaderExample) {
  Requirement r = parse("requests[socks] >= 2.8 ; python_version < '3.12'");
  EXPECT_EQ(r.name.str(), "requests");
  EXPECT_EQ(r.to_string(), "requests[socks]>=2.8; python_version < \"3.12\"");
  EXPECT_EQ(r.marker->to_string(), "python_version < '3.12'");
}

TEST(RequirementTest, Urls) {
  Requirement r = parse("name @ https://example.com/x.whl ; extra == 'A_B'");
  EXPECT_EQ(r.url.value(), "https://example.com/x.whl");
  EXPECT_TRUE(r.specifier.empty());
  EXPECT_EQ(r.to_string(), "name @ https://example.com/x.whl ; extra == \"a-b\"");
  EXPECT_EQ(parse("name @ file:///absolute/path").url.value(), "file:///absolute/path");
  EXPECT_EQ(parse("name@file:.\t").to_string(), "name @ file:.");
}

TEST(RequirementTest, EmptyExtrasAndSpecifier) {
  EXPECT_EQ(parse("name[]").to_string(), "name");
  EXPECT_EQ(parse("name()").to_string(), "name");
  EXPECT_EQ(parse(" name [ ] ( ) ").to_string(), "name");
}

TEST(RequirementTest, EqualityIsPackagings) {
  EXPECT_EQ(parse("scikit-learn==1.0.1"), parse("scikit_learn==1.0.1"));
  EXPECT_EQ(parse("fishtank[all-blue]"), parse("fishtank[all---blue]"));
  EXPECT_EQ(parse("foo>=1.0"), parse("foo>=1.0.0"));
  EXPECT_EQ(parse("importlib-metadata; python_version<\"3.8\""),
            parse("importlib-metadata; python_version<'3.8'"));
  EXPECT_NE(parse("packaging>20.1"), parse("packaging>=20.1"));
  EXPECT_NE(parse("a; os_name == 'posix' and extra == 'testing'"),
            parse("a; os_name == 'posix' and extra == 'docs'"));
}

TEST(RequirementTest, ErrorsPointAtTheColumn) {
  EXPECT_EQ(error_of("name[bar baz]"),
            "invalid requirement 'name[bar baz]': expected ',' between extra names, found 'baz' at "
            "column 10\n"
            "    name[bar baz]\n"
            "             ^");
  EXPECT_EQ(error_of("name (>= 1.0"),
            "invalid requirement 'name (>= 1.0': expected ')' to close the '(' at column 6, found the "
            "end at column 13\n"
            "    name (>= 1.0\n"
            "         ^^^^^^^^");
  EXPECT_EQ(error_of("name @ https://example.com/; extra == 'example'"),
            "invalid requirement \"name @ https://example.com/; extra == 'example'\": expected ';' "
            "(after the URL and a space) or the end, found 'extra' at column 30\n"
            "    name @ https://example.com/; extra == 'example'\n"
            "           ^^^^^^^^^^^^^^^^^^^^^^^\n"
            "hint: a ';' right after a URL is part of the URL; put a space before the ';'");
  EXPECT_EQ(error_of("name==1.2.3.post4.*"),
            "invalid requirement 'name==1.2.3.post4.*': a '.*' wildcard cannot follow a pre-release, "
            "post-release, dev or local version: '==1.2.3.post4.*' at column 5\n"
            "    name==1.2.3.post4.*\n"
            "        ^^^^^^^^^^^^^^^");
  EXPECT_EQ(error_of("name >= 1.0+local.version.label"),
            "invalid requirement 'name >= 1.0+local.version.label': a local version label ('+...') "
            "can only be used with '==' or '!=': '>= 1.0' is followed by '+local.version.label' at "
            "column 12\n"
            "    name >= 1.0+local.version.label\n"
            "         ^^^^^^^");
  EXPECT_EQ(error_of("name 1.0"),
            "invalid requirement 'name 1.0': expected a version specifier, '@', ';' or the end after "
            "the name, found '1.0' at column 6\n"
            "    name 1.0\n"
            "         ^");
  EXPECT_EQ(error_of("==0.0"),
            "invalid requirement '==0.0': expected a package name, found '==' at column 1\n"
            "    ==0.0\n"
            "    ^");
  EXPECT_EQ(error_of("name_ >= 1"),
            "invalid requirement 'name_ >= 1': package name 'name_' at column 1 must end with a letter "
            "or digit\n"
            "    name_ >= 1\n"
            "    ^^^^^");
  EXPECT_EQ(error_of("name>=1\n"),
            "invalid requirement 'name>=1\\n': expected ',', ';' or the end after the version "
            "specifier, found a line break at column 8\n"
            "    name>=1 \n"
            "        ^^^^");
}

TEST(RequirementTest, MoreErrors) {
  EXPECT_EQ(error_of("name @ https://x\n"),
            "invalid requirement 'name @ https://x\\n': a URL cannot contain a line break at column "
            "17\n"
            "    name @ https://x \n"
            "                    ^");
  EXPECT_EQ(error_of("name[bar, baz,]"),
            "invalid requirement 'name[bar, baz,]': expected an extra name after ',', found ']' at "
            "column 15\n"
            "    name[bar, baz,]\n"
            "                  ^");
  EXPECT_EQ(error_of("name; os_name == 'a' junk"),
            "invalid requirement \"name; os_name == 'a' junk\": expected 'and', 'or' or the end of "
            "the requirement, found 'junk' at column 22\n"
            "    name; os_name == 'a' junk\n"
            "                         ^");
  EXPECT_EQ(error_of("black (>=20.*) ; extra == 'format'"),
            "invalid requirement \"black (>=20.*) ; extra == 'format'\": a '.*' wildcard can only be "
            "used with '==' or '!=': '>=20.*' at column 8\n"
            "    black (>=20.*) ; extra == 'format'\n"
            "           ^^^^^^");
  EXPECT_FALSE(Requirement::parse("name;").ok());
  EXPECT_FALSE(Requirement::parse("name[a_]").ok());
}

TEST(RequirementTest, SpecifierErrorsFromPep440AreWrapped) {
  auto r = Requirement::parse("demo===x,y");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().span()->column, 5);
  EXPECT_TRUE(r.error().message().starts_with("invalid requirement 'demo===x,y': invalid version "
                                              "specifier '===x,y' at column 5: "))
      << r.error().message();
}

}  // namespace
}  // namespace roost::pep508
