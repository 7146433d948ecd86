// Packages a lock takes from somewhere other than a registry or the workspace: path sources
// (directories and editables with static metadata, local wheels), git repositories (the system
// git, pinned to a full commit) and archive URLs (wheels, downloaded once and hashed). Each is
// found from the workspace's requirements, and from theirs in turn. Static metadata is read
// without a build (a wheel's METADATA, a pyproject, an sdist's PKG-INFO when PEP 643 makes it
// reliable); anything else is asked of the tree's backend (SourceFetch::built_metadata).
//
//   ROOST_TRY(SourcedPackages sourced, gather_source_packages(lowered, fetch));
//   ROOST_TRY(ResolveInput in, resolve_input(lowered, sourced));
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "cache/cache.h"
#include "index/project_page.h"
#include "index/transport.h"
#include "lock/lockfile.h"
#include "project/lowering.h"

namespace roost::project {

struct SourcedPackage {
  // Name, version, requirements (lowered as uv reads them), and the lock's source: a git source
  // ends in `#<commit>`.
  LoweredPackage lowered;
  std::vector<lock::Distribution> wheels;   // wheel archive sources: the one file and its hash
  std::optional<lock::Distribution> sdist;  // sdist archive sources: its hash
  bool writes_metadata = false;             // source trees: `[package.metadata]` in the lock
};

struct SourcedPackages {
  std::vector<SourcedPackage> packages;
  // "<kind> <location> <subdirectory>" (git: without the commit) -> index into packages
  std::map<std::string, size_t> by_key;

  // The package a requirement asked for: an index into `packages`.
  std::optional<size_t> index_of(const LoweredRequirement& r) const;
};

struct SourceFetch {
  cache::Cache* cache = nullptr;          // git mirrors and downloaded archives (required)
  index::Transport* transport = nullptr;  // URL archives
  bool offline = false;
  // Commits an existing lock pinned, by git location without fragment: reused unless upgraded.
  std::map<std::string, std::string> locked_commits;
  // SHA-256 (hex) an existing lock recorded for a URL archive, by URL: the cached copy is used
  // (offline too) and a download must match it.
  std::map<std::string, std::string> locked_hashes;
  // The METADATA text of a source tree whose version or requirements are dynamic, from its
  // build backend (source_builds.h build_metadata); null: such trees are refused ("needs a PEP
  // 517 build"). Set by the caller, which finds an interpreter only when it is first called.
  std::function<Result<std::string>(const std::filesystem::path& tree)> built_metadata;
};

// Core metadata (METADATA text) as the requirements uv lowers from a wheel or a build: plain
// PEP 508, no sources. `what` names the package in errors.
Result<LoweredPackage> lowered_from_metadata(const std::string& text, const std::string& what);

// The metadata of a registry sdist the index serves none for: the archive downloaded (and
// verified) into the cache and unpacked once, then its PKG-INFO when PEP 643 makes it
// reliable, else fetch.built_metadata's answer (kUsage "needs a PEP 517 build" without one).
Result<std::string> registry_sdist_metadata(const index::DistributionFile& sdist,
                                            const SourceFetch& fetch);

Result<SourcedPackages> gather_source_packages(const LoweredWorkspace& w, const SourceFetch& fetch);

}  // namespace roost::project
