// `roost lock` with dependencies that come from neither a registry nor the workspace: a directory
// beside the workspace (static metadata, recorded with `[package.metadata]`), a git repository
// made here and fetched by the system git (pinned to the full commit, kept pinned while the
// branch moves on), and a wheel URL served over loopback (downloaded and hashed). Plus the error
// for a source tree that would need a PEP 517 build.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "base/fs.h"
#include "base/sha256.h"
#include "base/subprocess.h"
#include "git/testing/test_repo.h"
#include "index/test_zip.h"
#include "roost_runner.h"
#include "testing/server_process.h"
#include "workspace/testing/temp_tree.h"

namespace roost::e2e {
namespace {

namespace fs = std::filesystem;
using git::testing::run_git;
using roost::testing::ServerProcess;
using workspace::testing::TempTree;

class SourcesE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!git::testing::git_available()) {
      skip_ = "git is not installed";
      return;
    }
    for (const char* name : {"idna", "six"}) release(name, "1.0");
    // A real wheel for the URL source: METADATA and RECORD in a zip.
    std::string metadata =
        "Metadata-Version: 2.1\nName: direct\nVersion: 2.5\nRequires-Dist: six\n";
    wheel_ = index::testing::make_stored_zip({{"direct/__init__.py", "X = 1\n"},
                                              {"direct-2.5.dist-info/METADATA", metadata},
                                              {"direct-2.5.dist-info/RECORD", ""}});
    index_.write("files/direct-2.5-py3-none-any.whl", wheel_);
    skip_ = server_.start({"python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1",
                           "--directory", index_.root().string()},
                          roost::testing::http_server_port);
    base_ = "http://127.0.0.1:" + std::to_string(server_.port());

    // The git repository: v1 tagged, then main moves on.
    fs::path repo = tree_.path("repo");
    fs::create_directories(repo);
    run_git(repo, {"init", "--quiet"});
    tree_.write("repo/pyproject.toml",
                "[project]\nname = \"gitpkg\"\nversion = \"1.0.0\"\ndependencies = [\"idna\"]\n");
    run_git(repo, {"add", "."});
    run_git(repo, {"commit", "--quiet", "-m", "v1"});
    run_git(repo, {"tag", "v1"});
    tagged_ = run_git(repo, {"rev-parse", "HEAD"});

    tree_.write("lib/pyproject.toml",
                "[project]\nname = \"lib\"\nversion = \"0.3.0\"\ndependencies = [\"idna>=1\"]\n");
    tree_.write("ws/pyproject.toml",
                "[project]\nname = \"app\"\nversion = \"0.1.0\"\nrequires-python = \">=3.11\"\n"
                "dependencies = [\"lib\", \"gitpkg\", \"direct\"]\n\n"
                "[tool.uv.sources]\nlib = { path = \"../lib\" }\n"
                "gitpkg = { git = \"file://" +
                    repo.string() +
                    "\", tag = \"v1\" }\n"
                    "direct = { url = \"" +
                    base_ + "/files/direct-2.5-py3-none-any.whl\" }\n");
  }

  void release(const std::string& name, const std::string& version) {
    std::string metadata = "Metadata-Version: 2.2\nName: " + name + "\nVersion: " + version + "\n";
    std::string file = name + "-" + version + "-py3-none-any.whl";
    index_.write("files/" + file, "wheel bytes of " + file);
    index_.write("files/" + file + ".metadata", metadata);
    index_.write(
        "simple/" + name + "/index.html",
        "<a href=\"../../files/" + file + "\" data-core-metadata=\"true\">" + file + "</a>\n");
  }

  SubprocessResult lock(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {
        "--directory", tree_.path("ws").string(),   "lock", "--index-url", base_ + "/simple",
        "--cache-dir", tree_.path("cache").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_roost(args);
  }
  std::string lockfile() { return read_file(tree_.path("ws/uv.lock")).value_or(""); }

  TempTree index_, tree_;
  ServerProcess server_;
  std::string skip_, base_, wheel_, tagged_;
};

TEST_F(SourcesE2eTest, LocksDirectoryGitAndUrlSources) {
  if (!skip_.empty()) GTEST_SKIP() << skip_;
  SubprocessResult first = lock();
  ASSERT_EQ(first.exit_code, 0) << first.stderr_data;
  EXPECT_NE(first.stderr_data.find("Resolved 6 packages"), std::string::npos) << first.stderr_data;
  std::string text = lockfile();
  // The directory: its own requirements, and [package.metadata] to tell when it changes.
  EXPECT_NE(text.find("name = \"lib\"\nversion = \"0.3.0\"\nsource = { directory = \"../lib\" }\n"
                      "dependencies = [\n    { name = \"idna\" },\n]\n\n[package.metadata]\n"
                      "requires-dist = [{ name = \"idna\", specifier = \">=1\" }]"),
            std::string::npos)
      << text;
  // The git repository, pinned to the tag's full commit.
  EXPECT_NE(text.find("name = \"gitpkg\"\nversion = \"1.0.0\"\nsource = { git = \"file://" +
                      tree_.path("repo").string() + "?tag=v1#" + tagged_ + "\" }\n"),
            std::string::npos)
      << text;
  // The URL wheel with the hash of what was served.
  std::string url = base_ + "/files/direct-2.5-py3-none-any.whl";
  EXPECT_NE(text.find("name = \"direct\"\nversion = \"2.5\"\nsource = { url = \"" + url +
                      "\" }\ndependencies = [\n    { name = \"six\" },\n]\nwheels = [\n"
                      "    { url = \"" +
                      url + "\", hash = \"sha256:" + to_hex(sha256(wheel_)) +
                      "\" },\n]\n\n[package.metadata]\nrequires-dist = [{ name = \"six\" }]"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("{ name = \"gitpkg\", git = \"file://"), std::string::npos) << text;

  // The tag moves to a new commit: the lock keeps the commit it pinned.
  fs::path repo = tree_.path("repo");
  tree_.write("repo/README", "moved\n");
  run_git(repo, {"add", "."});
  run_git(repo, {"commit", "--quiet", "-m", "later"});
  run_git(repo, {"tag", "-f", "v1"});
  SubprocessResult again = lock();
  ASSERT_EQ(again.exit_code, 0) << again.stderr_data;
  EXPECT_EQ(lockfile(), text);
  EXPECT_EQ(lock({"--check"}).exit_code, 0);
}

TEST_F(SourcesE2eTest, ASourceTreeWhoseBuildCannotBePreparedIsAClearError) {
  if (!skip_.empty()) GTEST_SKIP() << skip_;
  // Dynamic dependencies: only a build can tell them, and this index has no setuptools (PEP
  // 517's default backend) for the build environment.
  tree_.write("lib/pyproject.toml",
              "[project]\nname = \"lib\"\nversion = \"0.3.0\"\ndynamic = [\"dependencies\"]\n");
  SubprocessResult r = lock();
  EXPECT_EQ(r.exit_code, 2);
  for (std::string part :
       std::vector<std::string>{"No solution found when resolving [setuptools>=40.8.0]",
                                "setuptools was not found in the package registry",
                                "while building the metadata of " + tree_.path("lib").string()}) {
    EXPECT_NE(r.stderr_data.find(part), std::string::npos) << part << "\n" << r.stderr_data;
  }
  EXPECT_FALSE(fs::exists(tree_.path("ws/uv.lock")));
}

}  // namespace
}  // namespace roost::e2e
