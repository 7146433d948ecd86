// `roost sync` and `roost run` end to end: a uv workspace (a root package with a member beside
// it) over a loopback index of real wheels (tests/e2e/tools/make_index.py), synced into a real
// venv made from this machine's python3. The installed packages import, console scripts run,
// a second sync only audits, extras and groups come and go with exact syncs, and `roost run`
// runs commands inside the environment with their exit codes.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "base/fs.h"
#include "base/subprocess.h"
#include "loopback_project.h"
#include "workspace/testing/temp_tree.h"

namespace roost::e2e {
namespace {

namespace fs = std::filesystem;
using workspace::testing::TempTree;

class SyncE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    skip_ = project_.start(
        {"alpha==1.0:beta>=1", "beta==1.0", "beta==2.0", "gamma==1.0", "delta==1.0"});
    url_ = project_.url;
    ws_.write("pyproject.toml",
              "[project]\nname = \"app\"\nversion = \"0.1.0\"\nrequires-python = \">=3.8\"\n"
              "dependencies = [\"alpha\", \"lib\"]\n\n"
              "[project.optional-dependencies]\nfast = [\"delta\"]\n\n"
              "[dependency-groups]\ndev = [\"gamma\"]\n\n"
              "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n\n"
              "[tool.uv.sources]\nlib = { workspace = true }\n\n"
              "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n");
    ws_.write("src/app/__init__.py", "NAME = 'app'\n");
    ws_.write("packages/lib/pyproject.toml",
              "[project]\nname = \"lib\"\nversion = \"0.2.0\"\ndependencies = [\"beta<2\"]\n\n"
              "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n");
    ws_.write("packages/lib/src/lib/__init__.py", "from beta import VERSION as BETA\n");
  }

  SubprocessResult roost(std::vector<std::string> args) { return project_.roost(args); }
  SubprocessResult run(std::vector<std::string> command, std::vector<std::string> flags = {}) {
    return project_.run(command, flags);
  }
  std::string python(const std::string& code) { return project_.python(code); }

  LoopbackProject project_;
  TempTree& ws_ = project_.ws;
  std::string skip_, url_;
};

TEST_F(SyncE2eTest, SyncsTheLockIntoAVenvWhosePackagesImportAndRun) {
  if (!skip_.empty()) GTEST_SKIP() << skip_;
  SubprocessResult first = roost({"sync"});
  ASSERT_EQ(first.exit_code, 0) << first.stderr_data;
  EXPECT_NE(first.stderr_data.find("Creating virtual environment at: .venv"), std::string::npos)
      << first.stderr_data;
  EXPECT_NE(first.stderr_data.find("Installed 5 packages"), std::string::npos) << first.stderr_data;
  for (const char* line : {" + alpha==1.0\n", " + app==0.1.0\n", " + beta==1.0\n",
                           " + gamma==1.0\n", " + lib==0.2.0\n"}) {
    EXPECT_NE(first.stderr_data.find(line), std::string::npos) << line << first.stderr_data;
  }
  EXPECT_EQ(first.stderr_data.find(" + delta"), std::string::npos) << first.stderr_data;
  EXPECT_EQ(python("import alpha, beta, gamma, lib, app; print(alpha.VERSION, lib.BETA, app.NAME)"),
            "1.0 1.0 app\n");
  auto script = run_subprocess({.argv = {ws_.path(".venv/bin/alpha-hello").string()}});
  ASSERT_TRUE(script.ok());
  EXPECT_EQ(script->stdout_data, "hello from alpha 1.0\n");

  // Nothing changed: only an audit.
  SubprocessResult again = roost({"sync"});
  ASSERT_EQ(again.exit_code, 0) << again.stderr_data;
  EXPECT_NE(again.stderr_data.find("Audited 5 packages"), std::string::npos) << again.stderr_data;

  // Extras and groups come and go; an exact sync removes what is no longer wanted.
  SubprocessResult extra = roost({"sync", "--extra", "fast", "--no-dev"});
  ASSERT_EQ(extra.exit_code, 0) << extra.stderr_data;
  EXPECT_NE(extra.stderr_data.find(" + delta==1.0\n"), std::string::npos) << extra.stderr_data;
  EXPECT_NE(extra.stderr_data.find(" - gamma==1.0\n"), std::string::npos) << extra.stderr_data;
  // --compile-bytecode leaves the compiled modules beside the sources.
  SubprocessResult compiled = roost({"sync", "--extra", "fast", "--no-dev", "--compile-bytecode"});
  ASSERT_EQ(compiled.exit_code, 0) << compiled.stderr_data;
  // delta has not been imported: its __pycache__ can only come from the sync.
  bool compiled_delta = false;
  for (const auto& lib : fs::directory_iterator(ws_.path(".venv/lib"))) {
    fs::path cache = lib.path() / "site-packages" / "delta" / "__pycache__";
    compiled_delta |= fs::exists(cache) && !fs::is_empty(cache);
  }
  EXPECT_TRUE(compiled_delta);
  SubprocessResult back = roost({"sync"});
  ASSERT_EQ(back.exit_code, 0) << back.stderr_data;
  EXPECT_NE(back.stderr_data.find(" - delta==1.0\n"), std::string::npos) << back.stderr_data;
  EXPECT_NE(back.stderr_data.find(" + gamma==1.0\n"), std::string::npos) << back.stderr_data;
}

TEST_F(SyncE2eTest, MaliciousWheelsAreRefusedAndWriteNothingOutside) {
  if (!skip_.empty()) GTEST_SKIP() << skip_;
  for (std::string attack : {"traversal", "absolute", "symlink", "badhash"}) {
    LoopbackProject evil;
    std::string started = evil.start({"evil==1.0!" + attack});
    ASSERT_TRUE(started.empty()) << started;
    TempTree& ws = evil.ws;
    ws.write("pyproject.toml",
             "[project]\nname = \"victim\"\nversion = \"1\"\nrequires-python = \">=3.8\"\n"
             "dependencies = [\"evil\"]\n");
    SubprocessResult r = evil.roost({"sync"});
    EXPECT_EQ(r.exit_code, 2) << attack << ": " << r.stderr_data;
    EXPECT_NE(r.stderr_data.find("evil-1.0-py3-none-any.whl"), std::string::npos)
        << attack << ": " << r.stderr_data;
    // Nothing escaped, and the package is not half-installed.
    EXPECT_FALSE(fs::exists(ws.root().parent_path() / "escaped.txt")) << attack;
    EXPECT_FALSE(fs::exists(ws.root() / "escaped.txt")) << attack;
    EXPECT_FALSE(fs::exists("/tmp/roost-e2e-absolute.txt")) << attack;
    for (const auto& lib : fs::directory_iterator(ws.path(".venv/lib"))) {
      EXPECT_FALSE(fs::exists(lib.path() / "site-packages" / "evil")) << attack;
    }
  }
}

TEST_F(SyncE2eTest, RunExecutesInTheEnvironmentAndReturnsTheExitCode) {
  if (!skip_.empty()) GTEST_SKIP() << skip_;
  SubprocessResult r = run({"python", "-c",
                            "import alpha, sys, os; print(alpha.VERSION, "
                            "os.environ['VIRTUAL_ENV'] == sys.prefix)"});
  ASSERT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_EQ(r.stdout_data, "1.0 True\n");
  EXPECT_EQ(run({"python", "-c", "import sys; sys.exit(7)"}).exit_code, 7);
  SubprocessResult script = run({"alpha-hello"});
  EXPECT_EQ(script.stdout_data, "hello from alpha 1.0\n") << script.stderr_data;
  SubprocessResult missing = run({"no-such-command-here"});
  EXPECT_EQ(missing.exit_code, 127);
}

TEST_F(SyncE2eTest, RunWithLayersExtraRequirementsOverTheProjectEnvironment) {
  if (!skip_.empty()) GTEST_SKIP() << skip_;
  // delta is not in the project; beta 2.0 shadows the project's beta 1.0 for this run only.
  SubprocessResult r = run(
      {"python", "-c", "import alpha, app, lib, beta, delta; print(beta.VERSION, delta.VERSION)"},
      {"--with", "delta", "--with", "beta==2.0"});
  ASSERT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_EQ(r.stdout_data, "2.0 1.0\n");
  EXPECT_NE(r.stderr_data.find(" + beta==2.0\n"), std::string::npos) << r.stderr_data;
  SubprocessResult script = run({"delta-hello"}, {"--with", "delta"});
  EXPECT_EQ(script.stdout_data, "hello from delta 1.0\n") << script.stderr_data;
  // The project's environment is untouched, and a second run reuses the overlay.
  EXPECT_EQ(python("import beta; print(beta.VERSION)"), "1.0\n");
  EXPECT_EQ(python("import importlib.util as u; print(u.find_spec('delta'))"), "None\n");
  SubprocessResult again = run({"python", "-c", "import delta"}, {"--with", "delta"});
  ASSERT_EQ(again.exit_code, 0) << again.stderr_data;
  EXPECT_EQ(again.stderr_data.find("Installed"), std::string::npos) << again.stderr_data;
}

TEST_F(SyncE2eTest, ASyncKilledAtAnyPointIsRepairedByTheNext) {
  if (!skip_.empty()) GTEST_SKIP() << skip_;
  ASSERT_EQ(roost({"lock"}).exit_code, 0);
  // Kill `roost sync` with SIGKILL at growing delays into a fresh install; whatever it left,
  // the next sync must give a working environment.
  std::vector<std::string> argv = {
      ROOST_BINARY,  "--directory", ws_.root().string(), "sync",
      "--index-url", url_,          "--cache-dir",       ws_.path("cache").string()};
  for (int delay_ms : {5, 20, 40, 80, 160}) {
    fs::remove_all(ws_.path(".venv"));
    auto killed = run_subprocess(
        {.argv = {"timeout", "-s", "KILL", std::to_string(delay_ms / 1000.0), argv[0], argv[1],
                  argv[2], argv[3], argv[4], argv[5], argv[6], argv[7]}});
    ASSERT_TRUE(killed.ok());
    SubprocessResult repaired = roost({"sync"});
    ASSERT_EQ(repaired.exit_code, 0) << "after a kill at " << delay_ms << " ms:\n"
                                     << repaired.stderr_data;
    EXPECT_EQ(python("import alpha, beta, lib, app; print(alpha.VERSION)"), "1.0\n")
        << "after a kill at " << delay_ms << " ms";
  }
  // The state an install killed between its files and its RECORD leaves: the next sync
  // reinstalls the package instead of trusting it.
  for (const auto& lib : fs::directory_iterator(ws_.path(".venv/lib"))) {
    fs::remove(lib.path() / "site-packages" / "alpha-1.0.dist-info" / "RECORD");
    fs::remove(lib.path() / "site-packages" / "alpha" / "__init__.py");
  }
  SubprocessResult again = roost({"sync"});
  ASSERT_EQ(again.exit_code, 0) << again.stderr_data;
  EXPECT_NE(again.stderr_data.find(" + alpha==1.0"), std::string::npos) << again.stderr_data;
  EXPECT_EQ(python("import alpha; print(alpha.VERSION)"), "1.0\n");
}

TEST_F(SyncE2eTest, AnUnchangedWorkspaceRunsAtOnceAndAChangedOneSyncsFirst) {
  if (!skip_.empty()) GTEST_SKIP() << skip_;
  SubprocessResult first = run({"python", "-c", "print('one')"});
  ASSERT_EQ(first.exit_code, 0) << first.stderr_data;
  EXPECT_NE(first.stderr_data.find("Resolved"), std::string::npos) << first.stderr_data;
  // Nothing changed: the fingerprint matches and the command runs without a word from roost.
  SubprocessResult fast = run({"python", "-c", "print('two')"});
  ASSERT_EQ(fast.exit_code, 0) << fast.stderr_data;
  EXPECT_EQ(fast.stdout_data, "two\n");
  EXPECT_EQ(fast.stderr_data, "");
  // A member gains a dependency: the next run locks and installs it before running.
  ws_.write("packages/lib/pyproject.toml",
            "[project]\nname = \"lib\"\nversion = \"0.2.0\"\n"
            "dependencies = [\"beta<2\", \"delta\"]\n\n"
            "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n");
  SubprocessResult changed = run({"python", "-c", "import delta; print(delta.VERSION)"});
  ASSERT_EQ(changed.exit_code, 0) << changed.stderr_data;
  EXPECT_EQ(changed.stdout_data, "1.0\n");
  EXPECT_NE(changed.stderr_data.find(" + delta==1.0"), std::string::npos) << changed.stderr_data;
  // Something outside roost removes a package: site-packages changed, so the run repairs it.
  fs::remove_all(ws_.path(".venv/lib"));
  fs::create_directories(ws_.path(".venv/lib"));
  SubprocessResult repaired = run({"python", "-c", "import alpha; print(alpha.VERSION)"});
  EXPECT_EQ(repaired.stdout_data, "1.0\n") << repaired.stderr_data;
}

}  // namespace
}  // namespace roost::e2e
