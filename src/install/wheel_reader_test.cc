#include "install/wheel_reader.h"

#include <gtest/gtest.h>

#include "base/fs.h"
#include "install/testing/temp_dir.h"
#include "install/testing/wheel_builder.h"
#include "zip/testing/zip_writer.h"

namespace roost::install {
namespace {

using testing::TempDir;
using testing::TestWheel;

class WheelReaderTest : public ::testing::Test {
 protected:
  std::filesystem::path write(const TestWheel& w) {
    auto path = testing::write_test_wheel(w, dir_.path());
    EXPECT_TRUE(path.ok()) << path.error().render();
    return path.ok() ? *path : std::filesystem::path();
  }
  // The error opening `w`, which must be refused.
  Error refused(const TestWheel& w) { return refused_at(write(w)); }
  // The error opening the archive `bytes` (as zip_path()), which must be refused.
  std::string zip_path() const { return (dir_.path() / "x.zip").string(); }
  Error refused_zip(const std::string& bytes) {
    EXPECT_TRUE(write_file_replace(zip_path(), bytes).ok());
    return refused_at(zip_path());
  }
  Error refused_at(const std::filesystem::path& path) {
    auto reader = WheelReader::open(path);
    if (reader.ok()) {
      ADD_FAILURE() << "opened " << path;
      return make_error(ErrorKind::kInternal, "");
    }
    return reader.error();
  }
  // Overwrites 4 bytes of the local header of the entry `name` (found as its first occurrence).
  void patch_local_u32(const std::filesystem::path& path, const std::string& name, size_t offset,
                       uint32_t value) {
    std::string bytes = *read_file(path);
    size_t at = bytes.find(name);
    ASSERT_NE(at, std::string::npos);
    size_t header = at - 30;
    for (int k = 0; k < 4; ++k) bytes[header + offset + k] = static_cast<char>(value >> (8 * k));
    ASSERT_TRUE(write_file_replace(path, bytes).ok());
  }

  TempDir dir_;
};

TEST_F(WheelReaderTest, ListsAndReadsEntries) {
  TestWheel w;
  w.entries = {{"hello/__init__.py", "X = 42\n"},
               {"hello/tool.sh", "#!/bin/sh\n", 0755},
               {"hello/data/", "", 0755, false, true}};
  auto reader = WheelReader::open(write(w));
  ASSERT_TRUE(reader.ok()) << reader.error().render();
  const auto& entries = reader->entries();
  ASSERT_EQ(entries.size(), 6u);  // 3 + METADATA, WHEEL, RECORD
  EXPECT_EQ(entries[0].name, "hello/__init__.py");
  EXPECT_EQ(entries[0].size, 7u);
  EXPECT_FALSE(entries[0].executable);
  EXPECT_TRUE(entries[1].executable);
  EXPECT_TRUE(entries[2].is_directory);
  EXPECT_EQ(entries[2].name, "hello/data/");
  EXPECT_EQ(*reader->read("hello/__init__.py"), "X = 42\n");
  EXPECT_EQ(*reader->read(*reader->find("hello-1.0.dist-info/METADATA")),
            "Metadata-Version: 2.1\nName: hello\nVersion: 1.0\n");
  auto missing = reader->read("nope.py");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind(), ErrorKind::kNotFound);
}

TEST_F(WheelReaderTest, ReadsLargeEntriesInChunks) {
  TestWheel w;
  std::string big(300 * 1024 + 7, 'x');
  for (size_t i = 0; i < big.size(); i += 97) big[i] = static_cast<char>('a' + i % 26);
  w.entries = {{"hello/big.bin", big}};
  auto reader = WheelReader::open(write(w));
  ASSERT_TRUE(reader.ok()) << reader.error().render();
  size_t chunks = 0;
  std::string seen;
  ASSERT_TRUE(reader
                  ->read_chunks(0,
                                [&](std::string_view c) -> Result<void> {
                                  ++chunks;
                                  seen.append(c);
                                  return ok();
                                })
                  .ok());
  EXPECT_EQ(seen, big);
  EXPECT_GT(chunks, 1u);
}

TEST_F(WheelReaderTest, RefusesUnsafeNamesNamingWheelAndEntry) {
  struct Case {
    std::string name;
    std::string problem;
    std::string shown;  // as the message quotes it
  };
  const Case cases[] = {
      {"../evil.py", "path has a '..' component", "../evil.py"},
      {"hello/../../evil.py", "path has a '..' component", "hello/../../evil.py"},
      {"/etc/evil.py", "absolute path", "/etc/evil.py"},
      {"C:/evil.py", "path starts with a drive letter", "C:/evil.py"},
      {"hello\\..\\evil.py", "path contains a backslash", "hello\\\\..\\\\evil.py"},
  };
  for (const Case& c : cases) {
    TestWheel w;
    w.entries = {{c.name, "boom\n"}};
    Error e = refused(w);
    EXPECT_EQ(e.kind(), ErrorKind::kIntegrity) << c.name;
    EXPECT_EQ(e.message(), "invalid wheel " + (dir_.path() / w.filename()).string() + ": entry '" +
                               c.shown + "': " + c.problem);
  }
}

TEST_F(WheelReaderTest, RefusesSymlinkEntries) {
  TestWheel w;
  w.entries = {{"hello/link", "/etc/passwd", 0777, /*symlink=*/true}};
  Error e = refused(w);
  EXPECT_EQ(e.kind(), ErrorKind::kIntegrity);
  EXPECT_NE(e.message().find(w.filename()), std::string::npos);
  EXPECT_NE(e.message().find("entry 'hello/link': symlinks are not allowed in wheels"),
            std::string::npos)
      << e.message();
}

TEST_F(WheelReaderTest, RefusesDuplicateNames) {
  TestWheel w;
  w.entries = {{"hello/dup_a.py", "a\n"}, {"hello/dup_b.py", "b\n"}};
  w.patch_all = {{"hello/dup_b.py", "hello/dup_a.py"}};  // libzip will not write duplicates
  Error e = refused(w);
  EXPECT_EQ(e.kind(), ErrorKind::kIntegrity);
  EXPECT_NE(e.message().find("entry 'hello/dup_a.py': the name appears twice"), std::string::npos)
      << e.message();
}

TEST_F(WheelReaderTest, RefusesANameUsedAsFileAndDirectory) {
  TestWheel w;
  w.entries = {{"hello/x", "file\n"}, {"hello/x/y.py", "y\n"}};
  Error e = refused(w);
  EXPECT_NE(e.message().find("entry 'hello/x': the name is used both as a file and as a directory"),
            std::string::npos)
      << e.message();
}

TEST_F(WheelReaderTest, RefusesALocalHeaderWithAnotherName) {
  TestWheel w;
  w.entries = {{"hello/aaa.py", "a\n"}};
  w.patch_first = {{"hello/aaa.py", "hello/bbb.py"}};  // the local header only
  Error e = refused(w);
  EXPECT_EQ(e.kind(), ErrorKind::kIntegrity);
  EXPECT_NE(e.message().find("entry 'hello/aaa.py': the local header names it 'hello/bbb.py'"),
            std::string::npos)
      << e.message();
}

TEST_F(WheelReaderTest, RefusesALocalHeaderWithOtherSizes) {
  TestWheel w;
  w.entries = {{"hello/aaa.py", "a = 1\n"}};
  std::filesystem::path path = write(w);
  patch_local_u32(path, "hello/aaa.py", 22, 4096);  // the uncompressed size
  auto reader = WheelReader::open(path);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.error().message(),
            "invalid wheel " + path.string() +
                ": entry 'hello/aaa.py': the local header and the central directory disagree on "
                "the CRC-32 or sizes");
}

TEST_F(WheelReaderTest, RefusesALocalHeaderWithAnotherMethod) {
  TestWheel w;
  w.entries = {{"hello/aaa.py", "a = 1\n"}};
  std::filesystem::path path = write(w);
  std::string bytes = *read_file(path);
  size_t header = bytes.find("hello/aaa.py") - 30;
  bytes[header + 8] = bytes[header + 8] == 8 ? 0 : 8;  // swap stored and deflate
  ASSERT_TRUE(write_file_replace(path, bytes).ok());
  auto reader = WheelReader::open(path);
  ASSERT_FALSE(reader.ok());
  EXPECT_NE(reader.error().message().find("disagree on the compression method"), std::string::npos);
}

TEST_F(WheelReaderTest, RefusesWhatIsNotAZip) {
  std::filesystem::path path = dir_ / "junk-1.0-py3-none-any.whl";
  ASSERT_TRUE(write_file_replace(path, "this is not a zip archive at all").ok());
  auto reader = WheelReader::open(path);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.error().kind(), ErrorKind::kParse);
  EXPECT_EQ(reader.error().message(), "invalid wheel " + path.string() +
                                          ": not a valid ZIP archive: no end of central "
                                          "directory record");
  auto missing = WheelReader::open(dir_ / "missing.whl");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind(), ErrorKind::kNotFound);
}

TEST_F(WheelReaderTest, RefusesPrependedAndTruncatedArchives) {
  TestWheel w;
  w.entries = {{"hello/__init__.py", "X = 1\n"}};
  std::filesystem::path path = write(w);
  std::string bytes = *read_file(path);
  ASSERT_TRUE(write_file_replace(path, "#!/bin/sh\nexit 0\n" + bytes).ok());
  auto prepended = WheelReader::open(path);
  ASSERT_FALSE(prepended.ok());
  EXPECT_EQ(prepended.error().message(),
            "invalid wheel " + path.string() +
                ": not a valid ZIP archive: the central directory does not end where the end "
                "record starts (data prepended or hidden between them)");

  for (size_t cut : {size_t{10}, bytes.size() / 2, bytes.size() - 1}) {
    ASSERT_TRUE(write_file_replace(path, bytes.substr(0, cut)).ok());
    auto truncated = WheelReader::open(path);
    EXPECT_FALSE(truncated.ok()) << cut;
  }
}

TEST_F(WheelReaderTest, RefusesAnArchiveWithTrailingData) {
  TestWheel w;
  w.entries = {{"hello/__init__.py", "X = 1\n"}};
  std::filesystem::path path = write(w);
  std::string bytes = *read_file(path);
  ASSERT_TRUE(write_file_replace(path, bytes + "trailing").ok());
  auto reader = WheelReader::open(path);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.error().kind(), ErrorKind::kParse);
}

// Archives written by hand (zip/testing/zip_writer.h), plain and ZIP64: our reader and libzip
// agree on them entry by entry.
TEST_F(WheelReaderTest, ReadsPlainAndZip64Archives) {
  for (bool zip64 : {false, true}) {
    std::string bytes =
        zip::testing::make_zip({{"a.py", "A = 1\n"}, {"pkg/b.py", "B = 2\n"}}, {.zip64 = zip64});
    ASSERT_TRUE(write_file_replace(zip_path(), bytes).ok());
    auto reader = WheelReader::open(zip_path());
    ASSERT_TRUE(reader.ok()) << reader.error().render();
    ASSERT_EQ(reader->entries().size(), 2u);
    EXPECT_EQ(*reader->read("pkg/b.py"), "B = 2\n");
  }
}

TEST_F(WheelReaderTest, RefusesOverlappingEntries) {
  // a.py's data holds a complete local header and data for b.py, and b.py's central record
  // points into it, so those bytes belong to two files.
  const std::string b_local = zip::testing::make_zip({{"b.py", "B\n"}}).substr(0, 30 + 4 + 2);
  std::string bytes = zip::testing::make_zip({{"a.py", b_local}, {"b.py", "B\n"}});
  bytes[bytes.rfind("b.py") - 4] = 30 + 4;  // b's local header offset: inside a.py's data
  Error e = refused_zip(bytes);
  EXPECT_EQ(e.kind(), ErrorKind::kIntegrity);
  EXPECT_EQ(e.message(), "invalid wheel " + zip_path() + ": entry 'b.py' overlaps entry 'a.py'");
}

TEST_F(WheelReaderTest, RefusesLyingEndRecords) {
  std::string bytes = zip::testing::make_zip({{"a.py", "A = 1\n"}});
  bytes[bytes.size() - 22 + 8] = 9;  // entry counts larger than the directory can hold
  bytes[bytes.size() - 22 + 10] = 9;
  Error e = refused_zip(bytes);
  EXPECT_EQ(e.kind(), ErrorKind::kParse);
  EXPECT_EQ(e.message(),
            "invalid wheel " + zip_path() +
                ": not a valid ZIP archive: the end record claims more entries than the central "
                "directory holds");
}

}  // namespace
}  // namespace roost::install
