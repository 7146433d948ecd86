// Cached environments: a venv in the cache holding a set of requirements, resolved for the
// project's interpreter from the project's indexes, installed once and reused by every later
// use of the same pins. Build environments (PEP 517's "isolated build environment") hold a
// source tree's build requirements; `roost run --with` overlays (overlay_environment.h) hold
// the extra requirements.
//
//   BuildTools tools{.interpreter = &py, .client = &client, .fetch = fetch};
//   ROOST_TRY(CachedEnvironment env, build_environment({"hatchling>=1.24"}, tools));
//   request.python = env.python;
//
// A build requirement with no wheel that fits is built from its sdist, in a build environment of
// its own; a requirement that needs itself on the way (a cycle) is an error naming the chain.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "cache/cache.h"
#include "index/index_client.h"
#include "pep508/requirement.h"
#include "project/source_packages.h"
#include "python/interpreter.h"

namespace roost::project {

// What building needs beyond the source: the interpreter to build for, where build requirements
// come from, and the cache that keeps build environments and built wheels.
struct BuildTools {
  // The project environment's interpreter; build environments are venvs of its base.
  const python::Interpreter* interpreter = nullptr;
  index::IndexClient* client = nullptr;    // resolves and downloads build requirements
  SourceFetch fetch;                       // the cache is required
  std::string roost_version;               // written into the build venvs' pyvenv.cfg
  int timeout_ms = 0;                      // per build hook; 0: none
  std::vector<std::string> env_overrides;  // NAME=VALUE for the backend's environment
  // `[tool.uv] build-constraint-dependencies`: versions build requirements must keep to.
  std::vector<pep508::Requirement> build_constraints;
  // `[tool.uv] config-settings`: PEP 517 config_settings for every build.
  std::vector<std::pair<std::string, std::string>> config_settings;
  // Build requirements being built from sdists further up (outermost first): how a cycle is
  // found.
  std::vector<std::string> building;
};

struct CachedEnvironment {
  std::filesystem::path root;
  std::filesystem::path python;   // root/bin/python
  std::vector<std::string> pins;  // "name==version", sorted: what it holds
  bool created = false;           // false: an existing one was reused
};

struct CachedEnvironmentSpec {
  std::vector<std::string> requirements;  // PEP 508 strings
  cache::Bucket bucket = cache::Bucket::kBuildEnvs;
  std::string key_extra;  // what else tells two environments with the same pins apart
};

// The environment holding `spec.requirements`: resolved for the tools' interpreter (markers,
// Python version, wheel tags), kept in the spec's bucket by the interpreter, the pins and
// key_extra, created under a file lock and marked ready only once complete, so an interrupted
// run leaves nothing a later one would trust. Errors: the resolver's (with the requirements
// named) and the installer's, with "while preparing the environment <path>".
Result<CachedEnvironment> cached_environment(const CachedEnvironmentSpec& spec,
                                             const BuildTools& tools);

// A build environment: `requirements` in build-envs-v1/.
inline Result<CachedEnvironment> build_environment(const std::vector<std::string>& requirements,
                                                   const BuildTools& tools) {
  return cached_environment({requirements, cache::Bucket::kBuildEnvs, ""}, tools);
}

}  // namespace roost::project
