#include "resolve/pubgrub/solver.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "resolve/pubgrub/partial_solution.h"

namespace roost::resolve::pubgrub {

class SolverState {
 public:
  SolverState(Provider& provider, PackageId root) : provider_(&provider), root_(root) {}

  Result<Outcome> run(const Version& root_version) {
    root_version_ = root_version;
    store_.add({Term::negative_of(root_, VersionSet::exactly(root_version))}, Cause::kRoot);
    return loop(root_);
  }

  // A copy of a paused state going on with another provider.
  Result<Outcome> resume(Provider& provider) {
    if (!pending_) return make_error(ErrorKind::kInternal, "resumed a solve that did not pause");
    provider_ = &provider;
    priorities_.clear();  // the paused provider's answers
    stats_ = {};          // the work before the pause was counted where it paused
    const auto [p, v] = *pending_;
    pending_.reset();
    known_versions_[p].insert(v);
    ROOST_TRY(std::optional<PackageId> decided, add_version(p, v));
    if (pending_) return pause();
    return loop(*decided);
  }

 private:
  Result<Outcome> loop(PackageId next) {
    while (true) {
      if (std::optional<IncompatId> failed = propagate(next)) return failure(*failed);
      ROOST_TRY(std::optional<PackageId> decided, decide());
      if (pending_) return pause();
      if (!decided) return success();
      next = *decided;
    }
  }

  // An incompatibility that can never be avoided: no terms left, or only "the root is chosen".
  bool is_terminal(const Incompatibility& incompat) const {
    return incompat.terms.empty() ||
           (incompat.terms.size() == 1 && incompat.terms[0].package == root_ &&
            incompat.terms[0].positive);
  }

  // Unit propagation from `start`; returns the terminal incompatibility when solving failed.
  std::optional<IncompatId> propagate(PackageId start) {
    std::vector<PackageId> changed{start};
    while (!changed.empty()) {
      PackageId p = changed.back();
      changed.pop_back();
      // Newest first: learned incompatibilities are the most specific.
      const std::vector<IncompatId> ids = store_.mentioning(p);
      for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
        const Incompatibility& incompat = store_[*it];
        const Term* unsatisfied = nullptr;
        bool contradicted = false, inconclusive_twice = false;
        for (const Term& t : incompat.terms) {
          Relation r = solution_.relation(t);
          if (r == Relation::kContradicted) {
            contradicted = true;
            break;
          }
          if (r == Relation::kInconclusive) {
            if (unsatisfied != nullptr) {
              inconclusive_twice = true;
              break;
            }
            unsatisfied = &t;
          }
        }
        if (contradicted || inconclusive_twice) continue;
        if (unsatisfied == nullptr) {  // every term holds: a conflict
          std::optional<IncompatId> learned = resolve_conflict(*it);
          if (!learned) return terminal_;
          // The learned incompatibility is now almost satisfied: derive its missing term.
          const Incompatibility& root_cause = store_[*learned];
          for (const Term& t : root_cause.terms) {
            if (solution_.relation(t) != Relation::kSatisfied) {
              solution_.derive(t.negate(), *learned);
              changed.assign(1, t.package);
              break;
            }
          }
          break;
        }
        PackageId derived_package = unsatisfied->package;
        solution_.derive(unsatisfied->negate(), *it);
        changed.push_back(derived_package);
      }
    }
    return std::nullopt;
  }

  // Learns from a satisfied incompatibility until one lets the solver backjump; nullopt when the
  // problem has no solution (terminal_ is then set).
  std::optional<IncompatId> resolve_conflict(IncompatId id) {
    ++stats_.conflicts;
    while (true) {
      const Incompatibility& incompat = store_[id];
      if (is_terminal(incompat)) {
        terminal_ = id;
        return std::nullopt;
      }
      Satisfier s = solution_.find_satisfier(incompat);
      const Assignment& satisfier = solution_.assignments()[s.index];
      if (satisfier.is_decision() || s.previous_level < satisfier.level) {
        solution_.backtrack(s.previous_level);
        return id;  // learned ones are in the store already
      }
      // Resolve the incompatibility with the cause of its satisfier (the resolution rule).
      const PackageId p = satisfier.term.package;
      const Incompatibility& cause = store_[*satisfier.cause];
      std::vector<Term> terms;
      for (const Term& t : incompat.terms) {
        if (t.package != p) terms.push_back(t);
      }
      for (const Term& t : cause.terms) {
        if (t.package != p) terms.push_back(t);
      }
      Term merged = incompat.find(p)->union_with(*cause.find(p));
      if (!merged.is_any()) terms.push_back(std::move(merged));
      id = store_.add(std::move(terms), Cause::kDerived, id, *satisfier.cause);
    }
  }

  // The provider's priority, asked again only when what is known about `p` has changed.
  int64_t priority(PackageId p) {
    if (priorities_.size() <= p) priorities_.resize(p + 1);
    auto& [stamp, value] = priorities_[p];
    if (stamp != solution_.stamp(p)) {
      stamp = solution_.stamp(p);
      value = provider_->priority(p, solution_.known(p)->set);
    }
    return value;
  }

  // Picks the next package and version; nullopt when every required package is decided.
  Result<std::optional<PackageId>> decide() {
    std::vector<PackageId> candidates = solution_.undecided();
    if (candidates.empty()) return std::optional<PackageId>();
    PackageId best = candidates[0];
    int64_t best_priority = priority(best);
    for (size_t i = 1; i < candidates.size(); ++i) {
      int64_t p = priority(candidates[i]);
      if (p > best_priority) best = candidates[i], best_priority = p;
    }
    const VersionSet allowed = solution_.known(best)->set;
    // The root's version is given, not chosen.
    std::optional<Version> version = root_version_;
    if (best != root_) {
      ROOST_TRY(version, provider_->choose_version(best, allowed));
    }
    if (!version) {
      store_.add({Term::positive_of(best, allowed)}, Cause::kNoVersions);
      return std::optional<PackageId>(best);
    }
    if (!allowed.contains(*version)) {
      return make_error(ErrorKind::kInternal,
                        "the provider chose a version outside the allowed "
                        "range " +
                            allowed.to_string());
    }
    // A version decided again after a backjump already has its incompatibilities: adding them
    // twice would only make propagation slower.
    if (!known_versions_[best].insert(*version).second) {
      solution_.decide(best, *version);
      ++stats_.decisions;
      return std::optional<PackageId>(best);
    }
    return add_version(best, *version);
  }

  // Asks for the dependencies of a version not decided before and decides it (or learns that
  // it is unavailable, or pauses).
  Result<std::optional<PackageId>> add_version(PackageId best, const Version& version) {
    ROOST_TRY(Dependencies deps, provider_->dependencies(best, version));
    if (deps.pause) {
      known_versions_[best].erase(version);
      pending_.emplace(best, version);
      return std::optional<PackageId>(best);
    }
    const Term chosen = Term::positive_of(best, VersionSet::exactly(version));
    if (deps.unavailable) {
      store_.add({chosen}, Cause::kUnavailable, 0, 0, std::move(*deps.unavailable));
      return std::optional<PackageId>(best);
    }
    for (auto& [dep, range] : deps.requirements) {
      if (dep == best && range.contains(version)) continue;  // a package needs itself: fine
      store_.add({chosen, Term::negative_of(dep, std::move(range))}, Cause::kDependency);
    }
    solution_.decide(best, version);
    ++stats_.decisions;
    return std::optional<PackageId>(best);
  }

  Outcome pause() {
    Outcome out;
    out.stats = stats_;
    out.paused = std::make_shared<const SolverState>(*this);
    return out;
  }

  Outcome success() {
    Outcome out;
    out.solved = true;
    for (const Assignment& a : solution_.assignments()) {
      if (a.is_decision()) out.selected.emplace_back(a.term.package, *a.term.set.as_singleton());
    }
    finish(out);
    return out;
  }

  Outcome failure(IncompatId conflict) {
    Outcome out;
    out.conflict = conflict;
    finish(out);
    return out;
  }

  void finish(Outcome& out) {
    stats_.incompatibilities = store_.size();
    out.stats = stats_;
    out.incompatibilities = std::move(store_);
  }

  Provider* provider_;
  PackageId root_;
  std::optional<std::pair<PackageId, Version>> pending_;  // the version a pause stopped at
  std::optional<Version> root_version_;
  // The versions whose dependencies (or unavailability) are in the store.
  std::unordered_map<PackageId, std::unordered_set<Version>> known_versions_;
  std::vector<std::pair<uint64_t, int64_t>> priorities_;  // by package: (stamp, priority)
  IncompatibilityStore store_;
  PartialSolution solution_;
  IncompatId terminal_ = 0;
  SolveStats stats_;
};

Result<Outcome> solve(Provider& provider, PackageId root, const Version& root_version) {
  SolverState solver(provider, root);
  return solver.run(root_version);
}

Result<Outcome> resume(Provider& provider, const SolverState& paused) {
  SolverState solver(paused);
  return solver.resume(provider);
}

}  // namespace roost::resolve::pubgrub
