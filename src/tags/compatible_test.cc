#include "tags/compatible.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace roost::tags {
namespace {

using Strings = std::vector<std::string>;

Strings strings(const std::vector<Tag>& tags, size_t from = 0, size_t n = SIZE_MAX) {
  Strings out;
  for (size_t i = from; i < tags.size() && out.size() < n; ++i) out.push_back(tags[i].to_string());
  return out;
}

size_t index_of(const std::vector<Tag>& tags, std::string_view tag) {
  for (size_t i = 0; i < tags.size(); ++i) {
    if (tags[i].to_string() == tag) return i;
  }
  return SIZE_MAX;
}

TEST(CPythonAbis, FlagsFollowTheVersion) {
  EXPECT_EQ(cpython_abis(3, 12), (Strings{"cp312"}));
  EXPECT_EQ(cpython_abis(3, 13, {.free_threaded = true}), (Strings{"cp313t"}));
  EXPECT_EQ(cpython_abis(3, 12, {.free_threaded = true}),
            (Strings{"cp312"}));  // no "t" before 3.13
  EXPECT_EQ(cpython_abis(3, 11, {.debug = true}), (Strings{"cp311d", "cp311"}));
  EXPECT_EQ(cpython_abis(3, 13, {.debug = true, .free_threaded = true}),
            (Strings{"cp313td", "cp313t"}));
  EXPECT_EQ(cpython_abis(3, 7), (Strings{"cp37m"}));
  EXPECT_EQ(cpython_abis(3, 7, {.debug = true}), (Strings{"cp37dm"}));
  EXPECT_EQ(cpython_abis(2, 7), (Strings{"cp27mu"}));
  EXPECT_EQ(cpython_abis(2, 7, {.pymalloc = false, .wide_unicode = false}), (Strings{"cp27"}));
}

TEST(AbisFromExtSuffix, FollowsPackagingsGenericAbi) {
  auto abi = [](std::string_view suffix) { return abis_from_ext_suffix(suffix).value(); };
  EXPECT_EQ(abi(".cpython-311-x86_64-linux-gnu.so"), (Strings{"cp311"}));
  EXPECT_EQ(abi(".cpython-313t-darwin.so"), (Strings{"cp313t"}));
  EXPECT_EQ(abi(".cp310-win_amd64.pyd"), (Strings{"cp310"}));
  EXPECT_EQ(abi(".pypy38-pp73-x86_64-linux-gnu.so"), (Strings{"pypy38_pp73"}));
  EXPECT_EQ(abi(".graalpy-38-native-x86_64-darwin.dylib"), (Strings{"graalpy_38_native"}));
  EXPECT_EQ(abi(".pyston-23-x86_64-linux-gnu.so"), (Strings{"pyston_23_x86_64_linux_gnu"}));
  EXPECT_EQ(abi(".pyd"), Strings{});
  auto bad = abis_from_ext_suffix("so");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message(),
            "invalid EXT_SUFFIX 'so': expected '.<abi>-<platform>.<ext>', like "
            "'.cpython-311-x86_64-linux-gnu.so'");
  EXPECT_FALSE(abis_from_ext_suffix(".cpython-.so").ok());
}

TEST(SupportedTags, CPythonOnManylinuxInSysTagsOrder) {
  Interpreter py = Interpreter::cpython(3, 12);
  Platform linux_x86{.os = Os::kLinux, .arch = "x86_64", .glibc = LibcVersion{2, 17}};
  auto tags = supported_tags(py, linux_x86);
  ASSERT_TRUE(tags.ok());
  const size_t platforms = 1 + 13 + 3;  // linux_x86_64, manylinux 2.17..2.5, three aliases
  // cpython_tags: cp312, abi3, none, then abi3 for 3.11 .. 3.2; compatible_tags: 14 py* per
  // platform, cp312-none-any and the 14 pure-Python tags.
  ASSERT_EQ(tags->size(), 13 * platforms + 14 * platforms + 1 + 14);
  EXPECT_EQ(strings(*tags, 0, 4),
            (Strings{"cp312-cp312-linux_x86_64", "cp312-cp312-manylinux_2_17_x86_64",
                     "cp312-cp312-manylinux2014_x86_64", "cp312-cp312-manylinux_2_16_x86_64"}));
  EXPECT_EQ(strings(*tags, platforms, 1), (Strings{"cp312-abi3-linux_x86_64"}));
  EXPECT_EQ(strings(*tags, 2 * platforms, 1), (Strings{"cp312-none-linux_x86_64"}));
  EXPECT_EQ(strings(*tags, 3 * platforms, 1), (Strings{"cp311-abi3-linux_x86_64"}));
  EXPECT_EQ(strings(*tags, 13 * platforms - 1, 2),
            (Strings{"cp32-abi3-manylinux1_x86_64", "py312-none-linux_x86_64"}));
  EXPECT_EQ(
      strings(*tags, tags->size() - 16),
      (Strings{"py30-none-manylinux1_x86_64", "cp312-none-any", "py312-none-any", "py3-none-any",
               "py311-none-any", "py310-none-any", "py39-none-any", "py38-none-any",
               "py37-none-any", "py36-none-any", "py35-none-any", "py34-none-any", "py33-none-any",
               "py32-none-any", "py31-none-any", "py30-none-any"}));
  // A wheel for the native platform beats any manylinux wheel of the same ABI.
  EXPECT_LT(index_of(*tags, "cp312-cp312-linux_x86_64"),
            index_of(*tags, "cp312-cp312-manylinux_2_17_x86_64"));
  // The interpreter-specific ABI beats abi3 on every platform.
  EXPECT_LT(index_of(*tags, "cp312-cp312-manylinux1_x86_64"),
            index_of(*tags, "cp312-abi3-linux_x86_64"));
}

TEST(SupportedTags, FreeThreadedCPythonUsesAbi3t) {
  Interpreter py = Interpreter::cpython(3, 13, {.free_threaded = true});
  Strings plats = {"win_amd64"};
  auto tags = supported_tags(py, plats);
  EXPECT_EQ(strings(tags, 0, 5),
            (Strings{"cp313-cp313t-win_amd64", "cp313-abi3t-win_amd64", "cp313-none-win_amd64",
                     "cp312-abi3t-win_amd64", "cp311-abi3t-win_amd64"}));
  EXPECT_EQ(index_of(tags, "cp313-abi3-win_amd64"), SIZE_MAX);
}

TEST(SupportedTags, DebugCPythonAlsoTakesReleaseAbi) {
  Strings plats = {"plat"};
  auto tags = supported_tags(Interpreter::cpython(3, 11, {.debug = true}), plats);
  EXPECT_EQ(strings(tags, 0, 3),
            (Strings{"cp311-cp311d-plat", "cp311-cp311-plat", "cp311-abi3-plat"}));
}

TEST(SupportedTags, PyPyUsesGenericTagsAndPp3) {
  Strings plats = {"manylinux_2_17_x86_64"};
  auto tags = supported_tags(Interpreter::pypy(3, 10), plats);
  EXPECT_EQ(strings(tags, 0, 4),
            (Strings{"pp310-pypy310_pp73-manylinux_2_17_x86_64", "pp310-none-manylinux_2_17_x86_64",
                     "py310-none-manylinux_2_17_x86_64", "py3-none-manylinux_2_17_x86_64"}));
  size_t pp3 = index_of(tags, "pp3-none-any");
  ASSERT_NE(pp3, SIZE_MAX);
  EXPECT_EQ(strings(tags, pp3 - 1, 3),
            (Strings{"py30-none-manylinux_2_17_x86_64", "pp3-none-any", "py310-none-any"}));
  EXPECT_EQ(index_of(tags, "pp310-abi3-manylinux_2_17_x86_64"), SIZE_MAX);
}

TEST(SupportedTags, OtherInterpretersHaveNoInterpreterAnyTag) {
  Interpreter graal{.implementation = Implementation::kOther,
                    .name = "graalpy",
                    .major = 3,
                    .minor = 11,
                    .abis = {"graalpy311_311_native"}};
  Strings plats = {"linux_x86_64"};
  auto tags = supported_tags(graal, plats);
  EXPECT_EQ(strings(tags, 0, 2), (Strings{"graalpy311-graalpy311_311_native-linux_x86_64",
                                          "graalpy311-none-linux_x86_64"}));
  EXPECT_EQ(index_of(tags, "graalpy311-none-any"), SIZE_MAX);
  EXPECT_EQ(strings(tags, tags.size() - 1), (Strings{"py30-none-any"}));
}

TEST(SupportedTags, PlatformErrorsPropagate) {
  auto r =
      supported_tags(Interpreter::cpython(3, 12), Platform{.os = Os::kWindows, .arch = "mips"});
  EXPECT_FALSE(r.ok());
}

TEST(Interpreter, InterpreterTag) {
  EXPECT_EQ(Interpreter::cpython(3, 9).interpreter_tag(), "cp39");
  EXPECT_EQ(Interpreter::pypy(3, 10).interpreter_tag(), "pp310");
  EXPECT_EQ(PythonVersion{3}.nodot(), "3");
}

}  // namespace
}  // namespace roost::tags
