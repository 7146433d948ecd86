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

struct Outcome {
  bool solved = false;
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

}  // namespace roost::resolve::pubgrub
