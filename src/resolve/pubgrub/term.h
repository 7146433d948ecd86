// PubGrub terms: a statement about one package's selected version. A positive term "p ∈ S" holds
// when p is selected at a version in S; a negative term "not p ∈ S" holds when p is not selected
// at all or is selected outside S. The negative term with an empty set holds always ("any").
//
//   Term a = Term::positive(p, VersionRanges::at_least(v1));
//   a.intersect(Term::negative(p, VersionRanges::exactly(v2)));  // p ∈ [v1, ∞) \ {v2}
//   a.implies(b);          // every selection satisfying a satisfies b
//   a.is_disjoint_from(b); // no selection satisfies both
#pragma once

#include <cstdint>
#include <string>

#include "pep440/ranges.h"

namespace roost::resolve::pubgrub {

// Packages are dense small integers handed out by the caller (the Python layer interns names,
// extras and groups into them); the solver never sees a name.
using PackageId = uint32_t;
using Version = pep440::Version;
using VersionSet = pep440::VersionRanges;

struct Term {
  PackageId package = 0;
  bool positive = true;
  VersionSet set;

  static Term positive_of(PackageId p, VersionSet s) { return Term{p, true, std::move(s)}; }
  static Term negative_of(PackageId p, VersionSet s) { return Term{p, false, std::move(s)}; }
  // The term that holds always (not p ∈ ∅).
  static Term any(PackageId p) { return negative_of(p, VersionSet::empty()); }

  Term negate() const { return Term{package, !positive, set}; }
  bool is_any() const { return !positive && set.is_empty(); }
  // A positive term over nothing can never hold.
  bool is_impossible() const { return positive && set.is_empty(); }

  // Both terms must be about the same package.
  Term intersect(const Term& other) const;
  Term union_with(const Term& other) const;
  // Every selection satisfying *this satisfies `other` (*this ⊆ other).
  bool implies(const Term& other) const;
  bool is_disjoint_from(const Term& other) const;
  // Whether the version satisfies the term (a selected package).
  bool contains(const Version& v) const { return set.contains(v) == positive; }

  friend bool operator==(const Term&, const Term&) = default;
};

// How the solver's accumulated knowledge about a package relates to a term.
enum class Relation { kSatisfied, kContradicted, kInconclusive };
Relation relation(const Term& known, const Term& term);

}  // namespace roost::resolve::pubgrub
