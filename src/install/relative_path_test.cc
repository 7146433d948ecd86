#include "install/relative_path.h"

#include <gtest/gtest.h>

namespace roost::install {
namespace {

TEST(UnsafePathReason, AcceptsPlainRelativePaths) {
  EXPECT_EQ(unsafe_path_reason("hello/__init__.py"), std::nullopt);
  EXPECT_EQ(unsafe_path_reason("six.py"), std::nullopt);
  EXPECT_EQ(unsafe_path_reason("a..b/c..py"), std::nullopt);  // dots inside a name are fine
  EXPECT_EQ(unsafe_path_reason("h\xC3\xA9llo/caf\xC3\xA9.py"), std::nullopt);
  EXPECT_EQ(unsafe_path_reason("hello/", /*allow_directory=*/true), std::nullopt);
}

TEST(UnsafePathReason, RefusesWhatCouldLeaveTheDirectory) {
  EXPECT_EQ(unsafe_path_reason(""), "empty path");
  EXPECT_EQ(unsafe_path_reason("../evil.py"), "path has a '..' component");
  EXPECT_EQ(unsafe_path_reason("a/../../evil.py"), "path has a '..' component");
  EXPECT_EQ(unsafe_path_reason("a/.."), "path has a '..' component");
  EXPECT_EQ(unsafe_path_reason("/etc/passwd"), "absolute path");
  EXPECT_EQ(unsafe_path_reason("C:/x.py"), "path starts with a drive letter");
  EXPECT_EQ(unsafe_path_reason("c:x.py"), "path starts with a drive letter");
  EXPECT_EQ(unsafe_path_reason("a\\..\\..\\x.py"), "path contains a backslash");
  EXPECT_EQ(unsafe_path_reason("a//b"), "path has an empty or '.' component");
  EXPECT_EQ(unsafe_path_reason("./a"), "path has an empty or '.' component");
  EXPECT_EQ(unsafe_path_reason("a/"), "path has an empty or '.' component");  // not a directory
  EXPECT_EQ(unsafe_path_reason("a//", true), "path has an empty or '.' component");
  EXPECT_EQ(unsafe_path_reason(std::string_view("a\0b", 3)), "path contains a control character");
  EXPECT_EQ(unsafe_path_reason("a\nb"), "path contains a control character");
  EXPECT_EQ(unsafe_path_reason("\xC3"), "path is not valid UTF-8");
  EXPECT_EQ(unsafe_path_reason("\xC0\xAF"), "path is not valid UTF-8");      // overlong "/"
  EXPECT_EQ(unsafe_path_reason("\xED\xA0\x80"), "path is not valid UTF-8");  // a surrogate
}

TEST(IsPlainFileName, OneComponentOnly) {
  EXPECT_TRUE(is_plain_file_name("hello-cli"));
  EXPECT_FALSE(is_plain_file_name(""));
  EXPECT_FALSE(is_plain_file_name("."));
  EXPECT_FALSE(is_plain_file_name(".."));
  EXPECT_FALSE(is_plain_file_name("../x"));
  EXPECT_FALSE(is_plain_file_name("a/b"));
  EXPECT_FALSE(is_plain_file_name("a\\b"));
  EXPECT_FALSE(is_plain_file_name("a\tb"));
}

}  // namespace
}  // namespace roost::install
