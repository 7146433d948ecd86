// Version ranges: unions of intervals over the PEP 440 total order, exact at the boundaries the
// specifier rules create (packaging's _ranges.py), with set algebra for the resolver.
#include "pep440/ranges.h"

#include <algorithm>

#include "pep440/bounds.h"
#include "pep440/scan.h"

namespace roost::pep440 {
namespace {

using detail::canonical_point;
using detail::min_version;

// Orders lower bounds by where they start: -inf first; at one version, inclusive first.
int compare_lower(const Bound& a, const Bound& b) {
  if (!a.version || !b.version) return (a.version ? 1 : 0) - (b.version ? 1 : 0);
  auto c = *a.version <=> *b.version;
  if (c != 0) return c < 0 ? -1 : 1;
  return (a.inclusive ? 0 : 1) - (b.inclusive ? 0 : 1);
}

// Orders upper bounds by where they end: +inf last; at one version, exclusive first.
int compare_upper(const Bound& a, const Bound& b) {
  if (!a.version || !b.version) return (a.version ? 0 : 1) - (b.version ? 0 : 1);
  auto c = *a.version <=> *b.version;
  if (c != 0) return c < 0 ? -1 : 1;
  return (a.inclusive ? 1 : 0) - (b.inclusive ? 1 : 0);
}

bool above_lower(const Version& v, const Bound& lower) {
  if (!lower.version) return true;
  return lower.inclusive ? v >= *lower.version : v > *lower.version;
}

bool below_upper(const Version& v, const Bound& upper) {
  if (!upper.version) return true;
  return upper.inclusive ? v <= *upper.version : v < *upper.version;
}

// Canonical bounds. A sentinel becomes the real version right after it (nothing lies in between,
// so "> s" is ">= that version" and "< s" is "< that version"); largest_of(final) stays, always
// exclusive since it is no version itself. ">=0.dev0" is -inf: nothing sorts lower.
Bound canonical_lower(Bound b) {
  if (!b.version) return b;
  if (b.version->is_sentinel()) {
    Version p = canonical_point(*b.version);
    b.inclusive = !p.is_sentinel();
    b.version = std::move(p);
  }
  if (b.inclusive && *b.version == min_version()) b.version.reset();
  return b;
}

Bound canonical_upper(Bound b) {
  if (!b.version) return b;
  if (b.version->is_sentinel()) {
    b.version = canonical_point(*b.version);
    b.inclusive = false;
  }
  return b;
}

// Whether no version lies in the interval. -inf starts at 0.dev0, the smallest version;
// between two distinct canonical bounds there always is one (local labels are dense).
bool empty_between(const Bound& lower, const Bound& upper) {
  if (!upper.version) return false;
  const Version& lo = lower.version ? *lower.version : min_version();
  bool lo_inclusive = lower.version ? lower.inclusive : true;
  auto c = lo <=> *upper.version;
  if (c > 0) return true;
  if (c < 0) return false;
  return !(lo_inclusive && upper.inclusive && !lo.is_sentinel());
}

bool empty_interval(const Interval& iv) {
  return empty_between(iv.lower, iv.upper);
}

// Whether the two sorted interval lists overlap anywhere: intersect's sweep without building
// the result (the resolver asks this far more often than it needs the intersection).
bool overlaps(const std::vector<Interval>& x, const std::vector<Interval>& y) {
  size_t i = 0, j = 0;
  while (i < x.size() && j < y.size()) {
    const Interval& a = x[i];
    const Interval& b = y[j];
    const Bound& lower = compare_lower(a.lower, b.lower) >= 0 ? a.lower : b.lower;
    const bool a_ends_first = compare_upper(a.upper, b.upper) < 0;
    const Bound& upper = a_ends_first ? a.upper : b.upper;
    if (!empty_between(lower, upper)) return true;
    if (a_ends_first) {
      ++i;
    } else {
      ++j;
    }
  }
  return false;
}

// Whether an interval ending at `upper` and one starting at `lower` leave no version between.
bool touches(const Bound& upper, const Bound& lower) {
  if (!upper.version || !lower.version) return true;
  auto c = *upper.version <=> *lower.version;
  if (c != 0) return c > 0;
  return upper.inclusive || lower.inclusive || upper.version->is_sentinel();
}

Bound flip(const Bound& b) {
  Bound f = b;
  f.inclusive = !b.inclusive && !(b.version && b.version->is_sentinel());
  return f;
}

// The version before `w` in the sense that "<=v" ends right before w: w = next public after v.
std::optional<Version> previous_public(const Version& w) {
  if (w.is_sentinel() || w.has_local()) return std::nullopt;
  VersionParts parts = w.parts();
  if (!parts.dev) return std::nullopt;
  if (*parts.dev > 0) {
    --*parts.dev;
  } else if (parts.post) {
    parts.dev.reset();
    if (*parts.post > 0) {
      --*parts.post;
    } else {
      parts.post.reset();
    }
  } else {
    return std::nullopt;
  }
  return Version::from_parts(std::move(parts));
}

// ">V" for V a pre-release without post/dev ends its posts at the next pre's ".dev0": w = that.
std::optional<Version> pre_with_posts_before(const Version& w) {
  if (w.is_sentinel() || w.has_local() || w.post() || w.dev() != 0) return std::nullopt;
  auto pre = w.pre();
  if (!pre || pre->number == 0) return std::nullopt;
  VersionParts parts = w.parts();
  parts.pre->number -= 1;
  parts.dev.reset();
  return Version::from_parts(std::move(parts));
}

std::optional<std::string> lower_clause(const Bound& b) {
  if (!b.version) return std::string();
  const Version& w = *b.version;
  if (w.is_sentinel()) {  // largest_of(final X): ">X"
    VersionParts parts = w.parts();
    return ">" + Version::from_parts(std::move(parts)).to_string();
  }
  if (!b.inclusive) return std::nullopt;
  if (auto v = previous_public(w); v && (v->post() || v->dev())) return ">" + v->to_string();
  if (auto v = pre_with_posts_before(w)) return ">" + v->to_string();
  return ">=" + w.to_string();
}

std::optional<std::string> upper_clause(const Bound& b) {
  if (!b.version) return std::string();
  const Version& w = *b.version;
  if (w.is_sentinel() || b.inclusive || w.has_local()) return std::nullopt;
  if (auto v = previous_public(w)) return "<=" + v->to_string();
  if (w.dev() == 0 && !w.pre()) {
    VersionParts parts = w.parts();
    parts.dev.reset();
    return "<" + Version::from_parts(std::move(parts)).to_string();
  }
  if (w.is_prerelease()) return "<" + w.to_string();
  return std::nullopt;
}

std::string release_text(const Version& v) {
  std::string out = v.epoch() ? std::to_string(v.epoch()) + "!" : std::string();
  auto release = v.release();
  for (size_t i = 0; i < release.size(); ++i) {
    if (i) out += '.';
    out += std::to_string(release[i]);
  }
  return out;
}

// The != clause whose excluded set is exactly the gap between two consecutive intervals.
std::optional<std::string> hole_clause(const Bound& upper, const Bound& lower) {
  if (!upper.version || !lower.version) return std::nullopt;
  const Version& u = *upper.version;
  const Version& l = *lower.version;
  if (u.is_sentinel() || l.is_sentinel()) return std::nullopt;
  if (!upper.inclusive && !lower.inclusive && u == l && u.has_local()) {
    return "!=" + u.to_string();  // one local version
  }
  if (upper.inclusive || !lower.inclusive || u.has_local()) return std::nullopt;
  if (auto p = previous_public(l); p && *p == u) return "!=" + u.to_string();  // u and its locals
  if (u.dev() == 0 && !u.pre() && !u.post()) {  // a prefix: [X.dev0, next prefix.dev0)
    auto next = detail::next_prefix_dev0(u.epoch(), u.release());
    if (next && *next == l) return "!=" + release_text(u) + ".*";
  }
  return std::nullopt;
}

std::string render_single(const Interval& iv) {
  if (iv.lower.version && iv.upper.version && iv.lower.inclusive && !iv.upper.inclusive &&
      !iv.lower.version->has_local()) {
    auto v = previous_public(*iv.upper.version);
    if (v && *v == *iv.lower.version) return "==" + iv.lower.version->to_string();
  }
  if (iv.lower.version && iv.upper.version && *iv.lower.version == *iv.upper.version &&
      iv.lower.version->has_local()) {
    return "==" + iv.lower.version->to_string();
  }
  auto lo = lower_clause(iv.lower);
  auto hi = upper_clause(iv.upper);
  if (lo && hi) {
    if (lo->empty() && hi->empty()) return "*";
    if (lo->empty()) return *hi;
    if (hi->empty()) return *lo;
    return *lo + ", " + *hi;
  }
  std::string out = iv.lower.version ? (iv.lower.inclusive ? "[" : "(") : "(";
  out += iv.lower.version ? iv.lower.version->to_string() : "-inf";
  out += ", ";
  out += iv.upper.version ? iv.upper.version->to_string() : "+inf";
  out += iv.upper.version && iv.upper.inclusive ? "]" : ")";
  return out;
}

// Renders intervals [first, last] as one run of clauses when the gaps between them are != holes
// and the outer bounds are expressible: ">=1.0, !=1.5, <2.0".
std::optional<std::string> render_run(const std::vector<Interval>& ivs, size_t first, size_t last) {
  auto lo = lower_clause(ivs[first].lower);
  auto hi = upper_clause(ivs[last].upper);
  if (!lo || !hi) return std::nullopt;
  std::vector<std::string> clauses;
  if (!lo->empty()) clauses.push_back(*lo);
  for (size_t i = first; i < last; ++i) {
    clauses.push_back(*hole_clause(ivs[i].upper, ivs[i + 1].lower));
  }
  if (!hi->empty()) clauses.push_back(*hi);
  std::string out;
  for (const std::string& c : clauses) out += (out.empty() ? "" : ", ") + c;
  return out;
}

}  // namespace

VersionRanges VersionRanges::normalized(std::vector<Interval> intervals) {
  std::vector<Interval> live;
  live.reserve(intervals.size());
  for (Interval& iv : intervals) {
    iv.lower = canonical_lower(std::move(iv.lower));
    iv.upper = canonical_upper(std::move(iv.upper));
    if (!empty_interval(iv)) live.push_back(std::move(iv));
  }
  std::sort(live.begin(), live.end(), [](const Interval& a, const Interval& b) {
    return compare_lower(a.lower, b.lower) < 0;
  });
  VersionRanges out;
  for (Interval& iv : live) {
    if (!out.intervals_.empty() && touches(out.intervals_.back().upper, iv.lower)) {
      Bound& upper = out.intervals_.back().upper;
      if (compare_upper(iv.upper, upper) > 0) upper = std::move(iv.upper);
    } else {
      out.intervals_.push_back(std::move(iv));
    }
  }
  return out;
}

VersionRanges VersionRanges::full() {
  return normalized({Interval{}});
}
VersionRanges VersionRanges::empty() {
  return VersionRanges();
}

VersionRanges VersionRanges::exactly(const Version& v) {
  return normalized({Interval{{v, true}, {v, true}}});
}
VersionRanges VersionRanges::at_least(const Version& v) {
  return normalized({Interval{{v, true}, {}}});
}
VersionRanges VersionRanges::higher_than(const Version& v) {
  return normalized({Interval{{v, false}, {}}});
}
VersionRanges VersionRanges::at_most(const Version& v) {
  return normalized({Interval{{}, {v, true}}});
}
VersionRanges VersionRanges::lower_than(const Version& v) {
  return normalized({Interval{{}, {v, false}}});
}

VersionRanges VersionRanges::from(const Specifier& spec) {
  if (spec.op() == Operator::kArbitrary) {
    auto v = Version::parse(spec.version_text());
    if (v && detail::iequals(v->to_string(), spec.version_text())) return exactly(*v);
    return empty();
  }
  auto b = detail::clause_bounds(spec.op(), spec.version());
  VersionRanges inside = normalized(
      {Interval{{std::move(b.lower), b.lower_inclusive}, {std::move(b.upper), b.upper_inclusive}}});
  return b.negate ? inside.complement() : inside;
}

VersionRanges VersionRanges::from(const SpecifierSet& set) {
  VersionRanges out = full();
  for (const Specifier& spec : set.clauses()) {
    out = out.intersect(from(spec));
    if (out.is_empty()) break;
  }
  return out;
}

bool VersionRanges::is_empty() const {
  return intervals_.empty();
}

bool VersionRanges::is_full() const {
  return intervals_.size() == 1 && !intervals_[0].lower.version && !intervals_[0].upper.version;
}

bool VersionRanges::contains(const Version& v) const {
  // The first interval that does not end below v is the only one that can hold it.
  auto it = std::partition_point(intervals_.begin(), intervals_.end(),
                                 [&](const Interval& iv) { return !below_upper(v, iv.upper); });
  return it != intervals_.end() && above_lower(v, it->lower);
}

bool VersionRanges::has_final_release() const {
  for (const Interval& iv : intervals_) {
    if (!iv.lower.version) {
      if (below_upper(Version::from_release({0}), iv.upper)) return true;
      continue;
    }
    const Version& lo = *iv.lower.version;
    // Right above a sentinel, and right above a final release (its local versions), there are
    // final releases as close as one likes; the interval is not empty, so it holds some.
    if (lo.is_sentinel() || (!lo.is_prerelease() && !iv.lower.inclusive)) return true;
    if (!lo.is_prerelease()) return true;  // inclusive: lo itself
    // The first final release above a pre-release: its release (1.0a1 -> 1.0), or for a dev
    // release of a post, that post (1.0.post1.dev1 -> 1.0.post1).
    VersionParts parts = lo.parts();
    parts.local.clear();
    parts.dev.reset();
    if (parts.pre) {
      parts.pre.reset();
      parts.post.reset();
    }
    if (below_upper(Version::from_parts(std::move(parts)), iv.upper)) return true;
  }
  return false;
}

std::optional<Version> VersionRanges::as_singleton() const {
  if (intervals_.size() != 1) return std::nullopt;
  const Interval& iv = intervals_[0];
  if (!iv.lower.version || !iv.upper.version || !iv.lower.inclusive || !iv.upper.inclusive) {
    return std::nullopt;
  }
  if (*iv.lower.version != *iv.upper.version || iv.lower.version->is_sentinel()) {
    return std::nullopt;
  }
  return *iv.lower.version;
}

VersionRanges VersionRanges::intersect(const VersionRanges& other) const {
  std::vector<Interval> out;
  size_t i = 0, j = 0;
  while (i < intervals_.size() && j < other.intervals_.size()) {
    const Interval& a = intervals_[i];
    const Interval& b = other.intervals_[j];
    Interval iv{compare_lower(a.lower, b.lower) >= 0 ? a.lower : b.lower,
                compare_upper(a.upper, b.upper) <= 0 ? a.upper : b.upper};
    if (!empty_interval(iv)) out.push_back(std::move(iv));
    if (compare_upper(a.upper, b.upper) < 0) {
      ++i;
    } else {
      ++j;
    }
  }
  return normalized(std::move(out));
}

VersionRanges VersionRanges::union_with(const VersionRanges& other) const {
  std::vector<Interval> all = intervals_;
  all.insert(all.end(), other.intervals_.begin(), other.intervals_.end());
  return normalized(std::move(all));
}

VersionRanges VersionRanges::complement() const {
  std::vector<Interval> out;
  Bound start;  // -inf
  bool open = true;
  for (const Interval& iv : intervals_) {
    if (iv.lower.version) out.push_back(Interval{start, flip(iv.lower)});
    open = iv.upper.version.has_value();
    if (open) start = flip(iv.upper);
  }
  if (open) out.push_back(Interval{start, Bound{}});
  return normalized(std::move(out));
}

bool VersionRanges::is_disjoint(const VersionRanges& other) const {
  return !overlaps(intervals_, other.intervals_);
}

bool VersionRanges::is_subset_of(const VersionRanges& other) const {
  // Each of our intervals must lie inside one of other's (they are disjoint and non-adjacent, so
  // an interval inside their union lies inside one of them).
  size_t j = 0;
  for (const Interval& a : intervals_) {
    // Skip other's intervals that end before `a` starts.
    while (j < other.intervals_.size() && empty_between(a.lower, other.intervals_[j].upper)) ++j;
    if (j == other.intervals_.size()) return false;
    const Interval& b = other.intervals_[j];
    if (compare_lower(b.lower, a.lower) > 0 || compare_upper(b.upper, a.upper) < 0) return false;
  }
  return true;
}

const std::vector<Interval>& VersionRanges::intervals() const {
  return intervals_;
}

std::string VersionRanges::to_string() const {
  if (intervals_.empty()) return "<empty>";
  std::string out;
  size_t i = 0;
  while (i < intervals_.size()) {
    size_t last = i;
    while (last + 1 < intervals_.size() &&
           hole_clause(intervals_[last].upper, intervals_[last + 1].lower)) {
      ++last;
    }
    if (!out.empty()) out += " | ";
    std::optional<std::string> run;
    if (last > i) run = render_run(intervals_, i, last);
    if (run) {
      out += *run;
      i = last + 1;
    } else {
      out += render_single(intervals_[i]);
      ++i;
    }
  }
  return out;
}

bool operator==(const VersionRanges& a, const VersionRanges& b) {
  return a.intervals_ == b.intervals_;
}

}  // namespace roost::pep440
