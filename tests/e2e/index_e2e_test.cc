// `roost debug index` against a real static PEP 503 index served by tests/e2e/tools/index_server.py
// (http.server) on 127.0.0.1: listing, PEP 658 metadata with hash checks, the on-disk cache
// (offline reuse), and the errors a user sees for a bad hash and an unreachable index.
#include <gtest/gtest.h>

#include <string>

#include "base/sha256.h"
#include "roost_runner.h"
#include "testing/server_process.h"
#include "workspace/testing/temp_tree.h"

namespace roost::e2e {
namespace {

using roost::testing::ServerProcess;
using workspace::testing::TempTree;

std::string sha256_of(std::string_view data) {
  return to_hex(sha256(data));
}

class IndexE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string metadata = "Metadata-Version: 2.1\nName: demo-pkg\nVersion: 1.0.0\n";
    const std::string wheel = "not really a zip, but bytes with a known hash";
    tree_.write("files/demo_pkg-1.0.0-py3-none-any.whl", wheel);
    tree_.write("files/demo_pkg-1.0.0-py3-none-any.whl.metadata", metadata);
    tree_.write("files/demo_pkg-2.0.0.tar.gz", "sdist bytes");
    tree_.write("files/bad_meta-1.0-py3-none-any.whl", "x");
    tree_.write("files/bad_meta-1.0-py3-none-any.whl.metadata", "Name: bad-meta\n");
    tree_.write("simple/demo-pkg/index.html",
                "<!DOCTYPE html><html><body>\n"
                "<a href=\"../../files/demo_pkg-1.0.0-py3-none-any.whl#sha256=" +
                    sha256_of(wheel) +
                    "\" data-requires-python=\"&gt;=3.8\" data-core-metadata=\"sha256=" +
                    sha256_of(metadata) +
                    "\">demo_pkg-1.0.0-py3-none-any.whl</a>\n"
                    "<a href=\"../../files/demo_pkg-2.0.0.tar.gz\" data-yanked=\"broken "
                    "build\">demo_pkg-2.0.0.tar.gz</a>\n"
                    "</body></html>\n");
    tree_.write("simple/bad-meta/index.html",
                "<a href=\"../../files/bad_meta-1.0-py3-none-any.whl\" "
                "data-core-metadata=\"sha256=" +
                    std::string(64, '0') + "\">bad_meta-1.0-py3-none-any.whl</a>\n");
    skip_ = server_.start({"python3", "-u", ROOST_SOURCE_DIR "/tests/e2e/tools/index_server.py",
                           tree_.root().string()},
                          roost::testing::http_server_port);
    index_ = "http://127.0.0.1:" + std::to_string(server_.port()) + "/simple";
  }

  SubprocessResult roost(std::vector<std::string> args) {
    args.insert(args.begin(), {"debug", "index"});
    args.push_back("--cache-dir");
    args.push_back(tree_.path("cache").string());
    return run_roost(args);
  }

  TempTree tree_;
  ServerProcess server_;
  std::string skip_;
  std::string index_;
};

TEST_F(IndexE2eTest, ListsDistributionsWithTheirFacts) {
  if (!skip_.empty()) GTEST_SKIP() << "no local index server: " << skip_;
  SubprocessResult r = roost({"demo-pkg", "--index-url", index_, "--metadata"});
  ASSERT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_NE(r.stdout_data.find("1.0.0  demo_pkg-1.0.0-py3-none-any.whl  requires-python=>=3.8  "
                               "sha256="),
            std::string::npos)
      << r.stdout_data;
  EXPECT_NE(r.stdout_data.find("metadata=pep658"), std::string::npos);
  EXPECT_NE(r.stdout_data.find("metadata-bytes=52 (pep658)"), std::string::npos) << r.stdout_data;
  EXPECT_NE(r.stdout_data.find("2.0.0  demo_pkg-2.0.0.tar.gz  requires-python=-  sha256=-  "
                               "metadata=none  yanked=\"broken build\""),
            std::string::npos)
      << r.stdout_data;
  EXPECT_NE(r.stderr_data.find("/simple/demo-pkg/: found (network)"), std::string::npos)
      << r.stderr_data;
}

TEST_F(IndexE2eTest, SeveralProjectsInOneRun) {
  if (!skip_.empty()) GTEST_SKIP() << "no local index server: " << skip_;
  SubprocessResult r = roost({"demo-pkg", "bad-meta", "no-such-project", "--index-url", index_});
  ASSERT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_NE(r.stdout_data.find("demo_pkg-1.0.0-py3-none-any.whl"), std::string::npos);
  EXPECT_NE(r.stdout_data.find("bad_meta-1.0-py3-none-any.whl"), std::string::npos);
  EXPECT_NE(r.stderr_data.find("/simple/no-such-project/: not found (network)"), std::string::npos)
      << r.stderr_data;
  EXPECT_NE(r.stderr_data.find("no distributions of no-such-project found"), std::string::npos);
}

TEST_F(IndexE2eTest, OfflineRunsServeTheCachedPage) {
  if (!skip_.empty()) GTEST_SKIP() << "no local index server: " << skip_;
  ASSERT_EQ(roost({"demo-pkg", "--index-url", index_}).exit_code, 0);
  server_.stop();  // the index is gone: only the cache can answer now
  SubprocessResult r = roost({"demo-pkg", "--index-url", index_, "--offline"});
  ASSERT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_NE(r.stdout_data.find("demo_pkg-1.0.0-py3-none-any.whl"), std::string::npos);
  EXPECT_NE(r.stderr_data.find("cache (offline)"), std::string::npos) << r.stderr_data;
  SubprocessResult missing = roost({"other-pkg", "--index-url", index_, "--offline"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.stderr_data.find("offline"), std::string::npos) << missing.stderr_data;
}

TEST_F(IndexE2eTest, MetadataHashMismatchIsAnIntegrityError) {
  if (!skip_.empty()) GTEST_SKIP() << "no local index server: " << skip_;
  SubprocessResult r = roost({"bad-meta", "--index-url", index_, "--metadata"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.stderr_data.find("hash mismatch"), std::string::npos) << r.stderr_data;
  EXPECT_NE(r.stderr_data.find("bad_meta-1.0-py3-none-any.whl.metadata"), std::string::npos);
  EXPECT_NE(r.stderr_data.find(std::string(64, '0')), std::string::npos);
}

TEST_F(IndexE2eTest, UnknownProjectIsEmptyAndUnreachableIndexIsAnError) {
  if (!skip_.empty()) GTEST_SKIP() << "no local index server: " << skip_;
  SubprocessResult none = roost({"no-such-project", "--index-url", index_});
  EXPECT_EQ(none.exit_code, 0) << none.stderr_data;
  EXPECT_EQ(none.stdout_data, "");
  EXPECT_NE(none.stderr_data.find("no distributions of no-such-project found"), std::string::npos);
  SubprocessResult down = roost({"demo-pkg", "--index-url", "http://127.0.0.1:1/simple"});
  EXPECT_EQ(down.exit_code, 2);
  EXPECT_NE(down.stderr_data.find("could not connect to http://127.0.0.1:1/simple/demo-pkg/"),
            std::string::npos)
      << down.stderr_data;
}

// The project's [[tool.uv.index]] tables and pins choose the indexes: `demo-pkg` is pinned to an
// explicit http index, everything else comes from the default index, a local directory written
// as a relative path.
TEST_F(IndexE2eTest, ProjectIndexesPinsAndALocalDefaultIndex) {
  if (!skip_.empty()) GTEST_SKIP() << "no local index server: " << skip_;
  tree_.write("proj/pyproject.toml",
              "[project]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\"demo-pkg\"]\n"
              "[tool.uv.sources]\ndemo-pkg = { index = \"served\" }\n"
              "[[tool.uv.index]]\nname = \"served\"\nurl = \"" +
                  index_ +
                  "\"\nexplicit = true\n"
                  "[[tool.uv.index]]\nname = \"local\"\nurl = \"../simple\"\ndefault = true\n");
  SubprocessResult r = roost({"--directory", tree_.path("proj").string(), "demo-pkg", "bad-meta"});
  ASSERT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_NE(r.stdout_data.find("demo_pkg-1.0.0-py3-none-any.whl  requires-python=>=3.8"),
            std::string::npos)
      << r.stdout_data;
  EXPECT_NE(r.stdout_data.find("index=" + index_ + "\n"), std::string::npos) << r.stdout_data;
  const std::string local = "file://" + tree_.path("simple").string();
  EXPECT_NE(r.stdout_data.find("bad_meta-1.0-py3-none-any.whl"), std::string::npos);
  EXPECT_NE(r.stdout_data.find("index=" + local + "\n"), std::string::npos) << r.stdout_data;
  // The pin keeps demo-pkg off the default index entirely.
  EXPECT_EQ(r.stderr_data.find(local + "/demo-pkg/"), std::string::npos) << r.stderr_data;
}

// A local index needs no network: it answers under --offline, metadata included, and files it
// links outside its directory are read when they stay under the mirror root (simple/..).
TEST_F(IndexE2eTest, LocalIndexWorksOffline) {
  SubprocessResult r = roost(
      {"demo-pkg", "--default-index", tree_.path("simple").string(), "--offline", "--metadata"});
  ASSERT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_NE(r.stdout_data.find("metadata-bytes=52 (pep658)"), std::string::npos) << r.stdout_data;
  // A page of a local index that links out of it is refused, naming the file.
  tree_.write("elsewhere/evil-1.0-py3-none-any.whl", "x");
  tree_.write("elsewhere/evil-1.0-py3-none-any.whl.metadata", "Name: evil\n");
  tree_.write("mirror/simple/evil/index.html",
              "<a href=\"file://" + tree_.path("elsewhere").string() +
                  "/evil-1.0-py3-none-any.whl\" data-core-metadata=\"true\">evil</a>\n");
  SubprocessResult evil = roost(
      {"evil", "--default-index", tree_.path("mirror/simple").string(), "--metadata", "--offline"});
  EXPECT_EQ(evil.exit_code, 2);
  EXPECT_NE(evil.stderr_data.find("refusing to read " + tree_.path("elsewhere").string()),
            std::string::npos)
      << evil.stderr_data;
}

TEST_F(IndexE2eTest, NoIndexUsesOnlyFindLinks) {
  SubprocessResult r = roost(
      {"demo-pkg", "--no-index", "--find-links", tree_.path("files").string(), "--index", index_});
  ASSERT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_NE(r.stdout_data.find("demo_pkg-1.0.0-py3-none-any.whl"), std::string::npos)
      << r.stdout_data;
  EXPECT_EQ(r.stderr_data.find("/simple/demo-pkg/"), std::string::npos) << r.stderr_data;
}

}  // namespace
}  // namespace roost::e2e
