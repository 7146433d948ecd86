// Where discovery looks for interpreter executables: PATH's directories and the names to try in
// each, and pyenv's versions folder. File-system reads only; nothing is run here.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "python/request.h"

namespace roost::python {

// The directories of a PATH value in order. Empty entries are skipped (POSIX reads them as the
// working directory, a classic way to run a planted `python`), and so are Windows Store alias
// folders ("WindowsApps", seen through WSL), whose `python` only opens the Store.
std::vector<std::filesystem::path> search_path_dirs(std::string_view path_env);

// The fixed names to try in each PATH directory, best first: python3.12 when the request pins
// that minor version, then python3 and python (python2 / python2.7 for a Python 2 request).
std::vector<std::string> executable_names(const PythonRequest& request);

// The other `python<major>.<minor>` executables in `dir` (not -config, not python3.12t), newest
// minor first; `skip` lists names already tried.
std::vector<std::filesystem::path> versioned_executables(const std::filesystem::path& dir,
                                                         uint64_t major,
                                                         const std::vector<std::string>& skip);

// pyenv's installed interpreters: `<root>/versions/<name>/bin/python3` (or bin/python), names
// that are versions newest first, then the others (conda, named envs) by name.
std::vector<std::filesystem::path> pyenv_interpreters(const std::filesystem::path& pyenv_root);

// A regular file (after symlinks) we may execute.
bool is_executable_file(const std::filesystem::path& path);

// A pyenv (or similar) shims directory: every shim answers with the same selected version, so
// globbing it for python3.N only burns probes. Discovery tries only the fixed names there.
bool is_shims_dir(const std::filesystem::path& dir);

}  // namespace roost::python
