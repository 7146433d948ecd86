// The partial solution: the solver's ordered list of assignments (decisions "p == v" and
// derivations "t, because of incompatibility c"), each at a decision level, with what is known
// about each package so far (the intersection of its assignments' terms).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "resolve/pubgrub/incompatibility.h"
#include "resolve/pubgrub/term.h"

namespace roost::resolve::pubgrub {

struct Assignment {
  Term term;                        // a decision's term is "p ∈ {v}"
  Term known;                       // the package's terms intersected, up to and including this
  uint32_t level = 0;               // decision level
  std::optional<IncompatId> cause;  // derivations only
  bool is_decision() const { return !cause.has_value(); }
};

// Where an incompatibility became satisfied: the assignment that completed it, and the highest
// decision level it would still be satisfied at without that assignment (the backjump target).
struct Satisfier {
  size_t index = 0;
  uint32_t previous_level = 0;
};

class PartialSolution {
 public:
  void decide(PackageId p, const Version& v);
  void derive(Term term, IncompatId cause);
  // Drops every assignment above `level`.
  void backtrack(uint32_t level);

  uint32_t level() const { return level_; }
  const std::vector<Assignment>& assignments() const { return assignments_; }
  // What is known about `p`, or null when nothing is.
  const Term* known(PackageId p) const;
  std::optional<Version> decision(PackageId p) const;
  // Changes whenever what is known about `p` changes (an assignment added or undone), so callers
  // can cache what they derive from it.
  uint64_t stamp(PackageId p) const { return p < packages_.size() ? packages_[p].stamp : 0; }
  // Packages some assignment requires (a positive term) that have no decision yet, in the order
  // they were first required.
  std::vector<PackageId> undecided() const;

  Relation relation(const Term& term) const;
  // Precondition: every term of `incompat` is satisfied.
  Satisfier find_satisfier(const Incompatibility& incompat) const;

 private:
  struct PackageState {
    std::vector<size_t> assignments;  // indices into assignments_, in order
    std::optional<Version> decided;
    uint64_t stamp = 0;
  };
  PackageState& state(PackageId p);
  void push(Assignment a);

  std::vector<Assignment> assignments_;
  std::vector<PackageState> packages_;  // by PackageId
  std::vector<PackageId> first_seen_;   // packages in order of their first assignment
  uint32_t level_ = 0;
  uint64_t clock_ = 0;  // stamps come from here, so an undo never repeats an earlier stamp
};

}  // namespace roost::resolve::pubgrub
