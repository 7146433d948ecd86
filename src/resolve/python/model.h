// What the Python resolver is asked (requirements, workspace members, options) and what it
// answers (a Resolution: the packages, their edges with markers, and the forks). No I/O here:
// versions and metadata come through a PackageSource (package_source.h).
//
//   ResolveInput in{.requirements = reqs};
//   ROOST_TRY(Resolution r, resolve(in, options, source));
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "index/project_page.h"
#include "pep440/ranges.h"
#include "pep440/version.h"
#include "pep508/marker.h"
#include "pep508/names.h"
#include "pep508/requirement.h"
#include "tags/tag.h"

namespace roost::resolve::python {

// A declared requirement and where it must come from: the registry, or one of the input's local
// packages (a workspace member, or a directory with static metadata).
struct Requirement {
  pep508::Requirement requirement;
  std::optional<size_t> local;  // index into ResolveInput::locals
};

using GroupList = std::vector<std::pair<std::string, std::vector<Requirement>>>;

// A package whose metadata is known without an index: a workspace member.
struct LocalPackage {
  pep508::PackageName name;
  pep440::Version version = pep440::Version::from_release({0});
  // Requires-Dist, optional dependencies carrying their `extra == "..."` markers.
  std::vector<Requirement> dependencies;
  std::vector<std::string> extras;  // normalised names
  GroupList groups;                 // PEP 735 groups (normalised names)
};

// One item of a `tool.uv.conflicts` set: an extra or a dependency group of a package.
struct ConflictItem {
  std::string package;  // normalised
  std::string extra;    // exactly one of extra / group, normalised
  std::string group;
  friend auto operator<=>(const ConflictItem&, const ConflictItem&) = default;
  // uv's name for it in markers (`extra == 'extra-7-project-cpu'`): `extra-<len>-<package>-<extra>`
  // or `group-<len>-<package>-<group>`, <len> the length of the package name.
  std::string encoded() const {
    const char* kind = extra.empty() ? "group-" : "extra-";
    return kind + std::to_string(package.size()) + "-" + package + "-" +
           (extra.empty() ? group : extra);
  }
};
// Items that must not be installed together: the resolver never requires two of them at once.
using ConflictSet = std::vector<ConflictItem>;

struct ResolveInput {
  std::vector<LocalPackage> locals;
  // Requirements of the root: `pip compile` inputs, or the groups of a virtual workspace root.
  std::vector<Requirement> requirements;
  // Locals that are roots themselves with every extra and group (the members of a workspace).
  std::vector<size_t> root_locals;
  // uv's `tool.uv.conflicts`: in each fork at most one item of each set is active.
  std::vector<ConflictSet> conflicts;

  // The local package of that (normalised) name, by index.
  std::optional<size_t> find_local(std::string_view name) const {
    for (size_t i = 0; i < locals.size(); ++i) {
      if (locals[i].name.str() == name) return i;
    }
    return std::nullopt;
  }
};

enum class PrereleaseMode { kDisallow, kAllow, kIfNecessary, kExplicit, kIfNecessaryOrExplicit };
enum class ResolutionMode { kHighest, kLowest, kLowestDirect };

// One environment to resolve for (pip compile without --universal).
struct TargetEnvironment {
  pep508::MarkerEnvironment markers;
  pep440::Version python = pep440::Version::from_release({3, 12});  // python_full_version
  // The wheel tags it accepts, best first; empty means any wheel will do.
  std::vector<tags::Tag> tags;
};

struct ResolveOptions {
  // The workspace's requires-python (universal resolution forks within it).
  pep440::VersionRanges requires_python = pep440::VersionRanges::full();
  std::optional<TargetEnvironment> target;  // set: one environment, no forks
  // uv's `required-environments`: a version without an sdist is unusable in a fork that meets
  // one of these unless some wheel of it installs there.
  std::vector<pep508::Marker> required_environments;
  // uv's `environments`: the resolution covers only these (one initial fork each, in this order,
  // as uv's ResolverEnvironment starts); what only other environments need is left out.
  std::vector<pep508::Marker> environments;
  PrereleaseMode prerelease = PrereleaseMode::kIfNecessaryOrExplicit;
  ResolutionMode resolution = ResolutionMode::kHighest;
  // Versions to try first (an existing lock's), unless upgraded.
  std::map<pep508::PackageName, pep440::Version> preferences;
  bool upgrade_all = false;
  std::set<pep508::PackageName> upgrade;
  bool no_binary_all = false, no_build_all = false;
  std::set<pep508::PackageName> no_binary;  // must come from an sdist
  std::set<pep508::PackageName> no_build;   // must come from a wheel
};

// A resolved package, by index into Resolution::packages.
struct Edge {
  size_t target = 0;
  std::vector<std::string> extras;
  pep508::Marker marker = pep508::Marker::always_true();
};

struct ResolvedPackage {
  std::string name;  // normalised
  pep440::Version version = pep440::Version::from_release({0});
  std::optional<size_t> local;                   // a local package (ResolveInput::locals)
  std::string index_url;                         // registry packages: the index that offered it
  std::optional<index::DistributionFile> sdist;  // registry packages: the version's files
  std::vector<index::DistributionFile> wheels;
  std::vector<size_t> forks;  // indexes into Resolution::forks; empty = in every fork
  // Where some path from the roots reaches it (universal resolutions; true for one target).
  pep508::Marker reachable = pep508::Marker::always_true();
  std::vector<Edge> dependencies;
  std::vector<std::pair<std::string, std::vector<Edge>>> optional_dependencies;  // by extra
  std::vector<std::pair<std::string, std::vector<Edge>>> dev_dependencies;       // by group
};

struct ResolveStats {
  size_t forks = 0, solves = 0, decisions = 0, conflicts = 0;
  size_t pages = 0, metadata = 0;  // how many project pages and metadata texts were read
};

struct Resolution {
  // The forks' markers (python range and fork conditions, not yet simplified); one true marker
  // when the resolution did not fork.
  std::vector<pep508::Marker> forks;
  // By fork, with `conflicts`: the items it includes and leaves out, as uv's conflict markers
  // (`'extra-7-project-cpu' in extras`, which uv writes `extra == 'extra-7-project-cpu'`); true
  // for every fork without conflicts. Edge markers carry them too.
  std::vector<pep508::Marker> fork_conflicts;
  std::vector<ResolvedPackage> packages;  // sorted by name, then version
  std::vector<Edge> roots;                // the root requirements' edges (pip compile output)
  ResolveStats stats;
};

}  // namespace roost::resolve::python
