#include "resolve/pubgrub/term.h"

#include <gtest/gtest.h>

namespace roost::resolve::pubgrub {
namespace {

VersionSet spec(const char* s) {
  return VersionSet::from(*pep440::SpecifierSet::parse(s));
}

TEST(Term, IntersectionOfEverySignCombination) {
  // Plain order (not PEP 440's "<2 excludes 2's prereleases") keeps the complements exact.
  Version one = *Version::parse("1"), two = *Version::parse("2");
  Term ge1 = Term::positive_of(1, VersionSet::at_least(one));
  Term lt2 = Term::positive_of(1, VersionSet::lower_than(two));
  EXPECT_EQ(ge1.intersect(lt2),
            Term::positive_of(1, VersionSet::at_least(one).intersect(VersionSet::lower_than(two))));
  EXPECT_EQ(ge1.intersect(lt2.negate()), Term::positive_of(1, VersionSet::at_least(two)));
  EXPECT_EQ(ge1.negate().intersect(lt2), Term::positive_of(1, VersionSet::lower_than(one)));
  EXPECT_EQ(ge1.negate().intersect(lt2.negate()),
            Term::negative_of(1, VersionSet::full()));  // excluded everywhere: "not selected"
  EXPECT_EQ(ge1.union_with(lt2), Term::positive_of(1, VersionSet::full()));
  EXPECT_TRUE(Term::any(1).is_any());
  EXPECT_TRUE(Term::positive_of(1, VersionSet::empty()).is_impossible());
}

TEST(Term, ImplicationAndDisjointness) {
  Term ge1 = Term::positive_of(1, spec(">=1"));
  Term ge2 = Term::positive_of(1, spec(">=2"));
  EXPECT_TRUE(ge2.implies(ge1));
  EXPECT_FALSE(ge1.implies(ge2));
  EXPECT_TRUE(ge2.implies(Term::negative_of(1, spec("<1"))));
  // A negative term allows "not selected", which no positive term allows.
  EXPECT_FALSE(Term::negative_of(1, spec("<1")).implies(ge1));
  EXPECT_TRUE(Term::negative_of(1, spec(">=1")).implies(Term::negative_of(1, spec(">=2"))));
  EXPECT_TRUE(ge2.is_disjoint_from(Term::positive_of(1, spec("<2"))));
  EXPECT_TRUE(ge2.is_disjoint_from(Term::negative_of(1, spec(">=1"))));
  EXPECT_FALSE(
      Term::negative_of(1, spec(">=1")).is_disjoint_from(Term::negative_of(1, spec("<1"))));
  EXPECT_EQ(relation(ge2, ge1), Relation::kSatisfied);
  EXPECT_EQ(relation(ge2, Term::positive_of(1, spec("<2"))), Relation::kContradicted);
  EXPECT_EQ(relation(ge1, ge2), Relation::kInconclusive);
}

}  // namespace
}  // namespace roost::resolve::pubgrub
