// `roost lock` and `roost pip compile` against a real PEP 503 index served over loopback by
// tests/e2e/tools/index_server.py (http.server) (PEP 658 metadata files beside each wheel): a uv
// workspace with member-to-member dependencies through root sources, markers and a virtual root's
// groups; staleness (`--check`), the no-change rerun, an upgrade; conflicting member requirements
// explained in prose; and the pinned output of pip compile.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "base/fs.h"
#include "base/sha256.h"
#include "roost_runner.h"
#include "testing/server_process.h"
#include "workspace/testing/temp_tree.h"

namespace roost::e2e {
namespace {

namespace fs = std::filesystem;
using roost::testing::ServerProcess;
using workspace::testing::TempTree;

class ResolveE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    release("idna", "2.0", {});
    release("idna", "3.0", {});
    release("six", "1.0", {});
    release("pytest", "8.0", {"iniconfig"});
    release("iniconfig", "2.0", {});
    release("colorama", "0.4", {});
    skip_ = server_.start({"python3", "-u", ROOST_SOURCE_DIR "/tests/e2e/tools/index_server.py",
                           index_.root().string()},
                          roost::testing::http_server_port);
    url_ = "http://127.0.0.1:" + std::to_string(server_.port()) + "/simple";
  }

  // One wheel with its PEP 658 metadata, and the project page listing every release so far.
  void release(const std::string& name, const std::string& version,
               const std::vector<std::string>& requires_dist) {
    std::string metadata = "Metadata-Version: 2.2\nName: " + name + "\nVersion: " + version + "\n";
    for (const std::string& r : requires_dist) metadata += "Requires-Dist: " + r + "\n";
    std::string file = name + "-" + version + "-py3-none-any.whl";
    std::string wheel = "wheel bytes of " + file;
    index_.write("files/" + file, wheel);
    index_.write("files/" + file + ".metadata", metadata);
    pages_[name] += "<a href=\"../../files/" + file + "#sha256=" + to_hex(sha256(wheel)) +
                    "\" data-core-metadata=\"sha256=" + to_hex(sha256(metadata)) + "\">" + file +
                    "</a>\n";
    index_.write("simple/" + name + "/index.html",
                 "<html><body>\n" + pages_[name] + "</body></html>\n");
  }

  void workspace() {
    ws_.write("pyproject.toml",
              "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n\n"
              "[tool.uv.sources]\nlib = { workspace = true }\n\n"
              "[dependency-groups]\ndev = [\"pytest>=8\"]\n");
    ws_.write("packages/app/pyproject.toml",
              "[project]\nname = \"app\"\nversion = \"0.1.0\"\nrequires-python = \">=3.10\"\n"
              "dependencies = [\"lib\", \"idna>=2\"]\n\n"
              "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n");
    ws_.write("packages/lib/pyproject.toml",
              "[project]\nname = \"lib\"\nversion = \"0.2.0\"\nrequires-python = \">=3.11\"\n"
              "dependencies = [\"six ; sys_platform == 'linux'\"]\n\n"
              "[project.optional-dependencies]\ncolor = [\"colorama\"]\n\n"
              "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n");
  }

  SubprocessResult lock(const std::string& dir, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {
        "--directory", dir, "lock", "--index-url", url_, "--cache-dir", ws_.path("cache").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_roost(args);
  }

  std::string lockfile() { return read_file(ws_.path("uv.lock")).value_or(""); }

  TempTree index_, ws_;
  std::map<std::string, std::string> pages_;
  ServerProcess server_;
  std::string skip_, url_;
};

TEST_F(ResolveE2eTest, LocksAWorkspaceFromAnyDirectoryAndKeepsAFreshLock) {
  if (!skip_.empty()) GTEST_SKIP() << "no local index server: " << skip_;
  workspace();
  SubprocessResult first = lock(ws_.path("packages/app").string());
  ASSERT_EQ(first.exit_code, 0) << first.stderr_data;
  EXPECT_NE(first.stderr_data.find("Resolved 7 packages"), std::string::npos) << first.stderr_data;
  std::string text = lockfile();
  EXPECT_NE(text.find("requires-python = \">=3.11\""), std::string::npos) << text;
  EXPECT_NE(text.find("[manifest]\nmembers = [\n    \"app\",\n    \"lib\",\n]"), std::string::npos)
      << text;
  EXPECT_NE(
      text.find("[manifest.dependency-groups]\ndev = [{ name = \"pytest\", specifier = \">=8\" }]"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find("name = \"app\"\nversion = \"0.1.0\"\nsource = { editable = \"packages/app\" }"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("{ name = \"six\", marker = \"sys_platform == 'linux'\" }"),
            std::string::npos)
      << text;
  EXPECT_NE(
      text.find("[package.optional-dependencies]\ncolor = [\n    { name = \"colorama\" },\n]"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("name = \"idna\"\nversion = \"3.0\""), std::string::npos) << text;

  // From the root, nothing changed: the same bytes, no resolution, and --check agrees.
  SubprocessResult again = lock(ws_.root().string());
  ASSERT_EQ(again.exit_code, 0) << again.stderr_data;
  EXPECT_EQ(lockfile(), text);
  EXPECT_EQ(again.stderr_data.find("Updated"), std::string::npos);
  EXPECT_EQ(lock(ws_.root().string(), {"--check"}).exit_code, 0);

  // A changed requirement makes the lock stale; `lock` then moves idna down and says so.
  ws_.write("packages/app/pyproject.toml",
            "[project]\nname = \"app\"\nversion = \"0.1.0\"\nrequires-python = \">=3.10\"\n"
            "dependencies = [\"lib\", \"idna<3\"]\n\n"
            "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n");
  SubprocessResult stale = lock(ws_.root().string(), {"--check"});
  EXPECT_EQ(stale.exit_code, 1);
  EXPECT_NE(stale.stderr_data.find("needs to be updated"), std::string::npos) << stale.stderr_data;
  EXPECT_EQ(lockfile(), text) << "--check must not write";
  SubprocessResult updated = lock(ws_.root().string());
  ASSERT_EQ(updated.exit_code, 0) << updated.stderr_data;
  EXPECT_NE(updated.stderr_data.find("Updated idna v3.0 -> v2.0"), std::string::npos)
      << updated.stderr_data;
  EXPECT_NE(lockfile().find("name = \"idna\"\nversion = \"2.0\""), std::string::npos);
}

TEST_F(ResolveE2eTest, ConflictingMemberRequirementsAreExplained) {
  if (!skip_.empty()) GTEST_SKIP() << "no local index server: " << skip_;
  workspace();
  ws_.write("packages/lib/pyproject.toml",
            "[project]\nname = \"lib\"\nversion = \"0.2.0\"\ndependencies = [\"idna<3\"]\n");
  ws_.write("packages/app/pyproject.toml",
            "[project]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\"idna>=3\"]\n");
  SubprocessResult r = lock(ws_.root().string());
  EXPECT_EQ(r.exit_code, 1) << r.stderr_data;
  EXPECT_NE(r.stderr_data.find("No solution found when resolving dependencies"), std::string::npos)
      << r.stderr_data;
  EXPECT_NE(r.stderr_data.find("app depends on idna>=3"), std::string::npos) << r.stderr_data;
  EXPECT_NE(r.stderr_data.find("lib depends on idna<3"), std::string::npos) << r.stderr_data;
  EXPECT_FALSE(fs::exists(ws_.path("uv.lock")));
}

TEST_F(ResolveE2eTest, ResolverSettingsInThePyprojectAreTheDefaults) {
  if (!skip_.empty()) GTEST_SKIP() << "no local index server: " << skip_;
  release("idna", "4.0rc1", {});
  ws_.write("pyproject.toml",
            "[project]\nname = \"app\"\nversion = \"1\"\ndependencies = [\"idna\"]\n\n"
            "[tool.uv]\nprerelease = \"allow\"\n");
  SubprocessResult first = lock(ws_.root().string());
  ASSERT_EQ(first.exit_code, 0) << first.stderr_data;
  std::string text = lockfile();
  EXPECT_NE(text.find("[options]\nprerelease-mode = \"allow\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("name = \"idna\"\nversion = \"4.0rc1\""), std::string::npos) << text;
  // The lock made under the setting is fresh under it; a flag still overrides it.
  EXPECT_EQ(lock(ws_.root().string(), {"--check"}).exit_code, 0);
  EXPECT_EQ(lock(ws_.root().string(), {"--check", "--prerelease", "disallow"}).exit_code, 1);
}

TEST_F(ResolveE2eTest, PipCompilePrintsPinsForOneEnvironmentOrAll) {
  if (!skip_.empty()) GTEST_SKIP() << "no local index server: " << skip_;
  ws_.write("requirements.in", "pytest\n# a comment\nsix ; sys_platform == 'win32'\n");
  std::vector<std::string> base = {"--directory", ws_.root().string(), "pip",
                                   "compile",     "requirements.in",   "--index-url",
                                   url_,          "--no-header",       "--no-cache"};
  SubprocessResult linux = run_roost(base);
  ASSERT_EQ(linux.exit_code, 0) << linux.stderr_data;
  EXPECT_EQ(linux.stdout_data, "iniconfig==2.0\npytest==8.0\n");
  std::vector<std::string> universal = base;
  universal.push_back("--universal");
  SubprocessResult all = run_roost(universal);
  ASSERT_EQ(all.exit_code, 0) << all.stderr_data;
  EXPECT_EQ(all.stdout_data, "iniconfig==2.0\npytest==8.0\nsix==1.0 ; sys_platform == 'win32'\n");
  std::vector<std::string> missing = base;
  missing[4] = "nothere";
  SubprocessResult none = run_roost(missing);
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.stderr_data.find("nothere was not found in the package registry"),
            std::string::npos)
      << none.stderr_data;
}

}  // namespace
}  // namespace roost::e2e
