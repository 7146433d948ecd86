#include "install/link.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "base/fs.h"
#include "install/install_wheel.h"
#include "install/testing/temp_dir.h"
#include "install/testing/wheel_builder.h"

namespace roost::install {
namespace {

namespace fs = std::filesystem;
using testing::stat_of;
using testing::TempDir;
using testing::TestWheel;

TEST(LinkMode, NamesRoundTrip) {
  for (LinkMode m : {LinkMode::kClone, LinkMode::kHardlink, LinkMode::kCopy, LinkMode::kSymlink}) {
    EXPECT_EQ(parse_link_mode(to_string(m)), m);
  }
  EXPECT_EQ(parse_link_mode("reflink"), std::nullopt);
}

TEST(LinkMode, FallbackWarningsOnlyForFullCopies) {
  EXPECT_EQ(fallback_warning({LinkMode::kClone, LinkMode::kClone, LinkMode::kHardlink, "x"}),
            std::nullopt);
  auto hard = fallback_warning({LinkMode::kHardlink, LinkMode::kHardlink, LinkMode::kCopy, "x"});
  ASSERT_TRUE(hard.has_value());
  EXPECT_EQ(hard->message,
            "Failed to hardlink files; falling back to full copy. This may lead to degraded "
            "performance.");
  EXPECT_EQ(hard->hint,
            "If the cache and target directories are on different filesystems, hardlinking may "
            "not be supported. If this is intentional, use `--link-mode=copy` to suppress this "
            "warning.");
  auto clone = fallback_warning({LinkMode::kClone, LinkMode::kHardlink, LinkMode::kCopy, "x"});
  ASSERT_TRUE(clone.has_value());
  EXPECT_EQ(clone->message.substr(0, 31), "Failed to clone files; falling ");
  EXPECT_NE(clone->hint.find("reflinking may not be supported"), std::string::npos);
}

class LinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    source_ = cache_ / "src";
    fs::create_directories(source_ / "pkg");
    ASSERT_TRUE(write_file_replace(source_ / "pkg/a.py", "A = 1\n").ok());
    ASSERT_TRUE(write_file_replace(source_ / "pkg/run.sh", "#!/bin/sh\n", 0755).ok());
    ::chmod((source_ / "pkg/run.sh").c_str(), 0755);
  }
  // Places both files into `dest` (created) with `mode`; returns the linker.
  Result<FileLinker> place_all(const fs::path& dest, LinkMode mode) {
    fs::create_directories(dest / "pkg");
    ROOST_TRY(FileLinker linker, FileLinker::open(source_, mode));
    int fd = ::open(dest.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    auto a = linker.place("pkg/a.py", fd, "pkg/a.py", dest);
    auto b = linker.place("pkg/run.sh", fd, "pkg/run.sh", dest);
    ::close(fd);
    ROOST_CHECK(a);
    ROOST_CHECK(b);
    return linker;
  }

  TempDir cache_;
  TempDir env_;
  fs::path source_;
};

TEST_F(LinkTest, CopyMakesIndependentFilesWithTheSameMode) {
  auto linker = place_all(env_.path(), LinkMode::kCopy);
  ASSERT_TRUE(linker.ok()) << linker.error().render();
  EXPECT_EQ(linker->mode(), LinkMode::kCopy);
  EXPECT_EQ(*read_file(env_ / "pkg/a.py"), "A = 1\n");
  EXPECT_NE(stat_of(env_ / "pkg/a.py").st_ino, stat_of(source_ / "pkg/a.py").st_ino);
  EXPECT_NE(stat_of(env_ / "pkg/run.sh").st_mode & 0100, 0u);
  EXPECT_EQ(stat_of(env_ / "pkg/a.py").st_mode & 0111, 0u);
}

TEST_F(LinkTest, HardlinkSharesTheCachesInode) {
  auto linker = place_all(env_.path(), LinkMode::kHardlink);
  ASSERT_TRUE(linker.ok()) << linker.error().render();
  if (stat_of(env_.path()).st_dev != stat_of(source_).st_dev) GTEST_SKIP() << "two filesystems";
  EXPECT_EQ(linker->mode(), LinkMode::kHardlink);
  EXPECT_FALSE(linker->fallback().has_value());
  EXPECT_EQ(stat_of(env_ / "pkg/a.py").st_ino, stat_of(source_ / "pkg/a.py").st_ino);
  EXPECT_EQ(stat_of(source_ / "pkg/a.py").st_nlink, 2u);
}

TEST_F(LinkTest, CloneWorksOrFallsBackToHardlinkSilently) {
  auto linker = place_all(env_.path(), LinkMode::kClone);
  ASSERT_TRUE(linker.ok()) << linker.error().render();
  EXPECT_EQ(*read_file(env_ / "pkg/a.py"), "A = 1\n");
  if (linker->mode() == LinkMode::kClone) {  // btrfs, XFS: a new inode sharing the blocks
    EXPECT_NE(stat_of(env_ / "pkg/a.py").st_ino, stat_of(source_ / "pkg/a.py").st_ino);
    return;
  }
  // ext4, tmpfs: no reflinks; the first file decided, with no warning for the user.
  ASSERT_TRUE(linker->fallback().has_value());
  EXPECT_EQ(linker->fallback()->requested, LinkMode::kClone);
  EXPECT_EQ(linker->fallback()->failed, LinkMode::kClone);
  EXPECT_EQ(linker->mode(), linker->fallback()->used);
  if (linker->mode() == LinkMode::kHardlink) {
    EXPECT_EQ(fallback_warning(*linker->fallback()), std::nullopt);
    EXPECT_EQ(stat_of(env_ / "pkg/a.py").st_ino, stat_of(source_ / "pkg/a.py").st_ino);
  }
}

TEST_F(LinkTest, SymlinkPointsIntoTheCache) {
  auto linker = place_all(env_.path(), LinkMode::kSymlink);
  ASSERT_TRUE(linker.ok()) << linker.error().render();
  EXPECT_TRUE(S_ISLNK(stat_of(env_ / "pkg/a.py").st_mode));
  EXPECT_EQ(fs::read_symlink(env_ / "pkg/a.py"), source_ / "pkg/a.py");
  EXPECT_EQ(*read_file(env_ / "pkg/a.py"), "A = 1\n");
}

TEST_F(LinkTest, PlacingReplacesAnExistingFile) {
  fs::create_directories(env_ / "pkg");
  ASSERT_TRUE(write_file_replace(env_ / "pkg/a.py", "old\n").ok());
  auto linker = place_all(env_.path(), LinkMode::kCopy);
  ASSERT_TRUE(linker.ok()) << linker.error().render();
  EXPECT_EQ(*read_file(env_ / "pkg/a.py"), "A = 1\n");
}

TEST_F(LinkTest, AMissingSourceIsAnErrorNotAFallback) {
  auto linker = FileLinker::open(source_, LinkMode::kHardlink);
  ASSERT_TRUE(linker.ok());
  int fd = ::open(env_.path().c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  auto placed = linker->place("pkg/missing.py", fd, "missing.py", env_.path());
  ::close(fd);
  ASSERT_FALSE(placed.ok());
  EXPECT_EQ(placed.error().kind(), ErrorKind::kIo);
  EXPECT_NE(
      placed.error().message().find("cannot hardlink " + (source_ / "pkg/missing.py").string() +
                                    " to " + (env_ / "missing.py").string()),
      std::string::npos)
      << placed.error().message();
  EXPECT_FALSE(linker->fallback().has_value());
}

// Hardlinks cannot cross file systems: with the cache on one and the environment on another
// (here /dev/shm, a tmpfs), the first file falls back to a copy, and the fallback is reported.
TEST_F(LinkTest, HardlinkAcrossFileSystemsFallsBackToCopyOnce) {
  std::error_code ec;
  if (!fs::is_directory("/dev/shm", ec) || stat_of("/dev/shm").st_dev == stat_of(source_).st_dev) {
    GTEST_SKIP() << "no second file system to link across";
  }
  std::string templ = "/dev/shm/roost-link-XXXXXX";
  ASSERT_NE(::mkdtemp(templ.data()), nullptr);
  const fs::path other(templ);
  auto linker = place_all(other, LinkMode::kHardlink);
  ASSERT_TRUE(linker.ok()) << linker.error().render();
  EXPECT_EQ(linker->mode(), LinkMode::kCopy);
  ASSERT_TRUE(linker->fallback().has_value());
  EXPECT_EQ(linker->fallback()->failed, LinkMode::kHardlink);
  EXPECT_EQ(linker->fallback()->reason, "Invalid cross-device link");
  auto warning = fallback_warning(*linker->fallback());
  ASSERT_TRUE(warning.has_value());
  EXPECT_EQ(warning->message.substr(0, 25), "Failed to hardlink files;");
  EXPECT_EQ(*read_file(other / "pkg/a.py"), "A = 1\n");
  EXPECT_NE(stat_of(other / "pkg/run.sh").st_mode & 0100, 0u);
  fs::remove_all(other, ec);
}

// The hot path: a thousand files in a hundred directories, hardlinked. (Creating files on ext4
// dominates the unpack, in the kernel; the install itself is a link per file.)
TEST(LinkSpeed, InstallsThousandsOfFilesQuickly) {
  TempDir root;
  TestWheel w;
  w.name = "big";
  for (int d = 0; d < 100; ++d) {
    for (int f = 0; f < 10; ++f) {
      w.entries.push_back({"big/d" + std::to_string(d) + "/m" + std::to_string(f) + ".py", "x\n"});
    }
  }
  auto path = testing::write_test_wheel(w, root.path());
  ASSERT_TRUE(path.ok());
  auto unpacked = unpack_wheel(*path, root / "cache/big");
  ASSERT_TRUE(unpacked.ok()) << unpacked.error().render();
  const fs::path env = root / "env";
  Scheme scheme{env / "site", env / "site", env / "bin", env, env / "include", "/usr/bin/python3"};
  const auto start = std::chrono::steady_clock::now();
  auto installed = install_wheel(*unpacked, scheme, {.link_mode = LinkMode::kHardlink});
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(installed.ok()) << installed.error().render();
  EXPECT_EQ(installed->linked_files, 1002u);
  // Generous for a sanitizer build on a shared machine; a release build takes a few ms.
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 3000);
  RecordProperty(
      "install_ms",
      static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()));
}

}  // namespace
}  // namespace roost::install
