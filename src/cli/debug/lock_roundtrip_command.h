// `roost debug lock-roundtrip FILE`: reads a uv.lock into roost's model and prints it as roost
// would write it, so the reader and the canonical writer can be checked against any lockfile
// (`diff uv.lock <(roost debug lock-roundtrip uv.lock)` is empty for every lock uv wrote).
#pragma once

#include <string>

#include "cli/output.h"

namespace roost::cli {

// The rewritten lockfile on stdout (exit 0), or the error with file:line:col (exit 2).
int debug_lock_roundtrip_command(Output& output, const std::string& file);

}  // namespace roost::cli
