// `roost cache dir | clean | prune` against real cache directories, and two roost processes
// sharing one cache (filled from a local tests/e2e/tools/index_server.py (http.server) index)
// without corrupting it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "base/sha256.h"
#include "roost_runner.h"
#include "testing/server_process.h"
#include "workspace/testing/temp_tree.h"

namespace roost::e2e {
namespace {

namespace fs = std::filesystem;
using roost::testing::ServerProcess;
using workspace::testing::TempTree;

const std::vector<std::string> kBaseEnv = {"PATH=/usr/bin:/bin", "NO_COLOR=1"};

std::vector<std::string> env_with(std::vector<std::string> extra) {
  std::vector<std::string> env = kBaseEnv;
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

// Every regular file under `root`, as paths relative to it.
std::vector<std::string> files_under(const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) out.push_back(fs::relative(e.path(), root).string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Temp files of base/fs.h write_file_atomic: ".<name>.tmp-<...>".
std::vector<std::string> temp_files_under(const fs::path& root) {
  std::vector<std::string> out;
  for (const std::string& f : files_under(root)) {
    std::string name = fs::path(f).filename().string();
    if (name.starts_with(".") && name.find(".tmp-") != std::string::npos) out.push_back(f);
  }
  return out;
}

TEST(CacheDirE2eTest, FlagBeatsEnvironmentAndNothingIsCreated) {
  TempTree tree;
  std::string flag = tree.path("from-flag").string();
  std::string roost_env = tree.path("from-env").string();
  std::string xdg = tree.path("xdg").string();
  std::string home = tree.path("home").string();

  SubprocessResult r = run_roost(
      {"cache", "dir", "--cache-dir", flag}, "",
      env_with({"ROOST_CACHE_DIR=" + roost_env, "XDG_CACHE_HOME=" + xdg, "HOME=" + home}));
  ASSERT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_EQ(r.stdout_data, flag + "\n");

  r = run_roost(
      {"cache", "dir"}, "",
      env_with({"ROOST_CACHE_DIR=" + roost_env, "XDG_CACHE_HOME=" + xdg, "HOME=" + home}));
  ASSERT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_EQ(r.stdout_data, roost_env + "\n");

  r = run_roost({"cache", "dir"}, "", env_with({"XDG_CACHE_HOME=" + xdg, "HOME=" + home}));
  ASSERT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_EQ(r.stdout_data, xdg + "/roost\n");

  r = run_roost({"cache", "dir"}, "", env_with({"HOME=" + home}));
  ASSERT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_EQ(r.stdout_data, home + "/.cache/roost\n");

  for (const char* name : {"from-flag", "from-env", "xdg", "home"}) {
    EXPECT_FALSE(fs::exists(tree.path(name))) << name;
  }

  r = run_roost({"cache", "dir"}, "", kBaseEnv);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.stderr_data.find("no cache directory"), std::string::npos) << r.stderr_data;
}

TEST(CacheCleanE2eTest, MissingCacheIsNotAnError) {
  TempTree tree;
  std::string dir = tree.path("nowhere").string();
  SubprocessResult r = run_roost({"cache", "clean", "--cache-dir", dir});
  EXPECT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_NE(r.stderr_data.find("No cache found at " + dir), std::string::npos) << r.stderr_data;
  EXPECT_FALSE(fs::exists(dir));
}

TEST(CacheCleanE2eTest, RefusesADirectoryThatIsNotRoostsCache) {
  TempTree tree;
  tree.write("mine/precious.txt", "keep me");
  std::string dir = tree.path("mine").string();
  for (const char* sub : {"clean", "prune"}) {
    SubprocessResult r = run_roost({"cache", sub, "--cache-dir", dir});
    EXPECT_EQ(r.exit_code, 2) << sub;
    EXPECT_NE(r.stderr_data.find(dir), std::string::npos) << r.stderr_data;
    EXPECT_TRUE(fs::exists(tree.path("mine/precious.txt")));
    EXPECT_FALSE(fs::exists(tree.path("mine/CACHEDIR.TAG")));
  }
}

class CacheE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string wheel = "not really a zip, but bytes with a known hash";
    tree_.write("files/demo_pkg-1.0.0-py3-none-any.whl", wheel);
    tree_.write("simple/demo-pkg/index.html",
                "<!DOCTYPE html><html><body>\n"
                "<a href=\"../../files/demo_pkg-1.0.0-py3-none-any.whl#sha256=" +
                    to_hex(sha256(wheel)) +
                    "\" data-requires-python=\"&gt;=3.8\">demo_pkg-1.0.0-py3-none-any.whl</a>\n"
                    "</body></html>\n");
    skip_ = server_.start({"python3", "-u", ROOST_SOURCE_DIR "/tests/e2e/tools/index_server.py",
                           tree_.root().string()},
                          roost::testing::http_server_port);
    index_ = "http://127.0.0.1:" + std::to_string(server_.port()) + "/simple";
    cache_ = tree_.path("cache");
  }

  std::vector<std::string> index_args() const {
    return {"debug", "index", "demo-pkg", "--index-url", index_, "--cache-dir", cache_.string()};
  }

  TempTree tree_;
  ServerProcess server_;
  std::string skip_;
  std::string index_;
  fs::path cache_;
};

TEST_F(CacheE2eTest, CleanEmptiesACacheThatDebugIndexFilled) {
  if (!skip_.empty()) GTEST_SKIP() << "no local index server: " << skip_;
  SubprocessResult filled = run_roost(index_args());
  ASSERT_EQ(filled.exit_code, 0) << filled.stderr_data;
  ASSERT_GT(files_under(cache_).size(), 2u);  // CACHEDIR.TAG, .gitignore and the page

  SubprocessResult r = run_roost({"cache", "clean", "--cache-dir", cache_.string()});
  ASSERT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_NE(r.stderr_data.find("Removed 1 file ("), std::string::npos) << r.stderr_data;
  EXPECT_NE(r.stderr_data.find(" MiB)"), std::string::npos) << r.stderr_data;
  EXPECT_EQ(files_under(cache_), (std::vector<std::string>{".gitignore", "CACHEDIR.TAG"}));

  // A second run finds the cache again and is still usable by the index client.
  r = run_roost({"cache", "clean", "--cache-dir", cache_.string()});
  EXPECT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_NE(r.stderr_data.find("Removed 0 files"), std::string::npos) << r.stderr_data;
  EXPECT_EQ(run_roost(index_args()).exit_code, 0);
}

TEST_F(CacheE2eTest, PruneRemovesOldBucketVersionsOnly) {
  if (!skip_.empty()) GTEST_SKIP() << "no local index server: " << skip_;
  ASSERT_EQ(run_roost(index_args()).exit_code, 0);
  ASSERT_TRUE(fs::is_directory(cache_ / "simple-v1"));
  tree_.write("cache/simple-v0/old-entry", "from an older roost");
  tree_.write("cache/simple-v2/new-entry", "from a newer roost");

  SubprocessResult r = run_roost({"cache", "prune", "--cache-dir", cache_.string()});
  ASSERT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_NE(r.stderr_data.find("Removed 1 file and 1 directory"), std::string::npos)
      << r.stderr_data;
  EXPECT_FALSE(fs::exists(cache_ / "simple-v0"));
  EXPECT_TRUE(fs::exists(cache_ / "simple-v2/new-entry"));
  EXPECT_FALSE(fs::is_empty(cache_ / "simple-v1"));

  r = run_roost({"cache", "prune", "--cache-dir", cache_.string()});
  ASSERT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_NE(r.stderr_data.find("No stale temp files"), std::string::npos) << r.stderr_data;
}

TEST_F(CacheE2eTest, TwoRoostProcessesShareOneCache) {
  if (!skip_.empty()) GTEST_SKIP() << "no local index server: " << skip_;
  std::vector<std::string> args = index_args();
  args.push_back("--refresh");
  for (int round = 0; round < 5; ++round) {
    SubprocessResult a, b;
    std::thread ta([&] { a = run_roost(args); });
    std::thread tb([&] { b = run_roost(args); });
    ta.join();
    tb.join();
    ASSERT_EQ(a.exit_code, 0) << "round " << round << ": " << a.stderr_data;
    ASSERT_EQ(b.exit_code, 0) << "round " << round << ": " << b.stderr_data;
    EXPECT_EQ(a.stdout_data, b.stdout_data) << "round " << round;
    EXPECT_NE(a.stdout_data.find("demo_pkg-1.0.0-py3-none-any.whl"), std::string::npos);
  }
  EXPECT_TRUE(temp_files_under(cache_).empty());
  // And the shared cache still serves an offline run.
  server_.stop();
  std::vector<std::string> offline = index_args();
  offline.push_back("--offline");
  SubprocessResult r = run_roost(offline);
  EXPECT_EQ(r.exit_code, 0) << r.stderr_data;
}

}  // namespace
}  // namespace roost::e2e
