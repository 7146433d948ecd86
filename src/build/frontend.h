// The PEP 517 / PEP 660 build frontend: asks a source tree's build backend, running in a
// prepared build environment, for its extra build requirements, its metadata, a wheel or an
// editable wheel. Each hook runs in its own Python process through the shim (hook_shim.h);
// wheels are cached (build_cache.h) by the tree's content, so an unchanged tree is not built
// twice. Preparing the build environment is the caller's job: resolve and install
// build_requirements() (then extra_build_requirements()) into a venv, and pass its python.
//
//   BuildRequest r{.source_dir = member_dir, .kind = BuildKind::kEditable,
//                  .python = build_env / "bin/python", .python_version = "3.11.7",
//                  .output_dir = scratch, .cache = &cache, .timeout_ms = 600000};
//   ROOST_TRY(std::vector<std::string> more, extra_build_requirements(r));  // install these too
//   ROOST_TRY(BuildResult built, build_wheel(r));
//   ROOST_TRY(install::UnpackedWheel w, install::unpack_wheel(built.wheel, archive_dir));
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "build/hook_runner.h"
#include "cache/cache.h"
#include "pyproject/pyproject.h"

namespace roost::build {

enum class BuildKind { kWheel, kEditable };

// The backend a source tree names, with PEP 517's defaults.
struct BuildBackend {
  std::string name;               // "hatchling.build", "setuptools.build_meta:__legacy__", ...
  std::vector<std::string> path;  // [build-system].backend-path, relative to the tree, as written
};

// [build-system].build-backend and backend-path; with no [build-system] (or no pyproject.toml:
// nullptr), or no build-backend in it, PEP 517's fallback `setuptools.build_meta:__legacy__`.
BuildBackend build_backend(const pyproject::PyProject* pyproject);

// [build-system].requires, as PEP 508 strings; with no [build-system] table, PEP 517's default
// `setuptools>=40.8.0` (for the legacy setuptools backend).
Result<std::vector<std::string>> build_requirements(const pyproject::PyProject& pyproject);

struct BuildRequest {
  std::filesystem::path source_dir;  // absolute; the hooks' working directory
  BuildKind kind = BuildKind::kWheel;
  // The build environment's interpreter: a venv holding the build requirements.
  std::filesystem::path python;
  // The build environment's Python version ("3.11.7"): part of the cache key. Required with a
  // cache (roost does not start Python to learn it).
  std::string python_version;
  // Where the wheel lands (created if missing); scratch directories are made inside it and
  // removed. Absolute.
  std::filesystem::path output_dir;
  ConfigSettings config_settings;       // PEP 517 config_settings
  int timeout_ms = 0;                   // per hook; 0: none
  const cache::Cache* cache = nullptr;  // Bucket::kBuilds; null: always build
  // NAME=VALUE added to the backend's environment (the caller reads the real environment).
  std::vector<std::string> env_overrides;
  std::atomic<int>* python_runs = nullptr;  // incremented per Python started (tests, benchmarks)
};

struct BuildResult {
  std::filesystem::path wheel;  // in output_dir
  bool from_cache = false;      // no Python ran
  std::string output;           // what the backend printed (empty from the cache)
};

// get_requires_for_build_wheel / _editable: requirements the backend needs beyond
// [build-system].requires (e.g. setuptools' `wheel` for old versions). A missing hook is [].
Result<std::vector<std::string>> extra_build_requirements(const BuildRequest& request);

// prepare_metadata_for_build_wheel / _editable (or PEP 517's fallback: a build, then the
// wheel's .dist-info): the METADATA text. Not cached.
Result<std::string> prepare_metadata(const BuildRequest& request);

// build_wheel / build_editable. PEP 660: a backend without build_editable is an error, never a
// regular wheel in disguise. A backend that fails: kSubprocess,
//   Failed to build `<name> @ <source_dir>`: the build backend returned an error
//   <its last 50 lines of output>
// (other failures, e.g. an unimportable backend or a timeout, say so in place of "returned an
// error"). With a cache: a hit is linked into output_dir without starting Python; a miss
// builds and stores the wheel under the tree's content hash (source_hash.h), the kind, the
// Python version, config_settings and, for editables, the tree's path.
Result<BuildResult> build_wheel(const BuildRequest& request);

// The wheel build_wheel would take from the cache for this request, placed in output_dir,
// without starting Python (`python` may be empty); nullopt on a miss or without a cache. Lets a
// caller skip preparing a build environment for a tree that was built before.
Result<std::optional<BuildResult>> find_built_wheel(const BuildRequest& request);

}  // namespace roost::build
