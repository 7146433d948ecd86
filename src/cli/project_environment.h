// The workspace's environment (`<root>/.venv`) for `roost sync` and `roost run`: kept when it
// still fits `--python` / `.python-version` and requires-python (read from pyvenv.cfg, no Python
// started), else an interpreter is discovered (PATH, pyenv) and the venv created or replaced.
// Prints uv's `Using CPython 3.11.7 interpreter at: ...` / `Creating virtual environment at:
// .venv` lines when it makes one.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "base/result.h"
#include "cache/cache.h"
#include "cli/output.h"
#include "python/interpreter.h"
#include "python/scheme.h"

namespace roost::cli {

struct ProjectEnvironment {
  std::filesystem::path root;       // the venv
  python::Interpreter interpreter;  // probed (cached) from the venv's bin/python
  python::Scheme scheme;
};

// `requires_python`: the lock's (empty: no constraint). `cache` may be null (probes then run).
Result<ProjectEnvironment> project_environment(Output& output, const std::filesystem::path& root,
                                               const std::optional<std::string>& python_flag,
                                               const std::string& requires_python,
                                               const cache::Cache* cache);

// The interpreter builds run with when no environment is being made (`roost lock` building a
// member's metadata): the workspace venv's when there is one, else a discovered one.
Result<python::Interpreter> project_interpreter(const std::filesystem::path& root,
                                                const cache::Cache* cache);

}  // namespace roost::cli
