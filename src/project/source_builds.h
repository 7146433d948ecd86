// Wheels for what a lock says to install from source: sdists (from a registry, a URL or a path),
// directories, git checkouts, and editables whose backend roost cannot stand in for (PEP 660).
// Each source tree is built by its own backend in a build environment (build_environment.h);
// built wheels are cached by the tree's content, so a tree built before costs a hash of its
// files and no Python.
//
//   ROOST_TRY(BuiltWheel w, build_install_item(item, ws_root, tools, scratch));
//   install::unpack_wheel(w.wheel, ...);
#pragma once

#include <filesystem>
#include <string>

#include "base/result.h"
#include "project/build_environment.h"
#include "project/install_set.h"

namespace roost::project {

struct BuiltWheel {
  std::filesystem::path wheel;  // in the scratch directory
  bool from_cache = false;      // no Python ran
};

// Whether installing `item` needs a build: every source kind except wheels, and editables whose
// backend roost does not stand in for (build/native_eligibility.h).
Result<bool> needs_build(const InstallItem& item);

// Builds `item` (a regular wheel, or an editable one for kEditable) into `scratch` (absolute;
// created). Errors name the package and its source; a failing backend's output is included.
Result<BuiltWheel> build_install_item(const InstallItem& item,
                                      const std::filesystem::path& workspace_root,
                                      const BuildTools& tools,
                                      const std::filesystem::path& scratch);

// The source tree of the sdist `archive` (whose SHA-256 is `sha256_hex`), unpacked once into
// the cache's builds-v1/sdists/<sha256>/ and shared by every later use.
Result<std::filesystem::path> unpacked_sdist(const std::filesystem::path& archive,
                                             const std::string& sha256_hex,
                                             const cache::Cache& cache);

// The core metadata (METADATA text) of the source tree at `tree`, from its backend
// (prepare_metadata_for_build_wheel, or PEP 517's fallback: a build) in a build environment.
// Cached under what uv's default `cache-keys` watch: the tree's path and its pyproject.toml,
// setup.py and setup.cfg; a change elsewhere in the tree that changes the metadata (a version
// file read by the backend) needs one of those touched.
Result<std::string> build_metadata(const std::filesystem::path& tree, const BuildTools& tools);

// build_metadata's answer if it is cached; nullopt otherwise. Starts nothing.
Result<std::optional<std::string>> cached_metadata(const std::filesystem::path& tree,
                                                   const cache::Cache& cache);

}  // namespace roost::project
