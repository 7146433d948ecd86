// `roost lock` as a use case: keep uv.lock when it still satisfies the workspace (uv's staleness
// rules, lock_freshness.h), otherwise resolve again preferring the locked versions, and replace
// the file atomically only when its bytes change. The CLI prints the report.
//
//   ROOST_TRY(LockReport r, lock_workspace(ws, &source, request));
//   if (r.stale) exit(1);  // --locked / --check
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "lock/lockfile.h"
#include "project/exclude_newer_settings.h"
#include "project/lock_freshness.h"
#include "project/source_packages.h"
#include "resolve/python/model.h"
#include "resolve/python/package_source.h"
#include "workspace/workspace.h"

namespace roost::project {

enum class LockMode {
  kWrite,   // resolve if needed and write uv.lock
  kCheck,   // --locked / --check: a lock that needs to change is an error (exit 1)
  kFrozen,  // --frozen: use the lock as it is; only its presence is checked
  kDryRun,  // resolve if needed, report the changes, write nothing
};

struct LockRequest {
  LockMode mode = LockMode::kWrite;
  resolve::python::ResolveOptions resolve;  // prerelease / resolution / upgrade; python is set here
  std::vector<std::string> index_urls;      // configured indexes (a lock from others is stale)
  // Parse the existing lock whole and hand the lock in force back in LockReport::lock: what
  // `roost sync` installs from, so it does not read uv.lock a second time.
  bool want_lock = false;
  // The cached built METADATA of a source tree (source_builds.h cached_metadata), or nullopt:
  // lets the freshness check compare members with dynamic requirements without a build.
  MetadataLookup cached_metadata;
  // The exclude-newer rules (exclude_newer_settings.h), and the time a span counts back from
  // (0: the clock's).
  resolve::python::ExcludeNewer exclude_newer;
  int64_t now_ms = 0;
};

struct LockChange {
  std::string name;
  std::string before;  // empty: added
  std::string after;   // empty: removed
};

struct LockReport {
  size_t packages = 0;    // in the lock (the one kept or the one made)
  bool resolved = false;  // false: the existing lock still satisfied the workspace
  bool changed = false;   // the new text differs from the file on disk
  bool written = false;
  bool stale = false;  // kCheck: the lock needs to be updated
  std::string stale_reason;
  std::vector<LockChange> changes;  // by name
  resolve::python::ResolveStats stats;
  std::string text;  // the lock's text (kDryRun and kWrite)
  std::vector<std::string> warnings;
  std::vector<std::string> notes;      // said before the result (uv's "Resolving despite ...")
  std::optional<lock::Lockfile> lock;  // with want_lock: the lock kept or written
};

// The workspace's Python range when no member declares one.
inline constexpr std::string_view kDefaultRequiresPython = ">=3.10";

// What a resolution reads from. Opening it (the cache, the network stack) is left until the
// existing lock turns out not to do, so a no-change `roost lock` or `--check` never pays for it.
struct ResolveSources {
  resolve::python::PackageSource* packages = nullptr;  // owned by the caller
  SourceFetch fetch;  // git and URL sources (the existing lock's commits are added here)
};
using OpenSources = std::function<Result<ResolveSources>()>;

Result<LockReport> lock_workspace(const workspace::Workspace& ws, const OpenSources& open,
                                  const LockRequest& request);

}  // namespace roost::project
