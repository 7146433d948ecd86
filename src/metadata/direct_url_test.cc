#include "metadata/direct_url.h"

#include <gtest/gtest.h>

namespace roost::metadata {
namespace {

constexpr std::string_view kHex =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

std::string error_of(std::string_view text) {
  auto r = DirectUrl::parse(text);
  EXPECT_FALSE(r.ok()) << text;
  if (r.ok()) return "";
  EXPECT_EQ(r.error().kind(), ErrorKind::kParse);
  return r.error().message();
}

TEST(DirectUrl, ReadsTheThreeKinds) {
  auto dir = DirectUrl::parse(R"({"url": "file:///home/me/proj", "dir_info": {"editable": true}})");
  ASSERT_TRUE(dir.ok()) << dir.error().render();
  EXPECT_EQ(dir->url, "file:///home/me/proj");
  ASSERT_TRUE(std::holds_alternative<DirInfo>(dir->info));
  EXPECT_TRUE(std::get<DirInfo>(dir->info).editable);

  auto vcs = DirectUrl::parse(R"({"url": "https://github.com/a/b.git", "subdirectory": "pkg",
      "vcs_info": {"vcs": "git", "commit_id": "abc123", "requested_revision": "v1"}})");
  ASSERT_TRUE(vcs.ok()) << vcs.error().render();
  EXPECT_EQ(vcs->subdirectory, "pkg");
  const auto& v = std::get<VcsInfo>(vcs->info);
  EXPECT_EQ(v.vcs, "git");
  EXPECT_EQ(v.commit_id, "abc123");
  EXPECT_EQ(v.requested_revision, "v1");

  auto archive =
      DirectUrl::parse(R"({"url": "https://x/y.whl", "archive_info": {"hash": "sha256=)" +
                       std::string(kHex) + R"("}})");
  ASSERT_TRUE(archive.ok()) << archive.error().render();
  EXPECT_EQ(std::get<ArchiveInfo>(archive->info).hashes.at("sha256"), kHex);
  auto empty_archive = DirectUrl::parse(R"({"url": "https://x/y.whl", "archive_info": {}})");
  ASSERT_TRUE(empty_archive.ok());
  EXPECT_TRUE(std::get<ArchiveInfo>(empty_archive->info).hashes.empty());
}

TEST(DirectUrl, HashesAndTheLegacyHashMustAgree) {
  std::string both = R"({"url": "https://x/y.whl", "archive_info": {"hashes": {"sha256": ")" +
                     std::string(kHex) + R"("}, "hash": "sha256=)" + std::string(kHex) + R"("}})";
  EXPECT_TRUE(DirectUrl::parse(both).ok());
  std::string other = std::string(kHex);
  other[0] = 'f';
  EXPECT_EQ(error_of(R"({"url": "u", "archive_info": {"hashes": {"sha256": ")" + std::string(kHex) +
                     R"("}, "hash": "sha256=)" + other + R"("}})"),
            "direct_url.json: 'archive_info.hash' and 'archive_info.hashes' disagree about the "
            "sha256 digest");
  EXPECT_EQ(error_of(R"({"url": "u", "archive_info": {"hashes": {"sha256": ")" + std::string(kHex) +
                     R"("}, "hash": "md5=d41d8cd98f00b204e9800998ecf8427e"}})"),
            "direct_url.json: the algorithm 'md5' of 'archive_info.hash' is missing from "
            "'archive_info.hashes'");
}

TEST(DirectUrl, ValidationErrors) {
  EXPECT_EQ(error_of("[]"),
            "direct_url.json: expected a JSON object at the top level, found array");
  EXPECT_EQ(error_of(R"({"dir_info": {}})"), "direct_url.json: missing the required key 'url'");
  EXPECT_EQ(error_of(R"({"url": 3, "dir_info": {}})"),
            "direct_url.json: 'url' must be a string, found number");
  EXPECT_EQ(error_of(R"({"url": "file:///x"})"),
            "direct_url.json: exactly one of 'dir_info', 'vcs_info' and 'archive_info' must be "
            "present, found none");
  EXPECT_EQ(error_of(R"({"url": "file:///x", "dir_info": {}, "archive_info": {}})"),
            "direct_url.json: exactly one of 'dir_info', 'vcs_info' and 'archive_info' must be "
            "present, found 2");
  EXPECT_EQ(
      error_of(R"({"url": "https://x", "dir_info": {}})"),
      "direct_url.json: 'url' must be a file:// URL when 'dir_info' is present, found 'https://x'");
  EXPECT_EQ(error_of(R"({"url": "file:///x", "dir_info": {"editable": "yes"}})"),
            "direct_url.json: 'dir_info.editable' must be a boolean, found string");
  EXPECT_EQ(error_of(R"({"url": "u", "vcs_info": {"vcs": "git"}})"),
            "direct_url.json: missing the required key 'vcs_info.commit_id'");
  EXPECT_EQ(error_of(R"({"url": "u", "vcs_info": {"vcs": "", "commit_id": "a"}})"),
            "direct_url.json: 'vcs_info.vcs' must not be empty");
  EXPECT_EQ(error_of(R"({"url": "u", "vcs_info": []})"),
            "direct_url.json: 'vcs_info' must be an object, found array");
  EXPECT_EQ(error_of(R"({"url": "u", "archive_info": {"hashes": {"sha256": 5}}})"),
            "direct_url.json: 'archive_info.hashes.sha256' must be a string, found number");
  EXPECT_EQ(error_of(R"({"url": "u", "archive_info": {"hashes": {"sha256": "abcd"}}})"),
            "direct_url.json: 'archive_info.hashes.sha256': invalid hex digest 'abcd': a sha256 "
            "digest has 32 bytes, "
            "found 2");
  EXPECT_EQ(error_of(R"({"url": "u", "archive_info": {"hash": "sha256"}})"),
            "direct_url.json: 'archive_info.hash': invalid hash 'sha256': expected "
            "'<algorithm>=<digest>', like "
            "'sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'");
  EXPECT_EQ(error_of(R"({"url": "u", "archive_info": {"hashes": {"": "abcd"}}})"),
            "direct_url.json: invalid hash algorithm name '' in 'archive_info.hashes'");
  EXPECT_EQ(error_of(R"({"url": "u", "subdirectory": "/abs", "archive_info": {}})"),
            "direct_url.json: 'subdirectory' must be a relative path, found '/abs'");
}

TEST(DirectUrl, InvalidJsonShowsWhere) {
  auto r = DirectUrl::parse("{\n  \"url\": \"u\",\n  \"dir_info\": {,}\n}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind(), ErrorKind::kParse);
  EXPECT_EQ(r.error().message(),
            "direct_url.json line 3: invalid JSON at column 16 (syntax error while parsing object "
            "key - unexpected ','; "
            "expected string literal)");
  ASSERT_TRUE(r.error().span().has_value());
  EXPECT_EQ(r.error().span()->line, 3);
  EXPECT_EQ(r.error().span()->source_line, "  \"dir_info\": {,}");
  EXPECT_FALSE(DirectUrl::parse("").ok());
  auto huge = DirectUrl::parse(R"({"url": 1e999999, "dir_info": {}})");
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.error().message(),
            "direct_url.json: invalid JSON (number overflow parsing '1e999999')");
  auto bad_utf8 = DirectUrl::parse("{\"url\": \"\xff\"}");
  ASSERT_FALSE(bad_utf8.ok());
  EXPECT_EQ(bad_utf8.error().message(),
            "direct_url.json line 1: invalid JSON at column 10 (syntax error while parsing value - "
            "invalid string: "
            "ill-formed UTF-8 byte)");
}

TEST(DirectUrl, WritesCompactSortedJsonAndRoundTrips) {
  DirectUrl d{"https://user:secret@example.com/p.tar.gz",
              ArchiveInfo{{{"sha256", std::string(kHex)}}}, std::nullopt};
  EXPECT_EQ(d.to_json(), R"({"archive_info":{"hash":"sha256=)" + std::string(kHex) +
                             R"(","hashes":{"sha256":")" + std::string(kHex) +
                             R"("}},"url":"https://example.com/p.tar.gz"})");
  auto back = DirectUrl::parse(d.to_json(/*strip_credentials=*/false));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, d);
  DirectUrl editable{"file:///src", DirInfo{true}, std::nullopt};
  EXPECT_EQ(editable.to_json(), R"({"dir_info":{"editable":true},"url":"file:///src"})");
}

TEST(DirectUrl, CredentialStripping) {
  EXPECT_EQ(strip_url_credentials("https://u:p@host/x"), "https://host/x");
  EXPECT_EQ(strip_url_credentials("https://token@host/x?a@b"), "https://host/x?a@b");
  EXPECT_EQ(strip_url_credentials("ssh://git@github.com/a/b"), "ssh://git@github.com/a/b");
  EXPECT_EQ(strip_url_credentials("https://${USER}:${PASS}@host/x"),
            "https://${USER}:${PASS}@host/x");
  EXPECT_EQ(strip_url_credentials("https://${TOKEN}@host/x"), "https://${TOKEN}@host/x");
  EXPECT_EQ(strip_url_credentials("https://${USER}:plain@host/x"), "https://host/x");
  EXPECT_EQ(strip_url_credentials("file:///x@y"), "file:///x@y");
}

TEST(DirectUrl, ValidateChecksBuiltValues) {
  DirectUrl bad{"https://x", DirInfo{}, std::nullopt};
  ASSERT_FALSE(bad.validate().ok());
  EXPECT_EQ(
      bad.validate().error().message(),
      "direct_url.json: 'url' must be a file:// URL when 'dir_info' is present, found 'https://x'");
  DirectUrl good{"https://x", VcsInfo{"git", "abc", std::nullopt}, "sub/dir"};
  EXPECT_TRUE(good.validate().ok());
}

}  // namespace
}  // namespace roost::metadata
