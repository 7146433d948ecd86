#include "install/zip_directory.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "base/fs.h"
#include "install/testing/temp_dir.h"
#include "install/wheel_reader.h"

namespace roost::install {
namespace {

using testing::TempDir;

uint32_t crc32_of(std::string_view data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void put16(std::string& out, uint64_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>((v >> 8) & 0xFF));
}
void put32(std::string& out, uint64_t v) {
  put16(out, v & 0xFFFF);
  put16(out, (v >> 16) & 0xFFFF);
}
void put64(std::string& out, uint64_t v) {
  put32(out, v & 0xFFFFFFFF);
  put32(out, v >> 32);
}

struct Member {
  std::string name;
  std::string data;
};

// A stored ZIP written by hand; with `zip64`, every size and offset goes through the ZIP64
// extra fields and records (as writers do past 4 GiB or 65,535 entries).
std::string make_zip(const std::vector<Member>& members, bool zip64) {
  std::string out, directory;
  for (const Member& m : members) {
    const uint64_t offset = out.size();
    const uint32_t crc = crc32_of(m.data);
    const uint64_t size32 = zip64 ? 0xFFFFFFFF : m.data.size();
    put32(out, 0x04034b50);
    put16(out, 45);
    put16(out, 0x800);  // UTF-8 names
    put16(out, 0);      // stored
    put32(out, 0);
    put32(out, crc);
    put32(out, size32);
    put32(out, size32);
    put16(out, m.name.size());
    put16(out, zip64 ? 20 : 0);
    out += m.name;
    if (zip64) {
      put16(out, 1);
      put16(out, 16);
      put64(out, m.data.size());
      put64(out, m.data.size());
    }
    out += m.data;

    put32(directory, 0x02014b50);
    put16(directory, (3 << 8) | 45);  // made on Unix
    put16(directory, 45);
    put16(directory, 0x800);
    put16(directory, 0);
    put32(directory, 0);
    put32(directory, crc);
    put32(directory, size32);
    put32(directory, size32);
    put16(directory, m.name.size());
    put16(directory, zip64 ? 28 : 0);
    put16(directory, 0);
    put16(directory, 0);
    put16(directory, 0);
    put32(directory, (0100644u) << 16);
    put32(directory, zip64 ? 0xFFFFFFFF : offset);
    directory += m.name;
    if (zip64) {
      put16(directory, 1);
      put16(directory, 24);
      put64(directory, m.data.size());
      put64(directory, m.data.size());
      put64(directory, offset);
    }
  }
  const uint64_t directory_offset = out.size();
  out += directory;
  if (zip64) {
    const uint64_t record_offset = out.size();
    put32(out, 0x06064b50);
    put64(out, 44);
    put16(out, 45);
    put16(out, 45);
    put32(out, 0);
    put32(out, 0);
    put64(out, members.size());
    put64(out, members.size());
    put64(out, directory.size());
    put64(out, directory_offset);
    put32(out, 0x07064b50);
    put32(out, 0);
    put64(out, record_offset);
    put32(out, 1);
  }
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, zip64 ? 0xFFFF : members.size());
  put16(out, zip64 ? 0xFFFF : members.size());
  put32(out, zip64 ? 0xFFFFFFFF : directory.size());
  put32(out, zip64 ? 0xFFFFFFFF : directory_offset);
  put16(out, 0);
  return out;
}

class ZipDirectoryTest : public ::testing::Test {
 protected:
  Result<ZipDirectory> read(const std::string& bytes) {
    std::filesystem::path path = dir_ / "x.zip";
    EXPECT_TRUE(write_file_replace(path, bytes).ok());
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    auto directory = read_zip_directory(fd, bytes.size());
    if (directory) {
      auto local = check_local_headers(fd, *directory);
      if (!local) {
        ::close(fd);
        return std::move(local).error();
      }
    }
    ::close(fd);
    return directory;
  }
  TempDir dir_;
};

TEST_F(ZipDirectoryTest, ReadsPlainAndZip64Archives) {
  const std::vector<Member> members = {{"a.py", "A = 1\n"}, {"pkg/b.py", "B = 2\n"}};
  for (bool zip64 : {false, true}) {
    auto directory = read(make_zip(members, zip64));
    ASSERT_TRUE(directory.ok()) << directory.error().render();
    ASSERT_EQ(directory->entries.size(), 2u);
    const ZipDirectoryEntry& b = directory->entries[1];
    EXPECT_EQ(b.name, "pkg/b.py");
    EXPECT_EQ(b.uncompressed_size, 6u);
    EXPECT_EQ(b.compressed_size, 6u);
    EXPECT_TRUE(b.made_on_unix());
    EXPECT_EQ(b.unix_mode(), 0100644u);
    EXPECT_GT(b.local_header_offset, 0u);

    // libzip reads the same archive (WheelReader cross-checks entry by entry).
    ASSERT_TRUE(write_file_replace(dir_ / "x.zip", make_zip(members, zip64)).ok());
    auto reader = WheelReader::open(dir_ / "x.zip");
    ASSERT_TRUE(reader.ok()) << reader.error().render();
    EXPECT_EQ(*reader->read("pkg/b.py"), "B = 2\n");
  }
}

TEST_F(ZipDirectoryTest, RefusesLyingEndRecords) {
  std::string zip = make_zip({{"a.py", "A = 1\n"}}, false);
  // An entry count larger than the directory can hold.
  std::string more = zip;
  more[more.size() - 22 + 10] = 9;
  more[more.size() - 22 + 8] = 9;
  auto r = read(more);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(),
            "not a valid ZIP archive: the end record claims more entries than the central "
            "directory holds");
  // A central directory offset that points elsewhere.
  std::string moved = zip;
  moved[moved.size() - 22 + 16] = 1;
  EXPECT_FALSE(read(moved).ok());
  // A comment length that runs past the end of the file.
  std::string comment = zip;
  comment[comment.size() - 2] = 5;
  EXPECT_FALSE(read(comment).ok());
  // Multi-disk.
  std::string disk = zip;
  disk[disk.size() - 22 + 4] = 1;
  auto d = read(disk);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().message(), "not a valid ZIP archive: multi-disk archives are not supported");
}

TEST_F(ZipDirectoryTest, RefusesOverlappingEntries) {
  // The overlapping-entries trick: a.py's data holds a complete local header and data for
  // b.py, and b.py's central record points into it, so those bytes belong to two files.
  const std::string b_local = make_zip({{"b.py", "B\n"}}, false).substr(0, 30 + 4 + 2);
  std::string zip = make_zip({{"a.py", b_local}, {"b.py", "B\n"}}, false);
  const size_t b_offset_field = zip.rfind("b.py") - 4;  // in b's central directory record
  zip[b_offset_field] = 30 + 4;  // a.py's data starts after its 30-byte header and name
  for (int k = 1; k < 4; ++k) zip[b_offset_field + k] = 0;
  auto r = read(zip);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind(), ErrorKind::kIntegrity);
  EXPECT_EQ(r.error().message(), "entry 'b.py' overlaps entry 'a.py'");

  // Pointed at a.py's own header instead, the names disagree.
  zip[b_offset_field] = 0;
  auto named = read(zip);
  ASSERT_FALSE(named.ok());
  EXPECT_EQ(named.error().message(), "entry 'b.py': the local header names it 'a.py'");
}

}  // namespace
}  // namespace roost::install
