// install_set(): which packages an environment gets from hand-written locks, for uv's selection
// flags (markers, extras, groups, members, the --no-install-* flags, conflicts, bad names).
#include "project/install_set.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "project/install_set_test_support.h"

namespace roost::project {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): the test helpers
using Names = std::vector<std::string>;

// One project `app` at the root: markers on its edges, an extra activated by an edge, an extra
// and three groups of its own.
const std::string kApp = R"(version = 1
revision = 3
requires-python = ">=3.12"

[[package]]
name = "app"
version = "0.1.0"
source = { editable = "." }
dependencies = [
    { name = "colorama", marker = "sys_platform == 'win32'" },
    { name = "httpx", extra = ["http2"] },
    { name = "uvloop", marker = "sys_platform != 'win32'" },
]

[package.optional-dependencies]
cli = [
    { name = "rich" },
]

[package.dev-dependencies]
dev = [
    { name = "pytest" },
]
docs = [
    { name = "sphinx" },
]
lint = [
    { name = "ruff" },
]

[package.metadata]
provides-extras = ["cli"]
)" + registry_package("colorama", "0.4.6") +
                         registry_package("h2", "4.1.0") + registry_package("httpx", "0.27.0") + R"(
[package.optional-dependencies]
http2 = [
    { name = "h2" },
]
)" + registry_package("pytest", "8.3.0") +
                         registry_package("rich", "13.9.0") + registry_package("ruff", "0.6.0") +
                         registry_package("sphinx", "8.0.0") + registry_package("uvloop", "0.20.0");

Result<std::vector<InstallItem>> app_set(const InstallSelection& selection,
                                         const pep508::MarkerEnvironment& env = linux_env(),
                                         DefaultGroups defaults = {}) {
  static const lock::Lockfile lock = parse(kApp);
  InstallTarget target{
      .workspace_root = "/ws", .current_project = "app", .default_groups = std::move(defaults)};
  return install_set(lock, target, selection, env, manylinux_tags());
}

Names app_names(const InstallSelection& selection, DefaultGroups defaults = {}) {
  auto items = app_set(selection, linux_env(), std::move(defaults));
  EXPECT_TRUE(items.ok()) << items.error().render();
  return items.ok() ? names(*items) : Names{};
}

TEST(InstallSetTest, FollowsTheEdgesWhoseMarkersHoldInTheEnvironment) {
  auto on_linux = app_set({}, linux_env());
  ASSERT_TRUE(on_linux.ok()) << on_linux.error().render();
  EXPECT_EQ(names(*on_linux),
            (Names{"app==0.1.0", "h2==4.1.0", "httpx==0.27.0", "pytest==8.3.0", "uvloop==0.20.0"}));
  auto on_windows = app_set({}, windows_env());
  ASSERT_TRUE(on_windows.ok()) << on_windows.error().render();
  EXPECT_EQ(names(*on_windows), (Names{"app==0.1.0", "colorama==0.4.6", "h2==4.1.0",
                                       "httpx==0.27.0", "pytest==8.3.0"}));
  const InstallItem& app = on_linux->front();
  EXPECT_EQ(app.kind, InstallItem::Kind::kEditable);
  EXPECT_EQ(app.source_tree, std::filesystem::path("/ws"));
  EXPECT_TRUE(app.member);
  EXPECT_FALSE(app.file);
  EXPECT_FALSE((*on_linux)[1].member);
}

// uv refuses to install a lock into an environment none of its supported environments holds.
TEST(InstallSetTest, OnlyTheSupportedEnvironmentsOfTheLockInstall) {
  lock::Lockfile lock = parse(kApp);
  lock.supported_markers = {"sys_platform == 'darwin'", "sys_platform == 'linux'"};
  InstallTarget target{.workspace_root = "/ws", .current_project = "app"};
  EXPECT_TRUE(install_set(lock, target, {}, linux_env(), manylinux_tags()).ok());
  auto refused = install_set(lock, target, {}, windows_env(), manylinux_tags());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message(),
            "The current Python platform is not compatible with the lockfile's supported "
            "environments: `sys_platform == 'darwin'`, `sys_platform == 'linux'`");
}

TEST(InstallSetTest, ExtrasComeFromEdgesAndFromTheFlags) {
  // `httpx[http2]` on the edge brings h2 in every case; --extra / --all-extras add `cli`.
  Names base = {"app==0.1.0", "h2==4.1.0", "httpx==0.27.0", "uvloop==0.20.0"};
  InstallSelection none{.no_default_groups = true};
  EXPECT_EQ(app_names(none), base);
  Names with_rich = {"app==0.1.0", "h2==4.1.0", "httpx==0.27.0", "rich==13.9.0", "uvloop==0.20.0"};
  EXPECT_EQ(app_names({.extras = {"CLI"}, .no_default_groups = true}), with_rich);
  EXPECT_EQ(app_names({.all_extras = true, .no_default_groups = true}), with_rich);
  EXPECT_EQ(app_names({.no_extras = {"cli"}, .all_extras = true, .no_default_groups = true}), base);
}

TEST(InstallSetTest, GroupsFollowUvsDefaultsAndFlags) {
  Names prod = {"app==0.1.0", "h2==4.1.0", "httpx==0.27.0", "uvloop==0.20.0"};
  auto plus = [&](Names more) {
    Names out = prod;
    out.insert(out.end(), more.begin(), more.end());
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(app_names({}), plus({"pytest==8.3.0"}));  // `dev` by default
  EXPECT_EQ(app_names({.dev = DevFlag::kNoDev}), prod);
  EXPECT_EQ(app_names({.no_groups = {"dev"}}), prod);
  EXPECT_EQ(app_names({.groups = {"docs"}}), plus({"pytest==8.3.0", "sphinx==8.0.0"}));
  EXPECT_EQ(app_names({.groups = {"docs"}, .no_default_groups = true}), plus({"sphinx==8.0.0"}));
  // --only-group: the group alone, not the project nor its dependencies.
  EXPECT_EQ(app_names({.only_groups = {"docs"}}), (Names{"sphinx==8.0.0"}));
  EXPECT_EQ(app_names({.dev = DevFlag::kOnlyDev}), (Names{"pytest==8.3.0"}));
  EXPECT_EQ(app_names({.all_groups = true}),
            plus({"pytest==8.3.0", "ruff==0.6.0", "sphinx==8.0.0"}));
  // Exclusions beat inclusions.
  EXPECT_EQ(app_names({.no_groups = {"lint"}, .all_groups = true}),
            plus({"pytest==8.3.0", "sphinx==8.0.0"}));
  EXPECT_EQ(app_names({.groups = {"dev"}, .no_groups = {"dev"}}), prod);
  // tool.uv.default-groups.
  EXPECT_EQ(app_names({}, {.groups = {"lint"}}), plus({"ruff==0.6.0"}));
  EXPECT_EQ(app_names({}, {.all = true}), plus({"pytest==8.3.0", "ruff==0.6.0", "sphinx==8.0.0"}));
}

TEST(InstallSetTest, AnEdgeVersionPicksOneOfTwoPackagesOfTheSameName) {
  std::string text =
      R"(version = 1
revision = 3
requires-python = ">=3.10"
resolution-markers = [
    "python_full_version >= '3.12'",
    "python_full_version < '3.12'",
]

[[package]]
name = "app"
version = "1.0"
source = { virtual = "." }
dependencies = [
    { name = "numpy", version = "1.26.4", source = { registry = "https://pypi.org/simple" }, marker = "python_full_version < '3.12'" },
    { name = "numpy", version = "2.0.0", source = { registry = "https://pypi.org/simple" }, marker = "python_full_version >= '3.12'" },
]
)" +
      registry_package("numpy", "1.26.4",
                       "resolution-markers = [\n    \"python_full_version < '3.12'\",\n]\n") +
      registry_package("numpy", "2.0.0",
                       "resolution-markers = [\n    \"python_full_version >= '3.12'\",\n]\n");
  lock::Lockfile lock = parse(text);
  InstallTarget target{.workspace_root = "/ws", .current_project = "app"};
  auto items = install_set(lock, target, {}, linux_env(), manylinux_tags());
  ASSERT_TRUE(items.ok()) << items.error().render();
  // The root is virtual: its dependencies only.
  EXPECT_EQ(names(*items), (Names{"numpy==2.0.0"}));
  pep508::MarkerEnvironment py311 = linux_env();
  py311.values["python_full_version"] = "3.11.9";
  py311.values["python_version"] = "3.11";
  items = install_set(lock, target, {}, py311, manylinux_tags());
  ASSERT_TRUE(items.ok()) << items.error().render();
  EXPECT_EQ(names(*items), (Names{"numpy==1.26.4"}));
}

// A virtual root with members `a` and `b` (b depends on a) and a `dev` group of its own.
const std::string kVirtualRoot = R"(version = 1
revision = 3
requires-python = ">=3.12"

[manifest]
members = [
    "a",
    "b",
]

[manifest.dependency-groups]
dev = [{ name = "pytest", specifier = ">=8" }]

[[package]]
name = "a"
version = "1.0"
source = { editable = "packages/a" }
dependencies = [
    { name = "idna" },
]

[[package]]
name = "b"
version = "2.0"
source = { editable = "packages/b" }
dependencies = [
    { name = "a" },
    { name = "six" },
]

[package.dev-dependencies]
test = [
    { name = "pytest" },
]
)" + registry_package("idna", "3.10") +
                                 registry_package("pytest", "8.3.0") +
                                 registry_package("six", "1.16.0");

Result<std::vector<InstallItem>> virtual_root_set(const InstallSelection& selection,
                                                  std::optional<std::string> current = {}) {
  static const lock::Lockfile lock = parse(kVirtualRoot);
  InstallTarget target{.workspace_root = "/ws", .current_project = std::move(current)};
  return install_set(lock, target, selection, linux_env(), manylinux_tags());
}

TEST(InstallSetTest, AVirtualRootInstallsEveryMemberAndItsOwnGroups) {
  auto items = virtual_root_set({});
  ASSERT_TRUE(items.ok()) << items.error().render();
  EXPECT_EQ(names(*items),
            (Names{"a==1.0", "b==2.0", "idna==3.10", "pytest==8.3.0", "six==1.16.0"}));
  EXPECT_EQ((*items)[1].source_tree, std::filesystem::path("/ws/packages/b"));
  items = virtual_root_set({.dev = DevFlag::kNoDev});
  ASSERT_TRUE(items.ok()) << items.error().render();
  EXPECT_EQ(names(*items), (Names{"a==1.0", "b==2.0", "idna==3.10", "six==1.16.0"}));
}

TEST(InstallSetTest, APackageFromAMemberTakesItsOwnDependenciesOnly) {
  auto items = virtual_root_set({.packages = {"A"}});
  ASSERT_TRUE(items.ok()) << items.error().render();
  // The root's default `dev` group is not the member's (uv 0.12.1).
  EXPECT_EQ(names(*items), (Names{"a==1.0", "idna==3.10"}));
  items = virtual_root_set({.groups = {"dev"}}, "a");  // asked for by name: inherited
  ASSERT_TRUE(items.ok()) << items.error().render();
  EXPECT_EQ(names(*items), (Names{"a==1.0", "idna==3.10", "pytest==8.3.0"}));
  items = virtual_root_set({.packages = {"b"}, .groups = {"test"}});
  ASSERT_TRUE(items.ok()) << items.error().render();
  EXPECT_EQ(names(*items),
            (Names{"a==1.0", "b==2.0", "idna==3.10", "pytest==8.3.0", "six==1.16.0"}));
  items = virtual_root_set({.packages = {"a", "b"}, .dev = DevFlag::kNoDev});
  ASSERT_TRUE(items.ok()) << items.error().render();
  EXPECT_EQ(names(*items), (Names{"a==1.0", "b==2.0", "idna==3.10", "six==1.16.0"}));
}

TEST(InstallSetTest, TheNoInstallFlagsDropPackagesButNotTheirDependencies) {
  auto items = virtual_root_set({.packages = {"b"}, .no_install_project = true});
  ASSERT_TRUE(items.ok()) << items.error().render();
  EXPECT_EQ(names(*items), (Names{"a==1.0", "idna==3.10", "six==1.16.0"}));
  items = virtual_root_set({.packages = {"b"}, .no_install_workspace = true});
  ASSERT_TRUE(items.ok()) << items.error().render();
  EXPECT_EQ(names(*items), (Names{"idna==3.10", "six==1.16.0"}));
  items = virtual_root_set({.no_install_packages = {"IDNA", "pytest"}});
  ASSERT_TRUE(items.ok()) << items.error().render();
  EXPECT_EQ(names(*items), (Names{"a==1.0", "b==2.0", "six==1.16.0"}));
  // uv drops no project for --no-install-project when several are selected.
  items = virtual_root_set({.packages = {"a", "b"}, .no_install_project = true});
  ASSERT_TRUE(items.ok()) << items.error().render();
  EXPECT_EQ(names(*items),
            (Names{"a==1.0", "b==2.0", "idna==3.10", "pytest==8.3.0", "six==1.16.0"}));
}

TEST(InstallSetTest, UnknownNamesAreUvsErrors) {
  auto error = [](Result<std::vector<InstallItem>> r) {
    EXPECT_FALSE(r.ok());
    if (r.ok()) return std::string();
    EXPECT_EQ(r.error().kind(), ErrorKind::kUsage);
    return r.error().message();
  };
  EXPECT_EQ(error(virtual_root_set({.packages = {"nope"}})),
            "Package `nope` not found in workspace");
  EXPECT_EQ(error(app_set({.extras = {"nope"}})),
            "Extra `nope` is not defined in the `optional-dependencies` table for `app`");
  EXPECT_EQ(error(virtual_root_set({.extras = {"nope"}})),
            "Extra `nope` is not defined in any project's `optional-dependencies` table");
  EXPECT_EQ(error(app_set({.groups = {"nope"}})),
            "Group `nope` is not defined in the project's `dependency-groups` table");
  EXPECT_EQ(error(app_set({.no_groups = {"nope"}})),
            "Group `nope` is not defined in the project's `dependency-groups` table");
  EXPECT_EQ(error(virtual_root_set({.only_groups = {"nope"}})),
            "Group `nope` is not defined in any project's `dependency-groups` table");
  // The --dev flags do not require a `dev` group; a member may name the root's groups.
  EXPECT_TRUE(virtual_root_set({.dev = DevFlag::kDev}, "a").ok());
  EXPECT_TRUE(virtual_root_set({.groups = {"dev"}}, "b").ok());
}

}  // namespace
}  // namespace roost::project
