#include "install/uninstall.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "base/fs.h"
#include "install/install_wheel.h"
#include "install/testing/temp_dir.h"
#include "install/testing/wheel_builder.h"

namespace roost::install {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::TestWheel;

// Every path below `dir` (files and directories), relative, sorted.
std::set<std::string> tree(const fs::path& dir) {
  std::set<std::string> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    out.insert(it->path().lexically_relative(dir).generic_string());
  }
  return out;
}

class UninstallTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = root_ / "env";
    site_ = env_ / "lib/python3.11/site-packages";
    scheme_ = {
        site_, site_, env_ / "bin", env_, env_ / "include/site/python3.11", "/usr/bin/python3"};
    // What a fresh venv has before anything is installed.
    fs::create_directories(site_);
    fs::create_directories(env_ / "bin");
    ASSERT_TRUE(write_file_replace(env_ / "bin/activate", "# activate\n").ok());
    ASSERT_TRUE(write_file_replace(env_ / "pyvenv.cfg", "home = /usr/bin\n").ok());
  }

  Result<InstalledDist> install(const TestWheel& w) {
    ROOST_TRY(fs::path path, testing::write_test_wheel(w, root_.path()));
    ROOST_TRY(UnpackedWheel unpacked, unpack_wheel(path, root_ / ("cache/" + w.name)));
    return install_wheel(unpacked, scheme_, {.link_mode = LinkMode::kCopy, .requested = true});
  }

  static TestWheel wheel(const std::string& name) {
    TestWheel w;
    w.name = name;
    w.entries = {{name + "/__init__.py", "X = 1\n"},
                 {name + "/deep/er/mod.py", "Y = 2\n"},
                 {name + "-1.0.data/data/share/" + name + "/file.txt", "data\n"},
                 {name + "-1.0.data/scripts/" + name + "-tool", "#!python\n"}};
    w.entry_points = "[console_scripts]\n" + name + "-cli = " + name + ":main\n";
    return w;
  }

  TempDir root_;
  fs::path env_;
  fs::path site_;
  Scheme scheme_;
};

TEST_F(UninstallTest, RemovesExactlyWhatWasInstalled) {
  const std::set<std::string> before = tree(env_);
  ASSERT_TRUE(install(wheel("other")).ok());
  const std::set<std::string> with_other = tree(env_);
  auto hello = install(wheel("hello"));
  ASSERT_TRUE(hello.ok()) << hello.error().render();
  // Python compiled some bytecode meanwhile.
  fs::create_directories(site_ / "hello/__pycache__");
  for (std::string pyc :
       {"__init__.cpython-311.pyc", "__init__.cpython-311.opt-1.pyc", "__init__.cpython-312.pyc"}) {
    ASSERT_TRUE(write_file_replace(site_ / "hello/__pycache__" / pyc, "bytecode").ok());
  }
  fs::create_directories(site_ / "hello/deep/er/__pycache__");
  ASSERT_TRUE(
      write_file_replace(site_ / "hello/deep/er/__pycache__/mod.cpython-311.pyc", "b").ok());

  auto result = uninstall_distribution(site_, "hello-1.0.dist-info", env_);
  ASSERT_TRUE(result.ok()) << result.error().render();
  EXPECT_EQ(tree(env_), with_other);
  EXPECT_TRUE(result->missing.empty());
  // RECORD's 11 rows (4 payload files, METADATA, WHEEL, entry_points.txt, a launcher,
  // INSTALLER, REQUESTED, RECORD) and 4 .pyc files.
  EXPECT_EQ(result->removed_files, 11u + 4u);

  ASSERT_TRUE(uninstall_distribution(site_, "other-1.0.dist-info", env_).ok());
  // The environment's top-level directories stay, even when empty (share/ here).
  std::set<std::string> expected = before;
  expected.insert("share");
  EXPECT_EQ(tree(env_), expected);
}

TEST_F(UninstallTest, KeepsSharedDirectoriesAndOtherFiles) {
  ASSERT_TRUE(install(wheel("hello")).ok());
  ASSERT_TRUE(write_file_replace(site_ / "hello/user_notes.txt", "mine\n").ok());
  auto result = uninstall_distribution(site_, "hello-1.0.dist-info", env_);
  ASSERT_TRUE(result.ok()) << result.error().render();
  EXPECT_TRUE(fs::exists(site_ / "hello/user_notes.txt"));
  EXPECT_FALSE(fs::exists(site_ / "hello/deep"));
  EXPECT_FALSE(fs::exists(site_ / "hello-1.0.dist-info"));
  EXPECT_TRUE(fs::exists(env_ / "bin/activate"));
}

TEST_F(UninstallTest, ReportsMissingFiles) {
  ASSERT_TRUE(install(wheel("hello")).ok());
  fs::remove(site_ / "hello/deep/er/mod.py");
  auto result = uninstall_distribution(site_, "hello-1.0.dist-info", env_);
  ASSERT_TRUE(result.ok()) << result.error().render();
  EXPECT_EQ(result->missing, std::vector<std::string>{"hello/deep/er/mod.py"});
  EXPECT_FALSE(fs::exists(site_ / "hello"));
}

TEST_F(UninstallTest, RefusesRecordEntriesOutsideTheEnvironmentRemovingNothing) {
  ASSERT_TRUE(install(wheel("hello")).ok());
  const fs::path victim = root_ / "victim.txt";
  ASSERT_TRUE(write_file_replace(victim, "precious\n").ok());
  const fs::path record = site_ / "hello-1.0.dist-info/RECORD";
  const std::string original = *read_file(record);
  const std::set<std::string> installed = tree(env_);
  for (const std::string& row : std::vector<std::string>{"../../../../victim.txt,,",
                                                         victim.string() + ",,", "/etc/passwd,,"}) {
    ASSERT_TRUE(write_file_replace(record, original + row + "\n").ok());
    auto result = uninstall_distribution(site_, "hello-1.0.dist-info", env_);
    ASSERT_FALSE(result.ok()) << row;
    EXPECT_EQ(result.error().kind(), ErrorKind::kIntegrity);
    EXPECT_NE(result.error().message().find("resolves outside the environment"), std::string::npos);
    EXPECT_TRUE(fs::exists(victim));
    EXPECT_EQ(tree(env_), installed) << "nothing may be removed";
  }
  // Through a symlinked directory inside the environment.
  fs::create_directory_symlink(root_.path(), site_ / "escape");
  ASSERT_TRUE(write_file_replace(record, original + "escape/victim.txt,,\n").ok());
  auto result = uninstall_distribution(site_, "hello-1.0.dist-info", env_);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message().find("'escape/victim.txt' resolves outside"),
            std::string::npos)
      << result.error().message();
  EXPECT_TRUE(fs::exists(victim));
}

TEST_F(UninstallTest, NeedsARecord) {
  ASSERT_TRUE(install(wheel("hello")).ok());
  fs::remove(site_ / "hello-1.0.dist-info/RECORD");
  auto result = uninstall_distribution(site_, "hello-1.0.dist-info", env_);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind(), ErrorKind::kNotFound);
  EXPECT_TRUE(fs::exists(site_ / "hello/__init__.py"));
  auto bad_name = uninstall_distribution(site_, "../hello-1.0.dist-info", env_);
  ASSERT_FALSE(bad_name.ok());
  EXPECT_EQ(bad_name.error().kind(), ErrorKind::kUsage);
}

}  // namespace
}  // namespace roost::install
