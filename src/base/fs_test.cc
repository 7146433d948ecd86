#include "base/fs.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

namespace roost {
namespace {

namespace fs = std::filesystem;

class FsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("roost-fs-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(FsTest, AtomicWriteReplacesContentsAndLeavesNoTemporaryFile) {
  fs::path file = dir_ / "uv.lock";
  ASSERT_TRUE(write_file_atomic(file, "old").ok());
  ASSERT_TRUE(write_file_atomic(file, "new contents").ok());
  EXPECT_EQ(*read_file(file), "new contents");
  int entries = 0;
  for (const auto& e : fs::directory_iterator(dir_)) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 1);
}

TEST_F(FsTest, AtomicWriteIntoMissingDirectoryNamesTheFile) {
  Result<void> r = write_file_atomic(dir_ / "missing" / "x.txt", "data");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind(), ErrorKind::kIo);
  EXPECT_NE(r.error().message().find("missing/.x.txt.tmp-"), std::string::npos)
      << r.error().message();
  EXPECT_NE(r.error().message().find("No such file or directory"), std::string::npos);
}

TEST_F(FsTest, ReadMissingFileIsNotFound) {
  Result<std::string> r = read_file(dir_ / "nope.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(r.error().message(),
            "cannot read " + (dir_ / "nope.toml").string() + ": No such file or directory");
}

TEST_F(FsTest, ReadsEmptyLargeAndSpecialFilesWhole) {
  ASSERT_TRUE(write_file_atomic(dir_ / "empty", "").ok());
  EXPECT_EQ(*read_file(dir_ / "empty"), "");
  std::string big(200000, 'x');
  big[123456] = 'y';
  ASSERT_TRUE(write_file_atomic(dir_ / "big", big).ok());
  EXPECT_EQ(*read_file(dir_ / "big"), big);
  // /proc files report size 0: read to the end anyway.
  Result<std::string> proc = read_file("/proc/self/status");
  ASSERT_TRUE(proc.ok());
  EXPECT_NE(proc->find("Name:"), std::string::npos);
}

TEST_F(FsTest, ReadIfExistsTellsAbsenceFromFailure) {
  ASSERT_TRUE(write_file_atomic(dir_ / "file", "text").ok());
  EXPECT_EQ(**read_file_if_exists(dir_ / "file"), "text");
  EXPECT_FALSE(read_file_if_exists(dir_ / "missing")->has_value());
  EXPECT_FALSE(read_file_if_exists(dir_ / "file" / "pyproject.toml")->has_value());  // ENOTDIR
  Result<std::optional<std::string>> dir = read_file_if_exists(dir_);  // a directory: EISDIR
  ASSERT_FALSE(dir.ok());
  EXPECT_EQ(dir.error().kind(), ErrorKind::kIo);
}

TEST_F(FsTest, OpenDirectoryReadsBelowItLikeReadIfExists) {
  fs::create_directories(dir_ / "pkg");
  ASSERT_TRUE(write_file_atomic(dir_ / "pkg" / "file", "text").ok());
  Result<OpenDirectory> opened = OpenDirectory::open(dir_);
  ASSERT_TRUE(opened.ok());
  const OpenDirectory& dir = *opened;
  EXPECT_EQ(**dir.read_file_if_exists("pkg/file", "shown/pkg/file"), "text");
  EXPECT_FALSE(dir.read_file_if_exists("pkg/missing", "x")->has_value());
  EXPECT_FALSE(dir.read_file_if_exists("pkg/file/pyproject.toml", "x")->has_value());  // ENOTDIR
  Result<std::optional<std::string>> not_file = dir.read_file_if_exists("pkg", "shown/pkg");
  ASSERT_FALSE(not_file.ok());  // a directory: EISDIR, named by the shown path
  EXPECT_EQ(not_file.error().kind(), ErrorKind::kIo);
  EXPECT_NE(not_file.error().message().find("shown/pkg"), std::string::npos);
  EXPECT_EQ(OpenDirectory::open(dir_ / "missing").error().kind(), ErrorKind::kNotFound);
  // The string overload of read_file_if_exists agrees with the path one.
  std::string file = (dir_ / "pkg" / "file").string();
  EXPECT_EQ(**read_file_if_exists(file.c_str()), "text");
  EXPECT_FALSE(read_file_if_exists((dir_ / "nope").c_str())->has_value());
}

TEST_F(FsTest, ExclusiveLockExcludesOthersUntilReleased) {
  fs::path lock_path = dir_ / ".lock";
  {
    Result<FileLock> held = FileLock::acquire(lock_path, LockMode::kExclusive);
    ASSERT_TRUE(held.ok());
    auto second = FileLock::try_acquire(lock_path, LockMode::kExclusive);
    ASSERT_TRUE(second.ok());
    EXPECT_FALSE(second->has_value());
    // Another process sees the lock too.
    pid_t pid = ::fork();
    if (pid == 0) {
      auto other = FileLock::try_acquire(lock_path, LockMode::kShared);
      ::_exit(other.ok() && !other->has_value() ? 0 : 1);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  auto after = FileLock::try_acquire(lock_path, LockMode::kExclusive);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->has_value());
}

TEST_F(FsTest, SharedLocksCoexist) {
  fs::path lock_path = dir_ / ".lock";
  Result<FileLock> a = FileLock::acquire(lock_path, LockMode::kShared);
  ASSERT_TRUE(a.ok());
  auto b = FileLock::try_acquire(lock_path, LockMode::kShared);
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(b->has_value());
  auto c = FileLock::try_acquire(lock_path, LockMode::kExclusive);
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->has_value());
}

}  // namespace
}  // namespace roost
