#include "project/uv_marker.h"

#include <gtest/gtest.h>

namespace roost::project {
namespace {

std::string uv(const char* text) {
  Result<pep508::Marker> m = pep508::Marker::parse(text);
  EXPECT_TRUE(m.ok()) << text;
  return m.ok() ? uv_marker_text(*m) : "";
}

TEST(UvMarker, PythonVersionIsWrittenAsFullVersionWithReleaseBounds) {
  EXPECT_EQ(uv("python_version < '3.11'"), "python_full_version < '3.11'");
  EXPECT_EQ(uv("python_version >= '3.9'"), "python_full_version >= '3.9'");
  EXPECT_EQ(uv("python_version > '3.8'"), "python_full_version >= '3.9'");
  EXPECT_EQ(uv("python_version <= '3.10'"), "python_full_version < '3.11'");
  EXPECT_EQ(uv("python_version == '3.12'"), "python_full_version == '3.12.*'");
  EXPECT_EQ(uv("python_version != '3.12'"), "python_full_version != '3.12.*'");
  EXPECT_EQ(uv("python_version >= '3.11' and python_version < '3.14'"),
            "python_full_version >= '3.11' and python_full_version < '3.14'");
  EXPECT_EQ(uv("python_full_version >= '3.12'"), "python_full_version >= '3.12'");
  EXPECT_EQ(uv("python_full_version < '3.11.4'"), "python_full_version < '3.11.4'");
}

TEST(UvMarker, TermsInUvVariableOrder) {
  EXPECT_EQ(uv("sys_platform == 'linux' and platform_machine == 'x86_64'"),
            "platform_machine == 'x86_64' and sys_platform == 'linux'");
  EXPECT_EQ(uv("extra == 'voice' and python_version >= '3.10'"),
            "python_full_version >= '3.10' and extra == 'voice'");
  EXPECT_EQ(uv("platform_machine == 'x86_64' and implementation_name == 'cpython' and "
               "python_version < '3.13'"),
            "python_full_version < '3.13' and implementation_name == 'cpython' and "
            "platform_machine == 'x86_64'");
  EXPECT_EQ(uv("sys_platform != 'win32' and platform_python_implementation != 'PyPy' and "
               "sys_platform != 'cygwin'"),
            "platform_python_implementation != 'PyPy' and sys_platform != 'cygwin' and "
            "sys_platform != 'win32'");
  EXPECT_EQ(uv("platform_system == 'FreeBSD' and os_name == 'posix'"),
            "os_name == 'posix' and platform_system == 'FreeBSD'");
}

TEST(UvMarker, DisjunctionsSortedByValueAndVariables) {
  EXPECT_EQ(uv("sys_platform == 'linux' or sys_platform == 'darwin'"),
            "sys_platform == 'darwin' or sys_platform == 'linux'");
  EXPECT_EQ(uv("sys_platform != 'darwin' and sys_platform != 'linux'"),
            "sys_platform != 'darwin' and sys_platform != 'linux'");
  EXPECT_EQ(
      uv("sys_platform == 'darwin' or (sys_platform == 'linux' and platform_machine == 'x86_64')"),
      "(platform_machine == 'x86_64' and sys_platform == 'linux') or sys_platform == 'darwin'");
  EXPECT_EQ(uv("extra == 'b' or extra == 'a'"), "extra == 'a' or extra == 'b'");
}

// uv reads these platform_system values as sys_platform values (uv-pep508 algebra.rs).
TEST(UvMarker, PlatformSystemBecomesSysPlatform) {
  EXPECT_EQ(uv("platform_system != 'Windows'"), "sys_platform != 'win32'");
  EXPECT_EQ(uv("platform_system == 'Darwin' and platform_machine == 'arm64'"),
            "platform_machine == 'arm64' and sys_platform == 'darwin'");
  EXPECT_EQ(uv("platform_system == 'Linux' and sys_platform != 'win32'"),
            "sys_platform == 'linux'");
  EXPECT_EQ(uv("platform_system == 'FreeBSD'"), "platform_system == 'FreeBSD'");
  EXPECT_TRUE(uv_normalized(*pep508::Marker::parse("platform_system != 'Windows'")) ==
              *pep508::Marker::parse("sys_platform != 'win32'"));
}

TEST(UvMarker, ConstantsAndSets) {
  EXPECT_EQ(uv(""), "");
  EXPECT_EQ(uv("python_version >= '3.8' or python_version < '3.8'"), "");
  EXPECT_EQ(uv("sys_platform == 'linux' and sys_platform == 'win32'"), "python_full_version < '0'");
}

// uv has one boolean per extra. Lowering spells such markers with `in extras` terms (roost's
// algebra has a single `extra` value), which print as uv's `extra == ...` terms.
TEST(UvMarker, ExtrasAreIndependentBooleans) {
  EXPECT_EQ(uv("'cuda' in extras"), "extra == 'cuda'");
  EXPECT_EQ(uv("sys_platform == 'linux' and 'mlx' in extras and 'cpu' in extras and 'cu12' not in "
               "extras"),
            "sys_platform == 'linux' and extra == 'cpu' and extra != 'cu12' and extra == 'mlx'");
  EXPECT_EQ(uv_extras_encoded_text(
                "sys_platform == \"linux\" and extra == \"mlx-cpu\" and \"cu\" != extra"),
            "sys_platform == \"linux\" and 'mlx-cpu' in extras and 'cu' not in extras");
  EXPECT_EQ(uv_extras_encoded_text("extras_x == 'a'"), "extras_x == 'a'");
}

// uv sorts requirement sets by its marker trees, not by their text.
TEST(UvMarker, UvsOrderIsStructural) {
  auto cmp = [](const char* a, const char* b) {
    return compare_uv_markers(*pep508::Marker::parse(a), *pep508::Marker::parse(b));
  };
  EXPECT_LT(cmp("python_version >= '3.10' and extra == 'container'",
                "python_version < '3.10' and extra == 'container'"),
            0);
  EXPECT_LT(cmp("python_version < '3.10'", "python_version >= '3.10'"), 0);  // True before False
  EXPECT_LT(cmp("", "sys_platform == 'linux'"), 0);
  EXPECT_LT(cmp("sys_platform == 'darwin' and extra == 'mlx'",
                "platform_machine == 'aarch64' and extra == 'mlx'"),
            0);
  EXPECT_EQ(cmp("platform_system == 'Windows'", "sys_platform == 'win32'"), 0);
}

}  // namespace
}  // namespace roost::project
