// A generic PubGrub version solver (N. Weizenbaum's algorithm, as in Dart's pub and pubgrub-rs):
// unit propagation over incompatibilities, conflict-driven learning with backjumping, and
// decisions made through a Provider that knows packages, versions and dependencies. It knows
// nothing of Python: extras, groups, markers and workspace members are packages the caller makes
// up (resolve/python/), and names exist only in the report (report.h).
//
//   class Index : public Provider { ... };
//   ROOST_TRY(Outcome out, solve(index, kRoot, root_version));
//   if (!out.solved) print(explain(out, formatter));
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "resolve/pubgrub/incompatibility.h"
#include "resolve/pubgrub/term.h"

namespace roost::resolve::pubgrub {

struct Dependencies {
  std::vector<std::pair<PackageId, VersionSet>> requirements;
  // Set when this version cannot be used at all (bad metadata, an unsupported Python, ...).
  std::optional<std::string> unavailable;
  // Set to pause the solve just before this version is decided (the rest is ignored): the
  // Outcome then holds the solver's state, which resume() can go on from with other providers,
  // each asked again for this version's dependencies (a caller's forks of one problem).
  bool pause = false;
};

class Provider {
 public:
  virtual ~Provider() = default;
  // Which undecided package to decide next: the highest priority wins, ties go to the package
  // required first. Conflicts are found sooner when constrained packages come first.
  virtual int64_t priority(PackageId p, const VersionSet& allowed) = 0;
  // The version to try for `p` among `allowed` (the provider's preference order), or nullopt when
  // none is acceptable. Errors (an unreachable index) end the solve.
  virtual Result<std::optional<Version>> choose_version(PackageId p, const VersionSet& allowed) = 0;
  virtual Result<Dependencies> dependencies(PackageId p, const Version& v) = 0;
};

struct SolveStats {
  size_t decisions = 0;
  size_t conflicts = 0;  // conflict resolutions started
  size_t incompatibilities = 0;
};

// The solver's whole state at a pause (its partial solution and what it has learned).
class SolverState;

struct Outcome {
  bool solved = false;
  // Set when the provider paused the solve; `solved` is then false and the rest is empty.
  std::shared_ptr<const SolverState> paused;
  // When solved: every selected package with its version, in decision order (the root first).
  std::vector<std::pair<PackageId, Version>> selected;
  // When not: the incompatibility that proves it (no terms, or only the root), and the store its
  // derivation tree lives in.
  IncompatibilityStore incompatibilities;
  IncompatId conflict = 0;
  SolveStats stats;
};

// `root` at `root_version` is the problem: its dependencies are the requirements.
Result<Outcome> solve(Provider& provider, PackageId root, const Version& root_version);
// Goes on from a pause with `provider`, which is asked for the paused version's dependencies
// first; `paused` stays as it was, so it can be resumed again.
Result<Outcome> resume(Provider& provider, const SolverState& paused);

}  // namespace roost::resolve::pubgrub
