// Boundaries of PEP 440 clauses ("Version specifiers": exclusive ordered comparison, version
// matching, compatible release) and the canonical neighbours of sentinel versions.
#include "pep440/bounds.h"

#include <algorithm>
#include <vector>

namespace roost::pep440::detail {
namespace {

constexpr uint64_t kMax = UINT64_MAX;

Version make(uint64_t epoch, std::span<const uint64_t> release, std::optional<PreRelease> pre,
             std::optional<uint64_t> post, std::optional<uint64_t> dev) {
  return VersionAccess::make(epoch, release, pre, post, dev);
}

// The first real version after every post release of (epoch, release, pre); nullopt for a final
// release, whose post releases are followed by no particular version (1.0.0.0...1 has no end).
std::optional<Version> after_posts_point(uint64_t epoch, std::span<const uint64_t> release,
                                         std::optional<PreRelease> pre) {
  if (!pre) return std::nullopt;
  if (pre->number < kMax) {
    return make(epoch, release, PreRelease{pre->kind, pre->number + 1}, std::nullopt, 0);
  }
  switch (pre->kind) {
    case PreKind::kAlpha:
      return make(epoch, release, PreRelease{PreKind::kBeta, 0}, std::nullopt, 0);
    case PreKind::kBeta:
      return make(epoch, release, PreRelease{PreKind::kRc, 0}, std::nullopt, 0);
    case PreKind::kRc:
      return make(epoch, release, std::nullopt, std::nullopt, std::nullopt);
  }
  return std::nullopt;
}

}  // namespace

Version VersionAccess::after_locals(const Version& v) {
  return Version::build(v.epoch(), v.release(), v.pre(), v.post(), v.dev(), {},
                        Version::kAfterLocals);
}

const Version& min_version() {
  static constexpr uint64_t kZero[1] = {0};
  static const Version kMin = make(0, kZero, std::nullopt, std::nullopt, 0);
  return kMin;
}

Version release_dev0(uint64_t epoch, std::span<const uint64_t> release) {
  return make(epoch, release, std::nullopt, std::nullopt, 0);
}

Version with_dev0(const Version& v) { return make(v.epoch(), v.release(), v.pre(), v.post(), 0); }

std::optional<Version> next_prefix_dev0(uint64_t epoch, std::span<const uint64_t> prefix) {
  size_t n = prefix.size();
  while (n > 0 && prefix[n - 1] == kMax) --n;  // carry: 1.<max> -> 2
  if (n == 0) {
    if (epoch == kMax) return std::nullopt;
    static constexpr uint64_t kZero[1] = {0};
    return release_dev0(epoch + 1, kZero);
  }
  std::vector<uint64_t> long_release;
  uint64_t short_release[8];
  uint64_t* release = short_release;
  if (n > 8) {
    long_release.resize(n);
    release = long_release.data();
  }
  std::copy(prefix.begin(), prefix.begin() + static_cast<std::ptrdiff_t>(n), release);
  ++release[n - 1];
  return release_dev0(epoch, std::span<const uint64_t>(release, n));
}

Version canonical_point(const Version& v) {
  if (VersionAccess::is_min(v)) return release_dev0(v.epoch(), v.release());
  auto pre = v.pre();
  if (VersionAccess::is_after_posts(v)) {
    auto next = after_posts_point(v.epoch(), v.release(), pre);
    return next ? *next : v;
  }
  if (!VersionAccess::is_after_locals(v)) return v;
  // The next public version after v (v's local versions lie in between).
  auto post = v.post();
  if (auto dev = v.dev()) {
    if (*dev < kMax) return make(v.epoch(), v.release(), pre, post, *dev + 1);
    if (!pre && !post) {
      return make(v.epoch(), v.release(), PreRelease{PreKind::kAlpha, 0}, std::nullopt, 0);
    }
    return make(v.epoch(), v.release(), pre, post, std::nullopt);
  }
  if (!post) return make(v.epoch(), v.release(), pre, 0, 0);
  if (*post < kMax) return make(v.epoch(), v.release(), pre, *post + 1, 0);
  if (auto next = after_posts_point(v.epoch(), v.release(), pre)) return *next;
  return Version::largest_of(make(v.epoch(), v.release(), std::nullopt, std::nullopt,
                                  std::nullopt));
}

ClauseBounds clause_bounds(Operator op, const Version& v) {
  ClauseBounds b;
  auto release = v.release();
  switch (op) {
    case Operator::kCompatible:
      // ~=V is >=V together with ==prefix.*, the prefix being V's release without its last number.
      b.lower = v;
      b.lower_inclusive = true;
      b.upper = next_prefix_dev0(v.epoch(), release.first(release.size() - 1));
      break;
    case Operator::kNotEqualStar:
      b.negate = true;
      [[fallthrough]];
    case Operator::kEqualStar:
      b.lower = release_dev0(v.epoch(), release);
      b.lower_inclusive = true;
      b.upper = next_prefix_dev0(v.epoch(), release);
      break;
    case Operator::kNotEqual:
      b.negate = true;
      [[fallthrough]];
    case Operator::kEqual:
      b.lower = v;
      b.lower_inclusive = true;
      if (v.has_local()) {
        b.upper = v;
        b.upper_inclusive = true;
      } else {
        b.upper = VersionAccess::after_locals(v);  // a candidate's local label is ignored
      }
      break;
    case Operator::kLessEqual:
      b.upper = VersionAccess::after_locals(v);
      break;
    case Operator::kGreaterEqual:
      b.lower = v;
      b.lower_inclusive = true;
      break;
    case Operator::kLess:
      // <V excludes V's own pre-releases unless V is one; V.dev0 is the first of them.
      b.upper = v.is_prerelease() ? v : with_dev0(v);
      break;
    case Operator::kGreater:
      // >V excludes V's local versions and, unless V is a post or dev release, its posts.
      b.lower = Version::largest_of(v);
      break;
    case Operator::kArbitrary:
      break;
  }
  return b;
}

}  // namespace roost::pep440::detail
