// Packages a lock takes from somewhere other than a registry or the workspace: path sources
// (directories and editables with static metadata, local wheels), git repositories (the system
// git, pinned to a full commit) and archive URLs (wheels, downloaded once and hashed). Each is
// found from the workspace's requirements, and from theirs in turn, and read without a build:
// a source tree whose dependencies or version are dynamic, or an sdist, needs the PEP 517
// frontend and is refused with an error that says so.
//
//   ROOST_TRY(SourcedPackages sourced, gather_source_packages(lowered, fetch));
//   ROOST_TRY(ResolveInput in, resolve_input(lowered, sourced));
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "cache/cache.h"
#include "index/transport.h"
#include "lock/lockfile.h"
#include "project/lowering.h"

namespace roost::project {

struct SourcedPackage {
  // Name, version, requirements (lowered as uv reads them), and the lock's source: a git source
  // ends in `#<commit>`.
  LoweredPackage lowered;
  std::vector<lock::Distribution> wheels;  // archive sources: the one file and its hash
  bool writes_metadata = false;            // source trees: `[package.metadata]` in the lock
};

// Identifies what a requirement asked for: kind, location (git: without the commit) and
// subdirectory.
std::string source_key(lock::SourceKind kind, const std::string& location,
                       const std::string& subdirectory);

struct SourcedPackages {
  std::vector<SourcedPackage> packages;
  std::map<std::string, size_t> by_key;  // source_key -> index into packages

  const SourcedPackage* find(const LoweredRequirement& r) const;
};

struct SourceFetch {
  cache::Cache* cache = nullptr;          // git mirrors and downloaded archives (required)
  index::Transport* transport = nullptr;  // URL archives
  bool offline = false;
  // Commits an existing lock pinned, by git location without fragment: reused unless upgraded.
  std::map<std::string, std::string> locked_commits;
};

Result<SourcedPackages> gather_source_packages(const LoweredWorkspace& w, const SourceFetch& fetch);

// `location` of a lowered git requirement ("https://host/repo?subdirectory=a%2Fb&tag=v1") split
// into the repository, the subdirectory and the reference ("rev" / "tag" / "branch", value).
struct GitLocation {
  std::string repository;
  std::string subdirectory;
  std::string reference_kind;  // empty: the default branch
  std::string reference;
};
GitLocation parse_git_location(const std::string& location);

}  // namespace roost::project
