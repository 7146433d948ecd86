#include "resolve/python/reachability.h"

#include <deque>
#include <vector>

namespace roost::resolve::python {
namespace {

using pep508::Marker;

template <typename F>
void for_each_list(ResolvedPackage& p, F&& f) {
  f(p.dependencies);
  for (auto& [extra, edges] : p.optional_dependencies) f(edges);
  for (auto& [group, edges] : p.dev_dependencies) f(edges);
}

}  // namespace

void prune_unreachable(Resolution& r, const pep440::VersionRanges& requires_python,
                       const Marker& universe, bool simplify_edges) {
  // Most markers are `true` (unconditional edges): answer those without simplifying.
  auto never = [&](const Marker& m) {
    return !m.is_true() && m.simplify_python(requires_python).is_false();
  };
  auto implied_by = [&](const Marker& premise, const Marker& m) {
    return never(premise.and_(m.not_()));
  };
  const size_t n = r.packages.size();
  std::vector<Marker> reach(n, Marker::always_false());
  std::deque<size_t> work;
  std::vector<bool> queued(n, false);
  auto offer = [&](size_t to, const Marker& m) {
    if (never(m)) return;
    Marker grown = reach[to].or_(m);
    if (grown == reach[to]) return;
    reach[to] = std::move(grown);
    if (!queued[to]) queued[to] = true, work.push_back(to);
  };
  for (const Edge& e : r.roots) offer(e.target, universe.and_(e.marker));
  // Members are reached from the root even when no root edge names them (pip compile has none).
  for (size_t i = 0; i < n; ++i) {
    if (r.packages[i].local) offer(i, universe);
  }
  // Markers only grow and are built from finitely many atoms, so this settles.
  while (!work.empty()) {
    size_t from = work.front();
    work.pop_front();
    queued[from] = false;
    for_each_list(r.packages[from], [&](std::vector<Edge>& edges) {
      for (const Edge& e : edges) offer(e.target, reach[from].and_(e.marker));
    });
  }

  // Renumber the packages that stay; drop edges that can never be followed.
  std::vector<size_t> new_index(n, SIZE_MAX);
  size_t kept = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!reach[i].is_false()) new_index[i] = kept++;
  }
  auto fix = [&](std::vector<Edge>& edges, const Marker& parent) {
    std::vector<Edge> out;
    for (Edge& e : edges) {
      if (new_index[e.target] == SIZE_MAX || never(parent.and_(e.marker))) continue;
      if (simplify_edges && implied_by(parent, e.marker)) {
        e.marker = Marker::always_true();
      } else if (simplify_edges && !universe.is_true()) {
        // What every supported environment implies goes (uv writes `platform_python_implementation
        // != 'PyPy'` for `... and sys_platform != 'win32'` when only Linux is supported).
        e.marker = e.marker.simplify_given(universe);
      }
      e.target = new_index[e.target];
      out.push_back(std::move(e));
    }
    edges = std::move(out);
  };
  fix(r.roots, universe);
  std::vector<ResolvedPackage> packages;
  packages.reserve(kept);
  for (size_t i = 0; i < n; ++i) {
    if (new_index[i] == SIZE_MAX) continue;
    ResolvedPackage& p = r.packages[i];
    for_each_list(p, [&](std::vector<Edge>& edges) { fix(edges, reach[i]); });
    // An extra or group whose every edge was dropped is not written at all.
    auto drop_empty = [](auto& lists) {
      std::erase_if(lists, [](const auto& entry) { return entry.second.empty(); });
    };
    drop_empty(p.optional_dependencies);
    drop_empty(p.dev_dependencies);
    p.reachable = reach[i];
    packages.push_back(std::move(p));
  }
  r.packages = std::move(packages);
}

}  // namespace roost::resolve::python
