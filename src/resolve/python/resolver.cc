#include "resolve/python/resolver.h"

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <tuple>

#include "resolve/pubgrub/report.h"
#include "resolve/python/conflicts.h"
#include "resolve/python/fork_provider.h"
#include "resolve/python/reachability.h"
#include "resolve/python/report_names.h"

namespace roost::resolve::python {
namespace {

using pep440::Version;
using pubgrub::PackageId;

// Far more than any real resolution needs; a guard against a marker pattern that splits forever.
// Conflict sets multiply forks (NeMo-Agent-Toolkit's five sets give about twenty choices, each
// split by Python and platform), hence the room.
constexpr size_t kMaxForks = 1024;

ProblemFacts facts_of(const ResolveInput& input) {
  ProblemFacts facts;
  auto note = [&](const Requirement& r, const std::vector<std::string>& extras = {}) {
    pep508::Marker where = pep508::Marker::always_true();
    if (r.requirement.marker) {
      where = r.requirement.marker->assume_extra("");
      for (const std::string& e : extras) where = where.or_(r.requirement.marker->assume_extra(e));
    }
    auto [it, fresh] = facts.direct.emplace(r.requirement.name.str(), where);
    if (!fresh) it->second = it->second.or_(where);
    facts.first_party_ranges[r.requirement.name.str()].push_back(
        pep440::VersionRanges::from(r.requirement.specifier));
    if (r.requirement.specifier.admits_prereleases()) {
      facts.explicit_prereleases.insert(r.requirement.name.str());
    }
  };
  for (const Requirement& r : input.requirements) note(r);
  for (const LocalPackage& l : input.locals) {
    for (const Requirement& r : l.dependencies) note(r, l.extras);
    for (const auto& [g, reqs] : l.groups) {
      for (const Requirement& r : reqs) note(r);
    }
  }
  return facts;
}

// uv's order of solving the pieces of a split fork: by their lowest Python, highest first (the
// newest versions are chosen where the most Pythons allow them), lowest first under `lowest` (a
// low Python's solution likely fits the higher ones); then the pieces with more capped
// requirements first; then the reverse of their order of creation (uv keeps its forks on a
// stack).
std::vector<Fork> order_forks(const std::vector<ForkPiece>& pieces, const Fork& parent,
                              ResolutionMode mode) {
  std::vector<std::pair<Fork, size_t>> forks;
  for (const ForkPiece& p : pieces) {
    forks.emplace_back(Fork{p.marker,
                            parent.python.intersect(p.marker.python_range()),
                            {},
                            p.conflicts.value_or(parent.conflicts)},
                       p.upper_bounds);
  }
  std::reverse(forks.begin(), forks.end());
  std::stable_sort(forks.begin(), forks.end(), [&](const auto& a, const auto& b) {
    std::optional<Version> fa = python_floor(a.first.python), fb = python_floor(b.first.python);
    if (fa != fb) return mode == ResolutionMode::kLowest ? fa < fb : fb < fa;
    return a.second > b.second;
  });
  std::vector<Fork> out;
  for (auto& f : forks) out.push_back(std::move(f.first));
  return out;
}

// The forks the resolution starts from: one per supported environment that some Python of
// requires-python can run, in the order declared (uv's initial forks), else the whole space.
std::vector<Fork> initial_forks(const ResolveOptions& options) {
  if (options.target || options.environments.empty()) {
    return {Fork{pep508::Marker::always_true(), options.requires_python, {}}};
  }
  std::vector<Fork> out;
  for (const pep508::Marker& m : options.environments) {
    pep440::VersionRanges python = options.requires_python.intersect(m.python_range());
    if (m.is_false() || !python.has_final_release()) continue;
    out.push_back(Fork{m.simplify_python(options.requires_python), std::move(python), {}});
  }
  return out;
}

// The supported environments' union (true without `environments`).
pep508::Marker universe_of(const ResolveOptions& options) {
  if (options.target || options.environments.empty()) return pep508::Marker::always_true();
  pep508::Marker any = pep508::Marker::always_false();
  for (const pep508::Marker& m : options.environments) any = any.or_(m);
  return any;
}

// Adds an edge to a dependency list; edges to one package under the same marker (within
// requires-python) become one edge with their extras together, as uv writes them.
void add_edge(std::vector<Edge>& edges, Edge e, const pep440::VersionRanges& requires_python) {
  pep508::Marker m = e.marker.simplify_python(requires_python);
  for (Edge& existing : edges) {
    if (existing.target != e.target || existing.marker.simplify_python(requires_python) != m)
      continue;
    for (std::string& x : e.extras) {
      auto at = std::lower_bound(existing.extras.begin(), existing.extras.end(), x);
      if (at == existing.extras.end() || *at != x) existing.extras.insert(at, std::move(x));
    }
    return;
  }
  edges.push_back(std::move(e));
}

struct SolvedFork {
  std::unique_ptr<ForkProvider> provider;
  std::map<PackageId, Version> selected;
  std::map<std::string, Version> base_versions;  // name -> the version of its base package
};

// One edge being merged over forks: its marker in each fork it appears in.
struct EdgeAcc {
  std::map<size_t, pep508::Marker> by_fork;
};
using EdgeKey = std::tuple<int /*list*/, std::string /*qualifier*/, size_t /*target*/,
                           std::vector<std::string> /*extras*/>;

Error unsatisfiable(const pubgrub::Outcome& out, const PackageTable& table,
                    const ResolveInput& input, const ForkProvider& provider,
                    const ResolveOptions& options) {
  std::set<std::string> missing;
  for (size_t id = 1; id < table.size(); ++id) {
    const PyPackage& pkg = table[static_cast<PackageId>(id)];
    const CandidateList* list = provider.candidates(pkg.name);
    if (list && list->candidates.empty()) missing.insert(pkg.name);
  }
  PythonReportNames names(table, input, std::move(missing));
  std::string text = pubgrub::explain(out, names);
  if (!options.target && !provider.fork().marker.is_true()) {
    text = "In the part of the resolution where " +
           provider.fork().marker.simplify_python(options.requires_python).to_string() + ":\n" +
           text;
  }
  return Error(ErrorKind::kUnsatisfiable, text);
}

}  // namespace

Result<Resolution> resolve(const ResolveInput& input, const ResolveOptions& options,
                           PackageSource& source) {
  ProblemFacts facts = facts_of(input);
  PackageTable table;
  Resolution resolution;
  // Forks to solve, depth first: a piece of a split goes on from where its parent paused.
  struct Pending {
    Fork fork;
    std::shared_ptr<const ForkProvider> parent;
    std::shared_ptr<const pubgrub::SolverState> state;
  };
  std::deque<Pending> pending;
  for (Fork& f : initial_forks(options)) pending.push_back({std::move(f), {}, {}});
  if (pending.empty()) {
    return Error(ErrorKind::kUsage,
                 "none of the supported environments (`tool.uv.environments`) is possible within "
                 "the workspace's requires-python");
  }
  std::vector<SolvedFork> solved;
  std::vector<pep508::Marker> fork_markers;
  std::map<std::string, std::vector<std::pair<pep508::Marker, Version>>> chosen_so_far;
  const Version root_version = Version::from_release({0});

  while (!pending.empty()) {
    Pending next = std::move(pending.front());
    pending.pop_front();
    Fork& fork = next.fork;
    // uv skips fork preferences under lowest-direct: a version chosen where a package is
    // transitive would be preferred where it is direct.
    if (options.resolution != ResolutionMode::kLowestDirect) fork.preferences = chosen_so_far;
    auto provider =
        next.parent ? std::make_unique<ForkProvider>(*next.parent, fork)
                    : std::make_unique<ForkProvider>(input, options, facts, source, table, fork);
    ++resolution.stats.solves;
    ROOST_TRY(pubgrub::Outcome out,
              next.state ? pubgrub::resume(*provider, *next.state)
                         : pubgrub::solve(*provider, PackageTable::kRoot, root_version));
    resolution.stats.decisions += out.stats.decisions;
    resolution.stats.conflicts += out.stats.conflicts;
    if (out.paused) {
      if (solved.size() + pending.size() + provider->split().size() > kMaxForks) {
        return Error(ErrorKind::kInternal,
                     "the resolution split into more than " + std::to_string(kMaxForks) + " forks");
      }
      std::vector<Fork> pieces =
          order_forks(provider->split(), provider->fork(), options.resolution);
      std::shared_ptr<const ForkProvider> parent = std::move(provider);
      for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) {
        pending.push_front({std::move(*it), parent, out.paused});
      }
      continue;
    }
    if (!out.solved) return unsatisfiable(out, table, input, *provider, options);
    SolvedFork s;
    for (const auto& [id, v] : out.selected) {
      s.selected.emplace(id, v);
      if (table[id].kind == PackageKind::kBase) {
        s.base_versions.emplace(table[id].name, v);
        chosen_so_far[table[id].name].emplace_back(fork.marker, v);
      }
    }
    // The provider's fork: what its dependency lists decided about conflict items included.
    resolution.fork_conflicts.push_back(conflict_marker(provider->fork().conflicts));
    s.provider = std::move(provider);
    fork_markers.push_back(fork.marker);
    solved.push_back(std::move(s));
  }
  resolution.forks = fork_markers;
  resolution.stats.forks = solved.size();

  // Packages: every (name, version) selected in some fork, sorted.
  std::map<std::pair<std::string, Version>, std::vector<size_t>> present;
  for (size_t f = 0; f < solved.size(); ++f) {
    for (const auto& [name, v] : solved[f].base_versions) present[{name, v}].push_back(f);
  }
  std::map<std::pair<std::string, Version>, size_t> index_of;
  std::vector<pep508::Marker> context;  // by package: where it is selected (its forks' union)
  for (const auto& [key, forks] : present) {
    pep508::Marker where = pep508::Marker::always_false();
    for (size_t f : forks) where = where.or_(fork_markers[f]);
    context.push_back(forks.size() == solved.size() ? pep508::Marker::always_true() : where);
    ResolvedPackage p;
    p.name = key.first;
    p.version = key.second;
    p.local = input.find_local(p.name);
    for (const SolvedFork& s : solved) {
      const CandidateList* list = s.provider->candidates(p.name);
      if (!list || !p.index_url.empty()) continue;
      p.index_url = list->index_url;
      for (const Candidate& c : list->candidates) {
        if (c.version != p.version) continue;
        p.sdist = c.sdist;
        for (const WheelFile& w : c.wheels) p.wheels.push_back(w.file);
      }
    }
    if (forks.size() != solved.size()) p.forks = forks;
    index_of.emplace(key, resolution.packages.size());
    resolution.packages.push_back(std::move(p));
  }

  // uv gives a package resolution-markers only when the lock holds several versions of it.
  std::map<std::string, size_t> versions_of;
  for (const ResolvedPackage& p : resolution.packages) ++versions_of[p.name];
  for (ResolvedPackage& p : resolution.packages) {
    if (versions_of[p.name] == 1) p.forks.clear();
  }

  // Edges, merged over forks. Source SIZE_MAX is the root.
  constexpr size_t kRootSource = static_cast<size_t>(-1);
  std::map<size_t, std::map<EdgeKey, EdgeAcc>> edges;
  for (size_t f = 0; f < solved.size(); ++f) {
    const SolvedFork& s = solved[f];
    for (const auto& [id, v] : s.selected) {
      const PyPackage& pkg = table[id];
      const std::vector<KeptRequirement>* kept = s.provider->kept(id, v);
      if (!kept) continue;
      size_t from = kRootSource;
      if (pkg.kind != PackageKind::kRoot) {
        auto src = index_of.find({pkg.name, s.base_versions.at(pkg.name)});
        if (src == index_of.end()) continue;
        from = src->second;
      }
      int list = pkg.kind == PackageKind::kExtra ? 1 : pkg.kind == PackageKind::kGroup ? 2 : 0;
      for (const KeptRequirement& k : *kept) {
        auto target_version = s.base_versions.find(k.name);
        if (target_version == s.base_versions.end()) continue;
        size_t to = index_of.at({k.name, target_version->second});
        // uv's graph: one edge to the package and one to each extra, merged over forks each on
        // its own (the base edge of `a[x]; m` and of `a; not m` make one unconditional edge).
        auto note = [&](std::vector<std::string> extras) {
          EdgeAcc& acc = edges[from][EdgeKey{list, pkg.qualifier, to, std::move(extras)}];
          // With conflicts, uv's edges say which choice of conflict items they belong to.
          pep508::Marker m = k.marker.and_(resolution.fork_conflicts[f]);
          auto [it, fresh] = acc.by_fork.emplace(f, m);
          if (!fresh) it->second = it->second.or_(m);
        };
        note({});
        for (const std::string& e : k.extras) note({e});
      }
    }
  }
  const pep508::Marker impossible = impossible_choices(input.conflicts);  // uv's imbibe
  for (auto& [from, by_key] : edges) {
    const pep508::Marker& where =
        from == kRootSource ? pep508::Marker::always_true() : context[from];
    for (auto& [key, acc] : by_key) {
      const auto& [list, qualifier, to, extras] = key;
      // The requirement's own marker, unless it cannot tell this target from another version
      // of the same package chosen in other forks: then the forks' conditions say where.
      pep508::Marker declared = pep508::Marker::always_false();
      pep508::Marker in_forks = pep508::Marker::always_false();
      for (const auto& [f, m] : acc.by_fork) {
        declared = declared.or_(m);
        in_forks = in_forks.or_(m.and_(fork_markers[f]));
      }
      // With conflicts uv always says where (its edges there are and-ed with the forks' markers:
      // `sys_platform == 'win32' or (extra == ... and extra == ...)` once imbibed).
      bool ambiguous = !input.conflicts.empty() || (versions_of[resolution.packages[to].name] > 1 &&
                                                    declared.and_(where) != in_forks.and_(where));
      Edge e{to, extras, ambiguous ? in_forks : declared};
      if (!input.conflicts.empty()) e.marker = e.marker.or_(impossible);
      if (from == kRootSource) {
        if (list == 0) add_edge(resolution.roots, std::move(e), options.requires_python);
        continue;
      }
      ResolvedPackage& p = resolution.packages[from];
      if (list == 0) {
        add_edge(p.dependencies, std::move(e), options.requires_python);
        continue;
      }
      auto& lists = list == 1 ? p.optional_dependencies : p.dev_dependencies;
      if (lists.empty() || lists.back().first != qualifier)
        lists.emplace_back(qualifier, std::vector<Edge>{});
      add_edge(lists.back().second, std::move(e), options.requires_python);
    }
  }
  simplify_conflict_markers(resolution, input);
  if (!options.target) {
    // uv simplifies edge markers by their parent's reachability only without conflicts.
    prune_unreachable(resolution, options.requires_python, universe_of(options),
                      input.conflicts.empty());
    // uv imbibes each package's reachability too (which keeps, say, Windows wheels in a lock
    // whose environments are Linux and macOS: some impossible choice of extras reaches them).
    if (!input.conflicts.empty()) {
      for (ResolvedPackage& p : resolution.packages) p.reachable = p.reachable.or_(impossible);
    }
  }
  resolution.stats.pages = source.pages_read();
  resolution.stats.metadata = source.metadata_read();
  return resolution;
}

}  // namespace roost::resolve::python
