// What builds take from the workspace's [tool.uv]: `build-constraint-dependencies` hold the build
// environment's requirements to the versions allowed (tinybuild 1.0 although 2.0 is newest), and
// `config-settings` reach the backend as PEP 517 config_settings (a list as a list). The tinybuild
// backend (tests/e2e/tools/make_index.py) writes both into the wheels it builds.
#include <gtest/gtest.h>

#include <string>

#include "loopback_project.h"

namespace roost::e2e {
namespace {

TEST(BuildSettingsE2eTest, BuildConstraintsAndConfigSettingsReachTheBuild) {
  LoopbackProject p;
  std::string skip = p.start({"tinybuild==1.0!backend", "tinybuild==2.0!backend", "beta==1.0"});
  if (!skip.empty()) GTEST_SKIP() << skip;
  p.ws.write("pyproject.toml",
             "[project]\nname = \"app\"\nversion = \"0.1.0\"\nrequires-python = \">=3.8\"\n"
             "dependencies = [\"pathdir\"]\n\n"
             "[tool.uv.sources]\npathdir = { path = \"vendor/pathdir\" }\n\n"
             "[tool.uv]\nbuild-constraint-dependencies = [\"tinybuild<2\"]\n"
             "config-settings = { mode = \"fast\", flag = [\"a\", \"b\"] }\n");
  p.ws.write("vendor/pathdir/pyproject.toml",
             "[project]\nname = \"pathdir\"\nversion = \"1.5\"\ndependencies = [\"beta\"]\n\n"
             "[build-system]\nrequires = [\"tinybuild\"]\nbuild-backend = \"tinybuild\"\n");
  p.ws.write("vendor/pathdir/pathdir/__init__.py", "VERSION = '1.5'\n");
  SubprocessResult sync = p.roost({"sync"});
  ASSERT_EQ(sync.exit_code, 0) << sync.stderr_data;
  EXPECT_EQ(
      p.python("from pathdir import _tinybuild as t; print(t.BUILT_BY, sorted(t.CONFIG.items()))"),
      "1.0 [('flag', ['a', 'b']), ('mode', 'fast')]\n");
}

// A build requirement published only as an sdist is built first, in a build environment of its
// own, then installed into the build environment that needs it.
TEST(BuildSettingsE2eTest, ABuildRequirementOnlyAnSdistIsBuiltFirst) {
  LoopbackProject p;
  std::string skip = p.start({"tinybuild==1.0!backend", "plugin==0.3!sdist"});
  if (!skip.empty()) GTEST_SKIP() << skip;
  p.ws.write("pyproject.toml",
             "[project]\nname = \"app\"\nversion = \"0.1.0\"\nrequires-python = \">=3.8\"\n"
             "dependencies = [\"pathdir\"]\n\n"
             "[tool.uv.sources]\npathdir = { path = \"vendor/pathdir\" }\n");
  p.ws.write(
      "vendor/pathdir/pyproject.toml",
      "[project]\nname = \"pathdir\"\nversion = \"1.5\"\n\n"
      "[build-system]\nrequires = [\"tinybuild\", \"plugin\"]\nbuild-backend = \"tinybuild\"\n");
  p.ws.write("vendor/pathdir/pathdir/__init__.py", "VERSION = '1.5'\n");
  SubprocessResult sync = p.roost({"sync"});
  ASSERT_EQ(sync.exit_code, 0) << sync.stderr_data;
  EXPECT_EQ(p.python("import pathdir._tinybuild; print(pathdir.VERSION)"), "1.5\n");
}

// Two sdists that each need the other to build: an error naming the chain, not a recursion
// without end.
TEST(BuildSettingsE2eTest, ACycleOfBuildRequirementsIsNamed) {
  LoopbackProject p;
  std::string skip =
      p.start({"tinybuild==1.0!backend", "cyca==1.0!sdist+cycb", "cycb==1.0!sdist+cyca"});
  if (!skip.empty()) GTEST_SKIP() << skip;
  p.ws.write("pyproject.toml",
             "[project]\nname = \"app\"\nversion = \"0.1.0\"\nrequires-python = \">=3.8\"\n"
             "dependencies = [\"cyca\"]\n");
  SubprocessResult sync = p.roost({"sync"});
  EXPECT_EQ(sync.exit_code, 2) << sync.stderr_data;
  EXPECT_NE(sync.stderr_data.find("Cyclic build dependency: `cycb` -> `cyca` -> `cycb`"),
            std::string::npos)
      << sync.stderr_data;
}

}  // namespace
}  // namespace roost::e2e
