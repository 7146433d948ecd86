// Just enough of git's ignore rules for one question uv asks (uv.md §1.3): does a glob-matched
// directory without a pyproject.toml hold only ignored files (a leftover `__pycache__` or
// `.venv` of a removed package)? Reads `.gitignore` and `.ignore` files from the directory up to
// the repository root and `.git/info/exclude`; patterns follow gitignore(5): `!` negation,
// trailing `/` for directories, a `/` in the pattern anchors it, `**/` and `/**` span directories.
#pragma once

#include <filesystem>

namespace roost::workspace {

// True when `dir` holds at least one file and every file in it (at any depth) is ignored.
bool holds_only_ignored_files(const std::filesystem::path& dir);

}  // namespace roost::workspace
