// `roost debug eval`: a JSON-lines batch interface for conformance checks.
#pragma once

#include <istream>

#include "cli/output.h"

namespace roost::cli {

// Reads one JSON request per line from `in`, writes one JSON answer per line to stdout, in order,
// never stopping at a bad case. Returns the exit code (0 unless stdout fails).
int debug_eval_command(Output& output, std::istream& in);

}  // namespace roost::cli
