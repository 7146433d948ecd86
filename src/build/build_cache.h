// Built wheels in the cache (bucket kBuilds, "builds-v1/"): one directory per key holding the one
// wheel a build produced, so a later build of the same tree for the same kind and Python reads
// a directory instead of starting Python. Internal to build/ (frontend.h uses it).
//
//   std::string key = build_cache_key({.kind = "wheel", .source_hash = hex, ...});
//   if (auto wheel = find_cached_wheel(cache, key)) return place_wheel(*wheel, output_dir);
//   ROOST_TRY(fs::path stored, store_cached_wheel(cache, key, built));
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "cache/cache.h"

namespace roost::build {

struct BuildCacheKeyInputs {
  std::string kind;            // "wheel" | "editable"
  std::string source_hash;     // hash_source_tree()
  std::string python_version;  // the build environment's, e.g. "3.11.7"
  // Editable wheels name their source directory (a .pth or an import hook), so two copies of
  // one tree must not share them: set for kind "editable", empty otherwise.
  std::string source_dir;
  std::vector<std::pair<std::string, std::string>> config_settings;
};

// The key text, versioned ("roost-build-v1\n..."): every input on its own line.
std::string build_cache_key(const BuildCacheKeyInputs& inputs);

// The cached wheel for `key`: the one *.whl in its entry directory, or nullopt.
std::optional<std::filesystem::path> find_cached_wheel(const cache::Cache& cache,
                                                       const std::string& key);

// Copies (hardlinks when it can) `wheel` into a new entry for `key`, which appears whole
// (temporary directory + rename); when another process stored the key first, its entry wins.
// Returns the cached wheel's path.
Result<std::filesystem::path> store_cached_wheel(const cache::Cache& cache, const std::string& key,
                                                 const std::filesystem::path& wheel);

// `wheel` hardlinked (copied across file systems) to `output_dir`/<its name>, replacing a file
// already there. Returns the new path.
Result<std::filesystem::path> place_wheel(const std::filesystem::path& wheel,
                                          const std::filesystem::path& output_dir);

}  // namespace roost::build
