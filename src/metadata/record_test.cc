#include "metadata/record.h"

#include <gtest/gtest.h>

namespace roost::metadata {
namespace {

constexpr std::string_view kEmptyB64 = "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU";

std::string error_of(std::string_view text) {
  auto r = Record::parse(text);
  EXPECT_FALSE(r.ok()) << text;
  if (r.ok()) return "";
  EXPECT_EQ(r.error().kind(), ErrorKind::kParse);
  return r.error().render();
}

TEST(Record, ParsesRowsWithAndWithoutHashes) {
  std::string text = "foo/__init__.py,sha256=" + std::string(kEmptyB64) + ",0\r\n" +
                     "foo-1.0.dist-info/RECORD,,\n"
                     "\n"
                     "foo/__pycache__/x.pyc,,\n";
  auto r = Record::parse(text);
  ASSERT_TRUE(r.ok()) << r.error().render();
  ASSERT_EQ(r->entries.size(), 3u);
  EXPECT_EQ(r->entries[0].path, "foo/__init__.py");
  ASSERT_TRUE(r->entries[0].hash.has_value());
  EXPECT_EQ(r->entries[0].hash->algorithm, "sha256");
  EXPECT_EQ(r->entries[0].size, 0u);
  EXPECT_EQ(r->entries[1].path, "foo-1.0.dist-info/RECORD");
  EXPECT_FALSE(r->entries[1].hash.has_value());
  EXPECT_FALSE(r->entries[1].size.has_value());
  EXPECT_EQ(r->entries[2].line, 4);
  EXPECT_EQ(r->find("foo-1.0.dist-info/RECORD"), &r->entries[1]);
  EXPECT_EQ(r->find("missing"), nullptr);
}

TEST(Record, QuotedFieldsKeepCommasQuotesAndNewlines) {
  auto r = Record::parse("\"a,b.py\",,\n\"say \"\"hi\"\".txt\",,12\n\"two\nlines\",,\nnext,,\n");
  ASSERT_TRUE(r.ok()) << r.error().render();
  ASSERT_EQ(r->entries.size(), 4u);
  EXPECT_EQ(r->entries[0].path, "a,b.py");
  EXPECT_EQ(r->entries[1].path, "say \"hi\".txt");
  EXPECT_EQ(r->entries[1].size, 12u);
  EXPECT_EQ(r->entries[2].path, "two\nlines");
  EXPECT_EQ(r->entries[3].line, 5);
}

TEST(Record, WriterQuotesLikeTheCsvModuleAndRoundTrips) {
  Record record;
  record.entries.push_back({"pkg/mod.py", HashDigest::sha256(roost::sha256("")), 0, 0});
  record.entries.push_back({"odd, \"name\".txt", std::nullopt, 7, 0});
  record.entries.push_back({"pkg-1.0.dist-info/RECORD", std::nullopt, std::nullopt, 0});
  std::string text = record.to_string();
  EXPECT_EQ(text, "pkg/mod.py,sha256=" + std::string(kEmptyB64) +
                      ",0\n"
                      "\"odd, \"\"name\"\".txt\",,7\n"
                      "pkg-1.0.dist-info/RECORD,,\n");
  auto back = Record::parse(text);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->entries, record.entries);
}

TEST(Record, ErrorsNameTheLine) {
  EXPECT_EQ(error_of("a,,\nb.py,sha256=abc\n"),
            "RECORD line 2: expected 3 fields (path,hash,size), found 2\n"
            "    b.py,sha256=abc\n"
            "    ^^^^^^^^^^^^^^^");
  EXPECT_EQ(error_of(",,\n"),
            "RECORD line 1: empty path\n"
            "    ,,\n"
            "    ^");
  EXPECT_EQ(error_of("a.py,sha256=AAAA,4\n"),
            "RECORD line 1: invalid hash 'sha256=AAAA': a sha256 digest has 32 bytes, found 3\n"
            "    a.py,sha256=AAAA,4\n"
            "                ^^^^");
  EXPECT_EQ(error_of("a.py,md5=Zm9v!,4\n"),
            "RECORD line 1: invalid hash 'md5=Zm9v!': invalid base64url character '!' at column 9\n"
            "    a.py,md5=Zm9v!,4\n"
            "                 ^");
  EXPECT_EQ(error_of("a.py,,4k\n"),
            "RECORD line 1: invalid size '4k' (expected a number of bytes)\n"
            "    a.py,,4k\n"
            "          ^^");
  EXPECT_EQ(error_of("a.py,,-1\n"),
            "RECORD line 1: invalid size '-1' (expected a number of bytes)\n"
            "    a.py,,-1\n"
            "          ^^");
  EXPECT_EQ(error_of("ok,,\n\"a.py,,\n"),
            "RECORD line 2: unterminated quoted field starting at column 1\n"
            "    \"a.py,,\n"
            "    ^");
  EXPECT_EQ(error_of("\"a\"b,,\n"),
            "RECORD line 1: unexpected 'b' after the closing quote at column 4\n"
            "    \"a\"b,,\n"
            "       ^");
}

TEST(Record, HugeSizesAreErrorsNotOverflow) {
  EXPECT_TRUE(Record::parse("a,,9999999999999999999\n").ok());
  EXPECT_FALSE(Record::parse("a,,99999999999999999999\n").ok());
}

}  // namespace
}  // namespace roost::metadata
