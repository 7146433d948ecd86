// `roost sync` on real packages: a workspace whose members depend on flask, httpx, requests,
// click, numpy (a C extension) and, in the dev group, pytest, synced from an index that
// ../shared/tools/debian-wheelhouse builds from Debian's own python3-* packages, served over
// loopback. Every top-level import works, console scripts run, and pip's own check of the
// environment is clean. Skips, saying why, when ../shared or Debian's archive is out of reach.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "base/subprocess.h"
#include "roost_runner.h"
#include "testing/server_process.h"
#include "workspace/testing/temp_tree.h"

namespace roost::e2e {
namespace {

namespace fs = std::filesystem;
using roost::testing::ServerProcess;
using workspace::testing::TempTree;

class RealPackagesE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    fs::path tool = fs::path(ROOST_SOURCE_DIR) / ".." / "shared" / "tools" / "debian-wheelhouse";
    if (!fs::exists(tool)) {
      *skip_ = "../shared/tools/debian-wheelhouse is not here (outside the workplace)";
      return;
    }
    // Kept beside the binary between runs: the tool rebuilds only what changed.
    *house_ = fs::path(ROOST_BINARY).parent_path() / "e2e-debian-wheelhouse";
    auto built = run_subprocess(
        {.argv = {tool.string(), house_->string(), "--list", "none", "-p", "python3-flask", "-p",
                  "python3-requests", "-p", "python3-httpx", "-p", "python3-numpy", "-p",
                  "python3-pytest", "-p", "python3-click", "-q"},
         .timeout_ms = 600000});
    if (!built.ok() || built->exit_code != 0) {
      *skip_ = "debian-wheelhouse could not build the index (no access to Debian's archive?): " +
               (built.ok() ? built->stderr_data.substr(0, 500) : built.error().render());
    }
  }

  void SetUp() override {
    if (!skip_->empty()) GTEST_SKIP() << *skip_;
    std::string started = server_.start(
        {"python3", "-u", ROOST_SOURCE_DIR "/tests/e2e/tools/index_server.py", house_->string()},
        roost::testing::http_server_port);
    if (!started.empty()) GTEST_SKIP() << "no local index server: " << started;
    url_ = "http://127.0.0.1:" + std::to_string(server_.port()) + "/simple";
  }

  SubprocessResult in_venv(std::vector<std::string> argv) {
    argv[0] = ws_.path(".venv/bin/" + argv[0]).string();
    auto r = run_subprocess({.argv = argv, .cwd = ws_.root()});
    return r.ok() ? *r : SubprocessResult{};
  }

  static inline std::string* skip_ = new std::string;
  static inline fs::path* house_ = new fs::path;
  TempTree ws_;
  ServerProcess server_;
  std::string url_;
};

TEST_F(RealPackagesE2eTest, SyncsFlaskHttpxNumpyAndPytestIntoAWorkingEnvironment) {
  ws_.write("pyproject.toml",
            "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n\n"
            "[dependency-groups]\ndev = [\"pytest\"]\n");
  ws_.write("packages/web/pyproject.toml",
            "[project]\nname = \"web\"\nversion = \"0.1.0\"\nrequires-python = \">=3.11\"\n"
            "dependencies = [\"flask\", \"httpx\", \"requests\", \"click\"]\n\n"
            "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n");
  ws_.write("packages/web/src/web/__init__.py", "import flask, httpx\n");
  ws_.write("packages/sci/pyproject.toml",
            "[project]\nname = \"sci\"\nversion = \"0.1.0\"\nrequires-python = \">=3.11\"\n"
            "dependencies = [\"numpy\"]\n\n"
            "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n");
  ws_.write("packages/sci/src/sci/__init__.py",
            "import numpy\nTOTAL = int(numpy.arange(5).sum())\n");
  SubprocessResult sync = run_roost({"--directory", ws_.root().string(), "sync", "--index-url",
                                     url_, "--cache-dir", ws_.path("cache").string()});
  ASSERT_EQ(sync.exit_code, 0) << sync.stderr_data;
  for (const char* line : {" + flask==", " + httpx==", " + numpy==", " + pytest==", " + web==0.1.0",
                           " + sci==0.1.0"}) {
    EXPECT_NE(sync.stderr_data.find(line), std::string::npos) << line << "\n" << sync.stderr_data;
  }
  SubprocessResult imports =
      in_venv({"python", "-W", "ignore", "-c",
               "import flask, httpx, requests, click, numpy, pytest, web, sci; print(sci.TOTAL)"});
  EXPECT_EQ(imports.exit_code, 0) << imports.stderr_data;
  EXPECT_EQ(imports.stdout_data, "10\n");
  SubprocessResult flask = in_venv({"flask", "--version"});
  EXPECT_EQ(flask.exit_code, 0) << flask.stderr_data;
  EXPECT_NE(flask.stdout_data.find("Flask "), std::string::npos) << flask.stdout_data;
  SubprocessResult pytest = in_venv({"pytest", "--version"});
  EXPECT_EQ(pytest.exit_code, 0) << pytest.stderr_data;
  auto check = run_subprocess({.argv = {"python3", "-m", "pip", "--python",
                                        ws_.path(".venv/bin/python").string(), "check"}});
  ASSERT_TRUE(check.ok());
  if (check->exit_code == 0) {
    EXPECT_NE(check->stdout_data.find("No broken requirements found"), std::string::npos);
  } else if (check->stderr_data.find("no such option: --python") == std::string::npos) {
    ADD_FAILURE() << "pip check: " << check->stdout_data << check->stderr_data;
  }
}

}  // namespace
}  // namespace roost::e2e
