// Running child processes: argv (no shell), environment, working directory, captured output,
// a timeout after which the child's whole process group is killed.
//
//   SubprocessOptions opts{.argv = {"git", "rev-parse", "HEAD"}, .cwd = repo, .timeout_ms = 5000};
//   ROOST_TRY(SubprocessResult r, run_subprocess(opts));
//   if (r.exit_code != 0) ...
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace roost {

struct SubprocessOptions {
  std::vector<std::string> argv;  // argv[0] is looked up on PATH when it has no '/'
  // The child's whole environment as NAME=VALUE; nullopt inherits ours.
  std::optional<std::vector<std::string>> env;
  // NAME=VALUE pairs set on top of the inherited environment (when `env` is nullopt) or of
  // `env`: how a caller adds one setting without reading the environment itself.
  std::vector<std::string> env_overrides;
  std::filesystem::path cwd;   // empty: ours
  std::string stdin_data;      // written to the child's stdin, which is then closed
  bool capture_output = true;  // false: the child shares our stdout / stderr
  int timeout_ms = 0;          // 0: no timeout
};

struct SubprocessResult {
  int exit_code = -1;      // the child's exit status, or -1 when it died of a signal
  int signal = 0;          // the signal that ended it, if any
  bool timed_out = false;  // killed by us because the timeout passed
  std::string stdout_data;
  std::string stderr_data;
};

// Errors only when the child cannot be started (kSubprocess, naming argv[0]); a child that runs
// and fails is a successful Result whose exit_code / signal / timed_out say so.
Result<SubprocessResult> run_subprocess(const SubprocessOptions& options);

}  // namespace roost
