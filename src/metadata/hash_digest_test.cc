#include "metadata/hash_digest.h"

#include <gtest/gtest.h>

namespace roost::metadata {
namespace {

// sha256 of the empty string, in both encodings.
constexpr std::string_view kEmptyHex =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr std::string_view kEmptyB64 = "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU";

TEST(HashDigest, RecordFormRoundTripsAndMatchesHex) {
  auto h = HashDigest::parse_record("sha256=" + std::string(kEmptyB64));
  ASSERT_TRUE(h.ok()) << h.error().render();
  EXPECT_EQ(h->algorithm, "sha256");
  EXPECT_EQ(h->digest.size(), 32u);
  EXPECT_EQ(h->hex(), kEmptyHex);
  EXPECT_EQ(h->to_record_string(), "sha256=" + std::string(kEmptyB64));
  EXPECT_EQ(*h, HashDigest::sha256(roost::sha256("")));
}

TEST(HashDigest, AcceptsPaddingAndUppercaseAlgorithm) {
  auto h = HashDigest::parse_record("SHA256=" + std::string(kEmptyB64) + "=");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->algorithm, "sha256");
  EXPECT_EQ(h->hex(), kEmptyHex);
}

TEST(HashDigest, UnknownAlgorithmsKeepAnyLength) {
  auto h = HashDigest::parse_record("xxh3=AAEC");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->digest, std::string("\x00\x01\x02", 3));
}

TEST(HashDigest, RecordErrors) {
  auto msg = [](std::string_view text) {
    auto r = HashDigest::parse_record(text);
    EXPECT_FALSE(r.ok()) << text;
    return r.ok() ? std::string() : r.error().message();
  };
  EXPECT_EQ(msg("47DEQpj8"),
            "invalid hash '47DEQpj8': expected '<algorithm>=<digest>', like "
            "'sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU'");
  EXPECT_EQ(msg("sha 256=AAAA"),
            "invalid hash 'sha 256=AAAA': invalid character ' ' in the algorithm name at column 4");
  EXPECT_EQ(msg("sha256="), "invalid hash 'sha256=': empty digest");
  EXPECT_EQ(msg("sha256=47DEQpj8+BSa"),
            "invalid hash 'sha256=47DEQpj8+BSa': invalid base64url character '+' at column 16");
  EXPECT_EQ(msg("sha256=AAAA"),
            "invalid hash 'sha256=AAAA': a sha256 digest has 32 bytes, found 3");
  EXPECT_EQ(msg("xxh3=AAAAA"),
            "invalid hash 'xxh3=AAAAA': truncated base64url digest (5 characters)");
}

TEST(HashDigest, HexForms) {
  auto pair = HashDigest::parse_hex_pair("sha256=" + std::string(kEmptyHex));
  ASSERT_TRUE(pair.ok());
  EXPECT_EQ(pair->base64url(), kEmptyB64);
  auto upper = HashDigest::from_hex(
      "SHA256", "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855");
  ASSERT_TRUE(upper.ok());
  EXPECT_EQ(*upper, *pair);
  auto bad = HashDigest::parse_hex_pair("sha256=abz");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().render(),
            "invalid hash 'sha256=abz': invalid hex digit 'z' at column 10\n"
            "    sha256=abz\n"
            "             ^");
  EXPECT_EQ(HashDigest::from_hex("md5", "abc").error().message(),
            "invalid hex digest 'abc': odd number of hex digits (3)");
  EXPECT_EQ(HashDigest::from_hex("sha512", "abcd").error().message(),
            "invalid hex digest 'abcd': a sha512 digest has 64 bytes, found 2");
}

TEST(HashDigest, AllowedRecordAlgorithms) {
  EXPECT_TRUE(is_allowed_record_algorithm("sha256"));
  EXPECT_TRUE(is_allowed_record_algorithm("sha512"));
  EXPECT_TRUE(is_allowed_record_algorithm("blake2b"));
  EXPECT_FALSE(is_allowed_record_algorithm("md5"));
  EXPECT_FALSE(is_allowed_record_algorithm("sha1"));
  EXPECT_FALSE(is_allowed_record_algorithm("sha224"));
  EXPECT_FALSE(is_allowed_record_algorithm("crc32"));
}

}  // namespace
}  // namespace roost::metadata
