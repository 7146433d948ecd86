// uv's decision diagram for a marker (uv-pep508 marker/algebra.rs), built from the terms of
// roost's: uv's variable order (python versions, then os_name, sys_platform, platform_system,
// platform_machine, platform_python_implementation, platform_release, platform_version,
// implementation_name, then `in` tests, lists and one boolean per extra), edges as contiguous
// ranges with release-only version bounds. From it: uv's DNF (simplify.rs `to_dnf`) and uv's
// order (tree.rs `impl Ord for MarkerTree`, version_ranges' `impl Ord for Ranges`).
#include <algorithm>
#include <optional>
#include <variant>

#include "pep440/version.h"
#include "project/uv_marker_internal.h"

namespace roost::project::uv_detail {

// MarkerTreeKind's variant order.
enum Kind : int {
  kTrue = 0,
  kFalse = 1,
  kVersion = 2,
  kString = 3,
  kIn = 4,
  kList = 6,
  kExtra = 7
};

struct Var {
  int kind = kTrue;
  int rank = 0;      // uv's variable order within the kind (CanonicalMarkerValue*)
  int print = 0;     // Term::rank, for printing
  std::string key;   // the variable's name ("extra" for extras)
  std::string name;  // extra / group / atom: which one
};

using Value = std::variant<pep440::Version, std::string>;

struct End {
  std::optional<Value> value;  // none: unbounded
  bool inclusive = false;
};

struct Edge {
  End lower, upper;
  UvTree child;
};

struct UvNode {
  bool terminal = false;
  bool value = false;
  Var var;
  std::vector<Edge> edges;  // version / string variables: a partition, in order
  UvTree high, low;         // boolean variables
};

namespace {

using pep440::Version;

int compare(const Var& a, const Var& b) {
  if (a.kind != b.kind) return a.kind < b.kind ? -1 : 1;
  if (a.rank != b.rank) return a.rank < b.rank ? -1 : 1;
  return a.name.compare(b.name);
}

int compare(const Value& a, const Value& b) {
  if (a.index() != b.index()) return a.index() < b.index() ? -1 : 1;
  if (const auto* v = std::get_if<Version>(&a)) {
    const Version& w = std::get<Version>(b);
    return *v < w ? -1 : (w < *v ? 1 : 0);
  }
  return std::get<std::string>(a).compare(std::get<std::string>(b));
}

UvTree constant(bool value) {
  static const UvTree kYes = std::make_shared<UvNode>(UvNode{true, true, {}, {}, nullptr, nullptr});
  static const UvTree kNo = std::make_shared<UvNode>(UvNode{true, false, {}, {}, nullptr, nullptr});
  return value ? kYes : kNo;
}

int kind_of(const UvTree& t) {
  return t->terminal ? (t->value ? kTrue : kFalse) : t->var.kind;
}

// version_ranges' cmp_bounds_start / cmp_bounds_end.
int compare_start(const End& a, const End& b) {
  if (!a.value || !b.value) return a.value ? 1 : (b.value ? -1 : 0);
  if (int c = compare(*a.value, *b.value); c != 0) return c;
  if (a.inclusive == b.inclusive) return 0;
  return a.inclusive ? -1 : 1;
}
int compare_end(const End& a, const End& b) {
  if (!a.value || !b.value) return a.value ? -1 : (b.value ? 1 : 0);
  if (int c = compare(*a.value, *b.value); c != 0) return c;
  if (a.inclusive == b.inclusive) return 0;
  return a.inclusive ? 1 : -1;
}

bool same_end(const End& a, const End& b) {
  return a.inclusive == b.inclusive && a.value.has_value() == b.value.has_value() &&
         (!a.value || compare(*a.value, *b.value) == 0);
}

bool same(const UvTree& a, const UvTree& b) {
  if (a == b) return true;
  if (a->terminal || b->terminal) return a->terminal && b->terminal && a->value == b->value;
  if (compare(a->var, b->var) != 0 || a->edges.size() != b->edges.size()) return false;
  for (size_t i = 0; i < a->edges.size(); ++i) {
    const Edge& x = a->edges[i];
    const Edge& y = b->edges[i];
    if (!same_end(x.lower, y.lower) || !same_end(x.upper, y.upper) || !same(x.child, y.child))
      return false;
  }
  return !a->high || (same(a->high, b->high) && same(a->low, b->low));
}

// Adjacent edges with equal children merged; a node whose edges all agree is its child.
UvTree ranged_node(const Var& var, std::vector<Edge> edges) {
  std::vector<Edge> merged;
  for (Edge& e : edges) {
    if (!merged.empty() && same(merged.back().child, e.child)) {
      merged.back().upper = e.upper;
      continue;
    }
    merged.push_back(std::move(e));
  }
  if (merged.size() == 1) return merged.front().child;
  return std::make_shared<UvNode>(UvNode{false, false, var, std::move(merged), nullptr, nullptr});
}

UvTree bool_node(const Var& var, UvTree high, UvTree low) {
  if (same(high, low)) return high;
  return std::make_shared<UvNode>(UvNode{false, false, var, {}, std::move(high), std::move(low)});
}

UvTree negate(const UvTree& t) {
  if (t->terminal) return constant(!t->value);
  if (t->high) return bool_node(t->var, negate(t->high), negate(t->low));
  std::vector<Edge> edges = t->edges;
  for (Edge& e : edges) e.child = negate(e.child);
  return ranged_node(t->var, std::move(edges));
}

UvTree conjunction(const UvTree& a, const UvTree& b) {
  if (a->terminal) return a->value ? b : a;
  if (b->terminal) return b->value ? a : b;
  int order = compare(a->var, b->var);
  if (order != 0) {
    // Shannon expansion on the variable that comes first in uv's order.
    const UvTree& top = order < 0 ? a : b;
    const UvTree& other = order < 0 ? b : a;
    if (top->high)
      return bool_node(top->var, conjunction(top->high, other), conjunction(top->low, other));
    std::vector<Edge> edges = top->edges;
    for (Edge& e : edges) e.child = conjunction(e.child, other);
    return ranged_node(top->var, std::move(edges));
  }
  if (a->high) return bool_node(a->var, conjunction(a->high, b->high), conjunction(a->low, b->low));
  // The two partitions refined to their common pieces.
  std::vector<Edge> edges;
  size_t i = 0, j = 0;
  while (i < a->edges.size() && j < b->edges.size()) {
    const Edge& x = a->edges[i];
    const Edge& y = b->edges[j];
    End lower = compare_start(x.lower, y.lower) >= 0 ? x.lower : y.lower;
    int ends = compare_end(x.upper, y.upper);
    edges.push_back({lower, ends <= 0 ? x.upper : y.upper, conjunction(x.child, y.child)});
    if (ends <= 0) ++i;
    if (ends >= 0) ++j;
  }
  return ranged_node(a->var, std::move(edges));
}

UvTree disjunction(const UvTree& a, const UvTree& b) {
  return negate(conjunction(negate(a), negate(b)));
}

// [lower, upper] -> true, the rest of the line -> false.
UvTree interval(const Var& var, End lower, End upper) {
  std::vector<Edge> edges;
  if (lower.value) edges.push_back({End{}, End{lower.value, !lower.inclusive}, constant(false)});
  edges.push_back({lower, upper, constant(true)});
  if (upper.value) edges.push_back({End{upper.value, !upper.inclusive}, End{}, constant(false)});
  return ranged_node(var, std::move(edges));
}

// CanonicalMarkerValueString order; -1 for names that are not string variables.
int string_rank(std::string_view key) {
  static constexpr std::string_view kOrder[] = {"os_name",
                                                "sys_platform",
                                                "platform_system",
                                                "platform_machine",
                                                "platform_python_implementation",
                                                "platform_release",
                                                "platform_version",
                                                "implementation_name"};
  for (size_t i = 0; i < std::size(kOrder); ++i) {
    if (kOrder[i] == key) return static_cast<int>(i);
  }
  return -1;
}

Version bumped(const Version& v) {
  std::vector<uint64_t> r(v.release().begin(), v.release().end());
  r.back() += 1;
  return Version::from_release(std::move(r), v.epoch());
}

UvTree from_term(Term t) {
  auto boolean = [&](Var var, bool positive) {
    UvTree yes = bool_node(var, constant(true), constant(false));
    return positive ? yes : negate(yes);
  };
  if (t.key == "extra") return boolean({kExtra, 0, 50, "extra", t.value}, t.op == Op::kEq);
  if (t.op == Op::kIn || t.op == Op::kNotIn)
    return boolean({kList, t.rank, t.rank, t.key, t.value}, t.op == Op::kIn);
  if (t.op == Op::kAtom || t.op == Op::kNotAtom)
    return boolean({kIn, t.rank, t.rank, t.key, t.value}, t.op == Op::kAtom);
  if (t.key == "platform_system") {
    if (auto platform = sys_platform_for(t.value))
      t = make_term(22, "sys_platform", t.op, std::string(*platform));
  }
  bool version = t.rank < 10;
  Var var{version ? kVersion : kString, version ? t.rank : string_rank(t.key), t.rank, t.key, ""};
  Value v = t.value;
  if (version) {
    Result<Version> parsed = Version::parse(t.value);
    if (!parsed.ok()) return constant(false);
    v = *parsed;
  }
  switch (t.op) {
    case Op::kEq:
      return interval(var, {v, true}, {v, true});
    case Op::kNe:
      return negate(interval(var, {v, true}, {v, true}));
    case Op::kLt:
      return interval(var, {}, {v, false});
    case Op::kLe:
      return interval(var, {}, {v, true});
    case Op::kGt:
      return interval(var, {v, false}, {});
    case Op::kGe:
      return interval(var, {v, true}, {});
    case Op::kEqStar:
    case Op::kNeStar: {
      UvTree in = interval(var, {v, true}, {Value(bumped(std::get<Version>(v))), false});
      return t.op == Op::kEqStar ? in : negate(in);
    }
    default:
      return constant(false);
  }
}

// ---- uv's to_dnf over the diagram ----

std::string value_text(const Value& v) {
  if (const auto* version = std::get_if<Version>(&v)) return version->to_string();
  return std::get<std::string>(v);
}

struct Interval {
  End lower, upper;
};

class Collector {
 public:
  std::vector<Clause> run(const UvTree& tree) {
    collect(tree);
    return std::move(dnf_);
  }

 private:
  void with(const Clause& terms, const UvTree& child) {
    size_t mark = path_.size();
    path_.insert(path_.end(), terms.begin(), terms.end());
    collect(child);
    path_.resize(mark);
  }

  void collect(const UvTree& t) {
    if (t->terminal) {
      if (t->value && !path_.empty()) dnf_.push_back(path_);
      return;
    }
    const Var& var = t->var;
    if (t->high) {
      // children(): (true, high), then (false, low).
      if (var.kind == kExtra) {
        with({make_term(50, "extra", Op::kEq, var.name)}, t->high);
        with({make_term(50, "extra", Op::kNe, var.name)}, t->low);
      } else if (var.kind == kList) {
        with({make_term(var.print, var.key, Op::kIn, var.name)}, t->high);
        with({make_term(var.print, var.key, Op::kNotIn, var.name)}, t->low);
      } else {
        with({atom(var, true)}, t->high);
        with({atom(var, false)}, t->low);
      }
      return;
    }
    // collect_edges: edges grouped by child in the order they first occur, ranges united.
    std::vector<std::pair<UvTree, std::vector<Interval>>> groups;
    for (const Edge& e : t->edges) {
      auto it = std::find_if(groups.begin(), groups.end(),
                             [&](const auto& g) { return same(g.first, e.child); });
      if (it == groups.end()) {
        groups.push_back({e.child, {{e.lower, e.upper}}});
      } else {
        it->second.push_back({e.lower, e.upper});
      }
    }
    bool version = var.kind == kVersion;
    for (const auto& [child, ranges] : groups) {
      if (auto points = inequality_points(ranges)) {
        Clause terms;
        for (const Value& p : *points)
          terms.push_back(make_term(var.print, var.key, Op::kNe, value_text(p)));
        with(terms, child);
        continue;
      }
      if (version) {
        if (auto star = star_gap(ranges)) {
          with({make_term(var.print, var.key, Op::kNeStar, star->to_string())}, child);
          continue;
        }
      }
      for (const Interval& i : ranges) with(bounds_terms(var, i), child);
    }
  }

  // An atom's term: its positive text is the variable's key, its negated text the name.
  static Term atom(const Var& var, bool positive) {
    Term t = make_term(var.print, var.key, positive ? Op::kAtom : Op::kNotAtom, var.name);
    t.text = positive ? var.key : var.name;
    return t;
  }

  // simplify.rs range_inequality: unbounded on both sides with single points left out.
  static std::optional<std::vector<Value>> inequality_points(const std::vector<Interval>& in) {
    if (in.empty() || in.front().lower.value || in.back().upper.value) return std::nullopt;
    std::vector<Value> points;
    for (size_t k = 1; k < in.size(); ++k) {
      const End& end = in[k - 1].upper;
      const End& start = in[k].lower;
      if (!end.value || !start.value || end.inclusive || start.inclusive ||
          compare(*end.value, *start.value) != 0) {
        return std::nullopt;
      }
      points.push_back(*end.value);
    }
    return points;
  }

  // simplify.rs star_range_inequality: below x.y and from x.(y+1) on.
  static std::optional<Version> star_gap(const std::vector<Interval>& in) {
    if (in.size() != 2 || in[0].lower.value || !in[0].upper.value || in[0].upper.inclusive ||
        !in[1].lower.value || !in[1].lower.inclusive || in[1].upper.value) {
      return std::nullopt;
    }
    const Version& v1 = std::get<Version>(*in[0].upper.value);
    const Version& v2 = std::get<Version>(*in[1].lower.value);
    if (v1.release().size() == 2 && v2.release().size() == 2 &&
        v2.release()[0] == v1.release()[0] && v2.release()[1] == v1.release()[1] + 1) {
      return v1;
    }
    return std::nullopt;
  }

  // VersionSpecifier::from_release_only_bounds (strings: MarkerOperator::from_bounds).
  static Clause bounds_terms(const Var& var, const Interval& i) {
    const End& lo = i.lower;
    const End& hi = i.upper;
    if (lo.value && hi.value && lo.inclusive && hi.inclusive &&
        compare(*lo.value, *hi.value) == 0) {
      return {make_term(var.print, var.key, Op::kEq, value_text(*lo.value))};
    }
    if (var.kind == kVersion && lo.value && hi.value && lo.inclusive && !hi.inclusive) {
      const Version& v1 = std::get<Version>(*lo.value);
      const Version& v2 = std::get<Version>(*hi.value);
      if (v1.release().size() == 2 && v2.release().size() == 2 &&
          v2.release()[0] == v1.release()[0] && v2.release()[1] == v1.release()[1] + 1) {
        return {make_term(var.print, var.key, Op::kEqStar, v1.to_string())};
      }
    }
    Clause out;
    if (lo.value)
      out.push_back(
          make_term(var.print, var.key, lo.inclusive ? Op::kGe : Op::kGt, value_text(*lo.value)));
    if (hi.value)
      out.push_back(
          make_term(var.print, var.key, hi.inclusive ? Op::kLe : Op::kLt, value_text(*hi.value)));
    return out;
  }

  Clause path_;
  std::vector<Clause> dnf_;
};

bool is_negation(const Term& a, const Term& b) {
  return a.rank == b.rank && a.key == b.key && a.value == b.value && negation(a.op) == b.op;
}

// simplify.rs `simplify`: drop a term when another clause is this one with the term negated (or
// without it), then drop clauses that contain another clause.
void simplify(std::vector<Clause>& dnf) {
  for (size_t i = 0; i < dnf.size(); ++i) {
    const Clause& clause = dnf[i];
    std::vector<size_t> redundant;
    for (size_t skipped = 0; skipped < clause.size(); ++skipped) {
      const Term& skipped_term = clause[skipped];
      for (size_t j = 0; j < dnf.size(); ++j) {
        if (i == j) continue;
        bool covered = std::all_of(dnf[j].begin(), dnf[j].end(), [&](const Term& term) {
          if (term == skipped_term) return false;
          if (is_negation(term, skipped_term)) return true;
          auto at = std::find(clause.begin(), clause.end(), term);
          return at != clause.end() &&
                 std::find(redundant.begin(), redundant.end(),
                           static_cast<size_t>(at - clause.begin())) == redundant.end();
        });
        if (covered) {
          redundant.push_back(skipped);
          break;
        }
      }
    }
    std::sort(redundant.rbegin(), redundant.rend());
    for (size_t k : redundant) dnf[i].erase(dnf[i].begin() + static_cast<std::ptrdiff_t>(k));
  }
  std::vector<size_t> redundant_clauses;
  for (size_t i = 0; i < dnf.size(); ++i) {
    for (size_t j = 0; j < dnf.size(); ++j) {
      if (i == j || std::find(redundant_clauses.begin(), redundant_clauses.end(), j) !=
                        redundant_clauses.end()) {
        continue;
      }
      bool subset = std::all_of(dnf[j].begin(), dnf[j].end(), [&](const Term& term) {
        return std::find(dnf[i].begin(), dnf[i].end(), term) != dnf[i].end();
      });
      if (subset) {
        redundant_clauses.push_back(i);
        break;
      }
    }
  }
  std::sort(redundant_clauses.rbegin(), redundant_clauses.rend());
  for (size_t i : redundant_clauses) dnf.erase(dnf.begin() + static_cast<std::ptrdiff_t>(i));
}

// simplify.rs `sort`: terms by variable (stable), then clauses by their variable lists (stable).
void sort(std::vector<Clause>& dnf) {
  for (Clause& clause : dnf) {
    std::stable_sort(clause.begin(), clause.end(),
                     [](const Term& a, const Term& b) { return a.rank < b.rank; });
  }
  std::stable_sort(dnf.begin(), dnf.end(), [](const Clause& a, const Clause& b) {
    return std::lexicographical_compare(
        a.begin(), a.end(), b.begin(), b.end(),
        [](const Term& x, const Term& y) { return x.rank < y.rank; });
  });
}

}  // namespace

UvTree uv_tree(const pep508::Marker& marker) {
  if (marker.is_true()) return constant(true);
  if (marker.is_false()) return constant(false);
  UvTree out = constant(false);
  for (const Clause& clause : roost_dnf(marker)) {
    UvTree all = constant(true);
    for (const Term& t : clause) all = conjunction(all, from_term(t));
    out = disjunction(out, all);
  }
  return out;
}

std::vector<Clause> uv_dnf(const UvTree& tree) {
  std::vector<Clause> dnf = Collector().run(tree);
  simplify(dnf);
  sort(dnf);
  return dnf;
}

bool uv_is_true(const UvTree& tree) {
  return tree->terminal && tree->value;
}
bool uv_is_false(const UvTree& tree) {
  return tree->terminal && !tree->value;
}

int compare_uv_trees(const UvTree& a, const UvTree& b) {
  int ka = kind_of(a), kb = kind_of(b);
  if (ka != kb) return ka < kb ? -1 : 1;
  if (a->terminal) return 0;
  if (int c = compare(a->var, b->var); c != 0) return c;
  if (a->high) {
    // children(): (true, high) then (false, low).
    if (int c = compare_uv_trees(a->high, b->high); c != 0) return c;
    return compare_uv_trees(a->low, b->low);
  }
  for (size_t i = 0; i < a->edges.size() && i < b->edges.size(); ++i) {
    const Edge& x = a->edges[i];
    const Edge& y = b->edges[i];
    if (int c = compare_start(x.lower, y.lower); c != 0) return c;
    if (int c = compare_end(x.upper, y.upper); c != 0) return c;
    if (int c = compare_uv_trees(x.child, y.child); c != 0) return c;
  }
  if (a->edges.size() != b->edges.size()) return a->edges.size() < b->edges.size() ? -1 : 1;
  return 0;
}

std::optional<std::string_view> sys_platform_for(std::string_view platform_system) {
  static constexpr std::pair<std::string_view, std::string_view> kEquivalent[] = {
      {"Windows", "win32"}, {"Darwin", "darwin"},         {"Linux", "linux"},
      {"AIX", "aix"},       {"Emscripten", "emscripten"}, {"Android", "android"}};
  for (const auto& [system, platform] : kEquivalent) {
    if (system == platform_system) return platform;
  }
  return std::nullopt;
}

}  // namespace roost::project::uv_detail
