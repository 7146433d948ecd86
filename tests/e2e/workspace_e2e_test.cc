// `roost workspace ...` and `roost list projects` through the real binary, on fixtures of both
// workspace models.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "roost_runner.h"
#include "workspace/testing/temp_tree.h"

namespace roost::e2e {
namespace {

using workspace::testing::TempTree;

void albatross(const TempTree& t) {
  t.project("", "albatross",
            "requires-python = \">=3.10\"\ndependencies = [\"bird-feeder\"]\n"
            "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n"
            "[tool.uv.sources]\nbird-feeder = { workspace = true }\nseeds = { workspace = true }\n"
            "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n");
  t.project("packages/bird-feeder", "bird-feeder",
            "requires-python = \">=3.11\"\ndependencies = [\"seeds\"]\n");
  t.project("packages/seeds", "seeds");
  t.mkdir("packages/seeds/src/seeds");
}

SubprocessResult roost_in(const std::filesystem::path& dir, std::vector<std::string> args) {
  std::vector<std::string> full = {"--directory", dir.string()};
  full.insert(full.end(), args.begin(), args.end());
  return run_roost(full);
}

TEST(WorkspaceE2E, ListFromAMemberDirectory) {
  TempTree t;
  albatross(t);
  SubprocessResult r = roost_in(t.path("packages/seeds/src/seeds"), {"workspace", "list"});
  EXPECT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_EQ(r.stdout_data, "albatross\nbird-feeder\nseeds\n");
  SubprocessResult paths = roost_in(t.root(), {"workspace", "list", "--paths"});
  EXPECT_EQ(paths.stdout_data, t.root().string() + "\n" + t.path("packages/bird-feeder").string() +
                                   "\n" + t.path("packages/seeds").string() + "\n");
}

TEST(WorkspaceE2E, DirOfRootAndMembers) {
  TempTree t;
  albatross(t);
  EXPECT_EQ(roost_in(t.path("packages"), {"workspace", "dir"}).stdout_data,
            t.root().string() + "\n");
  EXPECT_EQ(roost_in(t.root(), {"workspace", "dir", "--package", "Bird_Feeder"}).stdout_data,
            t.path("packages/bird-feeder").string() + "\n");
  SubprocessResult unknown = roost_in(t.root(), {"workspace", "dir", "--package", "nope"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.stderr_data, "error: Package `nope` not found in workspace.\n");
  // --project starts discovery elsewhere without changing directory.
  SubprocessResult project =
      run_roost({"--project", t.path("packages/seeds").string(), "workspace", "dir"});
  EXPECT_EQ(project.stdout_data, t.root().string() + "\n");
}

TEST(WorkspaceE2E, MetadataJson) {
  TempTree t;
  albatross(t);
  SubprocessResult r = roost_in(t.path("packages/seeds"), {"workspace", "metadata"});
  ASSERT_EQ(r.exit_code, 0) << r.stderr_data;
  nlohmann::json doc = nlohmann::json::parse(r.stdout_data);
  EXPECT_EQ(doc["workspace_root"], t.root().string());
  EXPECT_EQ(doc["kind"], "explicit");
  EXPECT_EQ(doc["requires_python"], ">=3.11");
  ASSERT_EQ(doc["members"].size(), 3u);
  EXPECT_EQ(
      doc["members"][0],
      nlohmann::json(
          {{"name", "albatross"}, {"path", t.root().string()}, {"root", true}, {"package", true}}));
  EXPECT_EQ(doc["members"][2]["name"], "seeds");
  EXPECT_EQ(doc["members"][2]["package"], true);  // required through a workspace source
}

TEST(WorkspaceE2E, VirtualRootFlatLayout) {
  TempTree t;
  t.write("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"libs/*\"]\n");
  t.project("libs/core", "core");
  t.project("libs/api", "api");
  nlohmann::json doc =
      nlohmann::json::parse(roost_in(t.root(), {"workspace", "metadata"}).stdout_data);
  EXPECT_EQ(doc["kind"], "virtual");
  EXPECT_EQ(doc["requires_python"], nullptr);
  EXPECT_EQ(doc["members"].size(), 2u);
  EXPECT_EQ(doc["members"][0]["root"], false);
  EXPECT_EQ(roost_in(t.root(), {"list", "projects"}).stdout_data, "libs/api\nlibs/core\n");
}

TEST(WorkspaceE2E, DgWorkspaceProjects) {
  TempTree t;
  t.write("dg.toml",
          "directory_type = \"workspace\"\n\n[workspace]\n\n[[workspace.projects]]\npath = "
          "\"projects/project-1\"\n\n[[workspace.projects]]\npath = \"projects/project-2\"\n");
  t.project(
      "projects/project-1", "project-1",
      "[tool.dg]\ndirectory_type = \"project\"\n[tool.dg.project]\nroot_module = \"project_1\"\n");
  t.project("projects/project-2", "project-2",
            "dependencies = [\"pandas<2\"]\n[tool.dg]\ndirectory_type = "
            "\"project\"\n[tool.dg.project]\nroot_module = \"project_2\"\n");
  for (const char* from : {"", "projects/project-2"}) {
    SubprocessResult r = roost_in(t.path(from), {"list", "projects"});
    EXPECT_EQ(r.exit_code, 0) << r.stderr_data;
    EXPECT_EQ(r.stdout_data, "projects/project-1\nprojects/project-2\n");
  }
  nlohmann::json json =
      nlohmann::json::parse(roost_in(t.root(), {"list", "projects", "--json"}).stdout_data);
  EXPECT_EQ(json[1], nlohmann::json({{"name", "project-2"}, {"path", "projects/project-2"}}));
  nlohmann::json doc = nlohmann::json::parse(
      roost_in(t.path("projects/project-1"), {"workspace", "metadata"}).stdout_data);
  EXPECT_EQ(doc["kind"], "isolated");
  EXPECT_EQ(doc["workspace_root"], t.root().string());
  EXPECT_EQ(doc["members"][0]["path"], t.path("projects/project-1").string());
}

TEST(WorkspaceE2E, StructuralErrorsExitTwoWithUvsText) {
  TempTree t;
  t.write("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n");
  t.write("packages/nopy/main.py", "print()\n");
  SubprocessResult r = roost_in(t.root(), {"workspace", "list"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.stderr_data, "error: Workspace member `" + t.path("packages/nopy").string() +
                               "` is missing a `pyproject.toml` (matches: `packages/*`)\n");
}

TEST(WorkspaceE2E, CheckReportsEveryProblemInOneRun) {
  TempTree t;
  t.write("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n");
  t.write("packages/broken/pyproject.toml",
          "[project]\nname = \"broken\"\nversion = \"1\"\ndependencies = [\"requests >=\"]\n");
  t.project("packages/a", "a", "requires-python = \">=3.12\"\ndependencies = [\"b\"]\n");
  t.project("packages/b", "b", "requires-python = \"<3.10\"\n");
  SubprocessResult r = roost_in(t.root(), {"workspace", "check"});
  EXPECT_EQ(r.exit_code, 2);
  const std::string& err = r.stderr_data;
  EXPECT_NE(err.find(t.path("packages/broken/pyproject.toml").string() + ":4:"), std::string::npos)
      << err;
  EXPECT_NE(
      err.find(
          "`b` is included as a workspace member, but is missing an entry in `tool.uv.sources`"),
      std::string::npos)
      << err;
  EXPECT_NE(err.find("Found conflicting Python requirements:\n- a: >=3.12\n- b: <3.10"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("Found 3 problems"), std::string::npos) << err;
}

TEST(WorkspaceE2E, CheckWarnsAboutDevDependenciesButPasses) {
  TempTree t;
  t.project("", "solo", "[tool.uv]\ndev-dependencies = [\"pytest\"]\n");
  SubprocessResult r = roost_in(t.root(), {"workspace", "check"});
  EXPECT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_NE(r.stderr_data.find(
                "warning: The `tool.uv.dev-dependencies` field (used in `pyproject.toml`) is "
                "deprecated and will be removed in a future release; use "
                "`dependency-groups.dev` instead"),
            std::string::npos)
      << r.stderr_data;
  // --quiet silences warnings and the summary.
  EXPECT_EQ(roost_in(t.root(), {"workspace", "check", "--quiet"}).stderr_data, "");
}

}  // namespace
}  // namespace roost::e2e
