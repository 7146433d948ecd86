// [tool.uv] override-, constraint- and exclude-dependencies end to end: `roost lock` over a
// loopback index applies them to the workspace's and every package's requirements, records them
// in uv.lock's [manifest], keeps the lock fresh under `--check`, and `roost sync` installs what
// they chose.
#include <gtest/gtest.h>

#include <string>

#include "base/fs.h"
#include "loopback_project.h"

namespace roost::e2e {
namespace {

TEST(DependencyRulesE2eTest, OverridesConstraintsAndExcludesShapeTheLock) {
  LoopbackProject p;
  std::string skip = p.start({"alpha==1.0:beta>=2", "beta==1.0", "beta==2.0", "beta==3.0",
                              "gamma==1.0:delta,beta", "delta==1.0"});
  if (!skip.empty()) GTEST_SKIP() << skip;
  p.ws.write("pyproject.toml",
             "[project]\nname = \"app\"\nversion = \"0.1.0\"\nrequires-python = \">=3.8\"\n"
             "dependencies = [\"alpha\", \"gamma\"]\n\n[tool.uv]\n"
             "override-dependencies = [\"beta>=1\"]\n"               // lifts alpha's beta>=2
             "constraint-dependencies = [\"beta<3\", \"zeta<1\"]\n"  // zeta: never added
             "exclude-dependencies = [\"delta\"]\n");
  SubprocessResult lock = p.roost({"lock"});
  ASSERT_EQ(lock.exit_code, 0) << lock.stderr_data;
  Result<std::string> text = read_file(p.ws.path("uv.lock"));
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("name = \"beta\"\nversion = \"2.0\""), std::string::npos) << *text;
  EXPECT_EQ(text->find("[[package]]\nname = \"delta\""), std::string::npos) << *text;
  EXPECT_EQ(text->find("[[package]]\nname = \"zeta\""), std::string::npos) << *text;
  EXPECT_NE(text->find("excludes = [\"delta\"]"), std::string::npos) << *text;
  EXPECT_NE(text->find("overrides = [{ name = \"beta\", specifier = \">=1\" }]"), std::string::npos)
      << *text;
  EXPECT_EQ(p.roost({"lock", "--check"}).exit_code, 0);

  // An upgrade stays below 3.0: the override alone would allow beta 3.0, the constraint does not.
  SubprocessResult upgraded = p.roost({"lock", "-U", "--dry-run"});
  ASSERT_EQ(upgraded.exit_code, 0);
  EXPECT_EQ(upgraded.stderr_data.find("beta v2.0 -> v3.0"), std::string::npos)
      << upgraded.stderr_data;

  SubprocessResult sync = p.roost({"sync"});
  ASSERT_EQ(sync.exit_code, 0) << sync.stderr_data;
  EXPECT_EQ(p.python("import alpha, beta, gamma; print(beta.VERSION)"), "2.0\n");
  EXPECT_EQ(sync.stderr_data.find("delta"), std::string::npos) << sync.stderr_data;
}

// pip compile's -c (constraints) and --override files, as pip-tools and uv users pass them.
TEST(DependencyRulesE2eTest, PipCompileTakesConstraintAndOverrideFiles) {
  LoopbackProject p;
  std::string skip = p.start({"alpha==1.0:beta>=1", "beta==1.0", "beta==2.0", "gamma==1.0"});
  if (!skip.empty()) GTEST_SKIP() << skip;
  p.ws.write("constraints.txt", "beta<2\ngamma<1  # constrains, never adds\n");
  p.ws.write("overrides.txt", "beta==2.0\n");
  auto compile = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"pip", "compile", "alpha", "--no-header"};
    args.insert(args.end(), extra.begin(), extra.end());
    return p.roost(args);
  };
  SubprocessResult plain = compile({});
  EXPECT_EQ(plain.stdout_data, "alpha==1.0\nbeta==2.0\n") << plain.stderr_data;
  SubprocessResult constrained = compile({"-c", p.ws.path("constraints.txt").string()});
  EXPECT_EQ(constrained.stdout_data, "alpha==1.0\nbeta==1.0\n") << constrained.stderr_data;
  SubprocessResult both = compile({"--override", p.ws.path("overrides.txt").string(), "-c",
                                   p.ws.path("constraints.txt").string()});
  EXPECT_EQ(both.exit_code, 1) << both.stderr_data;  // beta==2.0 against beta<2
}

}  // namespace
}  // namespace roost::e2e
