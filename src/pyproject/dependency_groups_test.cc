// Tests of [dependency-groups] (PEP 735): reading, include-group resolution, unknown groups and
// cycles with uv's texts, and the interplay with tool.uv.dev-dependencies.
#include "pyproject/dependency_groups.h"

#include <gtest/gtest.h>

#include "pyproject/test_helpers.h"

namespace roost::pyproject {
namespace {

using testing::all_errors;
using testing::first_error;
using testing::parse_ok;

pep508::GroupName group(std::string_view name) {
  return pep508::GroupName::parse(name).value();
}

std::vector<std::string> names(const std::vector<Dependency>& deps) {
  std::vector<std::string> out;
  for (const Dependency& d : deps) out.push_back(d.requirement.name.str());
  return out;
}

TEST(DependencyGroups, ReadsItemsAndIncludes) {
  PyProject p = parse_ok(R"([dependency-groups]
Test = ["pytest>=8", { include-group = "lint" }]
lint = ["ruff"]
)");
  ASSERT_EQ(p.dependency_groups.size(), 2u);
  const DependencyGroup& test = p.dependency_groups.at(group("test"));
  EXPECT_EQ(test.name_as_written, "Test");
  EXPECT_EQ(test.location, (Location{2, 1}));
  ASSERT_EQ(test.items.size(), 2u);
  ASSERT_TRUE(std::holds_alternative<Dependency>(test.items[0]));
  EXPECT_EQ(std::get<Dependency>(test.items[0]).requirement.name.str(), "pytest");
  ASSERT_TRUE(std::holds_alternative<IncludeGroup>(test.items[1]));
  const auto& include = std::get<IncludeGroup>(test.items[1]);
  EXPECT_EQ(include.name.str(), "lint");
  EXPECT_EQ(include.location, (Location{2, 40}));
}

TEST(DependencyGroups, ResolvesIncludesInPlace) {
  PyProject p = parse_ok(R"([dependency-groups]
all = ["a", { include-group = "test" }, "z"]
test = ["b", { include-group = "lint" }]
lint = ["c"]
)");
  Result<ResolvedGroups> resolved = p.resolved_dependency_groups();
  ASSERT_TRUE(resolved.ok()) << resolved.error().render();
  EXPECT_EQ(names(resolved->at(group("all"))), (std::vector<std::string>{"a", "b", "c", "z"}));
  EXPECT_EQ(names(resolved->at(group("test"))), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(names(resolved->at(group("lint"))), (std::vector<std::string>{"c"}));

  Result<std::vector<Dependency>> one =
      resolve_dependency_group(p.dependency_groups, group("test"));
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(names(*one), (std::vector<std::string>{"b", "c"}));
  Result<std::vector<Dependency>> unknown =
      resolve_dependency_group(p.dependency_groups, group("docs"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(unknown.error().message(),
            "Group `docs` is not defined in the project's `dependency-groups` table");
}

TEST(DependencyGroups, DiamondIncludesAreNotCycles) {
  PyProject p = parse_ok(R"([dependency-groups]
a = [{ include-group = "b" }, { include-group = "c" }]
b = [{ include-group = "d" }]
c = [{ include-group = "d" }]
d = ["x"]
)");
  Result<ResolvedGroups> resolved = p.resolved_dependency_groups();
  ASSERT_TRUE(resolved.ok()) << resolved.error().render();
  EXPECT_EQ(names(resolved->at(group("a"))), (std::vector<std::string>{"x", "x"}));
}

TEST(DependencyGroups, UnknownIncludeIsAnError) {
  EXPECT_EQ(first_error("[dependency-groups]\ntest = [{ include-group = \"Lint\" }]\n"),
            "pkg/pyproject.toml:2:27: Failed to find group `lint` included by `test`\n"
            "    test = [{ include-group = \"Lint\" }]\n"
            "                              ^^^^^^");
}

TEST(DependencyGroups, CyclesAreErrors) {
  EXPECT_EQ(
      first_error("[dependency-groups]\nalpha = [{include-group = \"iota\"}]\n"
                  "iota = [{include-group = \"alpha\"}]\n"),
      "pkg/pyproject.toml:3:26: Detected a cycle in `dependency-groups`: `alpha` -> `iota` -> "
      "`alpha`\n"
      "    iota = [{include-group = \"alpha\"}]\n"
      "                             ^^^^^^^");
  EXPECT_EQ(first_error("[dependency-groups]\nself = [{include-group = \"self\"}]\n"),
            "pkg/pyproject.toml:2:26: Detected a cycle in `dependency-groups`: `self` -> `self`\n"
            "    self = [{include-group = \"self\"}]\n"
            "                             ^^^^^^");
}

TEST(DependencyGroups, CheckModeReportsEachProblemOnce) {
  std::vector<std::string> errors = all_errors(R"([dependency-groups]
a = [{ include-group = "b" }, { include-group = "missing" }]
b = [{ include-group = "c" }]
c = [{ include-group = "a" }]
d = [{ include-group = "d" }]
)");
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0],
            "pkg/pyproject.toml:2:49: Failed to find group `missing` included by `a`\n"
            "    a = [{ include-group = \"b\" }, { include-group = \"missing\" }]\n"
            "                                                    ^^^^^^^^^");
  EXPECT_EQ(
      errors[1],
      "pkg/pyproject.toml:4:24: Detected a cycle in `dependency-groups`: `a` -> `b` -> `c` -> "
      "`a`\n"
      "    c = [{ include-group = \"a\" }]\n"
      "                           ^^^");
  EXPECT_EQ(errors[2],
            "pkg/pyproject.toml:5:24: Detected a cycle in `dependency-groups`: `d` -> `d`\n"
            "    d = [{ include-group = \"d\" }]\n"
            "                           ^^^");
}

TEST(DependencyGroups, ResolverReportsTheCycleWithoutAFile) {
  PyProjectCheck check = check_pyproject(
      "[dependency-groups]\nx = [{include-group = \"y\"}]\ny = [{include-group = \"x\"}]\n",
      "pyproject.toml");
  ASSERT_TRUE(check.pyproject);
  Result<ResolvedGroups> resolved = resolve_dependency_groups(check.pyproject->dependency_groups);
  ASSERT_FALSE(resolved.ok());
  EXPECT_EQ(resolved.error().render(),
            "Detected a cycle in `dependency-groups`: `x` -> `y` -> `x`");
}

TEST(DependencyGroups, MalformedEntries) {
  EXPECT_EQ(first_error("[dependency-groups]\ndev = \"pytest\"\n"),
            "pkg/pyproject.toml:2:7: `dependency-groups.dev` must be an array, found a string\n"
            "    dev = \"pytest\"\n"
            "          ^^^^^^^^");
  EXPECT_EQ(first_error("[dependency-groups]\ndev = [1]\n"),
            "pkg/pyproject.toml:2:8: `dependency-groups.dev[0]` must be a string or an "
            "`{include-group = \"...\"}` table, found an integer\n"
            "    dev = [1]\n"
            "           ^");
  EXPECT_EQ(first_error("[dependency-groups]\ndev = [{ include = \"x\" }]\n"),
            "pkg/pyproject.toml:2:10: Group `dev` contains an unknown dependency object specifier: "
            "`include`\n"
            "    dev = [{ include = \"x\" }]\n"
            "             ^^^^^^^");
  EXPECT_EQ(first_error("[dependency-groups]\ndev = [{ include-group = 3 }]\n"),
            "pkg/pyproject.toml:2:26: `dependency-groups.dev[0].include-group` must be a string, "
            "found an integer\n"
            "    dev = [{ include-group = 3 }]\n"
            "                             ^");
  EXPECT_EQ(first_error("[dependency-groups]\nDev = []\ndev = []\n"),
            "pkg/pyproject.toml:3:1: duplicate dependency group `dev` (written `Dev` and `dev`)\n"
            "    dev = []\n"
            "    ^^^");
}

TEST(DependencyGroups, DevDependenciesMergeIntoDev) {
  PyProject p = parse_ok(R"([dependency-groups]
dev = ["a"]
ci = [{ include-group = "dev" }]

[tool.uv]
dev-dependencies = ["b"]
)");
  Result<ResolvedGroups> resolved = p.resolved_dependency_groups();
  ASSERT_TRUE(resolved.ok()) << resolved.error().render();
  EXPECT_EQ(names(resolved->at(group("dev"))), (std::vector<std::string>{"a", "b"}));
  // Including "dev" sees only [dependency-groups].dev, as in uv.
  EXPECT_EQ(names(resolved->at(group("ci"))), (std::vector<std::string>{"a"}));
}

TEST(DependencyGroups, DevDependenciesAloneMakeADevGroup) {
  PyProject p = parse_ok("[tool.uv]\ndev-dependencies = [\"b\"]\n");
  Result<ResolvedGroups> resolved = p.resolved_dependency_groups();
  ASSERT_TRUE(resolved.ok());
  EXPECT_EQ(names(resolved->at(group("dev"))), (std::vector<std::string>{"b"}));
}

TEST(DependencyGroups, IncludingDevWhenOnlyDevDependenciesExist) {
  EXPECT_EQ(
      first_error("[dependency-groups]\nci = [{ include-group = \"dev\" }]\n"
                  "[tool.uv]\ndev-dependencies = [\"b\"]\n"),
      "pkg/pyproject.toml:2:25: Group `ci` includes the `dev` group (`include = \"dev\"`), but "
      "only `tool.uv.dev-dependencies` was found. To reference the `dev` group via an "
      "`include`, remove the `tool.uv.dev-dependencies` section and add any development "
      "dependencies to the `dev` entry in the `[dependency-groups]` table instead.\n"
      "    ci = [{ include-group = \"dev\" }]\n"
      "                            ^^^^^");
}

}  // namespace
}  // namespace roost::pyproject
