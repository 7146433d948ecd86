#include "base/sha256.h"

#include <gtest/gtest.h>

#include "base/fs.h"

namespace roost {
namespace {

TEST(Sha256, KnownDigests) {
  EXPECT_EQ(to_hex(sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(to_hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RECORD form of sha256("") as pip writes it.
  EXPECT_EQ(to_base64url_nopad(sha256("")), "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
}

TEST(Sha256, IncrementalEqualsOneShot) {
  Sha256 h;
  h.update("a");
  h.update("bc");
  EXPECT_EQ(h.finish(), sha256("abc"));
  h.update("abc");  // reusable after finish
  EXPECT_EQ(h.finish(), sha256("abc"));
}

TEST(Sha256, FileDigest) {
  std::string path = ::testing::TempDir() + "roost-sha-test.txt";
  ASSERT_TRUE(write_file_atomic(path, "abc").ok());
  Result<Sha256Digest> d = sha256_file(path);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, sha256("abc"));
  EXPECT_EQ(sha256_file(path + ".missing").error().kind(), ErrorKind::kNotFound);
}

TEST(Base64Url, PaddingFreeLengths) {
  EXPECT_EQ(to_base64url_nopad(std::string_view("")), "");
  EXPECT_EQ(to_base64url_nopad(std::string_view("f")), "Zg");
  EXPECT_EQ(to_base64url_nopad(std::string_view("fo")), "Zm8");
  EXPECT_EQ(to_base64url_nopad(std::string_view("foo")), "Zm9v");
  EXPECT_EQ(to_base64url_nopad(std::string_view("\xfb\xff")), "-_8");
}

}  // namespace
}  // namespace roost
