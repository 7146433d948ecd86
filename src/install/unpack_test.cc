#include "install/unpack.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <thread>

#include "base/fs.h"
#include "install/testing/temp_dir.h"
#include "install/testing/wheel_builder.h"

namespace roost::install {
namespace {

namespace fs = std::filesystem;
using testing::record_row;
using testing::TempDir;
using testing::TestWheel;

// Every path below `dir`, relative, sorted.
std::vector<std::string> tree(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    out.push_back(it->path().lexically_relative(dir).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class UnpackTest : public ::testing::Test {
 protected:
  fs::path write(const TestWheel& w) {
    auto path = testing::write_test_wheel(w, wheels_.path());
    EXPECT_TRUE(path.ok()) << path.error().render();
    return path.ok() ? *path : fs::path();
  }
  // Unpacking `w` must fail, leaving the cache directory empty.
  Error refused(const TestWheel& w) {
    fs::path path = write(w);
    auto unpacked = unpack_wheel(path, cache_ / "archive");
    EXPECT_TRUE(tree(cache_.path()).empty()) << "something was written";
    auto verified = verify_wheel(path);
    EXPECT_FALSE(verified.ok());
    if (unpacked.ok()) {
      ADD_FAILURE() << "unpacked " << path;
      return make_error(ErrorKind::kInternal, "");
    }
    if (!verified.ok()) {
      EXPECT_EQ(verified.error().message(), unpacked.error().message());
    }
    return unpacked.error();
  }
  static TestWheel good_wheel() {
    TestWheel w;
    w.entries = {{"hello/__init__.py", "X = 42\n"},
                 {"hello/sub/data.txt", "data\n"},
                 {"hello-1.0.data/scripts/hello-tool", "#!python\nprint('tool')\n", 0755}};
    return w;
  }

  TempDir wheels_;
  TempDir cache_;
};

TEST_F(UnpackTest, UnpacksAValidWheel) {
  fs::path path = write(good_wheel());
  auto unpacked = unpack_wheel(path, cache_ / "archive");
  ASSERT_TRUE(unpacked.ok()) << unpacked.error().render();
  EXPECT_EQ(unpacked->dir, cache_ / "archive");
  EXPECT_EQ(unpacked->name.str(), "hello");
  EXPECT_EQ(unpacked->version.to_string(), "1.0");
  EXPECT_EQ(unpacked->dist_info, "hello-1.0.dist-info");
  EXPECT_EQ(unpacked->data_dir, "hello-1.0.data");
  EXPECT_TRUE(unpacked->wheel.root_is_purelib);
  EXPECT_EQ(unpacked->record.entries.size(), 6u);
  EXPECT_TRUE(unpacked->warnings.empty());
  EXPECT_EQ(tree(cache_.path()),
            (std::vector<std::string>{
                "archive", "archive/hello", "archive/hello-1.0.data",
                "archive/hello-1.0.data/scripts", "archive/hello-1.0.data/scripts/hello-tool",
                "archive/hello-1.0.dist-info", "archive/hello-1.0.dist-info/METADATA",
                "archive/hello-1.0.dist-info/RECORD", "archive/hello-1.0.dist-info/WHEEL",
                "archive/hello/__init__.py", "archive/hello/sub", "archive/hello/sub/data.txt"}));
  EXPECT_EQ(*read_file(cache_ / "archive/hello/__init__.py"), "X = 42\n");
  struct stat st {};
  ASSERT_EQ(::stat((cache_ / "archive/hello-1.0.data/scripts/hello-tool").c_str(), &st), 0);
  EXPECT_NE(st.st_mode & 0100, 0u) << "the execute bit is kept";
  ASSERT_EQ(::stat((cache_ / "archive/hello/__init__.py").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0111, 0u);
  ASSERT_EQ(::stat((cache_ / "archive").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777 & ~0022u, 0755u & ~0022u);

  // Loading the unpacked tree again gives the same wheel.
  auto again = open_unpacked_wheel(cache_ / "archive");
  ASSERT_TRUE(again.ok()) << again.error().render();
  EXPECT_EQ(again->name, unpacked->name);
  EXPECT_EQ(again->version, unpacked->version);
  EXPECT_EQ(again->dist_info, unpacked->dist_info);
  EXPECT_EQ(again->record.entries, unpacked->record.entries);
  // And unpacking into an existing tree reuses it.
  auto reused = unpack_wheel(path, cache_ / "archive");
  ASSERT_TRUE(reused.ok());
  EXPECT_EQ(reused->record.entries, unpacked->record.entries);
}

TEST_F(UnpackTest, AFilenameOptionNamesAContentAddressedBlob) {
  fs::path path = write(good_wheel());
  fs::path blob = wheels_ / "0123abcd";
  fs::rename(path, blob);
  auto unpacked =
      unpack_wheel(blob, cache_ / "archive", {.filename = "hello-1.0-py3-none-any.whl"});
  ASSERT_TRUE(unpacked.ok()) << unpacked.error().render();
  auto unnamed = verify_wheel(blob);
  ASSERT_FALSE(unnamed.ok());
  EXPECT_EQ(unnamed.error().kind(), ErrorKind::kParse);
}

TEST_F(UnpackTest, ConcurrentUnpackersAgree) {
  fs::path path = write(good_wheel());
  std::vector<std::thread> threads;
  std::vector<int> ok_count(8, 0);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] { ok_count[i] = unpack_wheel(path, cache_ / "archive").ok(); });
  }
  for (auto& t : threads) t.join();
  for (int ok : ok_count) EXPECT_EQ(ok, 1);
  // One tree, no temporary directories left behind.
  std::vector<std::string> top;
  for (const auto& e : fs::directory_iterator(cache_.path())) top.push_back(e.path().filename());
  EXPECT_EQ(top, std::vector<std::string>{"archive"});
  EXPECT_EQ(*read_file(cache_ / "archive/hello/__init__.py"), "X = 42\n");
}

TEST_F(UnpackTest, RefusesMaliciousEntriesWritingNothing) {
  for (std::string name : {"../evil.py", "/tmp/evil.py", "hello/../../evil.py", "C:/evil.py",
                           "hello\\..\\..\\evil.py"}) {
    TestWheel w = good_wheel();
    w.entries.push_back({name, "import os\n"});
    Error e = refused(w);
    EXPECT_EQ(e.kind(), ErrorKind::kIntegrity) << name;
    EXPECT_NE(e.message().find(w.filename()), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("entry '"), std::string::npos) << e.message();
    EXPECT_FALSE(fs::exists(wheels_.path().parent_path() / "evil.py"));
    EXPECT_FALSE(fs::exists(cache_.path().parent_path() / "evil.py"));
  }
  TestWheel link = good_wheel();
  link.entries.push_back({"hello/evil", "/etc/passwd", 0777, /*symlink=*/true});
  EXPECT_NE(refused(link).message().find("entry 'hello/evil': symlinks are not allowed"),
            std::string::npos);
}

TEST_F(UnpackTest, RefusesRecordLies) {
  {  // a hash that does not match (the size does): caught while extracting, nothing left
    TestWheel w = good_wheel();
    w.entries[0].in_record = false;
    w.extra_record_rows = {record_row("hello/__init__.py", "X = 43\n")};
    Error e = refused(w);
    EXPECT_EQ(e.kind(), ErrorKind::kIntegrity);
    EXPECT_EQ(e.message(),
              "invalid wheel " + (wheels_ / w.filename()).string() +
                  ": entry 'hello/__init__.py': RECORD gives the hash "
                  "sha256=" +
                  record_row("", "X = 43\n").substr(8, 43) +
                  ", the content hashes to sha256=" + record_row("", "X = 42\n").substr(8, 43));
  }
  {  // a size that does not match: caught before writing
    TestWheel w = good_wheel();
    w.entries[0].in_record = false;
    w.extra_record_rows = {"hello/__init__.py" + record_row("", "X = 42\n").substr(0, 51) + ",8"};
    Error e = refused(w);
    EXPECT_NE(
        e.message().find("entry 'hello/__init__.py': RECORD gives 8 bytes, the wheel holds 7"),
        std::string::npos)
        << e.message();
  }
  {  // a file RECORD does not list
    TestWheel w = good_wheel();
    w.entries.push_back({"hello/hidden.py", "x\n", 0644, false, false, /*in_record=*/false});
    EXPECT_NE(
        refused(w).message().find("entry 'hello/hidden.py': in the wheel but not listed in RECORD"),
        std::string::npos);
  }
  {  // a file RECORD lists that is not there
    TestWheel w = good_wheel();
    w.extra_record_rows = {record_row("hello/ghost.py", "boo\n")};
    EXPECT_NE(
        refused(w).message().find("entry 'hello/ghost.py': listed in RECORD but not in the wheel"),
        std::string::npos);
  }
  {  // a file without a hash
    TestWheel w = good_wheel();
    w.entries[0].in_record = false;
    w.extra_record_rows = {"hello/__init__.py,,"};
    EXPECT_NE(refused(w).message().find("entry 'hello/__init__.py': RECORD gives no hash or size"),
              std::string::npos);
  }
  {  // md5 is forbidden by the spec
    TestWheel w = good_wheel();
    w.entries[0].in_record = false;
    w.extra_record_rows = {"hello/__init__.py,md5=AAAAAAAAAAAAAAAAAAAAAA,7"};
    EXPECT_NE(
        refused(w).message().find("RECORD uses a md5 hash, which the wheel spec does not allow"),
        std::string::npos);
  }
  {  // listed twice
    TestWheel w = good_wheel();
    w.extra_record_rows = {record_row("hello/__init__.py", "X = 42\n")};
    EXPECT_NE(refused(w).message().find("entry 'hello/__init__.py': listed twice in RECORD"),
              std::string::npos);
  }
  {  // no RECORD at all
    TestWheel w = good_wheel();
    w.with_record = false;
    EXPECT_EQ(refused(w).message(), "invalid wheel " + (wheels_ / w.filename()).string() +
                                        ": no hello-1.0.dist-info/RECORD in the wheel");
  }
  {  // a path in RECORD that climbs out
    TestWheel w = good_wheel();
    w.extra_record_rows = {record_row("../evil.py", "x")};
    EXPECT_NE(refused(w).message().find("entry '../evil.py': path has a '..' component"),
              std::string::npos);
  }
}

TEST_F(UnpackTest, AcceptsOtherStrongHashesWithAWarning) {
  TestWheel w = good_wheel();
  w.entries[1].in_record = false;
  w.extra_record_rows = {"hello/sub/data.txt,sha512=" + std::string(86, 'A') + ",5"};
  auto unpacked = unpack_wheel(write(w), cache_ / "archive");
  ASSERT_TRUE(unpacked.ok()) << unpacked.error().render();
  ASSERT_EQ(unpacked->warnings.size(), 1u);
  EXPECT_NE(unpacked->warnings[0].find("RECORD uses sha512 hashes, which roost cannot compute"),
            std::string::npos);
}

TEST_F(UnpackTest, ChecksTheDistInfoDirectory) {
  {  // none
    TestWheel w;
    w.name = "hello";
    w.entries = {{"hello/__init__.py", "X = 1\n"}};
    w.with_record = false;
    // No dist-info at all: rename the generated one away.
    w.patch_all = {{"hello-1.0.dist-info", "hello-1.0.distxinfo"}};
    EXPECT_EQ(refused(w).message(),
              "invalid wheel " + (wheels_ / w.filename()).string() + ": no .dist-info directory");
  }
  {  // two
    TestWheel w = good_wheel();
    w.entries.push_back({"other-2.0.dist-info/METADATA", "Name: other\n"});
    EXPECT_NE(refused(w).message().find("more than one .dist-info directory"), std::string::npos);
  }
  {  // another project's
    TestWheel w = good_wheel();
    fs::path path = write(w);
    fs::path renamed = wheels_ / "goodbye-1.0-py3-none-any.whl";
    fs::rename(path, renamed);
    auto unpacked = unpack_wheel(renamed, cache_ / "archive");
    ASSERT_FALSE(unpacked.ok());
    EXPECT_EQ(unpacked.error().message(),
              "invalid wheel " + renamed.string() +
                  ": the .dist-info directory 'hello-1.0.dist-info' does not match the file "
                  "name's project goodbye 1.0");
  }
  {  // normalised names and versions match: Hello_World-1.0.0 for hello-world 1.0
    TestWheel w;
    w.name = "Hello_World";
    w.version = "1.0.0";
    w.entries = {{"hello_world/__init__.py", "X = 1\n"}};
    fs::path path = write(w);
    fs::path renamed = wheels_ / "hello_world-1.0-py3-none-any.whl";
    fs::rename(path, renamed);
    auto unpacked = unpack_wheel(renamed, cache_ / "archive");
    ASSERT_TRUE(unpacked.ok()) << unpacked.error().render();
    EXPECT_EQ(unpacked->name.str(), "hello-world");
  }
}

TEST_F(UnpackTest, ChecksMetadataAndWheelFiles) {
  {
    TestWheel w = good_wheel();
    w.metadata = "Metadata-Version: 2.1\nName: goodbye\nVersion: 1.0\n";
    EXPECT_NE(
        refused(w).message().find(
            "hello-1.0.dist-info/METADATA names the project 'goodbye', the file name 'hello'"),
        std::string::npos);
  }
  {
    TestWheel w = good_wheel();
    w.metadata = "Metadata-Version: 2.1\nName: hello\nVersion: 2.0\n";
    EXPECT_NE(refused(w).message().find("gives the version '2.0', the file name '1.0'"),
              std::string::npos);
  }
  {
    TestWheel w = good_wheel();
    w.wheel_version = "2.0";
    Error e = refused(w);
    EXPECT_EQ(e.kind(), ErrorKind::kParse);
    EXPECT_NE(e.message().find("Wheel-Version"), std::string::npos) << e.message();
  }
  {
    TestWheel w = good_wheel();
    w.wheel_version = "1.9";
    auto unpacked = unpack_wheel(write(w), cache_ / "archive");
    ASSERT_TRUE(unpacked.ok()) << unpacked.error().render();
    ASSERT_EQ(unpacked->warnings.size(), 1u);
    EXPECT_NE(unpacked->warnings[0].find("has Wheel-Version 1.9, newer than the 1.0 roost knows"),
              std::string::npos);
    fs::remove_all(cache_ / "archive");
  }
  {
    TestWheel w = good_wheel();
    w.entries.push_back({"hello-1.0.data/purelib/other-1.0.dist-info/METADATA", "Name: other\n"});
    EXPECT_NE(refused(w).message().find("a .dist-info directory inside the .data directory"),
              std::string::npos);
  }
  {
    TestWheel w = good_wheel();
    w.entries.push_back({"hello-1.0.data/bogus/x", "x"});
    EXPECT_NE(refused(w).message().find(
                  "entry 'hello-1.0.data/bogus/x': the .data directory holds only purelib"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace roost::install
