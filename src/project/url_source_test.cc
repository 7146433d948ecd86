#include "project/url_source.h"

#include <gtest/gtest.h>

namespace roost::project {
namespace {

TEST(UrlSource, GitLocationAsUvWritesIt) {
  EXPECT_EQ(git_location("https://github.com/o/r", {}), "https://github.com/o/r");
  EXPECT_EQ(git_location("https://github.com/o/r.git",
                         {.reference = std::pair<std::string, std::string>{"tag", "v0.6.0"}}),
            "https://github.com/o/r.git?tag=v0.6.0");
  EXPECT_EQ(git_location("https://github.com/o/r",
                         {.subdirectory = "exporter/otlp",
                          .reference = std::pair<std::string, std::string>{"branch", "main"}}),
            "https://github.com/o/r?subdirectory=exporter%2Fotlp&branch=main");
  EXPECT_EQ(git_location("https://u:secret@github.com/o/r", {.lfs = true}),
            "https://github.com/o/r?lfs=true");
  EXPECT_EQ(form_urlencode("a b/c~d"), "a+b%2Fc%7Ed");
}

TEST(UrlSource, DirectGitUrl) {
  Result<DirectUrl> u = parse_direct_url(
      "git+https://github.com/g/a2a-x402.git#subdirectory=python/x402_a2a", "/w", "/w");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->kind, lock::SourceKind::kGit);
  EXPECT_EQ(u->location, "https://github.com/g/a2a-x402.git?subdirectory=python%2Fx402_a2a");
  u = parse_direct_url("git+https://github.com/o/r@v1.2", "/w", "/w");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->location, "https://github.com/o/r?rev=v1.2");
  u = parse_direct_url("git+ssh://git@github.com/o/r.git@abc", "/w", "/w");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->location, "ssh://git@github.com/o/r.git?rev=abc");
}

TEST(UrlSource, ArchivesAndPaths) {
  Result<DirectUrl> u =
      parse_direct_url("https://x.example/a-1.0.tar.gz#sha256=00&subdirectory=pkg", "/w", "/w");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->kind, lock::SourceKind::kUrl);
  EXPECT_EQ(u->location, "https://x.example/a-1.0.tar.gz");
  EXPECT_EQ(u->subdirectory, "pkg");
  u = parse_direct_url("file:///w/libs/my%20lib", "/w/app", "/w");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->kind, lock::SourceKind::kDirectory);
  EXPECT_EQ(u->location, "libs/my lib");
  u = parse_direct_url("../dist/a-1.0-py3-none-any.whl", "/w/app", "/w");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->kind, lock::SourceKind::kPath);
  EXPECT_EQ(u->location, "dist/a-1.0-py3-none-any.whl");
}

TEST(UrlSource, GitLocationsSplitIntoRepositorySubdirectoryAndReference) {
  GitLocation g = parse_git_location(
      "https://github.com/o/r.git?subdirectory=python%2Fx402_a2a&rev=6f0e683#abc");
  EXPECT_EQ(g.repository, "https://github.com/o/r.git");
  EXPECT_EQ(g.subdirectory, "python/x402_a2a");
  EXPECT_EQ(g.reference_kind, "rev");
  EXPECT_EQ(g.reference, "6f0e683");
  GitLocation plain = parse_git_location("file:///srv/repo");
  EXPECT_EQ(plain.repository, "file:///srv/repo");
  EXPECT_TRUE(plain.reference_kind.empty());
  EXPECT_EQ(parse_git_location("https://h/r?branch=feature%2Fx+y").reference, "feature/x y");
}

}  // namespace
}  // namespace roost::project
