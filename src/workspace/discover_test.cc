// Discovery as uv and dg do it (../shared/reference/uv.md §1.2-1.4, dg.md §1-2).
#include <gtest/gtest.h>

#include "workspace/testing/temp_tree.h"
#include "workspace/workspace.h"

namespace roost::workspace {
namespace {

using testing::TempTree;
namespace fs = std::filesystem;

std::vector<std::string> names(const Workspace& ws) {
  std::vector<std::string> out;
  for (const Member& m : ws.members) out.push_back(m.name.str());
  return out;
}

Result<Workspace> discover_from(const fs::path& start) {
  return discover_workspace({start, false});
}

std::string error_of(const Result<Workspace>& r) {
  return r.ok() ? "ok" : r.error().message();
}

// uv's "root package with helpers" layout.
void albatross(const TempTree& t) {
  t.project("", "albatross",
            "dependencies = [\"bird-feeder\"]\n[tool.uv.workspace]\nmembers = [\"packages/*\"]\n"
            "[tool.uv.sources]\nbird-feeder = { workspace = true }\n"
            "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n");
  t.project("packages/bird-feeder", "bird-feeder",
            "dependencies = [\"seeds\"]\n[tool.uv.sources]\nseeds = { workspace = true }\n");
  t.project("packages/seeds", "Seeds");
  t.mkdir("packages/seeds/src/seeds");
}

TEST(Discover, ExplicitRootFromTheRootAndFromDeepInsideAMember) {
  TempTree t;
  albatross(t);
  for (const fs::path& start : {t.root(), t.path("packages/seeds/src/seeds")}) {
    Result<Workspace> ws = discover_from(start);
    ASSERT_TRUE(ws.ok()) << ws.error().render();
    EXPECT_EQ(ws->root, t.root());
    EXPECT_EQ(ws->kind, WorkspaceKind::kExplicit);
    EXPECT_EQ(names(*ws), (std::vector<std::string>{"albatross", "bird-feeder", "seeds"}));
  }
  Result<Workspace> ws = discover_from(t.path("packages/seeds/src/seeds"));
  ASSERT_TRUE(ws->current.has_value());
  EXPECT_EQ(ws->current->str(), "seeds");
  const Member* root = ws->find(*pep508::PackageName::parse("albatross"));
  ASSERT_NE(root, nullptr);
  EXPECT_TRUE(root->is_root);
  EXPECT_TRUE(root->is_package);  // has [build-system]
  // Required members (named by `workspace = true`) are packages even without [build-system].
  EXPECT_TRUE(ws->find(*pep508::PackageName::parse("seeds"))->is_package);
  EXPECT_EQ(ws->find(*pep508::PackageName::parse("seeds"))->path, t.path("packages/seeds"));
}

TEST(Discover, VirtualRootFlatLayout) {
  TempTree t;
  t.write(
      "pyproject.toml",
      "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n[dependency-groups]\ndev = [\"pytest\"]\n");
  t.project("packages/a", "a");
  t.project("packages/b", "b");
  Result<Workspace> ws = discover_from(t.path("packages/b"));
  ASSERT_TRUE(ws.ok()) << ws.error().render();
  EXPECT_EQ(ws->kind, WorkspaceKind::kVirtual);
  EXPECT_EQ(ws->root, t.root());
  EXPECT_EQ(names(*ws), (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(
      ws->find(*pep508::PackageName::parse("a"))->is_package);  // no build system, not required
}

TEST(Discover, SingleProjectIsItsOwnRoot) {
  TempTree t;
  t.project("", "solo");
  Result<Workspace> ws = discover_from(t.root());
  ASSERT_TRUE(ws.ok());
  EXPECT_EQ(ws->kind, WorkspaceKind::kSingle);
  EXPECT_EQ(names(*ws), std::vector<std::string>{"solo"});
}

TEST(Discover, ExcludeAlwaysWinsAndHasNoPrefixSemantics) {
  TempTree t;
  t.write("pyproject.toml",
          "[tool.uv.workspace]\nmembers = [\"packages/*\", \"packages/seeds\"]\nexclude = "
          "[\"packages/seeds\", \"packages\"]\n");
  t.project("packages/seeds", "seeds");
  t.project("packages/feeder", "feeder");
  Result<Workspace> ws = discover_from(t.root());
  ASSERT_TRUE(ws.ok()) << ws.error().render();
  EXPECT_EQ(names(*ws), std::vector<std::string>{"feeder"});
  // An excluded project is its own root when discovery starts there.
  Result<Workspace> own = discover_from(t.path("packages/seeds"));
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->kind, WorkspaceKind::kSingle);
  EXPECT_EQ(own->root, t.path("packages/seeds"));
}

// Globs written with `./`, `..` and globbed excludes match the directories the member globs
// give, whichever way each was spelled.
TEST(Discover, ExcludesMatchHoweverTheGlobsAreSpelled) {
  TempTree t;
  t.write("pyproject.toml",
          "[tool.uv.workspace]\nmembers = [\"./packages/../packages/*\", \"libs/*\"]\n"
          "exclude = [\"packages/./seeds\", \"libs/skip-*\", \"./libs/x/..//gone\"]\n");
  t.project("packages/seeds", "seeds");
  t.project("packages/feeder", "feeder");
  t.project("libs/skip-me", "skip-me");
  t.project("libs/gone", "gone");
  t.project("libs/kept", "kept");
  Result<Workspace> ws = discover_from(t.root());
  ASSERT_TRUE(ws.ok()) << ws.error().render();
  EXPECT_EQ(names(*ws), (std::vector<std::string>{"feeder", "kept"}));
}

TEST(Discover, HiddenAndEmptyDirectoriesAndFilesAreSkipped) {
  TempTree t;
  t.write("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n");
  t.project("packages/a", "a");
  t.write("packages/.cache/junk.txt", "x");
  t.mkdir("packages/empty/nested");
  t.write("packages/README.md", "a file matched by the glob");
  Result<Workspace> ws = discover_from(t.root());
  ASSERT_TRUE(ws.ok()) << ws.error().render();
  EXPECT_EQ(names(*ws), std::vector<std::string>{"a"});
}

TEST(Discover, MembersOutsideTheRoot) {
  TempTree t;
  t.write("ws/pyproject.toml",
          "[tool.uv.workspace]\nmembers = [\"../external-package\", \"./local/../local\"]\n");
  t.project("external-package", "external");
  t.project("ws/local", "local");
  Result<Workspace> ws = discover_from(t.path("ws"));
  ASSERT_TRUE(ws.ok()) << ws.error().render();
  EXPECT_EQ(names(*ws), (std::vector<std::string>{"external", "local"}));
  EXPECT_EQ(ws->find(*pep508::PackageName::parse("external"))->path, t.path("external-package"));
}

TEST(Discover, ManagedFalseMembersAreOmittedAndAnUnmanagedProjectIsAnError) {
  TempTree t;
  t.write("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n");
  t.project("packages/a", "a");
  t.project("packages/off", "off", "[tool.uv]\nmanaged = false\n");
  Result<Workspace> ws = discover_from(t.root());
  ASSERT_TRUE(ws.ok()) << ws.error().render();
  EXPECT_EQ(names(*ws), std::vector<std::string>{"a"});
  EXPECT_EQ(error_of(discover_from(t.path("packages/off"))),
            "The project is marked as unmanaged: " + t.path("packages/off").string());
}

TEST(Discover, AnIntermediateNonWorkspaceProjectHidesTheRoot) {
  TempTree t;
  t.write("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"examples/*/inner\"]\n");
  t.project("examples/x", "x");
  t.project("examples/x/inner", "inner");
  Result<Workspace> ws = discover_from(t.path("examples/x/inner"));
  ASSERT_TRUE(ws.ok());
  EXPECT_EQ(ws->root, t.path("examples/x/inner"));
  EXPECT_EQ(ws->kind, WorkspaceKind::kSingle);
}

TEST(Discover, StructuralErrorsUseUvsTexts) {
  {
    TempTree t;
    t.write("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n");
    t.write("packages/nopy/src/x.py", "");
    EXPECT_EQ(error_of(discover_from(t.root())),
              "Workspace member `" + t.path("packages/nopy").string() +
                  "` is missing a `pyproject.toml` (matches: `packages/*`)");
  }
  {
    TempTree t;
    t.write("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n");
    t.write("packages/a/pyproject.toml", "[tool.black]\nline-length = 100\n");
    EXPECT_EQ(error_of(discover_from(t.root())),
              "No `project` table found in: " + t.path("packages/a/pyproject.toml").string());
  }
  {
    TempTree t;
    t.write("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n");
    t.project("packages/a", "seeds");
    t.project("packages/b", "Seeds");
    EXPECT_EQ(error_of(discover_from(t.root())), "Two workspace members are both named `seeds`: `" +
                                                     t.path("packages/a").string() + "` and `" +
                                                     t.path("packages/b").string() + "`");
  }
  {
    TempTree t;
    t.write("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n");
    t.project("packages/a", "a", "[tool.uv.workspace]\nmembers = []\n");
    EXPECT_EQ(error_of(discover_from(t.root())),
              "Nested workspaces are not supported, but workspace member has a `tool.uv.workspace` "
              "table: " +
                  t.path("packages/a").string());
  }
  {
    TempTree t;
    t.write("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"packages/[a\"]\n");
    Result<Workspace> ws = discover_from(t.root());
    EXPECT_EQ(error_of(ws), "Failed to find directories for glob: `packages/[a`");
    EXPECT_EQ(ws.error().context().at(0),
              "Pattern syntax error near position 9: invalid range pattern");
  }
  {
    TempTree t;
    t.mkdir("empty");
    // No pyproject.toml anywhere above a fresh temp dir (in practice: / has none).
    Result<Workspace> ws = discover_from(t.path("empty"));
    if (!fs::exists("/pyproject.toml") && !fs::exists(t.root().parent_path() / "pyproject.toml")) {
      EXPECT_EQ(error_of(ws),
                "No `pyproject.toml` found in current directory or any parent directory");
    }
  }
}

TEST(Discover, ProjectFlagMustNameAnExistingDirectory) {
  TempTree t;
  albatross(t);
  Result<Workspace> ws = discover_workspace({t.path("packages/seeds/pyproject.toml"), true});
  ASSERT_TRUE(ws.ok()) << ws.error().render();
  EXPECT_EQ(ws->current->str(), "seeds");
  EXPECT_EQ(error_of(discover_workspace({t.path("nope"), true})),
            "Project directory `" + t.path("nope").string() + "` does not exist");
}

TEST(Discover, DgWorkspaceListsOnlyItsProjects) {
  TempTree t;
  t.write("dg.toml",
          "directory_type = \"workspace\"\n\n[workspace]\n\n[[workspace.projects]]\npath = "
          "\"projects/project-2\"\n\n[[workspace.projects]]\npath = \"projects/project-1\"\n");
  t.project(
      "projects/project-1", "project-1",
      "[tool.dg]\ndirectory_type = \"project\"\n[tool.dg.project]\nroot_module = \"project_1\"\n");
  t.project(
      "projects/project-2", "project-2",
      "[tool.dg]\ndirectory_type = \"project\"\n[tool.dg.project]\nroot_module = \"project_2\"\n");
  t.project("projects/not-listed", "not-listed");
  for (const fs::path& start : {t.root(), t.path("projects/project-1/src")}) {
    Result<Workspace> ws = discover_from(start);
    ASSERT_TRUE(ws.ok()) << ws.error().render();
    EXPECT_EQ(ws->kind, WorkspaceKind::kIsolated);
    EXPECT_EQ(ws->root, t.root());
    EXPECT_EQ(names(*ws), (std::vector<std::string>{"project-1", "project-2"}));
  }
  EXPECT_EQ(discover_from(t.path("projects/project-1/src"))->current->str(), "project-1");
  // uv's discovery from inside a project still sees just that project.
  Result<Workspace> uv = discover_uv_workspace({t.path("projects/project-1"), false});
  ASSERT_TRUE(uv.ok());
  EXPECT_EQ(uv->kind, WorkspaceKind::kSingle);
}

TEST(Discover, DgProjectWithoutPyprojectNamesTheEntry) {
  TempTree t;
  t.write("dg.toml",
          "directory_type = \"workspace\"\n[workspace]\n[[workspace.projects]]\npath = "
          "\"projects/gone\"\n");
  Result<Workspace> ws = discover_from(t.root());
  ASSERT_FALSE(ws.ok());
  EXPECT_EQ(ws.error().context().at(0),
            "while reading the dg workspace project `projects/gone` listed in " +
                t.path("dg.toml").string());
}

}  // namespace
}  // namespace roost::workspace
