#include "workspace/glob.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace roost::workspace {
namespace {

namespace fs = std::filesystem;

bool matches(const char* pattern, const char* path) {
  Result<GlobPattern> p = GlobPattern::parse(pattern);
  EXPECT_TRUE(p.ok()) << pattern;
  return p.ok() && p->matches_path(path);
}

TEST(GlobPattern, WholePathMatchingLetsStarCrossSlashes) {
  EXPECT_TRUE(matches("packages/*", "packages/seeds"));
  EXPECT_TRUE(matches("packages/*", "packages/seeds/nested"));  // exclude semantics: `*` crosses '/'
  EXPECT_FALSE(matches("packages", "packages/seeds"));          // no prefix semantics
  EXPECT_TRUE(matches("packages/**/x", "packages/x"));
  EXPECT_TRUE(matches("packages/**/x", "packages/a/b/x"));
  EXPECT_FALSE(matches("packages/**/x", "packages/ax"));
  EXPECT_TRUE(matches("lib?", "lib1"));
  EXPECT_FALSE(matches("lib?", "lib"));
  EXPECT_TRUE(matches("[abc]*", "beta"));
  EXPECT_FALSE(matches("[!abc]*", "beta"));
  EXPECT_TRUE(matches("[a-c]x", "bx"));
  EXPECT_TRUE(matches("[]]", "]"));
  EXPECT_TRUE(matches("[!]]", "a"));
  EXPECT_FALSE(matches("Packages/*", "packages/a"));  // case sensitive
  EXPECT_TRUE(matches("*", ".hidden"));                // leading dots need no literal match
}

TEST(GlobPattern, SyntaxErrorsUseTheGlobCratesWording) {
  auto error_of = [](const char* pattern) {
    Result<GlobPattern> p = GlobPattern::parse(pattern);
    return p.ok() ? std::string("ok") : p.error().message();
  };
  EXPECT_EQ(error_of("a/***"), "Pattern syntax error near position 4: wildcards are either regular `*` or recursive `**`");
  EXPECT_EQ(error_of("a**/b"), "Pattern syntax error near position 0: recursive wildcards must form a single path component");
  EXPECT_EQ(error_of("a/**b"), "Pattern syntax error near position 4: recursive wildcards must form a single path component");
  EXPECT_EQ(error_of("packages/[a"), "Pattern syntax error near position 9: invalid range pattern");
  EXPECT_EQ(error_of("[!]"), "Pattern syntax error near position 0: invalid range pattern");
}

class ExpandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("roost-glob-" + std::to_string(::getpid()));
    for (const char* dir : {"packages/b", "packages/a", "packages/.hidden", "libs/x/y/z", "libs/w"}) {
      fs::create_directories(root_ / dir);
    }
    std::ofstream(root_ / "packages" / "README.md") << "not a member";
  }
  void TearDown() override { fs::remove_all(root_); }

  std::vector<std::string> expand(const char* pattern) {
    std::vector<std::string> out;
    Result<std::vector<fs::path>> paths = expand_glob(root_, *GlobPattern::parse(pattern));
    EXPECT_TRUE(paths.ok());
    for (const fs::path& p : *paths) out.push_back(p.lexically_relative(root_).string());
    return out;
  }

  fs::path root_;
};

TEST_F(ExpandTest, StarMatchesOneComponentAndIsSorted) {
  EXPECT_EQ(expand("packages/*"),
            (std::vector<std::string>{"packages/.hidden", "packages/README.md", "packages/a", "packages/b"}));
  EXPECT_EQ(expand("*/*/y"), (std::vector<std::string>{"libs/x/y"}));
  EXPECT_EQ(expand("packages/a"), (std::vector<std::string>{"packages/a"}));
  EXPECT_EQ(expand("packages/missing"), (std::vector<std::string>{}));
}

TEST_F(ExpandTest, RecursiveWildcardMatchesAnyDepth) {
  EXPECT_EQ(expand("libs/**/z"), (std::vector<std::string>{"libs/x/y/z"}));
  EXPECT_EQ(expand("libs/**"), (std::vector<std::string>{"libs", "libs/w", "libs/x", "libs/x/y", "libs/x/y/z"}));
}

}  // namespace
}  // namespace roost::workspace
