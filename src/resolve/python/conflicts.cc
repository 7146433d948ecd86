#include "resolve/python/conflicts.h"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <tuple>

namespace roost::resolve::python {
namespace {

using pep508::Marker;

Marker active(const ConflictItem& item) {
  return Marker::parse("'" + item.encoded() + "' in extras").value();
}

// A node of the resolution's graph: a package (list 0), one of its extras (1) or groups (2).
using Node = std::tuple<size_t, int, std::string>;
// The conflict items a path activated, sorted.
using Path = std::vector<ConflictItem>;

// The edges of a node's list (const or not, as the resolution is).
template <typename R>
auto edges_of(R& r, const Node& n) -> decltype(&r.packages[0].dependencies) {
  const auto& [i, list, qualifier] = n;
  auto& p = r.packages[i];
  if (list == 0) return &p.dependencies;
  for (auto& [name, edges] : list == 1 ? p.optional_dependencies : p.dev_dependencies) {
    if (name == qualifier) return &edges;
  }
  return nullptr;
}

// uv's activated paths: every root starts with none; passing a conflict item's list adds it.
std::map<Node, std::set<Path>> activations(const Resolution& r, const ResolveInput& input,
                                           const std::set<ConflictItem>& relevant) {
  std::map<Node, std::set<Path>> activated;
  std::deque<Node> queue;
  auto offer = [&](const Node& n, const std::set<Path>& paths) {
    std::set<Path>& into = activated[n];
    size_t before = into.size();
    into.insert(paths.begin(), paths.end());
    if (into.size() != before) queue.push_back(n);
  };
  const std::set<Path> none{Path{}};
  for (const Edge& e : r.roots) {
    offer({e.target, 0, ""}, none);
    for (const std::string& x : e.extras) offer({e.target, 1, x}, none);
  }
  for (size_t i = 0; i < r.packages.size(); ++i) {
    const ResolvedPackage& p = r.packages[i];
    bool member = p.local && std::find(input.root_locals.begin(), input.root_locals.end(),
                                       *p.local) != input.root_locals.end();
    if (!member) continue;
    offer({i, 0, ""}, none);
    for (const auto& [x, edges] : p.optional_dependencies) offer({i, 1, x}, none);
    for (const auto& [g, edges] : p.dev_dependencies) offer({i, 2, g}, none);
  }
  while (!queue.empty()) {
    Node n = queue.front();
    queue.pop_front();
    const auto& [i, list, qualifier] = n;
    std::set<Path>& paths = activated[n];
    if (list != 0) {
      const std::string& name = r.packages[i].name;
      ConflictItem item =
          list == 1 ? ConflictItem{name, qualifier, ""} : ConflictItem{name, "", qualifier};
      if (relevant.count(item)) {
        std::set<Path> with;
        for (Path p : paths) {
          auto at = std::lower_bound(p.begin(), p.end(), item);
          if (at == p.end() || *at != item) p.insert(at, item);
          with.insert(std::move(p));
        }
        paths = std::move(with);
      }
    }
    const std::vector<Edge>* edges = edges_of(r, n);
    if (!edges) continue;
    const std::set<Path> from = paths;
    for (const Edge& e : *edges) {
      offer({e.target, 0, ""}, from);
      for (const std::string& x : e.extras) offer({e.target, 1, x}, from);
    }
  }
  return activated;
}

}  // namespace

Marker conflict_marker(const ConflictChoice& choice) {
  Marker m = Marker::always_true();
  for (const ConflictItem& i : choice.include) m = m.and_(active(i));
  for (const ConflictItem& i : choice.exclude) m = m.and_(active(i).not_());
  return m;
}

std::vector<ConflictChoice> split_by_conflicts(
    const ConflictChoice& from, const std::vector<ConflictSet>& sets,
    const std::function<bool(const ConflictItem&)>& present) {
  std::vector<ConflictChoice> pieces{from};
  // A piece with one more rule, unless it contradicts one it has.
  auto with = [](ConflictChoice c, const ConflictItem& item, bool include) {
    if ((include ? c.exclude : c.include).count(item)) return std::optional<ConflictChoice>();
    (include ? c.include : c.exclude).insert(item);
    return std::optional<ConflictChoice>(std::move(c));
  };
  for (const ConflictSet& set : sets) {
    std::vector<ConflictChoice> next;
    for (const ConflictChoice& piece : pieces) {
      bool named = std::any_of(set.begin(), set.end(), [&](const ConflictItem& i) {
        return !piece.exclude.count(i) && present(i);
      });
      if (!named) {
        next.push_back(piece);
        continue;
      }
      // First the piece with none of the set, then the piece of each item (k = its place + 1).
      for (size_t k = 0; k <= set.size(); ++k) {
        std::optional<ConflictChoice> c = piece;
        for (size_t j = 0; j < set.size() && c; ++j) c = with(*c, set[j], k == j + 1);
        if (c && std::find(next.begin(), next.end(), *c) == next.end()) next.push_back(*c);
      }
    }
    pieces = std::move(next);
  }
  return pieces;
}

Marker impossible_choices(const std::vector<ConflictSet>& sets) {
  Marker impossible = Marker::always_false();
  for (const ConflictSet& set : sets) {
    for (size_t i = 0; i < set.size(); ++i) {
      for (size_t j = i + 1; j < set.size(); ++j) {
        impossible = impossible.or_(active(set[i]).and_(active(set[j])));
      }
    }
  }
  return impossible;
}

void simplify_conflict_markers(Resolution& r, const ResolveInput& input) {
  if (input.conflicts.empty()) return;
  std::set<ConflictItem> relevant;
  for (const ConflictSet& set : input.conflicts) relevant.insert(set.begin(), set.end());
  std::map<Node, std::set<Path>> activated = activations(r, input, relevant);
  for (const auto& [node, paths] : activated) {
    std::vector<Edge>* edges = edges_of(r, node);
    if (!edges) continue;
    for (Edge& e : *edges) {
      // Two edges to one name (different versions): uv leaves both alone.
      const std::string& name = r.packages[e.target].name;
      size_t same = std::count_if(edges->begin(), edges->end(),
                                  [&](const Edge& o) { return r.packages[o.target].name == name; });
      if (same > 1) continue;
      // What each path knows: its items active, the other items of their sets not.
      std::vector<std::map<ConflictItem, bool>> known;
      for (const Path& path : paths) {
        std::map<ConflictItem, bool> facts;
        for (const ConflictItem& item : path) {
          for (const ConflictSet& set : input.conflicts) {
            if (std::find(set.begin(), set.end(), item) == set.end()) continue;
            for (const ConflictItem& other : set) facts.emplace(other, false);
          }
        }
        for (const ConflictItem& item : path) facts[item] = true;
        known.push_back(std::move(facts));
      }
      bool always = std::all_of(known.begin(), known.end(), [&](const auto& facts) {
        Marker m = e.marker;
        for (const ConflictItem& item : relevant) {
          auto f = facts.find(item);
          m = m.assume_in_extras(item.encoded(), f != facts.end() && f->second);
        }
        // uv's evaluate_only_extras: the items decide; other variables may take any value.
        return !m.is_false();
      });
      if (!always) continue;
      for (const auto& facts : known) {
        for (const auto& [item, on] : facts)
          e.marker = e.marker.assume_in_extras(item.encoded(), on);
      }
    }
  }
}

}  // namespace roost::resolve::python
