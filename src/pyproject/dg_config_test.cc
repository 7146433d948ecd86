// Tests of dg.toml and [tool.dg]: every key, dg's defaults, its validation wording, and the
// deprecated python_environment warning.
#include "pyproject/dg_config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pyproject/test_helpers.h"

namespace roost::pyproject {
namespace {

using testing::first_error;
using testing::parse_ok;

DgConfig dg_ok(std::string_view text, std::string_view file = "ws/dg.toml") {
  Result<DgConfig> parsed = parse_dg_toml(text, file);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().render());
  return parsed.ok() ? std::move(parsed).value() : DgConfig{};
}

std::string dg_error(std::string_view text) {
  Result<DgConfig> parsed = parse_dg_toml(text, "ws/dg.toml");
  EXPECT_FALSE(parsed.ok()) << text;
  return parsed.ok() ? std::string() : parsed.error().render();
}

std::vector<std::string> dg_errors(std::string_view text) {
  std::vector<std::string> out;
  for (const Error& e : check_dg_toml(text, "ws/dg.toml").errors) out.push_back(e.render());
  return out;
}

TEST(DgToml, Workspace) {
  DgConfig dg = dg_ok(R"(directory_type = "workspace"

[workspace]

[[workspace.projects]]
path = "projects/project-1"

[[workspace.projects]]
path = "other_projects/baz"

[workspace.scaffold_project_options]
use_editable_dagster = true

[cli]
verbose = true
suppress_warnings = ["cli_config_in_workspace_project"]
use_component_modules = ["a.b"]
telemetry.enabled = false
)");
  EXPECT_EQ(dg.directory_type, DgDirectoryType::kWorkspace);
  EXPECT_FALSE(dg.from_pyproject);
  EXPECT_EQ(dg.directory(), std::filesystem::path("ws"));
  ASSERT_TRUE(dg.workspace);
  ASSERT_EQ(dg.workspace->projects.size(), 2u);
  EXPECT_EQ(dg.workspace->projects[0].path, "projects/project-1");
  EXPECT_EQ(dg.workspace->projects[1].path, "other_projects/baz");
  EXPECT_EQ(dg.workspace->projects[1].location, (Location{9, 8}));
  EXPECT_TRUE(dg.workspace->use_editable_dagster);
  ASSERT_TRUE(dg.cli);
  EXPECT_EQ(dg.cli->verbose, true);
  EXPECT_EQ(dg.cli->suppress_warnings, std::vector<std::string>{"cli_config_in_workspace_project"});
  EXPECT_EQ(dg.cli->use_component_modules, std::vector<std::string>{"a.b"});
  EXPECT_EQ(dg.cli->telemetry_enabled, false);
  EXPECT_FALSE(dg.project);
  EXPECT_TRUE(dg.warnings.empty());
}

TEST(DgToml, MinimalWorkspaceWithoutProjects) {
  DgConfig dg = dg_ok("directory_type = \"workspace\"\n");
  ASSERT_TRUE(dg.workspace);
  EXPECT_TRUE(dg.workspace->projects.empty());
  EXPECT_FALSE(dg.cli);
}

TEST(DgToml, ProjectWithDefaults) {
  DgConfig dg = dg_ok("directory_type = \"project\"\n[project]\nroot_module = \"project_1\"\n",
                      "projects/project-1/dg.toml");
  ASSERT_TRUE(dg.project);
  EXPECT_EQ(dg.project->root_module, "project_1");
  EXPECT_EQ(dg.defs_module(), "project_1.defs");
  EXPECT_EQ(dg.code_location_target_module(), "project_1.definitions");
  EXPECT_EQ(dg.code_location_name(), "project-1");  // the directory name, not the module
}

TEST(DgToml, Errors) {
  EXPECT_EQ(
      dg_error("[workspace]\n"),
      "ws/dg.toml:1:1: Missing required value for `directory_type`: expected \"deployment\" | "
      "\"project\" | \"workspace\"\n"
      "    [workspace]\n"
      "    ^");
  EXPECT_EQ(dg_error("directory_type = \"workspaces\"\n"),
            "ws/dg.toml:1:18: Invalid value for `directory_type`: expected \"deployment\" | "
            "\"project\" | \"workspace\", received \"workspaces\"\n"
            "    directory_type = \"workspaces\"\n"
            "                     ^^^^^^^^^^^^");
  EXPECT_EQ(dg_error("directory_type = \"workspace\"\nprojects = []\n"),
            "ws/dg.toml:2:1: Unrecognized field at `<root>`: `projects`\n"
            "    projects = []\n"
            "    ^^^^^^^^");
  EXPECT_EQ(dg_error("directory_type = \"workspace\"\n[[workspace.projects]]\npath = 1\n"),
            "ws/dg.toml:3:8: Invalid value for `workspace.projects[0].path`: expected str, "
            "received an integer\n"
            "    path = 1\n"
            "           ^");
  EXPECT_EQ(
      dg_error("directory_type = \"workspace\"\n[[workspace.projects]]\nname = \"x\"\n"),
      "ws/dg.toml:2:1: Missing required value for `workspace.projects[0].path`: expected str\n"
      "    [[workspace.projects]]\n"
      "    ^");
  EXPECT_EQ(dg_error("directory_type = \"workspace\"\n[cli]\nverbose = \"yes\"\n"),
            "ws/dg.toml:3:11: Invalid value for `cli.verbose`: expected bool, received \"yes\"\n"
            "    verbose = \"yes\"\n"
            "              ^^^^^");
  EXPECT_EQ(dg_error("directory_type = \"workspace\"\n[cli]\ndisable_cache = true\n"),
            "ws/dg.toml:3:1: Unrecognized field at `cli`: `disable_cache`\n"
            "    disable_cache = true\n"
            "    ^^^^^^^^^^^^^");
  EXPECT_EQ(dg_error("directory_type = \"project\"\n"),
            "ws/dg.toml:1:1: Missing required value for `project.root_module`: expected str\n"
            "    directory_type = \"project\"\n"
            "    ^");
}

TEST(DgToml, SectionsOfTheWrongShape) {
  EXPECT_EQ(dg_error("directory_type = \"workspace\"\nworkspace = 1\n"),
            "ws/dg.toml:2:13: Invalid value for `workspace`: expected dict, received an integer\n"
            "    workspace = 1\n"
            "                ^");
  EXPECT_EQ(
      dg_error("directory_type = \"workspace\"\n[workspace]\nprojects = \"a\"\n"),
      "ws/dg.toml:3:12: Invalid value for `workspace.projects`: expected list, received \"a\"\n"
      "    projects = \"a\"\n"
      "               ^^^");
  EXPECT_EQ(dg_error("directory_type = \"workspace\"\n[workspace.scaffold_project_options]\n"
                     "use_editable_dagster = 1\n"),
            "ws/dg.toml:3:24: Invalid value for "
            "`workspace.scaffold_project_options.use_editable_dagster`: expected bool, received an "
            "integer\n"
            "    use_editable_dagster = 1\n"
            "                           ^");
  EXPECT_EQ(
      dg_error("directory_type = \"workspace\"\n[cli]\ntelemetry = { enabled = true, x = 1 }\n"),
      "ws/dg.toml:3:31: Unrecognized field at `cli.telemetry`: `x`\n"
      "    telemetry = { enabled = true, x = 1 }\n"
      "                                  ^");
  EXPECT_EQ(dg_error("directory_type = \"workspace\"\n[cli]\nsuppress_warnings = [\"a\", 2]\n"),
            "ws/dg.toml:3:27: Invalid value for `cli.suppress_warnings`: expected list[str], "
            "received an integer\n"
            "    suppress_warnings = [\"a\", 2]\n"
            "                              ^");
  EXPECT_EQ(dg_error("directory_type = \"project\"\nproject = []\n"),
            "ws/dg.toml:2:11: Invalid value for `project`: expected dict, received an array\n"
            "    project = []\n"
            "              ^^");
}

TEST(DgToml, DagsterPlusKeys) {
  DgConfig dg = dg_ok(
      "directory_type = \"project\"\n[project]\nroot_module = \"p\"\n"
      "agent_queue = \"q\"\nimage = \"registry/p:1\"\n");
  ASSERT_TRUE(dg.project);
  EXPECT_EQ(dg.project->agent_queue, "q");
  EXPECT_EQ(dg.project->image, "registry/p:1");
}

TEST(DgToml, CheckModeReportsEverything) {
  std::vector<std::string> errors = dg_errors(R"(directory_type = "workspace"
extra = 1
[workspace]
projects = [{ path = "a", name = "b" }]
[cli]
verbose = 1
)");
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].substr(0, errors[0].find('\n')),
            "ws/dg.toml:2:1: Unrecognized field at `<root>`: `extra`");
  EXPECT_EQ(errors[1].substr(0, errors[1].find('\n')),
            "ws/dg.toml:4:27: Unrecognized field at `workspace.projects[0]`: `name`");
  EXPECT_EQ(errors[2].substr(0, errors[2].find('\n')),
            "ws/dg.toml:6:11: Invalid value for `cli.verbose`: expected bool, received an integer");
}

TEST(DgToml, RegistryModulePatterns) {
  DgConfig dg = dg_ok(
      "directory_type = \"project\"\n[project]\nroot_module = \"imdb\"\n"
      "registry_modules = [\"imdb.components.*\", \"*\", \"_x.y2\"]\n");
  ASSERT_TRUE(dg.project);
  EXPECT_EQ(dg.project->registry_modules.size(), 3u);
  EXPECT_EQ(dg_error("directory_type = \"project\"\n[project]\nroot_module = \"imdb\"\n"
                     "registry_modules = [\"imdb.\", \"my-mod.*\"]\n"),
            "ws/dg.toml:4:21: Invalid value for `project.registry_modules[0]`: expected a pattern "
            "consisting of '.'-separated segments that are either valid Python identifiers or "
            "wildcards ('*'), received \"imdb.\"\n"
            "    registry_modules = [\"imdb.\", \"my-mod.*\"]\n"
            "                        ^^^^^^^");
}

TEST(DgToml, Deployment) {
  DgConfig dg = dg_ok("directory_type = \"deployment\"\n");
  EXPECT_EQ(dg.directory_type, DgDirectoryType::kDeployment);
  EXPECT_EQ(to_string(dg.directory_type), "deployment");
  EXPECT_FALSE(dg.workspace);
  EXPECT_FALSE(dg.project);
}

TEST(DgToml, ReadFromDisk) {
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "roost_dg_read";
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "dg.toml");
    out << "directory_type = \"workspace\"\n[[workspace.projects]]\npath = \"p\"\n";
  }
  Result<DgConfig> dg = read_dg_toml(dir / "dg.toml");
  ASSERT_TRUE(dg.ok()) << dg.error().render();
  EXPECT_EQ(dg->workspace->projects[0].path, "p");
  EXPECT_EQ(dg->directory(), dir);
  EXPECT_EQ(read_dg_toml(dir / "missing.toml").error().kind(), ErrorKind::kNotFound);
  std::filesystem::remove_all(dir);
}

TEST(ToolDg, ProjectInPyproject) {
  PyProject p = parse_ok(R"([project]
name = "my-cool-project"
version = "0.1.0"

[tool.dg]
directory_type = "project"

[tool.dg.project]
root_module = "my_cool_project"
code_location_target_module = "my_cool_project.definitions"
code_location_name = "cool"
defs_module = "my_cool_project.defs2"

[tool.dg.project.python_environment]
uv_managed = true
)");
  ASSERT_TRUE(p.tool_dg);
  const DgConfig& dg = *p.tool_dg;
  EXPECT_TRUE(dg.from_pyproject);
  EXPECT_EQ(dg.directory_type, DgDirectoryType::kProject);
  ASSERT_TRUE(dg.project);
  EXPECT_EQ(dg.project->root_module, "my_cool_project");
  EXPECT_EQ(dg.code_location_name(), "cool");
  EXPECT_EQ(dg.defs_module(), "my_cool_project.defs2");
  EXPECT_TRUE(dg.project->had_python_environment);
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_EQ(p.warnings[0].kind, WarningKind::kDgDeprecatedPythonEnvironment);
  EXPECT_EQ(p.warnings[0].render(),
            "pkg/pyproject.toml:14:1: Setting `tool.dg.project.python_environment` is deprecated. "
            "This key can be removed.\n"
            "    [tool.dg.project.python_environment]\n"
            "    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^");
  EXPECT_EQ(dg.warnings.size(), 1u);
}

TEST(ToolDg, ErrorsArePrefixedWithToolDg) {
  EXPECT_EQ(first_error(
                "[tool.dg]\ndirectory_type = \"project\"\n[tool.dg.project]\nroot_modul = \"x\"\n"),
            "pkg/pyproject.toml:3:1: Missing required value for `tool.dg.project.root_module`: "
            "expected str\n"
            "    [tool.dg.project]\n"
            "    ^");
  std::vector<std::string> errors = testing::all_errors(
      "[tool.dg]\ndirectory_type = \"project\"\nfoo = 1\n[tool.dg.project]\nroot_modul = \"x\"\n");
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].substr(0, errors[0].find('\n')),
            "pkg/pyproject.toml:3:1: Unrecognized field at `tool.dg`: `foo`");
  EXPECT_EQ(errors[2].substr(0, errors[2].find('\n')),
            "pkg/pyproject.toml:5:1: Unrecognized field at `tool.dg.project`: `root_modul`");
}

}  // namespace
}  // namespace roost::pyproject
