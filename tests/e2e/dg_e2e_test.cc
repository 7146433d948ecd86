// `roost lock`, `sync` and `run` in a dg workspace of isolated projects (dg.md §4): at its root
// they act on every project, each with its own uv.lock and .venv, so two projects pin
// conflicting versions of one package; `--package` picks a project; inside a project they act
// on that project alone. Served from a loopback index of real wheels.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "base/fs.h"
#include "base/subprocess.h"
#include "loopback_project.h"

namespace roost::e2e {
namespace {

namespace fs = std::filesystem;

std::string project_text(const std::string& name, const std::string& deps) {
  return "[project]\nname = \"" + name + "\"\nversion = \"0.1.0\"\nrequires-python = \">=3.8\"\n" +
         "dependencies = [" + deps + "]\n";
}

class DgE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    skip_ = p_.start({"beta==1.0", "beta==2.0", "gamma==1.0"});
    p_.ws.write("dg.toml",
                "directory_type = \"workspace\"\n\n[workspace]\n[[workspace.projects]]\n"
                "path = \"projects/a\"\n\n[[workspace.projects]]\npath = \"projects/b\"\n");
    p_.ws.write("projects/a/pyproject.toml", project_text("a", "\"beta<2\""));
    p_.ws.write("projects/b/pyproject.toml", project_text("b", "\"beta>=2\""));
  }

  std::string lock_of(const std::string& project) {
    Result<std::string> text = read_file(p_.ws.path(project + "/uv.lock"));
    return text.ok() ? *text : "";
  }
  std::string beta_in(const std::string& project) {
    auto r = run_subprocess({.argv = {p_.ws.path(project + "/.venv/bin/python").string(), "-c",
                                      "import beta; print(beta.VERSION)"}});
    return r.ok() && r->exit_code == 0 ? r->stdout_data : "";
  }

  LoopbackProject p_;
  std::string skip_;
};

TEST_F(DgE2eTest, LockAtTheRootLocksEveryProjectOnItsOwn) {
  if (!skip_.empty()) GTEST_SKIP() << skip_;
  SubprocessResult lock = p_.roost({"lock"});
  ASSERT_EQ(lock.exit_code, 0) << lock.stderr_data;
  EXPECT_NE(lock.stderr_data.find("Project `a` (projects/a):\nResolved 2 packages"),
            std::string::npos)
      << lock.stderr_data;
  EXPECT_NE(lock.stderr_data.find("Project `b` (projects/b):\nResolved 2 packages"),
            std::string::npos)
      << lock.stderr_data;
  EXPECT_NE(lock_of("projects/a").find("name = \"beta\"\nversion = \"1.0\""), std::string::npos);
  EXPECT_NE(lock_of("projects/b").find("name = \"beta\"\nversion = \"2.0\""), std::string::npos);
  EXPECT_FALSE(fs::exists(p_.ws.path("uv.lock")));  // the root is no project here

  SubprocessResult check = p_.roost({"lock", "--check"});
  EXPECT_EQ(check.exit_code, 0) << check.stderr_data;

  // One project changes: --check fails for it, names it, and still checks the other.
  p_.ws.write("projects/a/pyproject.toml", project_text("a", "\"beta<2\", \"gamma\""));
  SubprocessResult stale = p_.roost({"lock", "--check"});
  EXPECT_EQ(stale.exit_code, 1) << stale.stderr_data;
  size_t a = stale.stderr_data.find("Project `a`");
  size_t needs = stale.stderr_data.find("needs to be updated");
  size_t b = stale.stderr_data.find("Project `b` (projects/b):\nResolved 2 packages");
  EXPECT_TRUE(a != std::string::npos && needs > a && b > needs) << stale.stderr_data;

  // Inside a project, lock is that project's alone (no heading, the other lock untouched).
  std::string b_lock = lock_of("projects/b");
  SubprocessResult inside =
      run_roost({"--directory", p_.ws.path("projects/a").string(), "lock", "--index-url", p_.url,
                 "--cache-dir", p_.ws.path("cache").string()});
  ASSERT_EQ(inside.exit_code, 0) << inside.stderr_data;
  EXPECT_EQ(inside.stderr_data.find("Project `"), std::string::npos) << inside.stderr_data;
  EXPECT_NE(inside.stderr_data.find("Added gamma v1.0"), std::string::npos) << inside.stderr_data;
  EXPECT_EQ(lock_of("projects/b"), b_lock);
}

TEST_F(DgE2eTest, SyncAtTheRootGivesEachProjectItsOwnEnvironment) {
  if (!skip_.empty()) GTEST_SKIP() << skip_;
  SubprocessResult sync = p_.roost({"sync"});
  ASSERT_EQ(sync.exit_code, 0) << sync.stderr_data;
  EXPECT_EQ(beta_in("projects/a"), "1.0\n");
  EXPECT_EQ(beta_in("projects/b"), "2.0\n");
  EXPECT_FALSE(fs::exists(p_.ws.path(".venv")));

  // --package picks projects, by name.
  SubprocessResult only_b = p_.roost({"sync", "--package", "b"});
  ASSERT_EQ(only_b.exit_code, 0) << only_b.stderr_data;
  EXPECT_EQ(only_b.stderr_data.find("Project `a`"), std::string::npos) << only_b.stderr_data;
  EXPECT_NE(only_b.stderr_data.find("Project `b`"), std::string::npos) << only_b.stderr_data;
  SubprocessResult unknown = p_.roost({"sync", "--package", "nope"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.stderr_data.find("`nope` is not a project of the dg workspace"),
            std::string::npos)
      << unknown.stderr_data;

  // `run` needs one project: --package at the root, or the project's directory.
  SubprocessResult in_a =
      p_.run({"python", "-c", "import beta; print(beta.VERSION)"}, {"--package", "a"});
  ASSERT_EQ(in_a.exit_code, 0) << in_a.stderr_data;
  EXPECT_EQ(in_a.stdout_data, "1.0\n");
  SubprocessResult ambiguous = p_.run({"python", "-c", "pass"});
  EXPECT_EQ(ambiguous.exit_code, 2);
  EXPECT_NE(ambiguous.stderr_data.find("needs one of them"), std::string::npos)
      << ambiguous.stderr_data;
}

}  // namespace
}  // namespace roost::e2e
