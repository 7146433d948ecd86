// Tests of the [project] (PEP 621) and [build-system] readers, TOML syntax errors, check mode
// and the file/directory bookkeeping of parse_pyproject / read_pyproject.
#include "pyproject/pyproject.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pyproject/test_helpers.h"

namespace roost::pyproject {
namespace {

using testing::all_errors;
using testing::first_error;
using testing::parse_ok;

TEST(Project, ReadsEveryPep621Field) {
  PyProject p = parse_ok(R"([project]
name = "Seeds_Pkg"
version = "1.0-1"
requires-python = ">=3.10, <3.14"
dependencies = ["anyio>=4", "idna; python_version < '3.12'"]
description = "Seeds."
readme = "README.md"
license = { text = "MIT" }
license-files = ["LICENSE"]
keywords = ["a", "b"]
classifiers = ["Programming Language :: Python"]
authors = [{ name = "Ada", email = "ada@example.com" }, { email = "x@example.com" }]

[project.optional-dependencies]
Socks = ["pysocks"]
http2 = ["h2>=3,<5"]

[project.scripts]
seeds = "seeds.cli:main"

[project.gui-scripts]
seeds-gui = "seeds.gui:main"

[project.entry-points."dagster_dg.plugin"]
seeds = "seeds.components"

[project.urls]
Homepage = "https://example.com"
)");
  ASSERT_TRUE(p.project);
  const Project& project = *p.project;
  EXPECT_EQ(project.name_as_written, "Seeds_Pkg");
  EXPECT_EQ(project.name.str(), "seeds-pkg");
  EXPECT_EQ(project.location, (Location{1, 1}));
  ASSERT_TRUE(project.version);
  EXPECT_EQ(project.version->to_string(), "1.0.post1");
  ASSERT_TRUE(project.requires_python);
  EXPECT_EQ(project.requires_python->clauses().size(), 2u);
  ASSERT_EQ(project.dependencies.size(), 2u);
  EXPECT_EQ(project.dependencies[0].requirement.name.str(), "anyio");
  EXPECT_EQ(project.dependencies[0].location, (Location{5, 17}));
  EXPECT_TRUE(project.dependencies[1].requirement.marker.has_value());
  EXPECT_EQ(project.dependencies[1].location, (Location{5, 29}));

  ASSERT_EQ(project.optional_dependencies.size(), 2u);
  const std::vector<Dependency>* socks = project.extra(pep508::ExtraName::parse("socks").value());
  ASSERT_NE(socks, nullptr);
  ASSERT_EQ(socks->size(), 1u);
  EXPECT_EQ((*socks)[0].requirement.name.str(), "pysocks");
  EXPECT_EQ(project.extra(pep508::ExtraName::parse("nope").value()), nullptr);

  ASSERT_EQ(project.scripts.size(), 1u);
  EXPECT_EQ(project.scripts[0].name, "seeds");
  EXPECT_EQ(project.scripts[0].value, "seeds.cli:main");
  ASSERT_EQ(project.gui_scripts.size(), 1u);
  EXPECT_EQ(project.gui_scripts[0].value, "seeds.gui:main");
  ASSERT_EQ(project.entry_points.size(), 1u);
  EXPECT_EQ(project.entry_points[0].group, "dagster_dg.plugin");
  ASSERT_EQ(project.entry_points[0].entries.size(), 1u);
  EXPECT_EQ(project.entry_points[0].entries[0].value, "seeds.components");

  EXPECT_EQ(project.description, "Seeds.");
  EXPECT_EQ(project.readme, "README.md");
  EXPECT_EQ(project.license, "MIT");
  EXPECT_EQ(project.license_files, std::vector<std::string>{"LICENSE"});
  EXPECT_EQ(project.keywords, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(project.classifiers.size(), 1u);
  ASSERT_EQ(project.authors.size(), 2u);
  EXPECT_EQ(project.authors[0].name, "Ada");
  EXPECT_FALSE(project.authors[1].name.has_value());
  EXPECT_EQ(project.authors[1].email, "x@example.com");
  ASSERT_EQ(project.urls.size(), 1u);
  EXPECT_EQ(project.urls[0].second, "https://example.com");
  EXPECT_TRUE(p.warnings.empty());
}

TEST(Project, DynamicVersion) {
  PyProject p = parse_ok("[project]\nname = \"x\"\ndynamic = [\"version\", \"readme\"]\n");
  ASSERT_TRUE(p.project);
  EXPECT_FALSE(p.project->version);
  EXPECT_TRUE(p.project->is_dynamic("version"));
  EXPECT_TRUE(p.project->is_dynamic("readme"));
  EXPECT_FALSE(p.project->is_dynamic("dependencies"));
}

TEST(Project, LooseFieldsOfTheWrongTypeAreIgnored) {
  PyProject p = parse_ok(R"([project]
name = "x"
version = "1"
description = 3
readme = ["no"]
authors = "someone"
keywords = "one"
urls = 1
import-names = ["x"]
)");
  ASSERT_TRUE(p.project);
  EXPECT_FALSE(p.project->description);
  EXPECT_FALSE(p.project->readme);
  EXPECT_TRUE(p.project->authors.empty());
  EXPECT_TRUE(p.project->keywords.empty());
}

TEST(Project, NoProjectTable) {
  PyProject p = parse_ok("[tool.black]\nline-length = 100\n");
  EXPECT_FALSE(p.project);
  EXPECT_FALSE(p.tool_uv);
  EXPECT_TRUE(p.dependency_groups.empty());
}

TEST(ProjectErrors, MissingName) {
  EXPECT_EQ(first_error("[project]\nversion = \"1\"\n"),
            "pkg/pyproject.toml:1:1: `pyproject.toml` is using the `[project]` table, but the "
            "required `project.name` field is not set\n"
            "    [project]\n"
            "    ^^^^^^^^^");
}

TEST(ProjectErrors, MissingVersion) {
  EXPECT_EQ(first_error("[project]\nname = \"x\"\ndynamic = [\"readme\"]\n"),
            "pkg/pyproject.toml:1:1: `pyproject.toml` is using the `[project]` table, but the "
            "required `project.version` field is neither set nor present in the "
            "`project.dynamic` list\n"
            "    [project]\n"
            "    ^^^^^^^^^");
}

TEST(ProjectErrors, WrongTypes) {
  EXPECT_EQ(first_error("[project]\nname = \"x\"\nversion = \"1\"\ndependencies = 3\n"),
            "pkg/pyproject.toml:4:16: `project.dependencies` must be an array of strings, found "
            "an integer\n"
            "    dependencies = 3\n"
            "                   ^");
  EXPECT_EQ(first_error("[project]\nname = \"x\"\nversion = \"1\"\ndependencies = [\"a\", true]\n"),
            "pkg/pyproject.toml:4:22: `project.dependencies[1]` must be a string, found a boolean\n"
            "    dependencies = [\"a\", true]\n"
            "                         ^^^^");
  EXPECT_EQ(first_error("[project]\nname = 7\nversion = \"1\"\n"),
            "pkg/pyproject.toml:2:8: `project.name` must be a string, found an integer\n"
            "    name = 7\n"
            "           ^");
  EXPECT_EQ(first_error("project = [1]\n"),
            "pkg/pyproject.toml:1:11: `project` must be a table, found an array\n"
            "    project = [1]\n"
            "              ^^^");
  EXPECT_EQ(first_error("[project]\nname = \"x\"\nversion = \"1\"\n[project.scripts]\nx = 1\n"),
            "pkg/pyproject.toml:5:5: `project.scripts.x` must be a string, found an integer\n"
            "    x = 1\n"
            "        ^");
  EXPECT_EQ(
      first_error(
          "[project]\nname = \"x\"\nversion = \"1\"\noptional-dependencies = { a = \"b\" }\n"),
      "pkg/pyproject.toml:4:31: `project.optional-dependencies.a` must be an array of strings, "
      "found a string\n"
      "    optional-dependencies = { a = \"b\" }\n"
      "                                  ^^^");
}

TEST(ProjectErrors, DuplicateExtrasAfterNormalisation) {
  EXPECT_EQ(first_error("[project]\nname = \"x\"\nversion = \"1\"\n"
                        "[project.optional-dependencies]\nFoo_Bar = []\nfoo-bar = []\n"),
            "pkg/pyproject.toml:6:1: duplicate extra `foo-bar` in `project.optional-dependencies` "
            "(written `Foo_Bar` and `foo-bar`)\n"
            "    foo-bar = []\n"
            "    ^^^^^^^");
}

// pep440 / pep508 errors inside a string are moved to their column in the file.
TEST(InnerErrors, VersionAndSpecifierPointIntoTheString) {
  EXPECT_EQ(first_error("[project]\nname = \"x\"\nversion = \"1.0.foo\"\n"),
            "pkg/pyproject.toml:3:15: `project.version`: invalid version '1.0.foo': unexpected "
            "'.foo' at column 4\n"
            "    version = \"1.0.foo\"\n"
            "                  ^^^^");
  EXPECT_EQ(
      first_error("[project]\nname = \"x\"\nversion = \"1\"\nrequires-python = '>=3.10,<=3.x'\n"),
      "pkg/pyproject.toml:4:30: `project.requires-python`: invalid specifier '>=3.10,<=3.x': "
      "unexpected '.x' at column 11\n"
      "    requires-python = '>=3.10,<=3.x'\n"
      "                                 ^^");
}

std::string inner_message(std::string_view requirement) {
  Result<pep508::Requirement> r = pep508::Requirement::parse(requirement);
  EXPECT_FALSE(r.ok()) << requirement;
  return r.ok() ? std::string() : r.error().message();
}

TEST(InnerErrors, RequirementErrorAtItsColumn) {
  // The wording is pep508's; the column and caret are ours.
  EXPECT_EQ(first_error("[project]\nname = \"x\"\nversion = \"1\"\n"
                        "dependencies = [\"ok\", \"a (>=1\"]\n"),
            "pkg/pyproject.toml:4:26: `project.dependencies[1]`: " + inner_message("a (>=1") +
                "\n"
                "    dependencies = [\"ok\", \"a (>=1\"]\n"
                "                             ^^^^");
  EXPECT_EQ(first_error("[dependency-groups]\ndev = [\"bar[\"]\n"),
            "pkg/pyproject.toml:2:12: `dependency-groups.dev[0]`: " + inner_message("bar[") +
                "\n"
                "    dev = [\"bar[\"]\n"
                "               ^");
}

TEST(InnerErrors, EscapesOrMultiLineStringsPointAtTheWholeString) {
  // An escape before the error shifts columns: the caret covers the string instead.
  EXPECT_EQ(first_error("[project]\nname = \"x\"\nversion = \"1\"\n"
                        "dependencies = [\"\\u0061 (>=1\"]\n"),
            "pkg/pyproject.toml:4:17: `project.dependencies[0]`: " + inner_message("a (>=1") +
                "\n"
                "    dependencies = [\"\\u0061 (>=1\"]\n"
                "                    ^^^^^^^^^^^^^");
  EXPECT_EQ(first_error("[project]\nname = \"x\"\nversion = \"1\"\n"
                        "dependencies = [\"\"\"a (>=1\"\"\"]\n"),
            "pkg/pyproject.toml:4:17: `project.dependencies[0]`: " + inner_message("a (>=1") +
                "\n"
                "    dependencies = [\"\"\"a (>=1\"\"\"]\n"
                "                    ^^^^^^^^^^^^");
}

TEST(InnerErrors, NamesAndMarkers) {
  Result<pep508::PackageName> bad_name = pep508::PackageName::parse("x-");
  ASSERT_FALSE(bad_name.ok());
  EXPECT_EQ(first_error("[project]\nname = \"x-\"\nversion = \"1\"\n"),
            "pkg/pyproject.toml:2:10: `project.name`: " + bad_name.error().message() +
                "\n"
                "    name = \"x-\"\n"
                "             ^");
  Result<pep508::Marker> bad_marker = pep508::Marker::parse("os_name == 'a' and");
  ASSERT_FALSE(bad_marker.ok());
  EXPECT_EQ(
      first_error("[tool.uv.sources]\nx = { path = \"a\", marker = \"os_name == 'a' and\" }\n"),
      "pkg/pyproject.toml:2:47: `tool.uv.sources.x.marker`: " + bad_marker.error().message() +
          "\n"
          "    x = { path = \"a\", marker = \"os_name == 'a' and\" }\n"
          "                                                  ^");
  // A bare key is mapped too: the extra name's bad character.
  Result<pep508::ExtraName> bad_extra = pep508::ExtraName::parse("a$b");
  ASSERT_FALSE(bad_extra.ok());
  EXPECT_EQ(first_error("[project]\nname = \"x\"\nversion = \"1\"\n"
                        "[project.optional-dependencies]\n\"a$b\" = []\n"),
            "pkg/pyproject.toml:5:" + std::to_string(1 + bad_extra.error().span()->column) +
                ": `project.optional-dependencies.a$b`: " + bad_extra.error().message() + "\n" +
                "    \"a$b\" = []\n    " + std::string(bad_extra.error().span()->column, ' ') +
                "^");
}

TEST(TomlErrors, SyntaxErrorsNameTheFileLineAndColumn) {
  EXPECT_EQ(first_error("[project]\nname = \"x\" z\n"),
            "pkg/pyproject.toml:2:12: invalid TOML: unexpected `z`, expected a newline after the "
            "value\n"
            "    name = \"x\" z\n"
            "               ^");
  EXPECT_EQ(first_error("a = 1\na = 2\n"),
            "pkg/pyproject.toml:2:1: invalid TOML: duplicate key `a` (first written at line 1)\n"
            "    a = 2\n"
            "    ^");
  EXPECT_EQ(first_error("[project\n"),
            "pkg/pyproject.toml:1:9: invalid TOML: unexpected end of line, expected `]` to close "
            "the table header\n"
            "    [project\n"
            "            ^");
  EXPECT_EQ(first_error("[project]\nname = \"x\"\n[project]\n"),
            "pkg/pyproject.toml:3:1: invalid TOML: cannot define table `[project]`: table "
            "`project` is defined twice (first written at line 1)\n"
            "    [project]\n"
            "    ^^^^^^^^^");
}

TEST(TomlErrors, NonAsciiWhereWhitespaceMayBe) {
  // The column is counted in characters. (toml++ 3.3.0, used before src/toml/, hit
  // __builtin_unreachable on this input.)
  EXPECT_EQ(first_error("[[worksp\u00e6ce.projects]]\n"),
            "pkg/pyproject.toml:1:9: invalid TOML: unexpected `\u00e6`, expected `]]` to close "
            "the array-of-tables header\n"
            "    [[worksp\u00e6ce.projects]]\n"
            "            ^");
  EXPECT_FALSE(parse_pyproject("x = 1 \u00e9\n", "pyproject.toml").ok());
  EXPECT_FALSE(parse_pyproject("\u0416 = 1\n", "pyproject.toml").ok());
}

TEST(CheckMode, ReportsEveryErrorInFileOrder) {
  std::vector<std::string> errors = all_errors(R"([project]
name = "x"
version = 1
dependencies = [2]

[tool.uv]
managed = "yes"

[tool.uv.workspace]
members = "packages/*"
)");
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0],
            "pkg/pyproject.toml:3:11: `project.version` must be a string, found an integer\n"
            "    version = 1\n"
            "              ^");
  EXPECT_EQ(
      errors[1],
      "pkg/pyproject.toml:4:17: `project.dependencies[0]` must be a string, found an integer\n"
      "    dependencies = [2]\n"
      "                    ^");
  EXPECT_EQ(errors[2],
            "pkg/pyproject.toml:7:11: `tool.uv.managed` must be a boolean, found a string\n"
            "    managed = \"yes\"\n"
            "              ^^^^^");
  EXPECT_EQ(errors[3],
            "pkg/pyproject.toml:10:11: `tool.uv.workspace.members` must be an array of strings, "
            "found a string\n"
            "    members = \"packages/*\"\n"
            "              ^^^^^^^^^^^^");
}

TEST(CheckMode, KeepsWhatParsed) {
  PyProjectCheck check = check_pyproject(
      "[project]\nname = \"x\"\nversion = \"1\"\ndependencies = [\"a\", 3]\n"
      "[tool.uv]\nmanaged = false\n",
      "pyproject.toml");
  ASSERT_EQ(check.errors.size(), 1u);
  ASSERT_TRUE(check.pyproject);
  ASSERT_TRUE(check.pyproject->project);
  ASSERT_EQ(check.pyproject->project->dependencies.size(), 1u);
  EXPECT_FALSE(check.pyproject->is_managed());
}

TEST(CheckMode, NoModelWhenTheTomlIsBroken) {
  PyProjectCheck check = check_pyproject("[project\n", "pyproject.toml");
  EXPECT_FALSE(check.pyproject);
  EXPECT_EQ(check.errors.size(), 1u);
}

TEST(BuildSystem, ReadsTheTable) {
  PyProject p = parse_ok(R"([build-system]
requires = ["hatchling>=1.18", "hatch-vcs"]
build-backend = "hatchling.build"
backend-path = ["."]
)");
  ASSERT_TRUE(p.build_system);
  ASSERT_EQ(p.build_system->requirements.size(), 2u);
  EXPECT_EQ(p.build_system->requirements[1].requirement.name.str(), "hatch-vcs");
  EXPECT_EQ(p.build_system->build_backend, "hatchling.build");
  EXPECT_EQ(p.build_system->backend_path, std::vector<std::string>{"."});
  EXPECT_FALSE(p.project);
}

TEST(ProjectErrors, MoreWrongTypes) {
  EXPECT_EQ(
      first_error("[project]\nname = \"x\"\ndynamic = \"version\"\n"),
      "pkg/pyproject.toml:3:11: `project.dynamic` must be an array of strings, found a string\n"
      "    dynamic = \"version\"\n"
      "              ^^^^^^^^^");
  EXPECT_EQ(first_error("[project]\nname = \"x\"\nversion = \"1\"\nentry-points = { g = 1 }\n"),
            "pkg/pyproject.toml:4:22: `project.entry-points.g` must be a table, found an integer\n"
            "    entry-points = { g = 1 }\n"
            "                         ^");
  EXPECT_EQ(first_error("dependency-groups = [\"a\"]\n"),
            "pkg/pyproject.toml:1:21: `dependency-groups` must be a table, found an array\n"
            "    dependency-groups = [\"a\"]\n"
            "                        ^^^^^");
  EXPECT_EQ(first_error("[tool.uv.sources]\nx = [{ path = \"a\" }, \"b\"]\n"),
            "pkg/pyproject.toml:2:22: `tool.uv.sources.x[1]` must be a table, found a string\n"
            "    x = [{ path = \"a\" }, \"b\"]\n"
            "                         ^^^");
}

TEST(BuildSystem, WrongType) {
  EXPECT_EQ(first_error("[build-system]\nbuild-backend = [\"x\"]\n"),
            "pkg/pyproject.toml:2:17: `build-system.build-backend` must be a string, found an "
            "array\n"
            "    build-backend = [\"x\"]\n"
            "                    ^^^^^");
}

TEST(Files, DirectoryOfTheDeclaringFileIsKept) {
  PyProject p = parse_ok("[project]\nname = \"x\"\nversion = \"1\"\n");
  EXPECT_EQ(p.path(), "pkg/pyproject.toml");
  EXPECT_EQ(p.directory(), std::filesystem::path("pkg"));
  Result<PyProject> bare = parse_pyproject("", "pyproject.toml");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->directory(), std::filesystem::path());
}

TEST(Files, ReadPyprojectFromDisk) {
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "roost_pyproject_read";
  std::filesystem::create_directories(dir);
  std::filesystem::path file = dir / "pyproject.toml";
  {
    std::ofstream out(file);
    out << "[project]\nname = \"disk\"\nversion = \"2\"\ndependencies = 1\n";
  }
  Result<PyProject> parsed = read_pyproject(file);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().render(),
            file.string() +
                ":4:16: `project.dependencies` must be an array of strings, found an "
                "integer\n"
                "    dependencies = 1\n"
                "                   ^");
  PyProjectCheck check = check_pyproject_file(file);
  EXPECT_EQ(check.errors.size(), 1u);

  Result<PyProject> missing = read_pyproject(dir / "nope" / "pyproject.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind(), ErrorKind::kNotFound);
  std::filesystem::remove_all(dir);
}

TEST(Files, SpanOfALaterFinding) {
  PyProject p = parse_ok("[project]\nname = \"x\"\nversion = \"1\"\ndependencies = [\"seeds\"]\n");
  const Dependency& seeds = p.project->dependencies[0];
  Error e = make_error(ErrorKind::kUsage,
                       "`seeds` is included as a workspace member, but is missing "
                       "an entry in `tool.uv.sources`")
                .with_span(p.source->span(seeds.location, 7));
  EXPECT_EQ(e.render(),
            "pkg/pyproject.toml:4:17: `seeds` is included as a workspace member, but is missing an "
            "entry in `tool.uv.sources`\n"
            "    dependencies = [\"seeds\"]\n"
            "                    ^^^^^^^");
}

}  // namespace
}  // namespace roost::pyproject
