// A content hash of a source tree, the key under which builds of it are cached (build_cache.h).
//
//   ROOST_TRY(std::string hex, hash_source_tree("/ws/packages/seeds", {output_dir}));
//
// Deliberately simple: every regular file and symbolic link below the tree counts (its relative
// path, execute bit and SHA-256; a link's target text), in path order, except what builds and
// tools leave behind rather than what a build reads: directories named .git, .hg, .svn,
// __pycache__, .venv, .tox, .nox, .mypy_cache, .pytest_cache, .ruff_cache, node_modules or
// *.egg-info anywhere, build/ and dist/ at the top only (src/build/ is source), *.pyc files,
// and the `exclude` paths (a build's output directory inside the tree). A .gitignore is not
// read. Directories without files do not count. The tree is read in full, so a large tree costs
// its size in SHA-256 (~1 GB/s) on every lookup.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace roost::build {

// Lowercase hex SHA-256 over the listing described above. kNotFound when `dir` is not a
// directory; kIo when a file cannot be read.
Result<std::string> hash_source_tree(const std::filesystem::path& dir,
                                     const std::vector<std::filesystem::path>& exclude = {});

// Whether hash_source_tree skips a directory of this name (`top_level`: directly in the tree).
bool is_skipped_directory(std::string_view name, bool top_level);

}  // namespace roost::build
