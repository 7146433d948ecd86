// Where each PEP 440 operator puts its boundaries (internal). One source of truth for
// Specifier::contains and VersionRanges::from, following packaging's _ranges.py boundaries.
#pragma once

#include <optional>
#include <span>

#include "pep440/specifier.h"
#include "pep440/version.h"

namespace roost::pep440::detail {

// Access to the sentinel kinds Version keeps private.
struct VersionAccess {
  // A version without local label; allocates nothing when it packs.
  static Version make(uint64_t epoch, std::span<const uint64_t> release,
                      std::optional<PreRelease> pre, std::optional<uint64_t> post,
                      std::optional<uint64_t> dev) {
    return Version::build(epoch, release, pre, post, dev, {}, Version::kReal);
  }
  // Sorts after the public version of v and all its local versions, before anything else.
  static Version after_locals(const Version& v);
  static bool is_min(const Version& v) { return v.sentinel_ == Version::kMin; }
  static bool is_after_locals(const Version& v) { return v.sentinel_ == Version::kAfterLocals; }
  static bool is_after_posts(const Version& v) { return v.sentinel_ == Version::kAfterPosts; }
};

// The smallest version of all: 0.dev0 (epoch 0).
const Version& min_version();

// v's release (and epoch) with ".dev0": the first version of that release, e.g. 1.2 -> 1.2.dev0.
Version release_dev0(uint64_t epoch, std::span<const uint64_t> release);
// v with its dev number set to 0 and no local label: 1.0.post1 -> 1.0.post1.dev0.
Version with_dev0(const Version& v);
// The first version after every version starting with `prefix`: 1.2 -> 1.3.dev0 (carrying
// over numbers at the 64-bit limit); nullopt when nothing sorts above.
std::optional<Version> next_prefix_dev0(uint64_t epoch, std::span<const uint64_t> prefix);

// The canonical form of a sentinel: the real version that immediately follows it when there is
// one (nothing lies between them, so "< sentinel" == "< that version"), else the sentinel itself
// (only largest_of(final release) has no real neighbour). Real versions come back unchanged.
Version canonical_point(const Version& v);

// The interval a clause matches (prereleases included); negate for != clauses, which match
// everything outside it. Bounds may be sentinels. Not for ===.
struct ClauseBounds {
  std::optional<Version> lower;
  bool lower_inclusive = false;
  std::optional<Version> upper;
  bool upper_inclusive = false;
  bool negate = false;
};
ClauseBounds clause_bounds(Operator op, const Version& v);

}  // namespace roost::pep440::detail
