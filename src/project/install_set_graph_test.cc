// install_set(): locks with declared conflicts (uv's encoded `extra` markers), virtual packages,
// and a member reached through a dependency group under --only-group.
#include <gtest/gtest.h>

#include "project/install_set.h"
#include "project/install_set_test_support.h"

namespace roost::project {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): the test helpers
using Names = std::vector<std::string>;

// `app` has conflicting extras `cpu` and `gpu` that pick different `helper`s and `torch`es;
// member `plugin` asks for `app[gpu]`.
const std::string kConflicts = R"(version = 1
revision = 3
requires-python = ">=3.12"
conflicts = [[
    { package = "app", extra = "cpu" },
    { package = "app", extra = "gpu" },
]]

[manifest]
members = [
    "app",
    "plugin",
]

[[package]]
name = "app"
version = "0.1.0"
source = { editable = "." }
dependencies = [
    { name = "helper", version = "1.0", source = { registry = "https://pypi.org/simple" }, marker = "extra == 'extra-3-app-cpu' or extra != 'extra-3-app-gpu'" },
    { name = "helper", version = "2.0", source = { registry = "https://pypi.org/simple" }, marker = "extra != 'extra-3-app-cpu' and extra == 'extra-3-app-gpu'" },
]

[package.optional-dependencies]
cpu = [
    { name = "torch", version = "2.5.1+cpu", source = { registry = "https://download.pytorch.org/whl/cpu" } },
]
gpu = [
    { name = "torch", version = "2.5.1", source = { registry = "https://pypi.org/simple" } },
]

[package.dev-dependencies]
dev = [
    { name = "pytest", marker = "extra == 'group-3-app-dev'" },
]

[package.metadata]
provides-extras = ["cpu", "gpu"]
)" + registry_package("helper", "1.0") +
                               registry_package("helper", "2.0") + R"(
[[package]]
name = "plugin"
version = "0.1.0"
source = { editable = "plugin" }
dependencies = [
    { name = "app", extra = ["gpu"] },
]
)" + registry_package("pytest", "8.3.0") +
                               registry_package("torch", "2.5.1") + R"(
[[package]]
name = "torch"
version = "2.5.1+cpu"
source = { registry = "https://download.pytorch.org/whl/cpu" }
wheels = [
    { url = "https://download.pytorch.org/whl/cpu/torch-2.5.1%2Bcpu-cp312-cp312-linux_x86_64.whl", hash = "sha256:00" },
]
)";

Result<std::vector<InstallItem>> conflict_set(const std::string& text,
                                              const InstallSelection& selection) {
  lock::Lockfile lock = parse(text);
  InstallTarget target{.workspace_root = "/ws", .current_project = "app"};
  return install_set(lock, target, selection, linux_env(), manylinux_tags());
}

Names conflict_names(const InstallSelection& selection) {
  auto items = conflict_set(kConflicts, selection);
  EXPECT_TRUE(items.ok()) << items.error().render();
  return items.ok() ? names(*items) : Names{};
}

TEST(InstallSetGraphTest, ConflictMarkersTestTheActivatedExtrasAndGroups) {
  EXPECT_EQ(conflict_names({}), (Names{"app==0.1.0", "helper==1.0", "pytest==8.3.0"}));
  EXPECT_EQ(conflict_names({.extras = {"cpu"}, .dev = DevFlag::kNoDev}),
            (Names{"app==0.1.0", "helper==1.0", "torch==2.5.1+cpu"}));
  EXPECT_EQ(conflict_names({.extras = {"gpu"}, .dev = DevFlag::kNoDev}),
            (Names{"app==0.1.0", "helper==2.0", "torch==2.5.1"}));
  // `plugin` activates app[gpu] through its edge: the first pass finds that before `app`'s own
  // edges are read.
  EXPECT_EQ(conflict_names({.packages = {"plugin"}}),
            (Names{"app==0.1.0", "helper==2.0", "plugin==0.1.0", "torch==2.5.1"}));
}

TEST(InstallSetGraphTest, ConflictingSelectionsAreUvsErrors) {
  auto items = conflict_set(kConflicts, {.all_extras = true});
  ASSERT_FALSE(items.ok());
  EXPECT_EQ(items.error().kind(), ErrorKind::kUsage);
  EXPECT_EQ(items.error().message(),
            "Extras `cpu` and `gpu` are incompatible with the declared conflicts: "
            "{`app[cpu]`, `app[gpu]`}");
  std::string both = kConflicts;
  both.replace(both.find("extra = [\"gpu\"]"), 15, "extra = [\"cpu\", \"gpu\"]");
  items = conflict_set(both, {.packages = {"plugin"}});
  ASSERT_FALSE(items.ok());
  EXPECT_EQ(items.error().message(),
            "Found conflicting extras `app[cpu]` and `app[gpu]` enabled simultaneously");
}

TEST(InstallSetGraphTest, VirtualPackagesAreNotInstalledButTheirDependenciesAre) {
  std::string text = R"(version = 1
revision = 3
requires-python = ">=3.12"

[manifest]
members = [
    "root",
    "tools",
]

[[package]]
name = "root"
version = "0.1.0"
source = { virtual = "." }
dependencies = [
    { name = "tools" },
]

[package.dev-dependencies]
dev = [
    { name = "lint" },
]

[[package]]
name = "tools"
version = "0.1.0"
source = { virtual = "tools" }
dependencies = [
    { name = "six" },
]
)" + registry_package("lint", "1.0") +
                     registry_package("six", "1.16.0");
  lock::Lockfile lock = parse(text);
  InstallTarget target{.workspace_root = "/ws", .current_project = "root"};
  auto items = install_set(lock, target, {}, linux_env(), manylinux_tags());
  ASSERT_TRUE(items.ok()) << items.error().render();
  EXPECT_EQ(names(*items), (Names{"lint==1.0", "six==1.16.0"}));
}

TEST(InstallSetGraphTest, OnlyGroupInstallsAMemberThatTheGroupNames) {
  std::string text = R"(version = 1
revision = 3
requires-python = ">=3.12"

[[package]]
name = "app"
version = "0.1.0"
source = { editable = "." }
dependencies = [
    { name = "six" },
]

[package.dev-dependencies]
dev = [
    { name = "app" },
    { name = "pytest" },
]
)" + registry_package("pytest", "8.3.0") +
                     registry_package("six", "1.16.0");
  lock::Lockfile lock = parse(text);
  InstallTarget target{.workspace_root = "/ws", .current_project = "app"};
  auto items = install_set(lock, target, {.dev = DevFlag::kOnlyDev}, linux_env(), manylinux_tags());
  ASSERT_TRUE(items.ok()) << items.error().render();
  EXPECT_EQ(names(*items), (Names{"app==0.1.0", "pytest==8.3.0", "six==1.16.0"}));
}

TEST(InstallSetGraphTest, AnEdgeToAPackageTheLockLacksIsAnError) {
  std::string text = R"(version = 1
revision = 3
requires-python = ">=3.12"

[[package]]
name = "app"
version = "0.1.0"
source = { editable = "." }
dependencies = [
    { name = "ghost" },
]
)";
  lock::Lockfile lock = parse(text);
  InstallTarget target{.workspace_root = "/ws", .current_project = "app"};
  auto items = install_set(lock, target, {}, linux_env(), manylinux_tags());
  ASSERT_FALSE(items.ok());
  EXPECT_EQ(items.error().kind(), ErrorKind::kParse);
  EXPECT_EQ(items.error().message(), "the lock has no package `ghost`");
  ASSERT_EQ(items.error().context().size(), 1u);
  EXPECT_EQ(items.error().context()[0],
            "while following the dependencies of `app==0.1.0 @ editable+.`");
}

}  // namespace
}  // namespace roost::project
