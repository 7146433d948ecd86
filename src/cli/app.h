// The command-line application: parses argv with CLI11 into option structs and dispatches to one
// handler per command. Exit codes are decided here only: 0 success, 1 user-level failure, 2 error.
#pragma once

namespace roost::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // e.g. no solution, stale lock under --locked
inline constexpr int kExitError = 2;    // usage errors, bad input, I/O trouble

// `roost --version` prints it; venvs record it in pyvenv.cfg (`roost = 0.1.0`).
inline constexpr const char* kRoostVersion = "0.1.0";

int run(int argc, char** argv);

}  // namespace roost::cli
