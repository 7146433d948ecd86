#include "tags/platform.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace roost::tags {
namespace {

using Strings = std::vector<std::string>;

Strings first(const Strings& v, size_t n) {
  return Strings(v.begin(), v.begin() + std::min(n, v.size()));
}

TEST(Manylinux, X86GoesDownTo2_5WithLegacyAliasesAfterTheirPep600Names) {
  Strings archs = {"x86_64"};
  Strings tags = manylinux_platforms(archs, {2, 20});
  EXPECT_EQ(first(tags, 6),
            (Strings{"manylinux_2_20_x86_64", "manylinux_2_19_x86_64", "manylinux_2_18_x86_64",
                     "manylinux_2_17_x86_64", "manylinux2014_x86_64", "manylinux_2_16_x86_64"}));
  ASSERT_EQ(tags.size(), 16u + 3u);  // 2.20 .. 2.5, plus three aliases
  EXPECT_EQ(tags[tags.size() - 2], "manylinux_2_5_x86_64");
  EXPECT_EQ(tags.back(), "manylinux1_x86_64");
  EXPECT_NE(std::find(tags.begin(), tags.end(), "manylinux2010_x86_64"), tags.end());
}

TEST(Manylinux, OtherArchitecturesStopAt2_17) {
  Strings archs = {"aarch64"};
  EXPECT_EQ(manylinux_platforms(archs, {2, 18}),
            (Strings{"manylinux_2_18_aarch64", "manylinux_2_17_aarch64", "manylinux2014_aarch64"}));
  EXPECT_TRUE(manylinux_platforms(archs, {2, 16}).empty());
}

TEST(Manylinux, UnknownArchitecturesHaveNone) {
  Strings archs = {"riscv32"};
  EXPECT_TRUE(manylinux_platforms(archs, {2, 35}).empty());
}

TEST(Manylinux, ANewGlibcMajorListsTheOldMajorInFull) {
  Strings archs = {"x86_64"};
  Strings tags = manylinux_platforms(archs, {3, 1});
  EXPECT_EQ(first(tags, 3),
            (Strings{"manylinux_3_1_x86_64", "manylinux_3_0_x86_64", "manylinux_2_50_x86_64"}));
}

TEST(Linux, NativeTagComesFirstThenManylinux) {
  Strings tags = linux_platforms("x86_64", LibcVersion{2, 17}, std::nullopt);
  EXPECT_EQ(first(tags, 4), (Strings{"linux_x86_64", "manylinux_2_17_x86_64",
                                     "manylinux2014_x86_64", "manylinux_2_16_x86_64"}));
  EXPECT_EQ(tags.size(), 1u + 13u + 3u);
}

TEST(Linux, Armv8lAlsoRunsArmv7l) {
  Strings tags = linux_platforms("armv8l", LibcVersion{2, 17}, std::nullopt);
  EXPECT_EQ(tags,
            (Strings{"linux_armv8l", "linux_armv7l", "manylinux_2_17_armv8l",
                     "manylinux2014_armv8l", "manylinux_2_17_armv7l", "manylinux2014_armv7l"}));
}

TEST(Linux, MuslListsEveryMinorDownToZero) {
  Strings tags = linux_platforms("aarch64", std::nullopt, LibcVersion{1, 2});
  EXPECT_EQ(tags, (Strings{"linux_aarch64", "musllinux_1_2_aarch64", "musllinux_1_1_aarch64",
                           "musllinux_1_0_aarch64"}));
}

TEST(Linux, WithoutALibcOnlyTheNativeTag) {
  EXPECT_EQ(linux_platforms("s390x", std::nullopt, std::nullopt), (Strings{"linux_s390x"}));
}

TEST(PlatformTags, Windows) {
  for (const char* arch : {"x86_64", "amd64", "AMD64"}) {
    auto r = platform_tags({.os = Os::kWindows, .arch = arch});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, (Strings{"win_amd64"}));
  }
  EXPECT_EQ(*platform_tags({.os = Os::kWindows, .arch = "x86"}), (Strings{"win32"}));
  EXPECT_EQ(*platform_tags({.os = Os::kWindows, .arch = "arm64"}), (Strings{"win_arm64"}));
  auto bad = platform_tags({.os = Os::kWindows, .arch = "sparc"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message(),
            "unsupported Windows architecture 'sparc' (expected x86_64, x86 or arm64)");
}

TEST(PlatformTags, MacOSArm64StartsWithItsOwnVersion) {
  auto r = platform_tags({.os = Os::kMacOS, .arch = "arm64", .os_version = {14, 2}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(first(*r, 4), (Strings{"macosx_14_0_arm64", "macosx_14_0_universal2",
                                   "macosx_13_0_arm64", "macosx_13_0_universal2"}));
  EXPECT_EQ(r->back(), "macosx_10_4_universal2");
}

TEST(PlatformTags, LinuxAndOther) {
  auto lx = platform_tags({.os = Os::kLinux, .arch = "x86_64", .musl = LibcVersion{1, 1}});
  ASSERT_TRUE(lx.ok());
  EXPECT_EQ(*lx, (Strings{"linux_x86_64", "musllinux_1_1_x86_64", "musllinux_1_0_x86_64"}));
  auto bsd = platform_tags({.os = Os::kOther, .other_platform = "freebsd-14.0-RELEASE-amd64"});
  ASSERT_TRUE(bsd.ok());
  EXPECT_EQ(*bsd, (Strings{"freebsd_14_0_RELEASE_amd64"}));
  EXPECT_FALSE(platform_tags({.os = Os::kOther}).ok());
}

TEST(PlatformTags, AndroidAndIos) {
  auto android = platform_tags({.os = Os::kAndroid, .arch = "arm64-v8a", .android_api_level = 17});
  ASSERT_TRUE(android.ok());
  EXPECT_EQ(*android, (Strings{"android_17_arm64_v8a", "android_16_arm64_v8a"}));
  auto ios = platform_tags({.os = Os::kIos, .arch = "arm64-iphoneos", .os_version = {12, 1}});
  ASSERT_TRUE(ios.ok());
  EXPECT_EQ(*ios, (Strings{"ios_12_1_arm64_iphoneos", "ios_12_0_arm64_iphoneos"}));
}

}  // namespace
}  // namespace roost::tags
