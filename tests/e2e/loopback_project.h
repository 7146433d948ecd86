// A workspace in a temporary directory and a loopback index of make_index.py wheels
// (tests/e2e/tools/make_index.py) served by tests/e2e/tools/index_server.py: what the sync, run and
// build end-to-end tests share.
//
//   LoopbackProject p;
//   std::string skip = p.start({"alpha==1.0:beta>=1", "beta==1.0"});  // "" or why to skip
//   p.ws.write("pyproject.toml", "...");
//   SubprocessResult r = p.roost({"sync"});  // --directory ws ... --index-url ... --cache-dir ...
//   p.python("import alpha");                // in ws/.venv
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "base/subprocess.h"
#include "roost_runner.h"
#include "testing/server_process.h"
#include "workspace/testing/temp_tree.h"

namespace roost::e2e {

struct LoopbackProject {
  workspace::testing::TempTree index, ws;
  roost::testing::ServerProcess server;
  std::string url;  // the index's Simple API root

  // Served by tools/index_server.py (http.server with a real listen backlog); with `json`, PEP
  // 691 pages (with the specs' upload times) to clients that ask for them, else HTML only.
  std::string start(const std::vector<std::string>& specs, bool json = false) {
    std::vector<std::string> argv = {"python3", ROOST_SOURCE_DIR "/tests/e2e/tools/make_index.py",
                                     index.root().string()};
    argv.insert(argv.end(), specs.begin(), specs.end());
    auto made = run_subprocess({.argv = argv});
    if (!made.ok() || made->exit_code != 0) return "python3 could not build the test index";
    std::vector<std::string> serve = {"python3", "-u",
                                      ROOST_SOURCE_DIR "/tests/e2e/tools/index_server.py"};
    if (json) serve.push_back("--json");
    serve.push_back(index.root().string());
    std::string skip = server.start(serve, roost::testing::http_server_port);
    url = "http://127.0.0.1:" + std::to_string(server.port()) + "/simple";
    return skip;
  }

  // roost --directory <ws> ARGS... --index-url <url> --cache-dir <ws>/cache
  SubprocessResult roost(std::vector<std::string> args) {
    std::vector<std::string> all = {"--directory", ws.root().string()};
    all.insert(all.end(), args.begin(), args.end());
    for (std::string extra :
         std::vector<std::string>{"--index-url", url, "--cache-dir", ws.path("cache").string()}) {
      all.push_back(extra);
    }
    return run_roost(all);
  }

  // `roost run [flags] -- command...`, with the index flags before the command.
  SubprocessResult run(std::vector<std::string> command, std::vector<std::string> flags = {}) {
    std::vector<std::string> all = {
        "--directory", ws.root().string(),       "run", "--index-url", url,
        "--cache-dir", ws.path("cache").string()};
    all.insert(all.end(), flags.begin(), flags.end());
    all.push_back("--");
    all.insert(all.end(), command.begin(), command.end());
    return run_roost(all);
  }

  // What `code` prints when the environment's python runs it (it must succeed).
  std::string python(const std::string& code) {
    auto r = run_subprocess({.argv = {ws.path(".venv/bin/python").string(), "-c", code}});
    EXPECT_TRUE(r.ok() && r->exit_code == 0) << (r.ok() ? r->stderr_data : r.error().render());
    return r.ok() ? r->stdout_data : "";
  }
};

}  // namespace roost::e2e
