// `roost lock` with uv's fork settings, end to end over a loopback index
// (tests/e2e/tools/make_index.py): `tool.uv.environments` (one fork per supported environment,
// `supported-markers`, nothing locked that only other platforms need) and `tool.uv.conflicts`
// (one fork per conflicting extra, both versions locked, uv's conflict markers and table), then
// `roost sync` installing from those locks.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "base/fs.h"
#include "loopback_project.h"

namespace roost::e2e {
namespace {

// The lock with what changes from run to run (wheel hashes, the server's port) replaced.
std::string filtered_lock(LoopbackProject& p) {
  Result<std::string> text = read_file(p.ws.path("uv.lock"));
  EXPECT_TRUE(text.ok());
  if (!text.ok()) return "";
  std::string out = std::regex_replace(*text, std::regex("sha256:[0-9a-f]{64}"), "sha256:[HASH]");
  return std::regex_replace(out, std::regex("127\\.0\\.0\\.1:[0-9]+"), "[INDEX]");
}

TEST(LockForksE2E, EnvironmentsLimitTheLockToTheSupportedPlatforms) {
  LoopbackProject p;
  std::string skip =
      p.start({"alpha==1.0:beta>=1,winonly;sys_platform == 'win32',"
               "delta;(sys_platform == 'linux' or sys_platform == 'darwin') and "
               "implementation_name == 'cpython'",
               "beta==1.0", "winonly==1.0", "gamma==1.0", "delta==1.0"});
  if (!skip.empty()) GTEST_SKIP() << skip;
  std::string pyproject =
      "[project]\nname = \"app\"\nversion = \"0.1.0\"\nrequires-python = \">=3.8\"\n"
      "dependencies = [\"alpha\", \"gamma; sys_platform == 'darwin'\"]\n\n"
      "[tool.uv]\n"
      "environments = [\"sys_platform == 'linux'\", \"sys_platform == 'darwin'\"]\n";
  p.ws.write("pyproject.toml", pyproject);
  SubprocessResult lock = p.roost({"lock"});
  ASSERT_EQ(lock.exit_code, 0) << lock.stderr_data;
  // winonly is needed on Windows only, which the lock does not cover; delta's marker loses what
  // every supported environment implies.
  EXPECT_EQ(filtered_lock(p), R"(version = 1
revision = 3
requires-python = ">=3.8"
resolution-markers = [
    "sys_platform == 'linux'",
    "sys_platform == 'darwin'",
]
supported-markers = [
    "sys_platform == 'linux'",
    "sys_platform == 'darwin'",
]

[[package]]
name = "alpha"
version = "1.0"
source = { registry = "http://[INDEX]/simple" }
dependencies = [
    { name = "beta" },
    { name = "delta", marker = "implementation_name == 'cpython'" },
]
wheels = [
    { url = "http://[INDEX]/files/alpha-1.0-py3-none-any.whl", hash = "sha256:[HASH]" },
]

[[package]]
name = "app"
version = "0.1.0"
source = { virtual = "." }
dependencies = [
    { name = "alpha" },
    { name = "gamma", marker = "sys_platform == 'darwin'" },
]

[package.metadata]
requires-dist = [
    { name = "alpha" },
    { name = "gamma", marker = "sys_platform == 'darwin'" },
]

[[package]]
name = "beta"
version = "1.0"
source = { registry = "http://[INDEX]/simple" }
wheels = [
    { url = "http://[INDEX]/files/beta-1.0-py3-none-any.whl", hash = "sha256:[HASH]" },
]

[[package]]
name = "delta"
version = "1.0"
source = { registry = "http://[INDEX]/simple" }
wheels = [
    { url = "http://[INDEX]/files/delta-1.0-py3-none-any.whl", hash = "sha256:[HASH]" },
]

[[package]]
name = "gamma"
version = "1.0"
source = { registry = "http://[INDEX]/simple" }
wheels = [
    { url = "http://[INDEX]/files/gamma-1.0-py3-none-any.whl", hash = "sha256:[HASH]" },
]
)");
  SubprocessResult check = p.roost({"lock", "--check"});
  EXPECT_EQ(check.exit_code, 0) << check.stderr_data;
  SubprocessResult sync = p.roost({"sync"});
  ASSERT_EQ(sync.exit_code, 0) << sync.stderr_data;
  EXPECT_NE(sync.stderr_data.find(" + alpha==1.0\n + beta==1.0\n + delta==1.0\n"),
            std::string::npos)
      << sync.stderr_data;
  EXPECT_EQ(p.python("import alpha, beta, delta; print(alpha.VERSION, delta.VERSION)"),
            "1.0 1.0\n");

  // Another environment makes the lock stale (uv's "versions-only" tier).
  std::string wider = pyproject;
  wider.replace(wider.find("]\n", wider.find("environments")), 1, ", \"sys_platform == 'win32'\"]");
  p.ws.write("pyproject.toml", wider);
  SubprocessResult stale = p.roost({"lock", "--check"});
  EXPECT_EQ(stale.exit_code, 1) << stale.stderr_data;
  EXPECT_NE(stale.stderr_data.find("the workspace's environments changed"), std::string::npos)
      << stale.stderr_data;

  // One environment is one fork, written as uv does; an interpreter outside it cannot sync.
  std::string windows = pyproject;
  windows.replace(windows.find("environments"), std::string::npos,
                  "environments = [\"sys_platform == 'win32'\"]\n");
  p.ws.write("pyproject.toml", windows);
  SubprocessResult win = p.roost({"lock"});
  ASSERT_EQ(win.exit_code, 0) << win.stderr_data;
  std::string win_lock = filtered_lock(p);
  EXPECT_NE(win_lock.find("resolution-markers = [\n    \"sys_platform == 'win32'\",\n]\n"
                          "supported-markers = [\n    \"sys_platform == 'win32'\",\n]\n"),
            std::string::npos)
      << win_lock;
  EXPECT_NE(win_lock.find("name = \"winonly\""), std::string::npos) << win_lock;
  SubprocessResult elsewhere = p.roost({"sync"});
  EXPECT_EQ(elsewhere.exit_code, 2) << elsewhere.stderr_data;
  EXPECT_NE(elsewhere.stderr_data.find("The current Python platform is not compatible with the "
                                       "lockfile's supported environments: `sys_platform == "
                                       "'win32'`"),
            std::string::npos)
      << elsewhere.stderr_data;

  // Overlapping environments are refused, with uv's text.
  std::string overlapping = pyproject;
  std::string darwin = "\"sys_platform == 'darwin'\"]";
  overlapping.replace(overlapping.find(darwin), darwin.size(),
                      "\"sys_platform == 'darwin' or sys_platform == 'linux'\"]");
  p.ws.write("pyproject.toml", overlapping);
  SubprocessResult refused = p.roost({"lock"});
  EXPECT_EQ(refused.exit_code, 2) << refused.stderr_data;
  EXPECT_NE(refused.stderr_data.find(
                "Supported environments must be disjoint, but the following markers overlap: "
                "`sys_platform == 'linux'` and `sys_platform == 'darwin' or sys_platform == "
                "'linux'`\nhint: replace `sys_platform == 'darwin' or sys_platform == 'linux'` "
                "with `sys_platform == 'darwin'`"),
            std::string::npos)
      << refused.stderr_data;
}

// uv's lock_conflict.rs `extra_basic`: without the declaration the extras cannot resolve
// together; with it, each resolves in a fork of its own and the lock is the one uv writes (less
// the sdists and upload times this index does not serve; requires-python lowered to the Python
// this machine has). Beyond uv's test, `click` (with `colorama; sys_platform == 'win32'`) shows
// uv's imbibed marker on an edge every choice has, as NVIDIA NeMo-Agent-Toolkit's lock writes
// colorama's.
TEST(LockForksE2E, ConflictingExtrasLockBothVersionsAndSyncEither) {
  LoopbackProject p;
  std::string skip = p.start({"sortedcontainers==2.3.0", "sortedcontainers==2.4.0",
                              "click==8.0:colorama;sys_platform == 'win32'", "colorama==0.4"});
  if (!skip.empty()) GTEST_SKIP() << skip;
  std::string project =
      "[project]\nname = \"project\"\nversion = \"0.1.0\"\nrequires-python = \">=3.8\"\n"
      "dependencies = [\"click\"]\n\n"
      "[project.optional-dependencies]\n"
      "extra1 = [\"sortedcontainers==2.3.0\"]\nextra2 = [\"sortedcontainers==2.4.0\"]\n";
  p.ws.write("pyproject.toml", project);
  SubprocessResult refused = p.roost({"lock"});
  EXPECT_EQ(refused.exit_code, 1) << refused.stderr_data;
  EXPECT_NE(refused.stderr_data.find("project[extra2] depends on sortedcontainers==2.4.0"),
            std::string::npos)
      << refused.stderr_data;
  EXPECT_NE(refused.stderr_data.find("project[extra1] depends on sortedcontainers==2.3.0"),
            std::string::npos)
      << refused.stderr_data;

  p.ws.write("pyproject.toml",
             project +
                 "\n[tool.uv]\nconflicts = [\n    [\n      { extra = \"extra1\" },\n"
                 "      { extra = \"extra2\" },\n    ],\n]\n");
  SubprocessResult lock = p.roost({"lock"});
  ASSERT_EQ(lock.exit_code, 0) << lock.stderr_data;
  EXPECT_EQ(filtered_lock(p), R"lock(version = 1
revision = 3
requires-python = ">=3.8"
conflicts = [[
    { package = "project", extra = "extra1" },
    { package = "project", extra = "extra2" },
]]

[[package]]
name = "click"
version = "8.0"
source = { registry = "http://[INDEX]/simple" }
dependencies = [
    { name = "colorama", marker = "sys_platform == 'win32' or (extra == 'extra-7-project-extra1' and extra == 'extra-7-project-extra2')" },
]
wheels = [
    { url = "http://[INDEX]/files/click-8.0-py3-none-any.whl", hash = "sha256:[HASH]" },
]

[[package]]
name = "colorama"
version = "0.4"
source = { registry = "http://[INDEX]/simple" }
wheels = [
    { url = "http://[INDEX]/files/colorama-0.4-py3-none-any.whl", hash = "sha256:[HASH]" },
]

[[package]]
name = "project"
version = "0.1.0"
source = { virtual = "." }
dependencies = [
    { name = "click" },
]

[package.optional-dependencies]
extra1 = [
    { name = "sortedcontainers", version = "2.3.0", source = { registry = "http://[INDEX]/simple" } },
]
extra2 = [
    { name = "sortedcontainers", version = "2.4.0", source = { registry = "http://[INDEX]/simple" } },
]

[package.metadata]
requires-dist = [
    { name = "click" },
    { name = "sortedcontainers", marker = "extra == 'extra1'", specifier = "==2.3.0" },
    { name = "sortedcontainers", marker = "extra == 'extra2'", specifier = "==2.4.0" },
]
provides-extras = ["extra1", "extra2"]

[[package]]
name = "sortedcontainers"
version = "2.3.0"
source = { registry = "http://[INDEX]/simple" }
wheels = [
    { url = "http://[INDEX]/files/sortedcontainers-2.3.0-py3-none-any.whl", hash = "sha256:[HASH]" },
]

[[package]]
name = "sortedcontainers"
version = "2.4.0"
source = { registry = "http://[INDEX]/simple" }
wheels = [
    { url = "http://[INDEX]/files/sortedcontainers-2.4.0-py3-none-any.whl", hash = "sha256:[HASH]" },
]
)lock");
  SubprocessResult check = p.roost({"lock", "--check"});
  EXPECT_EQ(check.exit_code, 0) << check.stderr_data;

  SubprocessResult one = p.roost({"sync", "--extra", "extra1"});
  ASSERT_EQ(one.exit_code, 0) << one.stderr_data;
  EXPECT_NE(one.stderr_data.find(" + click==8.0\n + sortedcontainers==2.3.0\n"), std::string::npos)
      << one.stderr_data;
  EXPECT_EQ(one.stderr_data.find("colorama"), std::string::npos) << one.stderr_data;
  EXPECT_EQ(p.python("import sortedcontainers; print(sortedcontainers.VERSION)"), "2.3.0\n");
  SubprocessResult two = p.roost({"sync", "--extra", "extra2"});
  ASSERT_EQ(two.exit_code, 0) << two.stderr_data;
  EXPECT_NE(two.stderr_data.find(" - sortedcontainers==2.3.0\n + sortedcontainers==2.4.0\n"),
            std::string::npos)
      << two.stderr_data;
  EXPECT_EQ(p.python("import sortedcontainers; print(sortedcontainers.VERSION)"), "2.4.0\n");
  SubprocessResult both = p.roost({"sync", "--all-extras"});
  EXPECT_EQ(both.exit_code, 2) << both.stderr_data;
  EXPECT_NE(both.stderr_data.find("Extras `extra1` and `extra2` are incompatible with the "
                                  "declared conflicts: {`project[extra1]`, `project[extra2]`}"),
            std::string::npos)
      << both.stderr_data;

  // A changed declaration makes the lock stale (uv's "versions-only" tier).
  p.ws.write("pyproject.toml", project + "\n[tool.uv]\nconflicts = []\n");
  SubprocessResult stale = p.roost({"lock", "--check"});
  EXPECT_EQ(stale.exit_code, 1) << stale.stderr_data;
  EXPECT_NE(stale.stderr_data.find("the workspace's conflicts changed"), std::string::npos)
      << stale.stderr_data;
}

// An extra against a dependency group (pydantic-ai's kind of conflict): uv's group item and
// its `group-<len>-<package>-<group>` encoding; the default group and the extra each sync alone.
TEST(LockForksE2E, AnExtraConflictingWithADependencyGroup) {
  LoopbackProject p;
  std::string skip = p.start({"sortedcontainers==2.3.0", "sortedcontainers==2.4.0",
                              "click==8.0:colorama;sys_platform == 'win32'", "colorama==0.4"});
  if (!skip.empty()) GTEST_SKIP() << skip;
  p.ws.write("pyproject.toml",
             "[project]\nname = \"project\"\nversion = \"0.1.0\"\nrequires-python = \">=3.8\"\n"
             "dependencies = [\"click\"]\n\n"
             "[project.optional-dependencies]\nold = [\"sortedcontainers==2.3.0\"]\n\n"
             "[dependency-groups]\ndev = [\"sortedcontainers==2.4.0\"]\n\n"
             "[tool.uv]\nconflicts = [[{ extra = \"old\" }, { group = \"dev\" }]]\n");
  SubprocessResult lock = p.roost({"lock"});
  ASSERT_EQ(lock.exit_code, 0) << lock.stderr_data;
  std::string text = filtered_lock(p);
  for (const char* expected :
       {"conflicts = [[\n    { package = \"project\", extra = \"old\" },\n"
        "    { package = \"project\", group = \"dev\" },\n]]\n",
        "    { name = \"colorama\", marker = \"sys_platform == 'win32' or (extra == "
        "'extra-7-project-old' and extra == 'group-7-project-dev')\" },\n",
        "[package.optional-dependencies]\nold = [\n    { name = \"sortedcontainers\", version = "
        "\"2.3.0\", source = { registry = \"http://[INDEX]/simple\" } },\n]\n",
        "[package.dev-dependencies]\ndev = [\n    { name = \"sortedcontainers\", version = "
        "\"2.4.0\", source = { registry = \"http://[INDEX]/simple\" } },\n]\n"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\nin:\n" << text;
  }
  SubprocessResult dev = p.roost({"sync"});
  ASSERT_EQ(dev.exit_code, 0) << dev.stderr_data;
  EXPECT_NE(dev.stderr_data.find(" + sortedcontainers==2.4.0\n"), std::string::npos)
      << dev.stderr_data;
  SubprocessResult old = p.roost({"sync", "--extra", "old", "--no-dev"});
  ASSERT_EQ(old.exit_code, 0) << old.stderr_data;
  EXPECT_NE(old.stderr_data.find(" - sortedcontainers==2.4.0\n + sortedcontainers==2.3.0\n"),
            std::string::npos)
      << old.stderr_data;
  SubprocessResult both = p.roost({"sync", "--extra", "old"});
  EXPECT_EQ(both.exit_code, 2) << both.stderr_data;
  EXPECT_NE(both.stderr_data.find("Extra `old` and group `dev` are incompatible with the "
                                  "declared conflicts: {`project[old]`, `project:dev`}"),
            std::string::npos)
      << both.stderr_data;
}

}  // namespace
}  // namespace roost::e2e
