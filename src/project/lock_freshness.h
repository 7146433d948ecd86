// Whether uv.lock still satisfies the workspace without resolving again: uv's "satisfies" tier
// (../shared/reference/uv.md §3.1; uv-resolver `Lock::satisfies`), plus the checks of its
// "versions-only" tier (requires-python, supported and required environments, conflicts), all
// without network.
//
//   ROOST_TRY(LoweredWorkspace lowered, lower_workspace(ws));
//   ROOST_TRY(lock::Lockfile lock, lock::read_lock(ws.root / "uv.lock"));
//   Freshness f = check_lock_freshness(lowered, lock, configured_index_urls);
//   if (!f.satisfied) fail("The lockfile at `uv.lock` needs to be updated: " + f.reason);
//
// What is compared, in uv's order: the manifest's members; each member's virtual / editable
// status (and, beyond uv, its path); the manifest's requirements, constraints, overrides,
// build constraints, excludes, dependency groups and dependency metadata; then, walking the
// lock from the members through mutable packages (uv does not look past registry or git
// packages): each registry package's index is still configured (when `index_urls` is given;
// indexes pinned by a requirement count as configured), and each member's version, extras,
// requires-dist and dependency groups equal `[package.metadata]`. Requirements are compared as
// uv compares them: as sets, extras sorted, markers simplified under the lock's requires-python
// and compared as functions, specifiers as version-sorted lists.
//
// What it means: uv compares the *declared* requirements with what was declared when the lock was
// written. So any edit of a requirement, a loosened one included, makes the lock stale (uv
// re-resolves, keeps the locked versions it can, and rewrites [package.metadata]); what never
// makes it stale is the outside world: new releases on an index (the lock is not re-checked
// against them).
//
// Not checked here: packages whose metadata uv gets from a build (members with dynamic
// `dependencies` / `optional-dependencies`, path dependencies outside the workspace, direct
// URLs): they are listed in `unverified`, and the caller decides (uv would build them).
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lock/lockfile.h"
#include "project/lowering.h"

namespace roost::project {

struct Freshness {
  bool satisfied = true;
  std::string reason;                   // the first difference found, when not satisfied
  std::vector<std::string> unverified;  // package names whose metadata needs a build
};

// The cached built METADATA of a source tree, or nullopt (source_builds.h cached_metadata).
using MetadataLookup =
    std::function<Result<std::optional<std::string>>(const std::filesystem::path& tree)>;

// `index_urls`: every configured index URL (e.g. from index_settings); empty: not checked.
// `built`: where a path dependency with dynamic metadata finds its last build's answer, so it
// is checked like a static one; without it (or a cached answer) it is unverified.
Freshness check_lock_freshness(const LoweredWorkspace& workspace, const lock::Lockfile& lock,
                               const std::vector<std::string>& index_urls = {},
                               const MetadataLookup& built = nullptr);

}  // namespace roost::project
