// The PubGrub Provider for one fork of a Python resolution: it turns requirements into terms
// (extras and groups as virtual packages), evaluates markers against the fork (or the single
// target environment), applies the prerelease, yanked, Requires-Python, wheel-tag and
// resolution-mode rules, and pauses the solve when a dependency list needs the fork split (the
// same package required under different markers); each piece goes on from there with a copy of
// the provider. It keeps what it decided so the resolver can turn the solver's selection into
// edges.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "resolve/pubgrub/solver.h"
#include "resolve/python/conflicts.h"
#include "resolve/python/model.h"
#include "resolve/python/package_source.h"
#include "resolve/python/packages.h"
#include "tags/ranking.h"

namespace roost::resolve::python {

struct Fork {
  pep508::Marker marker = pep508::Marker::always_true();
  pep440::VersionRanges python = pep440::VersionRanges::full();  // requires-python ∩ the marker's
  // Versions earlier forks chose, with the marker of the fork that chose each, tried first so
  // the forks agree where they can (uv does too).
  std::map<std::string, std::vector<std::pair<pep508::Marker, pubgrub::Version>>> preferences;
  // The conflicting extras and groups (`tool.uv.conflicts`) it includes and leaves out.
  ConflictChoice conflicts;
};

// One piece of a fork that must split, and how many of the splitting package's requirements
// that hold in it have an upper bound (uv solves those pieces first: with maximum versions, a
// capped piece's solution may fit the others, rarely the reverse).
struct ForkPiece {
  pep508::Marker marker;
  size_t upper_bounds = 0;
  std::optional<ConflictChoice> conflicts;  // set when the split chose conflict items
};

// The lowest Python a range admits, as a release ("3.10.dev0" reads as 3.10), nullopt when
// unbounded: Requires-Python is checked against it, as uv does (upper bounds are ignored).
std::optional<pubgrub::Version> python_floor(const pep440::VersionRanges& python);

// A requirement as one selected package version depends on it, after marker evaluation.
struct KeptRequirement {
  std::string name;
  std::vector<std::string> extras;
  pep508::Marker marker = pep508::Marker::always_true();  // with `extra` already fixed
  std::optional<size_t> local;
  bool bounded_above = false;  // the version range has an upper bound
};

// Facts about the whole problem, shared by every fork.
struct ProblemFacts {
  std::set<std::string> explicit_prereleases;  // first-party specifiers that name a pre-release
  // First-party requirement names, with where they are required (extras and groups counted as
  // requested): `lowest-direct` treats a name as direct only in forks that require it.
  std::map<std::string, pep508::Marker> direct;
  // What first-party requirements allow, by name: a yanked version is usable only when one of
  // them pins it exactly (uv's rule; a transitive ==pin does not unlock a yanked release).
  std::map<std::string, std::vector<pep440::VersionRanges>> first_party_ranges;
};

class ForkProvider final : public pubgrub::Provider {
 public:
  ForkProvider(const ResolveInput& input, const ResolveOptions& options, const ProblemFacts& facts,
               PackageSource& source, PackageTable& table, Fork fork);
  // One piece of `parent`'s fork, going on from where the parent paused: what the parent
  // decided (and kept of each version's requirements) stays, as the solver's state does.
  ForkProvider(const ForkProvider& parent, Fork fork);

  int64_t priority(pubgrub::PackageId p, const pubgrub::VersionSet& allowed) override;
  Result<std::optional<pubgrub::Version>> choose_version(
      pubgrub::PackageId p, const pubgrub::VersionSet& allowed) override;
  Result<pubgrub::Dependencies> dependencies(pubgrub::PackageId p,
                                             const pubgrub::Version& v) override;

  // Set when a dependency list paused the solve to split this fork: the pieces, covering it.
  const std::vector<ForkPiece>& split() const { return split_; }
  // What a selected package version depends on (nullptr if never asked).
  const std::vector<KeptRequirement>* kept(pubgrub::PackageId p, const pubgrub::Version& v) const;
  const CandidateList* candidates(const std::string& name) const;
  const Fork& fork() const { return fork_; }

 private:
  bool applies(const pep508::Marker& fixed, std::string_view extra,
               const std::optional<pep508::Marker>& original) const;
  bool nonempty(const pep508::Marker& m) const;
  bool prereleases_allowed(const std::string& name) const;
  bool is_direct(const std::string& name) const;
  const LocalPackage* local_named(const std::string& name) const;
  std::optional<std::string> unusable(const std::string& name, const Candidate& c) const;
  // A required environment (uv's `required-environments`) that needs this version here but
  // none of its files installs in.
  std::optional<pep508::Marker> missed_environment(const std::string& name,
                                                   const Candidate& c) const;
  Result<const CandidateList*> list_of(const std::string& name);
  void add_requirement(const pep508::Requirement& req, std::optional<size_t> local,
                       const pep508::Marker& fixed,
                       std::map<pubgrub::PackageId, pubgrub::VersionSet>& terms,
                       std::vector<KeptRequirement>& kept);
  // Splits the fork when kept requirements on one name disagree on their markers.
  bool needs_split(const std::vector<KeptRequirement>& kept);
  // Splits the fork when the terms name conflict items it has not decided (uv's conflict
  // forks); otherwise drops the terms and extras of the items it leaves out.
  bool conflict_split(std::map<pubgrub::PackageId, pubgrub::VersionSet>& terms,
                      std::vector<KeptRequirement>& kept);
  void prefetch(const std::vector<KeptRequirement>& kept);

  const ResolveInput& input_;
  const ResolveOptions& options_;
  const ProblemFacts& facts_;
  PackageSource& source_;
  PackageTable& table_;
  Fork fork_;
  tags::TagRanking ranking_;
  mutable std::map<std::string, pep508::PreparedEnvironment> target_envs_;  // by extra
  std::map<std::string, const LocalPackage*> locals_;  // by name: asked on every solver step
  std::map<std::string, const CandidateList*> lists_;
  std::map<std::string, pubgrub::Version> last_base_choice_;
  std::map<std::pair<pubgrub::PackageId, std::string>, std::vector<KeptRequirement>> kept_;
  std::set<std::string> prefetched_;
  // Where each package is required, as far as the dependencies asked for so far tell (only
  // with required environments: they are checked against it).
  std::map<std::string, pep508::Marker> wanted_where_;
  std::vector<ForkPiece> split_;
};

}  // namespace roost::resolve::python
