#include "resolve/pubgrub/partial_solution.h"

#include <algorithm>

namespace roost::resolve::pubgrub {

PartialSolution::PackageState& PartialSolution::state(PackageId p) {
  if (packages_.size() <= p) packages_.resize(p + 1);
  return packages_[p];
}

void PartialSolution::push(Assignment a) {
  PackageState& s = state(a.term.package);
  if (s.assignments.empty()) first_seen_.push_back(a.term.package);
  a.known =
      s.assignments.empty() ? a.term : assignments_[s.assignments.back()].known.intersect(a.term);
  s.assignments.push_back(assignments_.size());
  s.stamp = ++clock_;
  assignments_.push_back(std::move(a));
}

void PartialSolution::decide(PackageId p, const Version& v) {
  ++level_;
  push(Assignment{.term = Term::positive_of(p, VersionSet::exactly(v)), .level = level_});
  state(p).decided = v;
}

void PartialSolution::derive(Term term, IncompatId cause) {
  push(Assignment{.term = std::move(term), .level = level_, .cause = cause});
}

void PartialSolution::backtrack(uint32_t level) {
  while (!assignments_.empty() && assignments_.back().level > level) {
    PackageState& s = packages_[assignments_.back().term.package];
    if (assignments_.back().is_decision()) s.decided.reset();
    s.assignments.pop_back();
    s.stamp = ++clock_;
    assignments_.pop_back();
  }
  std::erase_if(first_seen_, [&](PackageId p) { return packages_[p].assignments.empty(); });
  level_ = level;
}

const Term* PartialSolution::known(PackageId p) const {
  if (p >= packages_.size() || packages_[p].assignments.empty()) return nullptr;
  return &assignments_[packages_[p].assignments.back()].known;
}

std::optional<Version> PartialSolution::decision(PackageId p) const {
  if (p >= packages_.size()) return std::nullopt;
  return packages_[p].decided;
}

std::vector<PackageId> PartialSolution::undecided() const {
  std::vector<PackageId> out;
  for (PackageId p : first_seen_) {
    if (!packages_[p].decided && known(p)->positive) out.push_back(p);
  }
  return out;
}

Relation PartialSolution::relation(const Term& term) const {
  const Term* k = known(term.package);
  // Nothing known: any selection (or none) is still possible.
  return k == nullptr ? Relation::kInconclusive : pubgrub::relation(*k, term);
}

Satisfier PartialSolution::find_satisfier(const Incompatibility& incompat) const {
  // For each term, the first assignment after which the package's known term implies it.
  size_t satisfier = 0;
  const Term* satisfier_term = nullptr;
  std::vector<size_t> first_satisfying(incompat.terms.size(), 0);
  for (size_t i = 0; i < incompat.terms.size(); ++i) {
    const Term& t = incompat.terms[i];
    for (size_t index : packages_[t.package].assignments) {
      if (assignments_[index].known.implies(t)) {
        first_satisfying[i] = index;
        break;
      }
    }
    if (satisfier_term == nullptr || first_satisfying[i] > satisfier) {
      satisfier = first_satisfying[i];
      satisfier_term = &t;
    }
  }
  Satisfier out{.index = satisfier, .previous_level = 0};
  for (size_t i = 0; i < incompat.terms.size(); ++i) {
    if (&incompat.terms[i] == satisfier_term) continue;
    out.previous_level = std::max(out.previous_level, assignments_[first_satisfying[i]].level);
  }
  // The satisfier's own package: the earliest earlier assignment that, together with the
  // satisfier's term, already implied the incompatibility's term.
  const Assignment& sat = assignments_[satisfier];
  for (size_t index : packages_[sat.term.package].assignments) {
    if (index >= satisfier) break;
    if (assignments_[index].known.intersect(sat.term).implies(*satisfier_term)) {
      out.previous_level = std::max(out.previous_level, assignments_[index].level);
      break;
    }
  }
  return out;
}

}  // namespace roost::resolve::pubgrub
