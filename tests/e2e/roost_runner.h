// Runs the real roost binary for end-to-end tests.
#pragma once

#include <string>
#include <vector>

#include "base/subprocess.h"

namespace roost::e2e {

inline SubprocessResult run_roost(std::vector<std::string> args, std::string stdin_data = "",
                                  std::vector<std::string> env = {"PATH=/usr/bin:/bin", "NO_COLOR=1"}) {
  SubprocessOptions opts;
  opts.argv = {ROOST_BINARY};
  opts.argv.insert(opts.argv.end(), args.begin(), args.end());
  opts.env = std::move(env);
  opts.stdin_data = std::move(stdin_data);
  opts.timeout_ms = 60000;
  Result<SubprocessResult> r = run_subprocess(opts);
  if (!r.ok()) {
    SubprocessResult failed;
    failed.stderr_data = r.error().render();
    return failed;
  }
  return std::move(r).value();
}

}  // namespace roost::e2e
