// The ZIP structure parser on hand-written archives (zip/testing/zip_writer.h): plain and ZIP64
// end records, lying end records, central directories that do not add up, and local headers
// that disagree with the central directory or overlap another entry's bytes.
#include "zip/zip_format.h"

#include <gtest/gtest.h>

#include "zip/testing/zip_writer.h"

namespace roost::zip {
namespace {

using testing::make_zip;
using testing::ZipMember;

void set32(std::string& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

// The whole archive read the way install/ reads a wheel on disk: the end records, the central
// directory, each local header against its entry, and the entries' extents.
Result<std::vector<Entry>> read(std::string_view zip) {
  std::string_view tail = zip.substr(zip.size() - std::min(zip.size(), kMaxEndRecordsSize));
  std::optional<size_t> at = find_end_record(tail);
  if (!at) return make_error(ErrorKind::kParse, "no end record");
  ROOST_TRY(EndRecord end, parse_end_records(tail, zip.size(), *at));
  ROOST_TRY(
      std::vector<Entry> entries,
      parse_central_directory(zip.substr(end.directory_offset, end.directory_size), end.entries));
  std::vector<size_t> header_sizes;
  for (const Entry& e : entries) {
    if (e.local_header_offset > zip.size()) return make_error(ErrorKind::kParse, "offset");
    ROOST_TRY(size_t size, check_local_header(zip.substr(e.local_header_offset), e));
    header_sizes.push_back(size);
  }
  ROOST_CHECK(check_extents(entries, header_sizes, end.directory_offset));
  return entries;
}

std::string read_error(std::string_view zip) {
  Result<std::vector<Entry>> r = read(zip);
  EXPECT_FALSE(r.ok());
  return r.ok() ? "" : r.error().message();
}

TEST(ZipFormat, ReadsPlainAndZip64Archives) {
  const std::vector<ZipMember> members = {{"a.py", "A = 1\n"}, {"pkg/b.py", "B = 2\n"}};
  for (bool zip64 : {false, true}) {
    std::string zip = make_zip(members, {.zip64 = zip64});
    auto entries = read(zip);
    ASSERT_TRUE(entries.ok()) << entries.error().render();
    ASSERT_EQ(entries->size(), 2u);
    const Entry& b = (*entries)[1];
    EXPECT_EQ(b.name, "pkg/b.py");
    EXPECT_EQ(b.uncompressed_size, 6u);
    EXPECT_EQ(b.compressed_size, 6u);
    EXPECT_EQ(b.crc32, testing::crc32_of("B = 2\n"));
    EXPECT_TRUE(b.made_on_unix());
    EXPECT_EQ(b.unix_mode(), 0100644u);
    std::optional<LocalHeader> local =
        parse_local_header(std::string_view(zip).substr(b.local_header_offset));
    ASSERT_TRUE(local.has_value());
    EXPECT_EQ(local->size, kLocalHeaderSize + 8 + (zip64 ? 20 : 0));
    EXPECT_EQ(zip.substr(b.local_header_offset + local->size, 6), "B = 2\n");
  }
}

TEST(ZipFormat, FindsTheEndRecordWhoseCommentEndsTheFile) {
  std::string zip = make_zip({{"a.py", "A\n"}}, {.comment = "hello"});
  EXPECT_EQ(find_end_record(zip), zip.size() - kEndRecordSize - 5);
  EXPECT_TRUE(read(zip).ok());
  // Trailing data after the comment, or a comment length that runs past the end: no record.
  EXPECT_FALSE(find_end_record(zip + "x").has_value());
  EXPECT_FALSE(find_end_record(zip.substr(0, zip.size() - 1)).has_value());
  // An end record's signature inside the comment does not count.
  std::string fake = make_zip({{"a.py", "A\n"}}, {.comment = std::string("PK\x05\x06", 4)});
  EXPECT_EQ(find_end_record(fake), fake.size() - kEndRecordSize - 4);
  EXPECT_FALSE(find_end_record("").has_value());
  EXPECT_FALSE(find_end_record(std::string(100, '\0')).has_value());
}

TEST(ZipFormat, RefusesLyingEndRecords) {
  std::string zip = make_zip({{"a.py", "A = 1\n"}});
  const size_t end = zip.size() - kEndRecordSize;
  EXPECT_EQ(parse_end_records(zip, 50, end).error().message(), "more bytes than the file size");
  // An entry count larger than the directory can hold.
  std::string more = zip;
  more[end + 10] = 9;
  more[end + 8] = 9;
  EXPECT_EQ(read_error(more),
            "the end record claims more entries than the central directory holds");
  // A central directory offset that points past the end record.
  std::string moved = zip;
  moved[end + 16] = static_cast<char>(end - 50 + 1);  // the directory is 50 bytes long
  EXPECT_EQ(read_error(moved), "central directory (offset " + std::to_string(end - 50 + 1) +
                                   ", 50 bytes) runs past the end of the file");
  // Data prepended: the directory no longer ends where the end record starts.
  EXPECT_EQ(read_error("#!/bin/sh\n" + zip),
            "the central directory does not end where the end record starts (data prepended or "
            "hidden between them)");
  // Multi-disk.
  std::string disk = zip;
  disk[end + 4] = 1;
  EXPECT_EQ(read_error(disk), "multi-disk archives are not supported");
  // Fewer entries than the directory holds.
  std::string fewer = make_zip({{"a.py", "A\n"}, {"b.py", "B\n"}});
  fewer[fewer.size() - kEndRecordSize + 8] = 1;
  fewer[fewer.size() - kEndRecordSize + 10] = 1;
  EXPECT_EQ(read_error(fewer),
            "the central directory holds more than the 1 entries the end "
            "record counts");
}

TEST(ZipFormat, RefusesBrokenZip64Records) {
  std::string zip = make_zip({{"a.py", "A\n"}}, {.zip64 = true});
  const size_t locator = zip.size() - kEndRecordSize - kZip64LocatorSize;
  std::string no_locator = zip;
  no_locator[locator] = 'X';
  EXPECT_EQ(read_error(no_locator), "ZIP64 locator missing");
  std::string outside = zip;
  set32(outside, locator + 8, static_cast<uint32_t>(locator - 10));
  EXPECT_EQ(read_error(outside), "ZIP64 end record outside the file");
  std::string record = zip;
  record[locator - kZip64EndRecordSize] = 'X';
  EXPECT_EQ(read_error(record), "ZIP64 end record missing");
  // A ZIP64 record that lies before the bytes given.
  const size_t at = kEndRecordSize + kZip64LocatorSize;
  EXPECT_EQ(parse_end_records(std::string_view(zip).substr(zip.size() - at), zip.size(),
                              kZip64LocatorSize)
                .error()
                .message(),
            "ZIP64 end record outside the bytes read");
  // An entry whose placeholders have no ZIP64 extra field.
  std::string entry = zip;
  const size_t central = entry.rfind("a.py") - kCentralHeaderSize;
  entry[central + 30] = 0;  // extra length: 0 (the directory size is then wrong too)
  EXPECT_FALSE(read(entry).ok());
}

TEST(ZipFormat, RefusesMalformedCentralDirectories) {
  EXPECT_EQ(parse_central_directory("PK\x01\x02", 1).error().message(),
            "central directory entry 0 bytes in is malformed");
  std::string zip = make_zip({{"a.py", "A\n"}});
  const size_t offset = zip.size() - kEndRecordSize - (kCentralHeaderSize + 4);
  std::string_view directory = std::string_view(zip).substr(offset, kCentralHeaderSize + 4);
  EXPECT_TRUE(parse_central_directory(directory, 1).ok());
  EXPECT_EQ(
      parse_central_directory(directory.substr(0, kCentralHeaderSize + 3), 1).error().message(),
      "central directory entry runs past the directory");
  EXPECT_EQ(parse_central_directory(directory, 2).error().message(),
            "central directory entry 50 bytes in is malformed");
  Result<std::vector<Entry>> none = parse_central_directory("", 0);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST(ZipFormat, ChecksLocalHeadersAgainstTheCentralDirectory) {
  std::string zip = make_zip({{"a.py", "A = 1\n"}});
  auto entries = read(zip);
  ASSERT_TRUE(entries.ok());
  const Entry& a = (*entries)[0];
  EXPECT_EQ(check_local_header(zip, a).value(), kLocalHeaderSize + 4);
  std::optional<LocalHeader> header = parse_local_header(zip);
  ASSERT_TRUE(header.has_value());
  EXPECT_EQ(header->name, "a.py");
  EXPECT_EQ(local_header_size(zip), kLocalHeaderSize + 4);
  EXPECT_FALSE(parse_local_header(std::string_view(zip).substr(0, kLocalHeaderSize + 3)));

  auto error = [&](std::string bytes) {
    Result<size_t> r = check_local_header(bytes, a);
    EXPECT_FALSE(r.ok());
    if (r.ok()) return std::string();
    EXPECT_EQ(r.error().kind(), ErrorKind::kIntegrity);
    return r.error().message();
  };
  EXPECT_EQ(error("PK\x05\x06"), "entry 'a.py': no local header at offset 0");
  EXPECT_EQ(error(zip.substr(0, kLocalHeaderSize + 2)),
            "entry 'a.py': the local header runs past the end of the file");
  auto patched = [&](size_t at, char value) {
    std::string bytes = zip;
    bytes[at] = value;
    return bytes;
  };
  EXPECT_EQ(error(patched(kLocalHeaderSize, 'b')),
            "entry 'a.py': the local header names it 'b.py'");
  const std::string disagree =
      "entry 'a.py': the local header and the central directory disagree on the ";
  EXPECT_EQ(error(patched(8, 8)), disagree + "compression method");
  EXPECT_EQ(error(patched(6, 1)), disagree + "encryption flag");
  EXPECT_EQ(error(patched(22, 7)), disagree + "CRC-32 or sizes");
  // A data descriptor entry may leave the CRC-32 and sizes zero, but not change them.
  std::string deferred = zip;
  deferred[6] |= 8;
  for (size_t k = 14; k < 26; ++k) deferred[k] = 0;
  EXPECT_TRUE(check_local_header(deferred, a).ok());
  deferred[22] = 1;
  EXPECT_FALSE(check_local_header(deferred, a).ok());
}

TEST(ZipFormat, RefusesOverlappingEntries) {
  // The overlapping-entries trick: a.py's data holds a complete local header and data for
  // b.py, and b.py's central record points into it, so those bytes belong to two files.
  const std::string b_local = make_zip({{"b.py", "B\n"}}).substr(0, 30 + 4 + 2);
  std::string zip = make_zip({{"a.py", b_local}, {"b.py", "B\n"}});
  const size_t b_offset_field = zip.rfind("b.py") - 4;  // in b's central directory record
  set32(zip, b_offset_field, 30 + 4);  // a.py's data starts after its 30-byte header and name
  Result<std::vector<Entry>> r = read(zip);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind(), ErrorKind::kIntegrity);
  EXPECT_EQ(r.error().message(), "entry 'b.py' overlaps entry 'a.py'");

  // Pointed at a.py's own header instead, the names disagree.
  set32(zip, b_offset_field, 0);
  EXPECT_EQ(read_error(zip), "entry 'b.py': the local header names it 'a.py'");

  // An entry whose data runs into the central directory.
  std::vector<Entry> entries(1);
  entries[0].name = "c.py";
  entries[0].local_header_offset = 10;
  entries[0].compressed_size = UINT64_MAX - 5;
  EXPECT_EQ(check_extents(entries, {34}, 100).error().message(),
            "entry 'c.py': its data runs into the central directory");
}

}  // namespace
}  // namespace roost::zip
