// The loop of `roost debug eval`: a line in, an answer out, flushed per line so a driver can
// talk to it interactively.
#include "cli/debug/eval_command.h"

#include <cstdio>
#include <string>

#include "cli/debug/eval_ops.h"

namespace roost::cli {

int debug_eval_command(Output& output, std::istream& in) {
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    output.out(answer_eval_request(line) + "\n");
    std::fflush(stdout);
  }
  return std::ferror(stdout) ? 2 : 0;
}

}  // namespace roost::cli
