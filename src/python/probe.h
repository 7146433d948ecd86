// Probing an interpreter: run it once with the probe program (probe_script.h) and keep the answer
// in the cache, keyed by the identity of the file, so later probes of the same file read ~1 KB
// instead of starting Python (~25 ms).
//
//   ROOST_TRY(cache::Cache cache, cache::Cache::open(cache_dir));
//   ROOST_TRY(Interpreter py, probe_interpreter("/usr/bin/python3.11", {.cache = &cache}));
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>

#include "base/result.h"
#include "cache/cache.h"
#include "python/interpreter.h"

namespace roost::python {

struct ProbeOptions {
  // Where answers are kept (Bucket::kInterpreters); null: every probe runs the interpreter.
  const cache::Cache* cache = nullptr;
  int timeout_ms = 30000;  // a cold interpreter on a slow disk can take seconds
  // Incremented each time an interpreter is actually started: how tests (and benchmarks) see
  // whether the cache answered.
  std::atomic<int>* spawn_count = nullptr;
};

// The Interpreter at `executable` (an absolute path; a relative one is kUsage). Not an executable
// file: kNotFound. Fails to start, exits non-zero, times out or prints something unexpected:
// kSubprocess / kParse, naming the path and the first line the interpreter wrote to stderr.
//
// Cached by: the path as given, the file it resolves to, that file's device, inode, size and
// mtime, and any pyvenv.cfg beside it or one level up (which changes sys.prefix). A script
// executable such as a pyenv shim picks its interpreter anew on every run (from PYENV_VERSION or a
// .python-version of the working directory), so its answer is never cached; it is stored under
// the real interpreter it ran (its sys.executable) instead. Safe to call from several threads.
Result<Interpreter> probe_interpreter(const std::filesystem::path& executable,
                                      const ProbeOptions& options = {});

// After a venv was created from the interpreter probed at `base`: the venv's python answer, its
// base's cached one with `executable` and `prefix` re-rooted (what probing it would report; see
// venv_interpreter), stored under the venv python's key, so the first command in the new venv
// starts no Python. Does nothing when the base's answer is not cached; a failed write is ignored.
void remember_venv_probe(const std::filesystem::path& base,
                         const std::filesystem::path& venv_python,
                         const std::filesystem::path& venv_root, const cache::Cache& cache);

// The cache key probe_interpreter uses for `executable`; nullopt when the file cannot be stat'ed.
// Exposed for tests.
std::optional<std::string> probe_cache_key(const std::filesystem::path& executable);

}  // namespace roost::python
