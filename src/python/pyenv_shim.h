// pyenv shims, resolved without running them. A shim (`~/.pyenv/shims/python3`) is a bash
// script that runs `pyenv exec`, which starts some forty processes (~100 ms) to pick the
// interpreter anew on every call, so its probe can never be cached. pyenv's choice is a pure
// function of a few inputs, read here the way pyenv reads them:
//   1. $PYENV_VERSION;
//   2. else the first `.python-version` file from the working directory up;
//   3. else `<pyenv root>/version`;
// each a list of version names (separated by `:` or whitespace); the first whose
// `<pyenv root>/versions/<name>/bin/<command>` exists is the interpreter.
//
//   std::optional<fs::path> real = resolve_pyenv_shim(shim, {root, env("PYENV_VERSION"), cwd});
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace roost::python {

struct PyenvSelection {
  std::filesystem::path root;              // $PYENV_ROOT, else ~/.pyenv
  std::optional<std::string> version_env;  // $PYENV_VERSION
  std::filesystem::path cwd;               // where the shim would run
};

// The interpreter `shim` would run, or nullopt when it is not a shim of `selection.root`, when
// pyenv would pick `system` (the next interpreter on PATH: left to running the shim), or when
// no selected version has the command.
std::optional<std::filesystem::path> resolve_pyenv_shim(const std::filesystem::path& shim,
                                                        const PyenvSelection& selection);

}  // namespace roost::python
