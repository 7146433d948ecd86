#include "project/lock_freshness.h"

#include <gtest/gtest.h>

#include "lock/read_lock.h"
#include "workspace/testing/temp_tree.h"

namespace roost::project {
namespace {

using workspace::testing::TempTree;

// uv.md §2.4's workspace and the lock uv writes for it (hashes shortened).
constexpr const char* kRoot = R"([project]
name = "app"
version = "0.1.0"
requires-python = ">=3.12"
dependencies = ["lib"]
[dependency-groups]
dev = ["iniconfig>=2"]
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"
[tool.uv.workspace]
members = ["packages/*"]
[tool.uv.sources]
lib = { workspace = true }
)";

constexpr const char* kLib = R"([project]
name = "lib"
version = "0.2.0"
dependencies = ["idna>=3; sys_platform == 'linux'"]
[project.optional-dependencies]
socks = ["pysocks"]
)";

constexpr const char* kLock = R"(version = 1
revision = 3
requires-python = ">=3.12"

[manifest]
members = [
    "app",
    "lib",
]

[[package]]
name = "app"
version = "0.1.0"
source = { editable = "." }
dependencies = [
    { name = "lib" },
]

[package.dev-dependencies]
dev = [
    { name = "iniconfig" },
]

[package.metadata]
requires-dist = [{ name = "lib", editable = "packages/lib" }]

[package.metadata.requires-dev]
dev = [{ name = "iniconfig", specifier = ">=2" }]

[[package]]
name = "idna"
version = "3.10"
source = { registry = "https://pypi.org/simple" }
sdist = { url = "https://files.example/idna-3.10.tar.gz", hash = "sha256:00", size = 1000, upload-time = "2024-01-01T00:00:00.000Z" }

[[package]]
name = "iniconfig"
version = "2.0.0"
source = { registry = "https://pypi.org/simple" }
sdist = { url = "https://files.example/iniconfig-2.0.0.tar.gz", hash = "sha256:00", size = 1, upload-time = "2024-01-01T00:00:00.000Z" }

[[package]]
name = "lib"
version = "0.2.0"
source = { editable = "packages/lib" }
dependencies = [
    { name = "idna", marker = "sys_platform == 'linux'" },
]

[package.optional-dependencies]
socks = [
    { name = "pysocks" },
]

[package.metadata]
requires-dist = [
    { name = "idna", marker = "sys_platform == 'linux'", specifier = ">=3" },
    { name = "pysocks", marker = "extra == 'socks'" },
]
provides-extras = ["socks"]

[[package]]
name = "pysocks"
version = "1.7.1"
source = { registry = "https://pypi.org/simple" }
sdist = { url = "https://files.example/PySocks-1.7.1.tar.gz", hash = "sha256:00", size = 1, upload-time = "2024-01-01T00:00:00.000Z" }
)";

class Fresh : public ::testing::Test {
 protected:
  void SetUp() override {
    tree_.write("pyproject.toml", kRoot);
    tree_.write("packages/lib/pyproject.toml", kLib);
    Result<lock::Lockfile> lock = lock::parse_lock(kLock);
    ASSERT_TRUE(lock.ok()) << lock.error().render();
    lock_ = std::move(lock).value();
  }

  Freshness check(const std::vector<std::string>& index_urls = {}) {
    Result<workspace::Workspace> ws = workspace::discover_uv_workspace({.start = tree_.root()});
    EXPECT_TRUE(ws.ok()) << ws.error().render();
    if (!ws.ok()) return {};
    Result<LoweredWorkspace> lowered = lower_workspace(*ws);
    EXPECT_TRUE(lowered.ok()) << lowered.error().render();
    if (!lowered.ok()) return {};
    return check_lock_freshness(*lowered, lock_, index_urls);
  }

  // The reason, or "satisfied".
  std::string outcome(const std::vector<std::string>& index_urls = {}) {
    Freshness f = check(index_urls);
    return f.satisfied ? "satisfied" : f.reason;
  }

  void edit_lib(const std::string& from, const std::string& to) {
    edit("packages/lib/pyproject.toml", lib_, from, to);
  }
  void edit_root(const std::string& from, const std::string& to) {
    edit("pyproject.toml", root_, from, to);
  }

  // Edits stack: each one applies to the file as the previous ones left it.
  void edit(const std::string& file, std::string& text, const std::string& from,
            const std::string& to) {
    size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    tree_.write(file, text);
  }

  TempTree tree_;
  lock::Lockfile lock_;
  std::string root_ = kRoot;
  std::string lib_ = kLib;
};

TEST_F(Fresh, TheLockSatisfiesItsOwnWorkspace) {
  Freshness f = check();
  EXPECT_TRUE(f.satisfied) << f.reason;
  EXPECT_TRUE(f.unverified.empty());
}

TEST_F(Fresh, SameMeaningWrittenDifferentlyIsNotAChange) {
  edit_lib("\"idna>=3; sys_platform == 'linux'\"", "\"IDNA >= 3 ; 'linux' == sys_platform\"");
  EXPECT_EQ(outcome(), "satisfied");
}

TEST_F(Fresh, AddedDependency) {
  edit_lib("dependencies = [", "dependencies = [\"requests>=2.31\", ");
  EXPECT_EQ(outcome(), "the requirements of `lib` changed (`requests>=2.31` is new)");
}

TEST_F(Fresh, ChangedSpecifier) {
  edit_lib("idna>=3", "idna>=3.7");
  EXPECT_EQ(outcome(),
            "the requirements of `lib` changed (`idna>=3.7; sys_platform == 'linux'` is new)");
}

// uv compares what is declared now with what was declared when the lock was written
// ([package.metadata]), not with the locked versions: a loosened specifier is a different
// declaration, so `uv lock --check` fails although idna 3.10 still satisfies it. (The
// re-resolution then keeps 3.10; only [package.metadata] changes.)
TEST_F(Fresh, LoosenedSpecifierIsStillADeclarationChange) {
  edit_lib("idna>=3", "idna>=2");
  EXPECT_EQ(outcome(),
            "the requirements of `lib` changed (`idna>=2; sys_platform == 'linux'` is new)");
}

TEST_F(Fresh, NewMember) {
  tree_.project("packages/extra", "extra");
  EXPECT_EQ(outcome(), "member `extra` is new");
}

TEST_F(Fresh, RemovedExtra) {
  edit_lib("[project.optional-dependencies]\nsocks = [\"pysocks\"]\n", "");
  EXPECT_EQ(outcome(), "the extras of `lib` changed");
}

TEST_F(Fresh, ChangedRequiresPython) {
  edit_root(">=3.12", ">=3.13");
  EXPECT_EQ(outcome(),
            "the workspace's requires-python changed (uv.lock: `>=3.12`, now: `>=3.13`)");
}

TEST_F(Fresh, ChangedRequiredEnvironments) {
  edit_root(
      "[tool.uv.workspace]",
      "[tool.uv]\nrequired-environments = [\"sys_platform == 'win32'\"]\n[tool.uv.workspace]");
  EXPECT_EQ(outcome(), "the workspace's required-environments changed");
}

// uv's "versions-only" tier: the supported environments are the lock's `supported-markers`,
// compared as uv writes them (simplified against requires-python).
TEST_F(Fresh, EnvironmentsAreTheSupportedMarkers) {
  edit_root("[tool.uv.workspace]",
            "[tool.uv]\nenvironments = [\"sys_platform == 'linux' and python_version >= '3.12'\", "
            "\"sys_platform == 'darwin'\"]\n[tool.uv.workspace]");
  EXPECT_EQ(outcome(), "the workspace's environments changed");
  lock_.supported_markers = {"sys_platform == 'linux'", "sys_platform == 'darwin'"};
  EXPECT_EQ(outcome(), "satisfied");
  lock_.supported_markers = {"sys_platform == 'darwin'", "sys_platform == 'linux'"};
  EXPECT_EQ(outcome(), "the workspace's environments changed");
  lock_.supported_markers = {"sys_platform == 'linux'"};
  EXPECT_EQ(outcome(), "the workspace's environments changed");
}

// Conflicts come from every member, `package` defaulting to the declaring one, each set sorted
// as uv writes it; a different declaration is uv's "versions-only" staleness.
TEST_F(Fresh, ConflictsAreTheLocksConflictsTable) {
  edit_lib("[project.optional-dependencies]",
           "[tool.uv]\nconflicts = [[{ extra = \"socks\" }, { package = \"app\", group = "
           "\"dev\" }]]\n[project.optional-dependencies]");
  EXPECT_EQ(outcome(), "the workspace's conflicts changed");
  lock_.conflicts = {{{"app", "", "dev"}, {"lib", "socks", ""}}};
  EXPECT_EQ(outcome(), "satisfied");
  lock_.conflicts = {{{"lib", "socks", ""}, {"app", "", "dev"}}};
  EXPECT_EQ(outcome(), "the workspace's conflicts changed");
}

TEST_F(Fresh, VersionAndGroupChanges) {
  edit_lib("0.2.0", "0.3.0");
  EXPECT_EQ(outcome(), "the version of `lib` changed (uv.lock: 0.2.0, now: 0.3.0)");
  edit_lib("0.3.0", "0.2.0.0");  // the same version as 0.2.0
  edit_root("iniconfig>=2", "iniconfig>=2\", \"pytest");
  EXPECT_EQ(outcome(), "the dependency groups of `app` changed (in group `dev`, `pytest` is new)");
}

TEST_F(Fresh, MemberBecomesVirtual) {
  edit_root("[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n",
            "");
  EXPECT_EQ(outcome(), "member `app` is now virtual");
}

TEST_F(Fresh, RegistriesMustStillBeConfigured) {
  EXPECT_EQ(outcome({"https://pypi.org/simple"}), "satisfied");
  EXPECT_EQ(
      outcome({"https://mirror.example/simple"}),
      "`iniconfig==2.0.0` comes from `https://pypi.org/simple`, which is not a configured index");
}

TEST_F(Fresh, ADynamicMembersRequirementsAreLeftToTheCaller) {
  edit_lib("version = \"0.2.0\"\n", "version = \"0.2.0\"\ndynamic = [\"dependencies\"]\n");
  edit_lib("dependencies = [\"idna>=3; sys_platform == 'linux'\"]\n", "");
  Freshness f = check();
  EXPECT_TRUE(f.satisfied) << f.reason;
  EXPECT_EQ(f.unverified, std::vector<std::string>{"lib"});
}

}  // namespace
}  // namespace roost::project

namespace roost::project {
namespace {

// A path dependency outside the workspace: uv reads its pyproject.toml too.
constexpr const char* kPathLock = R"(version = 1
revision = 3
requires-python = ">=3.12"

[[package]]
name = "app"
version = "0.1.0"
source = { virtual = "." }
dependencies = [
    { name = "lib" },
]

[package.metadata]
requires-dist = [{ name = "lib", editable = "libs/lib" }]

[[package]]
name = "idna"
version = "3.10"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "lib"
version = "1.0"
source = { editable = "libs/lib" }
dependencies = [
    { name = "idna" },
]

[package.metadata]
requires-dist = [{ name = "idna", specifier = ">=3" }]
)";

Freshness check_tree(const TempTree& t, const char* lock_text) {
  Result<workspace::Workspace> ws = workspace::discover_uv_workspace({.start = t.root()});
  EXPECT_TRUE(ws.ok()) << ws.error().render();
  Result<LoweredWorkspace> lowered =
      ws.ok() ? lower_workspace(*ws) : Result<LoweredWorkspace>(ws.error());
  EXPECT_TRUE(lowered.ok()) << lowered.error().render();
  Result<lock::Lockfile> lock = lock::parse_lock(lock_text);
  EXPECT_TRUE(lock.ok()) << lock.error().render();
  if (!lowered.ok() || !lock.ok()) return {};
  return check_lock_freshness(*lowered, *lock);
}

TEST(FreshPathDependency, ItsPyprojectIsComparedToo) {
  TempTree t;
  t.project("", "app",
            "requires-python = \">=3.12\"\ndependencies = [\"lib\"]\n"
            "[tool.uv.sources]\nlib = { path = \"libs/lib\", editable = true }\n");
  t.write("libs/lib/pyproject.toml",
          "[project]\nname = \"lib\"\nversion = \"1.0\"\ndependencies = [\"idna>=3\"]\n");
  Freshness f = check_tree(t, kPathLock);
  EXPECT_TRUE(f.satisfied) << f.reason;
  EXPECT_TRUE(f.unverified.empty());

  t.write("libs/lib/pyproject.toml",
          "[project]\nname = \"lib\"\nversion = \"1.0\"\ndependencies = [\"idna>=3.7\"]\n");
  f = check_tree(t, kPathLock);
  EXPECT_FALSE(f.satisfied);
  EXPECT_EQ(f.reason, "the requirements of `lib` changed (`idna>=3.7` is new)");

  // A version uv can only learn by building: left to the caller.
  t.write("libs/lib/pyproject.toml",
          "[project]\nname = \"lib\"\ndynamic = [\"version\"]\ndependencies = [\"idna>=3\"]\n");
  f = check_tree(t, kPathLock);
  EXPECT_FALSE(f.satisfied);
  EXPECT_EQ(f.reason, "the version of `lib` is now dynamic");
}

}  // namespace
}  // namespace roost::project
