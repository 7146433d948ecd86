#include "tags/filename.h"

#include <gtest/gtest.h>

namespace roost::tags {
namespace {

std::string wheel_error(std::string_view filename, const WheelFilenameOptions& options = {}) {
  auto r = WheelFilename::parse(filename, options);
  EXPECT_FALSE(r.ok()) << filename;
  if (r.ok()) return "";
  EXPECT_EQ(r.error().kind(), ErrorKind::kParse);
  return r.error().render();
}

std::string sdist_error(std::string_view filename, bool strict = false) {
  auto r = SdistFilename::parse(filename, strict);
  EXPECT_FALSE(r.ok()) << filename;
  if (r.ok()) return "";
  EXPECT_EQ(r.error().kind(), ErrorKind::kParse);
  return r.error().message();
}

TEST(WheelFilename, ParsesAllParts) {
  auto w = WheelFilename::parse(
      "Foo.Bar_baz-1.0.0-12rc-cp311.cp312-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
  ASSERT_TRUE(w.ok()) << w.error().render();
  EXPECT_EQ(w->name, "foo-bar-baz");
  EXPECT_EQ(w->version.to_string(), "1.0.0");
  ASSERT_TRUE(w->build.has_value());
  EXPECT_EQ(w->build->number, 12u);
  EXPECT_EQ(w->build->suffix, "rc");
  EXPECT_EQ(w->tags.size(), 4u);
  EXPECT_TRUE(w->tags.contains(Tag("cp312", "abi3", "manylinux2014_x86_64")));
  EXPECT_EQ(
      w->to_string(),
      "foo_bar_baz-1.0.0-12rc-cp311.cp312-abi3-manylinux2014_x86_64.manylinux_2_17_x86_64.whl");
}

TEST(WheelFilename, CanonicalFormNormalisesTheVersionAndSortsTags) {
  auto w = WheelFilename::parse("foo-1.0-1-py3.py2-none-any.whl");
  ASSERT_TRUE(w.ok());
  EXPECT_FALSE(w->build->suffix.size());
  EXPECT_EQ(w->to_string(), "foo-1.0-1-py2.py3-none-any.whl");
  auto v = WheelFilename::parse("foo-1.0-1-py2.py3-none-any.whl", {.validate_order = true});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->tags, w->tags);
}

TEST(WheelFilename, BuildTagsOrderAsNumberThenSuffix) {
  EXPECT_LT((BuildTag{2, ""}), (BuildTag{10, ""}));
  EXPECT_LT((BuildTag{1, ""}), (BuildTag{1, "a"}));
  EXPECT_LT((BuildTag{1, "a"}), (BuildTag{2, ""}));
}

TEST(WheelFilename, ErrorsNameTheFilenameAndColumn) {
  EXPECT_EQ(wheel_error("foo-1.0-py3-none-any.zip"),
            "invalid wheel filename 'foo-1.0-py3-none-any.zip': expected the extension '.whl'\n"
            "    foo-1.0-py3-none-any.zip\n"
            "                        ^^^^");
  EXPECT_EQ(wheel_error("foo-1.0.whl"),
            "invalid wheel filename 'foo-1.0.whl': expected 5 or 6 '-'-separated parts "
            "(name-version[-build]-python-abi-platform), found 2\n"
            "    foo-1.0.whl\n"
            "    ^^^^^^^");
  EXPECT_EQ(wheel_error("foo#bar-1.0-py3-none-any.whl"),
            "invalid wheel filename 'foo#bar-1.0-py3-none-any.whl': invalid character '#' in "
            "project name at column 4\n"
            "    foo#bar-1.0-py3-none-any.whl\n"
            "       ^");
  EXPECT_EQ(wheel_error("foo__bar-1.0-py3-none-any.whl"),
            "invalid wheel filename 'foo__bar-1.0-py3-none-any.whl': '__' in project name at "
            "column 4 (a wheel name "
            "writes each run of '-', '_' and '.' as one '_')\n"
            "    foo__bar-1.0-py3-none-any.whl\n"
            "       ^^");
  EXPECT_EQ(wheel_error("-1.0-py3-none-any.whl"),
            "invalid wheel filename '-1.0-py3-none-any.whl': empty project name\n"
            "    -1.0-py3-none-any.whl\n"
            "    ^");
  EXPECT_EQ(
      wheel_error("foobar-1.x-py3-none-any.whl"),
      "invalid wheel filename 'foobar-1.x-py3-none-any.whl': invalid version '1.x' at column 8\n"
      "    foobar-1.x-py3-none-any.whl\n"
      "           ^^^");
  EXPECT_EQ(wheel_error("foo-1.0-abc-py3-none-any.whl"),
            "invalid wheel filename 'foo-1.0-abc-py3-none-any.whl': build tag 'abc' at column 9 "
            "must start with a digit\n"
            "    foo-1.0-abc-py3-none-any.whl\n"
            "            ^^^");
  EXPECT_EQ(wheel_error("foo-1.0-99999999999999999999-py3-none-any.whl"),
            "invalid wheel filename 'foo-1.0-99999999999999999999-py3-none-any.whl': build number "
            "at column 9 is too "
            "large\n"
            "    foo-1.0-99999999999999999999-py3-none-any.whl\n"
            "            ^^^^^^^^^^^^^^^^^^^^");
  EXPECT_EQ(wheel_error("foo-1.0-py3.-none-any.whl"),
            "invalid wheel filename 'foo-1.0-py3.-none-any.whl': invalid tag 'py3.-none-any': "
            "empty component in "
            "'py3.' at column 13\n"
            "    foo-1.0-py3.-none-any.whl\n"
            "                ^");
  EXPECT_EQ(wheel_error("playlyfe-0.1.1-2.7.6-none-any.whl"),
            "invalid wheel filename 'playlyfe-0.1.1-2.7.6-none-any.whl': invalid tag "
            "'2.7.6-none-any': invalid "
            "interpreter '2' at column 16\n"
            "    playlyfe-0.1.1-2.7.6-none-any.whl\n"
            "                   ^\n"
            "hint: an interpreter tag is an identifier, like 'cp311', 'py3' or 'pp310'");
  EXPECT_EQ(wheel_error("foo-1.0-py3.py2-none-any.whl", {.validate_order = true}),
            "invalid wheel filename 'foo-1.0-py3.py2-none-any.whl': invalid tag "
            "'py3.py2-none-any': 'py3.py2' at "
            "column 9 is not in sorted order per PEP 425 (expected 'py2.py3')\n"
            "    foo-1.0-py3.py2-none-any.whl\n"
            "            ^^^^^^^");
}

TEST(WheelFilename, TagLimitGuardsAgainstHugeSets) {
  std::string many;
  for (int i = 0; i < 20; ++i) many += (i ? ".p" : "p") + std::to_string(i);
  std::string name = "foo-1.0-" + many + "-" + many + "-" + many + ".whl";  // 8000 tags
  auto r = WheelFilename::parse(name);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find(
                "compressed tag set would generate 8000 tags, exceeding the limit of 4096"),
            std::string::npos);
  EXPECT_TRUE(WheelFilename::parse(name, {.tag_limit = std::nullopt}).ok());
}

TEST(SdistFilename, ParsesLegacyNamesAtTheLastDash) {
  auto s = SdistFilename::parse("Foo-Bar-2.0rc1.tar.gz");
  ASSERT_TRUE(s.ok()) << s.error().render();
  EXPECT_EQ(s->name, "foo-bar");
  EXPECT_EQ(s->version.to_string(), "2.0rc1");
  EXPECT_EQ(s->format, SdistFormat::kTarGz);
  EXPECT_EQ(s->to_string(), "foo_bar-2.0rc1.tar.gz");
  auto zip = SdistFilename::parse("foo-1.0.zip");
  ASSERT_TRUE(zip.ok());
  EXPECT_EQ(zip->format, SdistFormat::kZip);
  EXPECT_EQ(zip->to_string(), "foo-1.0.zip");
}

TEST(SdistFilename, Errors) {
  EXPECT_EQ(sdist_error("foo-1.0.xz"),
            "invalid sdist filename 'foo-1.0.xz': expected the extension '.tar.gz' or '.zip'");
  EXPECT_EQ(sdist_error("foo1.0.tar.gz"),
            "invalid sdist filename 'foo1.0.tar.gz': expected '-' between the project name and the "
            "version");
  EXPECT_EQ(sdist_error("-1.0.zip"), "invalid sdist filename '-1.0.zip': empty project name");
  EXPECT_EQ(sdist_error("foo-1.x.tar.gz"),
            "invalid sdist filename 'foo-1.x.tar.gz': invalid version '1.x' at column 5");
}

TEST(SdistFilename, StrictRequiresTheNormalisedForm) {
  EXPECT_TRUE(SdistFilename::parse("foo_bar-1.0.tar.gz", true).ok());
  EXPECT_EQ(sdist_error("foo-1.0.zip", true),
            "invalid sdist filename 'foo-1.0.zip': expected the extension '.tar.gz'");
  EXPECT_EQ(sdist_error("Foo-1.0.tar.gz", true),
            "invalid sdist filename 'Foo-1.0.tar.gz': project name 'Foo' is not normalized "
            "(expected 'foo')");
  EXPECT_EQ(sdist_error("foo bar-1.0.tar.gz", true),
            "invalid sdist filename 'foo bar-1.0.tar.gz': invalid project name 'foo bar'");
  EXPECT_EQ(sdist_error("foo-1.0.0-1.tar.gz", true),
            "invalid sdist filename 'foo-1.0.0-1.tar.gz': project name 'foo-1.0.0' is not "
            "normalized (expected "
            "'foo_1_0_0')");
  EXPECT_EQ(sdist_error("foo-01.0.tar.gz", true),
            "invalid sdist filename 'foo-01.0.tar.gz': version '01.0' at column 5 is not "
            "normalized (expected '1.0')");
}

}  // namespace
}  // namespace roost::tags
