// Finding the interpreter a command should use, as uv does (simplified): the request comes from
// `--python` or else the nearest `.python-version`; candidates come from an explicit path, else
// the project / active venv, then PATH, then pyenv's versions; the first that satisfies the
// request and requires-python wins.
//
//   DiscoveryInputs in{.path_env = env("PATH"), .pyenv_root = home / ".pyenv", .cwd = cwd,
//                      .project_dir = root, .venv = root / ".venv", .requires_python = rp};
//   ROOST_TRY(FoundInterpreter found, find_interpreter(std::nullopt, in, {.cache = &cache}));
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "pep440/specifier.h"
#include "python/interpreter.h"
#include "python/probe.h"
#include "python/request.h"

namespace roost::python {

// Everything discovery needs from the process environment, as values (the CLI fills them in).
struct DiscoveryInputs {
  std::string path_env;                             // $PATH
  std::optional<std::filesystem::path> pyenv_root;  // $PYENV_ROOT, else ~/.pyenv; nullopt: skip
  std::optional<std::string> pyenv_version;         // $PYENV_VERSION (resolves pyenv shims)
  std::filesystem::path cwd;                        // relative path requests resolve against it
  std::optional<std::filesystem::path> home;        // expands "~" in path requests
  // Where the `.python-version` search starts (walking up); nullopt: no file is read.
  std::optional<std::filesystem::path> project_dir;
  // The environment to try first: the project's `.venv`, or $VIRTUAL_ENV under --active.
  std::optional<std::filesystem::path> venv;
  std::optional<pep440::SpecifierSet> requires_python;  // a filter on every candidate
};

enum class InterpreterSource {
  kExplicitPath,  // the request named a file or directory
  kVirtualEnv,    // DiscoveryInputs::venv
  kSearchPath,    // a directory of PATH
  kPyenv,         // <pyenv_root>/versions
};
std::string_view to_string(InterpreterSource source);  // "PATH", "pyenv versions", ...

struct FoundInterpreter {
  Interpreter interpreter;
  InterpreterSource source = InterpreterSource::kSearchPath;
  PythonRequest request;                              // what was looked for
  std::optional<std::filesystem::path> request_file;  // the .python-version it came from
};

// `request`: the `--python` value, or nullopt to use `.python-version` (or any interpreter).
// Candidates that fail to probe (a pyenv shim for a version that is not selected, Python 2, a
// broken venv link) are skipped. When nothing fits: kNotFound, e.g.
//   No interpreter found for Python >=3.12 (from /p/.python-version) in the virtual environment
//   at /p/.venv, PATH or pyenv versions; found 3.11.7 at /usr/local/bin/python3, ...
// with the skipped candidates and why in the hint. An explicit path that does not satisfy
// requires-python is kUsage naming both.
Result<FoundInterpreter> find_interpreter(const std::optional<PythonRequest>& request,
                                          const DiscoveryInputs& inputs,
                                          const ProbeOptions& probe = {});

}  // namespace roost::python
