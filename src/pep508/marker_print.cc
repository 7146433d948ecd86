// The canonical text of a decision diagram: a DNF read off the diagram's paths to true. Each
// path constraint is widened by the sibling edges whose outcome it implies (so "a or b" does not
// print as "a or (not a and b)"), clauses implied by shorter ones are dropped, and every version
// constraint is spelled with the simplest atoms whose meaning is checked to be exactly that set
// (python_version when the bounds are x.y boundaries, python_full_version otherwise).
#include <algorithm>
#include <functional>

#include "pep508/marker_tree.h"

namespace roost::pep508::detail {
namespace {

using pep440::Bound;
using pep440::Interval;
using pep440::Version;
using pep440::VersionRanges;

using Clause = std::vector<std::string>;
using Alternatives = std::vector<Clause>;

// Normalised text with trailing zero release numbers dropped (keeping `min_release` numbers), so
// that equal versions print alike: 3.8.0 -> "3.8".
std::string format_version(const Version& v, size_t min_release = 2) {
  pep440::VersionParts p = v.parts();
  size_t length = p.release.size();
  while (length > min_release && p.release[length - 1] == 0) --length;
  p.release.resize(std::max(length, min_release), 0);
  return Version::from_parts(std::move(p)).to_string();
}

std::string format_release(std::span<const uint64_t> release, uint64_t epoch) {
  std::string out = epoch > 0 ? std::to_string(epoch) + "!" : "";
  for (size_t i = 0; i < release.size(); ++i) {
    if (i > 0) out += '.';
    out += std::to_string(release[i]);
  }
  return out;
}

// X.dev0 for a plain X: the first version of release X.
bool is_release_start(const Version& v) {
  return !v.is_sentinel() && !v.pre() && !v.post() && v.dev() == 0 && !v.has_local();
}
std::vector<uint64_t> trimmed_release(const Version& v) {
  std::vector<uint64_t> r(v.release().begin(), v.release().end());
  while (r.size() > 1 && r.back() == 0) r.pop_back();
  return r;
}
// For python: x.y when v is x.y.dev0.
std::optional<std::string> python_minor_start(const Version& v) {
  if (!is_release_start(v) || v.epoch() != 0) return std::nullopt;
  std::vector<uint64_t> r = trimmed_release(v);
  if (r.size() > 2) return std::nullopt;
  r.resize(2, 0);
  return format_release(r, 0);
}

struct Candidate {
  Variable variable;
  MarkerOp op;
  std::string literal;

  std::string text() const {
    return std::string(name_of(variable)) + " " + std::string(to_string(op)) + " " +
           quote_value(literal, '\'');
  }
  VersionRanges set() const { return version_set(variable, op, literal, false); }
};

class VersionPrinter {
 public:
  explicit VersionPrinter(Decision d)
      : python_(d == Decision::kPythonFullVersion), variable_(variable_of(d)) {}

  Alternatives alternatives(const VersionRanges& s) const {
    if (s.is_full()) return {Clause{}};
    if (s.is_empty()) return {};
    VersionRanges complement = s.complement();
    if (complement.intervals().size() == 1) {
      if (auto atom = equality(complement.intervals().front(), /*negate=*/true)) return {{*atom}};
    }
    Alternatives out;
    for (const Interval& i : s.intervals()) {
      if (auto atom = equality(i, /*negate=*/false)) {
        out.push_back({*atom});
        continue;
      }
      Clause clause;
      if (i.lower.version) clause.push_back(lower(i.lower));
      if (!i.upper.version) {
        out.push_back(std::move(clause));
        continue;
      }
      if (auto atoms = upper(i.upper)) {
        clause.insert(clause.end(), atoms->begin(), atoms->end());
        out.push_back(std::move(clause));
        continue;
      }
      // Up to and including v itself but none of v's local versions: below v, or exactly v.
      const Version& v = *i.upper.version;
      if (auto below = upper(Bound{v, false}); below && i.upper.inclusive) {
        Clause under = clause;
        under.insert(under.end(), below->begin(), below->end());
        out.push_back(std::move(under));
        out.push_back({identical(v).text()});
        continue;
      }
      clause.push_back(candidate(i.upper.inclusive ? MarkerOp::kLessEqual : MarkerOp::kLess,
                                 format_version(v)).text());
      out.push_back(std::move(clause));
    }
    return out;
  }

 private:
  Candidate candidate(MarkerOp op, std::string literal) const {
    return {variable_, op, std::move(literal)};
  }

  static VersionRanges interval_set(const Interval& i) {
    VersionRanges out = VersionRanges::full();
    if (i.lower.version) {
      out = out.intersect(i.lower.inclusive ? VersionRanges::at_least(*i.lower.version)
                                            : VersionRanges::higher_than(*i.lower.version));
    }
    if (i.upper.version) {
      out = out.intersect(i.upper.inclusive ? VersionRanges::at_most(*i.upper.version)
                                            : VersionRanges::lower_than(*i.upper.version));
    }
    return out;
  }

  // "=== v": v alone, none of its local versions.
  Candidate identical(const Version& v) const { return candidate(MarkerOp::kArbitrary, v.to_string()); }

  // "== X", "== X.*", "=== X" or "python_version == 'x.y'" (or != forms) meaning exactly `i` (or
  // its complement).
  std::optional<std::string> equality(const Interval& i, bool negate) const {
    if (!i.lower.version || !i.upper.version) return std::nullopt;
    MarkerOp op = negate ? MarkerOp::kNotEqual : MarkerOp::kEqual;
    VersionRanges target = interval_set(i);
    if (negate) target = target.complement();
    const Version& low = *i.lower.version;
    std::vector<Candidate> candidates;
    if (python_) {
      if (auto xy = python_minor_start(low)) candidates.push_back({Variable::kPythonVersion, op, *xy});
    }
    if (is_release_start(low)) {
      std::vector<uint64_t> r = trimmed_release(low);
      size_t longest = std::max(r.size(), i.upper.version->release().size());
      for (size_t n = r.size(); n <= longest; ++n) {
        std::vector<uint64_t> padded = r;
        padded.resize(n, 0);
        candidates.push_back(candidate(op, format_release(padded, low.epoch()) + ".*"));
      }
    }
    if (!low.is_sentinel()) candidates.push_back(candidate(op, format_version(low)));
    for (const Candidate& c : candidates) {
      if (c.set() == target) return c.text();
    }
    if (!negate && !low.is_sentinel() && identical(low).set() == target) return identical(low).text();
    return std::nullopt;
  }

  std::string lower(const Bound& b) const {
    const Version& v = *b.version;
    VersionRanges target = b.inclusive ? VersionRanges::at_least(v) : VersionRanges::higher_than(v);
    std::vector<Candidate> candidates;
    if (python_) {
      if (auto xy = python_minor_start(v)) {
        candidates.push_back({Variable::kPythonVersion, MarkerOp::kGreaterEqual, *xy});
      }
    }
    if (v.is_sentinel()) {
      candidates.push_back(candidate(MarkerOp::kGreater, format_version(Version::from_parts(v.parts()))));
    } else {
      candidates.push_back(candidate(MarkerOp::kGreaterEqual, format_version(v)));
      candidates.push_back(candidate(MarkerOp::kGreater, format_version(v)));
    }
    for (const Candidate& c : candidates) {
      if (c.set() == target) return c.text();
    }
    return candidates.back().text();
  }

  // Atoms meaning exactly "below b", or nullopt when no conjunction of atoms does.
  std::optional<std::vector<std::string>> upper(const Bound& b) const {
    const Version& v = *b.version;
    VersionRanges target = b.inclusive ? VersionRanges::at_most(v) : VersionRanges::lower_than(v);
    std::vector<Candidate> candidates;
    if (v.is_sentinel()) {
      // Only largest_of(final release) stays a sentinel; "<= v" misses v's post releases,
      // which no interpreter reports.
      return std::vector<std::string>{
          candidate(MarkerOp::kLessEqual, format_version(Version::from_parts(v.parts()))).text()};
    }
    if (python_) {
      if (auto xy = python_minor_start(v)) candidates.push_back({Variable::kPythonVersion, MarkerOp::kLess, *xy});
    }
    pep440::VersionParts parts = v.parts();
    if (is_release_start(v)) {
      candidates.push_back(candidate(MarkerOp::kLess, format_release(trimmed_release(v), v.epoch())));
    }
    if (parts.local.empty() && parts.dev == 0 && parts.post == 0) {
      pep440::VersionParts below = parts;
      below.post.reset();
      below.dev.reset();
      candidates.push_back(candidate(MarkerOp::kLessEqual, format_version(Version::from_parts(below))));
    }
    if (parts.local.empty() && parts.dev && *parts.dev > 0) {
      pep440::VersionParts below = parts;
      below.dev = *parts.dev - 1;
      candidates.push_back(candidate(MarkerOp::kLessEqual, format_version(Version::from_parts(below))));
    }
    candidates.push_back(candidate(MarkerOp::kLess, format_version(v)));
    candidates.push_back(candidate(MarkerOp::kLessEqual, format_version(v)));
    for (const Candidate& c : candidates) {
      if (c.set() == target) return std::vector<std::string>{c.text()};
    }
    // Below a final release but including its pre-releases: "<= v and != v".
    Candidate at_most = candidate(MarkerOp::kLessEqual, format_version(v));
    Candidate not_v = candidate(MarkerOp::kNotEqual, format_version(v));
    if (at_most.set().intersect(not_v.set()) == target) {
      return std::vector<std::string>{at_most.text(), not_v.text()};
    }
    return std::nullopt;
  }

  bool python_;
  Variable variable_;
};

class DnfWriter {
 public:
  Alternatives run(const Tree& tree) {
    collect(tree);
    // Drop repeated clauses and clauses that a clause with fewer constraints already covers.
    Alternatives kept;
    for (size_t i = 0; i < clauses_.size(); ++i) {
      bool redundant = false;
      for (size_t j = 0; j < clauses_.size() && !redundant; ++j) {
        if (i == j) continue;
        bool subset = std::all_of(clauses_[j].begin(), clauses_[j].end(), [&](const std::string& a) {
          return std::find(clauses_[i].begin(), clauses_[i].end(), a) != clauses_[i].end();
        });
        if (subset && (clauses_[j].size() < clauses_[i].size() || j < i)) redundant = true;
      }
      if (!redundant) kept.push_back(clauses_[i]);
    }
    return kept;
  }

 private:
  void with(const Alternatives& alternatives, const Tree& child) {
    for (const Clause& alternative : alternatives) {
      size_t mark = path_.size();
      path_.insert(path_.end(), alternative.begin(), alternative.end());
      collect(child);
      path_.resize(mark);
    }
  }

  void collect(const Tree& tree) {
    if (tree.is_true()) {
      clauses_.push_back(path_);
      return;
    }
    if (tree.is_false()) return;
    const Node& node = tree.node();
    switch (kind_of(node.decision())) {
      case DecisionKind::kVersion: return collect_version(node);
      case DecisionKind::kString: return collect_string(node);
      case DecisionKind::kBool: return collect_bool(node);
    }
  }

  void collect_version(const Node& node) {
    VersionPrinter printer(node.decision());
    const auto& edges = node.version_edges();
    for (const VersionEdge& edge : edges) {
      if (edge.child.is_false()) continue;
      VersionRanges widened = edge.set;
      for (const VersionEdge& other : edges) {
        if (&other != &edge && tree_implies(edge.child, other.child)) {
          widened = widened.union_with(other.set);
        }
      }
      with(printer.alternatives(widened), edge.child);
    }
  }

  void collect_string(const Node& node) {
    std::string name(name_of(variable_of(node.decision())));
    auto equals = [&](const std::string& v) { return name + " == " + quote_value(v, '\''); };
    auto differs = [&](const std::string& v) { return name + " != " + quote_value(v, '\''); };
    const auto& edges = node.string_edges();
    // Values allowed along with `child`: the ones whose outcome child implies.
    auto alternatives_for = [&](const Tree& child, const std::string* own) {
      if (tree_implies(child, node.otherwise())) {
        Clause excluded;
        for (const StringEdge& e : edges) {
          if ((own == nullptr || e.value != *own) && !tree_implies(child, e.child)) {
            excluded.push_back(differs(e.value));
          }
        }
        return Alternatives{excluded};
      }
      Alternatives out;
      for (const StringEdge& e : edges) {
        if ((own != nullptr && e.value == *own) || tree_implies(child, e.child)) {
          out.push_back({equals(e.value)});
        }
      }
      return out;
    };
    for (const StringEdge& e : edges) {
      if (!e.child.is_false()) with(alternatives_for(e.child, &e.value), e.child);
    }
    if (!node.otherwise().is_false()) with(alternatives_for(node.otherwise(), nullptr), node.otherwise());
  }

  void collect_bool(const Node& node) {
    std::string positive, negative;
    if (node.decision() == Decision::kAtom) {
      positive = node.atom()->text;
      negative = node.atom()->negated;
    } else {
      std::string set(name_of(variable_of(node.decision())));
      positive = quote_value(node.key(), '\'') + " in " + set;
      negative = quote_value(node.key(), '\'') + " not in " + set;
    }
    if (!node.if_true().is_false()) {
      bool free = tree_implies(node.if_true(), node.if_false());
      with({free ? Clause{} : Clause{positive}}, node.if_true());
    }
    if (!node.if_false().is_false()) {
      bool free = tree_implies(node.if_false(), node.if_true());
      with({free ? Clause{} : Clause{negative}}, node.if_false());
    }
  }

  Clause path_;
  Alternatives clauses_;
};

}  // namespace

std::string tree_to_string(const Tree& tree) {
  if (tree.is_true()) return "";
  if (tree.is_false()) return "python_version < '0'";
  std::string out;
  for (const Clause& clause : DnfWriter().run(tree)) {
    if (!out.empty()) out += " or ";
    for (size_t i = 0; i < clause.size(); ++i) {
      if (i > 0) out += " and ";
      out += clause[i];
    }
  }
  return out;
}

}  // namespace roost::pep508::detail
