// Test support: running git in a test repository with a fixed identity and no user config, so
// tests that build repositories behave the same on every machine.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "base/subprocess.h"

namespace roost::git::testing {

inline bool git_available() {
  auto probe = run_subprocess({.argv = {"git", "--version"}});
  return probe.ok() && probe->exit_code == 0;
}

// `git args...` in `dir`; a failure fails the test. Returns stdout without the final newline.
inline std::string run_git(const std::filesystem::path& dir, std::vector<std::string> args) {
  std::vector<std::string> argv = {"git",
                                   "-c",
                                   "user.name=t",
                                   "-c",
                                   "user.email=t@t",
                                   "-c",
                                   "init.defaultBranch=main",
                                   "-c",
                                   "commit.gpgsign=false"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = run_subprocess({.argv = argv, .cwd = dir});
  EXPECT_TRUE(r.ok() && r->exit_code == 0) << (r.ok() ? r->stderr_data : r.error().render());
  std::string out = r.ok() ? r->stdout_data : "";
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace roost::git::testing
