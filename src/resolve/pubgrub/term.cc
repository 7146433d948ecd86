#include "resolve/pubgrub/term.h"

namespace roost::resolve::pubgrub {

Term Term::intersect(const Term& other) const {
  if (positive && other.positive) return positive_of(package, set.intersect(other.set));
  if (positive) return positive_of(package, set.intersect(other.set.complement()));
  if (other.positive) return positive_of(package, other.set.intersect(set.complement()));
  return negative_of(package, set.union_with(other.set));
}

Term Term::union_with(const Term& other) const {
  return negate().intersect(other.negate()).negate();
}

bool Term::implies(const Term& other) const {
  if (positive && other.positive) return set.is_subset_of(other.set);
  if (positive) return set.is_disjoint(other.set);
  // A negative term allows "not selected", which no positive term does.
  if (other.positive) return false;
  return other.set.is_subset_of(set);
}

bool Term::is_disjoint_from(const Term& other) const {
  if (positive && other.positive) return set.is_disjoint(other.set);
  if (positive) return set.is_subset_of(other.set);
  if (other.positive) return other.set.is_subset_of(set);
  return false;  // "not selected" satisfies both
}

Relation relation(const Term& known, const Term& term) {
  if (known.implies(term)) return Relation::kSatisfied;
  if (known.is_disjoint_from(term)) return Relation::kContradicted;
  return Relation::kInconclusive;
}

}  // namespace roost::resolve::pubgrub
