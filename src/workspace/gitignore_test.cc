#include "workspace/gitignore.h"

#include <gtest/gtest.h>

#include "workspace/testing/temp_tree.h"
#include "workspace/workspace.h"

namespace roost::workspace {
namespace {

using testing::TempTree;

TEST(GitIgnore, LeftoverCachesOfARemovedPackageAreIgnored) {
  TempTree t;
  t.mkdir(".git/info");
  t.write(".gitignore", "__pycache__/\n*.egg-info\n/build/\n");
  t.write("packages/old/__pycache__/x.cpython-311.pyc", "");
  t.write("packages/old/old.egg-info/PKG-INFO", "");
  EXPECT_TRUE(holds_only_ignored_files(t.path("packages/old")));
  t.write("packages/old/README.md", "still here");
  EXPECT_FALSE(holds_only_ignored_files(t.path("packages/old")));
}

TEST(GitIgnore, NegationAnchoringAndNestedFiles) {
  TempTree t;
  t.mkdir(".git/info");
  t.write(".git/info/exclude", "*.log\n");
  t.write("packages/.gitignore", "x/*\n!x/keep.txt\n");
  t.write("packages/x/a.log", "");
  t.write("packages/x/b.tmp", "");
  EXPECT_TRUE(holds_only_ignored_files(t.path("packages/x")));
  t.write("packages/x/keep.txt", "");
  EXPECT_FALSE(holds_only_ignored_files(t.path("packages/x")));
  t.write("packages/y/.gitignore", "*\n");
  t.write("packages/y/data.bin", "");
  EXPECT_TRUE(holds_only_ignored_files(t.path("packages/y")));
  // "/build/" at the root does not ignore packages/z/build.
  t.write(".gitignore", "/build/\n");
  t.write("packages/z/build/out.txt", "");
  EXPECT_FALSE(holds_only_ignored_files(t.path("packages/z")));
}

TEST(GitIgnore, DiscoverySkipsAMemberDirectoryHoldingOnlyIgnoredFiles) {
  TempTree t;
  t.mkdir(".git");
  t.write(".gitignore", ".venv/\n__pycache__/\n");
  t.write("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n");
  t.project("packages/a", "a");
  t.write("packages/gone/.venv/pyvenv.cfg", "home = /usr/bin\n");
  t.write("packages/gone/src/__pycache__/m.pyc", "");
  Result<Workspace> ws = discover_uv_workspace({t.root(), false});
  ASSERT_TRUE(ws.ok()) << ws.error().render();
  ASSERT_EQ(ws->members.size(), 1u);
}

}  // namespace
}  // namespace roost::workspace
