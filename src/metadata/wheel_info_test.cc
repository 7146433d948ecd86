#include "metadata/wheel_info.h"

#include <gtest/gtest.h>

namespace roost::metadata {
namespace {

std::string error_of(std::string_view text) {
  auto r = WheelInfo::parse(text);
  EXPECT_FALSE(r.ok()) << text;
  if (r.ok()) return "";
  EXPECT_EQ(r.error().kind(), ErrorKind::kParse);
  return r.error().render();
}

TEST(WheelInfo, ParsesTheFields) {
  auto r = WheelInfo::parse(
      "Wheel-Version: 1.0\n"
      "Generator: bdist_wheel (0.42.0)\n"
      "Root-Is-Purelib: false\n"
      "Tag: cp311-cp311-manylinux_2_17_x86_64\n"
      "Tag: cp311-cp311-manylinux2014_x86_64\n"
      "Build: 1abc\n");
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(r->version_major, 1);
  EXPECT_EQ(r->version_minor, 0);
  EXPECT_FALSE(r->is_newer_than_supported());
  EXPECT_EQ(r->generator, "bdist_wheel (0.42.0)");
  EXPECT_FALSE(r->root_is_purelib);
  ASSERT_EQ(r->tags.size(), 2u);
  EXPECT_EQ(r->tags[0].to_string(), "cp311-cp311-manylinux_2_17_x86_64");
  EXPECT_EQ(r->build, "1abc");
}

TEST(WheelInfo, ExpandsCompressedTagsAndAcceptsNewerMinors) {
  auto r = WheelInfo::parse("Wheel-Version: 1.9\nRoot-Is-Purelib: TRUE\nTag: py2.py3-none-any\n");
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_TRUE(r->is_newer_than_supported());
  EXPECT_TRUE(r->root_is_purelib);
  ASSERT_EQ(r->tags.size(), 2u);
  EXPECT_EQ(r->tags[1].to_string(), "py3-none-any");
}

TEST(WheelInfo, WritesAndReadsBack) {
  WheelInfo w;
  w.generator = "roost 0.1.0";
  w.root_is_purelib = true;
  w.tags = {tags::Tag("py3", "none", "any")};
  std::string text = w.to_string();
  EXPECT_EQ(
      text,
      "Wheel-Version: 1.0\nGenerator: roost 0.1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
  auto back = WheelInfo::parse(text);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->to_string(), text);
}

TEST(WheelInfo, Errors) {
  EXPECT_EQ(error_of("Root-Is-Purelib: true\n"),
            "WHEEL: missing the required field 'Wheel-Version'");
  EXPECT_EQ(
      error_of("Wheel-Version: 2.0\nRoot-Is-Purelib: true\n"),
      "WHEEL line 1: unsupported Wheel-Version '2.0' (this installer reads wheel format 1.x)\n"
      "    Wheel-Version: 2.0\n"
      "                   ^^^");
  EXPECT_EQ(error_of("Wheel-Version: one\nRoot-Is-Purelib: true\n"),
            "WHEEL line 1: invalid Wheel-Version 'one' (expected '<major>.<minor>', like '1.0')\n"
            "    Wheel-Version: one\n"
            "                   ^^^");
  EXPECT_EQ(error_of("Wheel-Version: 1.0\n"),
            "WHEEL: missing the required field 'Root-Is-Purelib'");
  EXPECT_EQ(error_of("Wheel-Version: 1.0\nRoot-Is-Purelib: yes\n"),
            "WHEEL line 2: Root-Is-Purelib must be 'true' or 'false', found 'yes'\n"
            "    Root-Is-Purelib: yes\n"
            "                     ^^^");
  EXPECT_EQ(error_of("Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none\n"),
            "WHEEL line 3: invalid Tag 'py3-none': must have exactly three components "
            "(interpreter-abi-platform), "
            "found 2\n"
            "    Tag: py3-none\n"
            "         ^^^^^^^^");
  EXPECT_EQ(error_of("Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3.-none-any\n"),
            "WHEEL line 3: invalid Tag 'py3.-none-any': empty component in 'py3.' at column 10\n"
            "    Tag: py3.-none-any\n"
            "             ^");
  EXPECT_EQ(error_of("Wheel-Version: 1.0\nRoot-Is-Purelib: true\nBuild: abc\n"),
            "WHEEL line 3: Build 'abc' must start with a digit\n"
            "    Build: abc\n"
            "           ^^^");
  EXPECT_EQ(error_of("Wheel-Version: 1.0\nRoot-Is-Purelib: true\nwheel-version: 1.0\n"),
            "WHEEL line 3: field 'wheel-version' appears twice (first at line 1); it may be given "
            "only once\n"
            "    wheel-version: 1.0\n"
            "    ^^^^^^^^^^^^^");
}

}  // namespace
}  // namespace roost::metadata
