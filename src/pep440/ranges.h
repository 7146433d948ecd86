// Version ranges: a sorted union of disjoint intervals over the PEP 440 total order. This is the
// form the resolver works in, and what marker algebra uses for version-valued variables.
//
//   ROOST_TRY(auto set, SpecifierSet::parse(">1.0,<1.0.post0.dev0"));
//   VersionRanges::from(set).is_empty();  // true: PEP 440's exclusions leave nothing
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pep440/specifier.h"
#include "pep440/version.h"

namespace roost::pep440 {

// One end of an interval. An absent version means unbounded (-inf for a lower bound, +inf for an
// upper bound). Bounds may hold sentinel versions (Version::smallest_of / largest_of).
struct Bound {
  std::optional<Version> version;
  bool inclusive = false;
  friend bool operator==(const Bound&, const Bound&) = default;
};

struct Interval {
  Bound lower;
  Bound upper;
  friend bool operator==(const Interval&, const Interval&) = default;
};

class VersionRanges {
 public:
  static VersionRanges full();
  static VersionRanges empty();
  static VersionRanges exactly(const Version& v);
  static VersionRanges at_least(const Version& v);    // >= v
  static VersionRanges higher_than(const Version& v); // > v (plain order, no PEP 440 exclusions)
  static VersionRanges at_most(const Version& v);     // <= v
  static VersionRanges lower_than(const Version& v);  // < v (plain order)

  // Exact translation of PEP 440 matching, prereleases included. A === clause matches a parsed
  // version when the version's normalised text is the clause's text, so it gives that single
  // point ("===1.0" -> exactly 1.0, no local versions), or nothing when the text is not a
  // normalised version ("===1.01", "===foobar").
  static VersionRanges from(const Specifier& spec);
  static VersionRanges from(const SpecifierSet& set);

  bool is_empty() const;
  bool is_full() const;
  bool contains(const Version& v) const;
  // Whether some version in the ranges is not a prerelease (PEP 440's "final or post release").
  bool has_final_release() const;
  // The single version when the range is exactly one point.
  std::optional<Version> as_singleton() const;

  VersionRanges intersect(const VersionRanges& other) const;
  VersionRanges union_with(const VersionRanges& other) const;
  VersionRanges complement() const;
  bool is_disjoint(const VersionRanges& other) const;
  bool is_subset_of(const VersionRanges& other) const;

  const std::vector<Interval>& intervals() const;

  // For humans and tests: ">=1.0, <2.0 | ==3.0" (sentinels are rendered in specifier terms where
  // possible, e.g. "<1.0" for "< smallest_of(1.0)"). Each "|"-separated part is written as
  // specifier clauses with exactly PEP 440's meaning when it can be (gaps that a != clause
  // leaves are written as that clause: ">=1.0, !=1.5, <2.0"); otherwise in interval notation,
  // e.g. "[1.0, 1.0]" (1.0 without its local versions) or "(-inf, largest_of(1.0))".
  // The full range is "*", the empty one "<empty>".
  std::string to_string() const;

  friend bool operator==(const VersionRanges&, const VersionRanges&);

 private:
  // Sorted, disjoint, non-adjacent, non-empty, with canonical bounds: real versions, except
  // largest_of(final release) which has no real neighbour (always exclusive); -inf instead of
  // ">=0.dev0". So equal sets have equal representations.
  std::vector<Interval> intervals_;

  static VersionRanges normalized(std::vector<Interval> intervals);
};

}  // namespace roost::pep440
