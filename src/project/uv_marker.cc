// uv's marker text and order (uv-pep508 marker/simplify.rs, tree.rs), and the extras encoding
// lowering computes in. This file reads roost's diagram; uv_marker_tree.cc builds uv's.
#include "project/uv_marker.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

#include "pep508/marker_expr.h"
#include "pep508/marker_tree.h"
#include "project/uv_marker_internal.h"

namespace roost::project {

namespace uv_detail {
namespace {

namespace d = pep508::detail;
using pep440::Version;
using pep440::VersionRanges;

// uv's enum orders: MarkerValueVersion (implementation_version, python_full_version), then
// MarkerValueString (implementation_name, os_name, platform_machine,
// platform_python_implementation, platform_release, platform_system, platform_version,
// sys_platform), then the `in extras` lists, then extra.
int rank_of(d::Variable v) {
  switch (v) {
    case d::Variable::kImplementationVersion:
      return 0;
    case d::Variable::kPythonFullVersion:
    case d::Variable::kPythonVersion:
      return 1;
    case d::Variable::kImplementationName:
      return 10;
    case d::Variable::kOsName:
      return 11;
    case d::Variable::kPlatformMachine:
      return 13;
    case d::Variable::kPlatformPythonImplementation:
      return 15;
    case d::Variable::kPlatformRelease:
      return 18;
    case d::Variable::kPlatformSystem:
      return 19;
    case d::Variable::kPlatformVersion:
      return 20;
    case d::Variable::kSysPlatform:
      return 22;
    case d::Variable::kExtras:
      return 40;
    case d::Variable::kDependencyGroups:
      return 41;
    case d::Variable::kExtra:
      return 50;
  }
  return 30;
}

}  // namespace

Op negation(Op op) {
  switch (op) {
    case Op::kEq:
      return Op::kNe;
    case Op::kNe:
      return Op::kEq;
    case Op::kLt:
      return Op::kGe;
    case Op::kGe:
      return Op::kLt;
    case Op::kGt:
      return Op::kLe;
    case Op::kLe:
      return Op::kGt;
    case Op::kEqStar:
      return Op::kNeStar;
    case Op::kNeStar:
      return Op::kEqStar;
    case Op::kIn:
      return Op::kNotIn;
    case Op::kNotIn:
      return Op::kIn;
    case Op::kAtom:
      return Op::kNotAtom;
    case Op::kNotAtom:
      return Op::kAtom;
  }
  return op;
}

std::string_view op_text(Op op) {
  switch (op) {
    case Op::kEq:
    case Op::kEqStar:
      return "==";
    case Op::kNe:
    case Op::kNeStar:
      return "!=";
    case Op::kLt:
      return "<";
    case Op::kGe:
      return ">=";
    case Op::kGt:
      return ">";
    case Op::kLe:
      return "<=";
    case Op::kIn:
      return "in";
    case Op::kNotIn:
      return "not in";
    default:
      return "";
  }
}

Term make_term(int rank, std::string key, Op op, std::string value) {
  Term t;
  t.rank = rank;
  t.key = std::move(key);
  t.op = op;
  t.value = std::move(value);
  if (op == Op::kIn || op == Op::kNotIn) {
    t.text = d::quote_value(t.value, '\'') + " " + std::string(op_text(op)) + " " + t.key;
  } else if (op != Op::kAtom && op != Op::kNotAtom) {
    std::string shown = t.value + (op == Op::kEqStar || op == Op::kNeStar ? ".*" : "");
    t.text = t.key + " " + std::string(op_text(op)) + " " + d::quote_value(shown, '\'');
  }
  return t;
}

namespace {

Term comparison(d::Variable variable, Op op, std::string value) {
  return make_term(rank_of(variable), std::string(d::name_of(variable)), op, std::move(value));
}

// A bound with uv's release-only meaning: roost's exact PEP 440 bounds (x.y.dev0 for what
// python_version spells x.y, sentinels around a release) read back as the release they stand for.
struct UvBound {
  std::optional<Version> version;  // none: unbounded
  bool inclusive = false;
};

Version release_only(const Version& v) {
  return Version::from_release(std::vector<uint64_t>(v.release().begin(), v.release().end()),
                               v.epoch());
}

UvBound uv_lower(const pep440::Bound& b) {
  if (!b.version) return {};
  const Version& v = *b.version;
  if (v.is_sentinel()) {
    Version base = Version::from_parts(v.parts());
    // smallest_of(X): ">= X" with its pre-releases; largest_of(X): "> X".
    return v < base ? UvBound{base, true} : UvBound{base, false};
  }
  if (v.dev() == 0 && !v.pre() && !v.post() && !v.has_local()) {
    return {release_only(v), b.inclusive};
  }
  return {v, b.inclusive};
}

UvBound uv_upper(const pep440::Bound& b) {
  if (!b.version) return {};
  const Version& v = *b.version;
  if (v.is_sentinel()) {
    Version base = Version::from_parts(v.parts());
    return v < base ? UvBound{base, false} : UvBound{base, true};
  }
  if (v.dev() == 0 && !v.pre() && !v.post() && !v.has_local()) {
    return {release_only(v), b.inclusive};
  }
  return {v, b.inclusive};
}

struct UvInterval {
  UvBound lower, upper;
};

// The set as release-only intervals, neighbours that touch merged.
std::vector<UvInterval> uv_intervals(const VersionRanges& set) {
  std::vector<UvInterval> out;
  for (const pep440::Interval& i : set.intervals()) {
    UvInterval next{uv_lower(i.lower), uv_upper(i.upper)};
    if (!out.empty() && out.back().upper.version && next.lower.version &&
        *out.back().upper.version == *next.lower.version &&
        (out.back().upper.inclusive || next.lower.inclusive)) {
      out.back().upper = next.upper;
      continue;
    }
    out.push_back(std::move(next));
  }
  return out;
}

// uv's VersionSpecifier::from_release_only_bounds.
Clause interval_terms(d::Variable variable, const UvInterval& i) {
  const UvBound& lo = i.lower;
  const UvBound& hi = i.upper;
  if (lo.version && hi.version && lo.inclusive && hi.inclusive && *lo.version == *hi.version) {
    return {comparison(variable, Op::kEq, lo.version->to_string())};
  }
  if (lo.version && hi.version && lo.inclusive && !hi.inclusive &&
      lo.version->release().size() == 2 && hi.version->release().size() == 2 &&
      hi.version->release()[0] == lo.version->release()[0] &&
      hi.version->release()[1] == lo.version->release()[1] + 1) {
    return {comparison(variable, Op::kEqStar, lo.version->to_string())};
  }
  Clause out;
  if (lo.version)
    out.push_back(comparison(variable, lo.inclusive ? Op::kGe : Op::kGt, lo.version->to_string()));
  if (hi.version)
    out.push_back(comparison(variable, hi.inclusive ? Op::kLe : Op::kLt, hi.version->to_string()));
  return out;
}

class DnfCollector {
 public:
  std::vector<Clause> run(const d::Tree& tree) {
    collect(tree);
    return std::move(dnf_);
  }

 private:
  void with(const Clause& terms, const d::Tree& child) {
    size_t mark = path_.size();
    path_.insert(path_.end(), terms.begin(), terms.end());
    collect(child);
    path_.resize(mark);
  }

  void collect(const d::Tree& tree) {
    if (tree.is_false()) return;
    if (tree.is_true()) {
      if (!path_.empty()) dnf_.push_back(path_);
      return;
    }
    const d::Node& node = tree.node();
    switch (d::kind_of(node.decision())) {
      case d::DecisionKind::kVersion:
        return collect_version(node);
      case d::DecisionKind::kString:
        return collect_string(node);
      case d::DecisionKind::kBool:
        return collect_bool(node);
    }
  }

  // uv's Version arm: per edge, `!=` points, a `!= x.y.*` gap, or one clause per interval.
  void collect_version(const d::Node& node) {
    d::Variable variable = d::variable_of(node.decision());
    for (const d::VersionEdge& edge : node.version_edges()) {
      std::vector<UvInterval> intervals = uv_intervals(edge.set);
      if (auto points = inequality_points(intervals)) {
        Clause terms;
        for (const Version& v : *points)
          terms.push_back(comparison(variable, Op::kNe, v.to_string()));
        with(terms, edge.child);
        continue;
      }
      if (intervals.size() == 2 && !intervals[0].lower.version && intervals[0].upper.version &&
          !intervals[0].upper.inclusive && intervals[1].lower.version &&
          intervals[1].lower.inclusive && !intervals[1].upper.version) {
        const Version& v1 = *intervals[0].upper.version;
        const Version& v2 = *intervals[1].lower.version;
        if (v1.release().size() == 2 && v2.release().size() == 2 &&
            v2.release()[0] == v1.release()[0] && v2.release()[1] == v1.release()[1] + 1) {
          with({comparison(variable, Op::kNeStar, v1.to_string())}, edge.child);
          continue;
        }
      }
      for (const UvInterval& i : intervals) with(interval_terms(variable, i), edge.child);
    }
  }

  // Unbounded on both sides with single excluded points between: the points.
  static std::optional<std::vector<Version>> inequality_points(const std::vector<UvInterval>& in) {
    if (in.empty() || in.front().lower.version || in.back().upper.version) return std::nullopt;
    std::vector<Version> points;
    for (size_t k = 1; k < in.size(); ++k) {
      const UvBound& end = in[k - 1].upper;
      const UvBound& start = in[k].lower;
      if (!end.version || !start.version || end.inclusive || start.inclusive ||
          !(*end.version == *start.version)) {
        return std::nullopt;
      }
      points.push_back(*end.version);
    }
    return points;
  }

  // uv's String arm over roost's value edges: the edges grouped by child in the order their
  // values first occur; "any other value" owns the range below the first value, so it comes first
  // and is written as `!=` every listed value.
  void collect_string(const d::Node& node) {
    d::Variable variable = d::variable_of(node.decision());
    const auto& edges = node.string_edges();
    if (!node.otherwise().is_false()) {
      Clause terms;
      for (const d::StringEdge& e : edges) terms.push_back(comparison(variable, Op::kNe, e.value));
      with(terms, node.otherwise());
    }
    std::vector<bool> done(edges.size(), false);
    for (size_t k = 0; k < edges.size(); ++k) {
      if (done[k]) continue;
      for (size_t j = k; j < edges.size(); ++j) {
        if (done[j] || !(edges[j].child == edges[k].child)) continue;
        done[j] = true;
        with({comparison(variable, Op::kEq, edges[j].value)}, edges[j].child);
      }
    }
  }

  void collect_bool(const d::Node& node) {
    Term positive, negative;
    if (node.decision() == d::Decision::kAtom) {
      const d::Atom& atom = *node.atom();
      std::optional<d::Variable> variable = atom.comparison.variable();
      positive.rank = negative.rank = variable ? rank_of(*variable) : 30;
      positive.key = negative.key = atom.text;
      positive.op = Op::kAtom;
      negative.op = Op::kNotAtom;
      // uv_tree keeps both spellings of the atom: the positive text as key, the negated as value.
      positive.value = negative.value = atom.negated;
      positive.text = atom.text;
      negative.text = atom.negated;
    } else if (node.decision() == d::Decision::kExtrasMember) {
      // uv has one boolean per extra; roost's `'x' in extras` is how lowering spells it.
      positive = make_term(50, "extra", Op::kEq, node.key());
      negative = make_term(50, "extra", Op::kNe, node.key());
    } else {
      d::Variable set = d::variable_of(node.decision());
      std::string name(d::name_of(set));
      positive.rank = negative.rank = rank_of(set);
      positive.key = negative.key = name;
      positive.value = negative.value = node.key();
      positive.op = Op::kIn;
      negative.op = Op::kNotIn;
      positive.text = d::quote_value(node.key(), '\'') + " in " + name;
      negative.text = d::quote_value(node.key(), '\'') + " not in " + name;
    }
    with({positive}, node.if_true());
    with({negative}, node.if_false());
  }

  Clause path_;
  std::vector<Clause> dnf_;
};

}  // namespace

std::vector<Clause> roost_dnf(const pep508::Marker& marker) {
  if (marker.tree().is_constant()) return {};
  return DnfCollector().run(marker.tree());
}

namespace {

bool has_equivalent_platform_system(const d::Tree& tree, std::vector<const d::Node*>& seen) {
  if (tree.is_constant()) return false;
  const d::Node& node = tree.node();
  if (std::find(seen.begin(), seen.end(), &node) != seen.end()) return false;
  seen.push_back(&node);
  if (node.decision() == d::Decision::kPlatformSystem) {
    for (const d::StringEdge& e : node.string_edges()) {
      if (sys_platform_for(e.value)) return true;
    }
  }
  switch (d::kind_of(node.decision())) {
    case d::DecisionKind::kVersion:
      for (const d::VersionEdge& e : node.version_edges()) {
        if (has_equivalent_platform_system(e.child, seen)) return true;
      }
      return false;
    case d::DecisionKind::kString:
      for (const d::StringEdge& e : node.string_edges()) {
        if (has_equivalent_platform_system(e.child, seen)) return true;
      }
      return has_equivalent_platform_system(node.otherwise(), seen);
    case d::DecisionKind::kBool:
      return has_equivalent_platform_system(node.if_true(), seen) ||
             has_equivalent_platform_system(node.if_false(), seen);
  }
  return false;
}

}  // namespace
}  // namespace uv_detail

using namespace uv_detail;  // NOLINT: this file's own helpers

pep508::Marker uv_normalized(const pep508::Marker& marker) {
  std::vector<const d::Node*> seen;
  if (!has_equivalent_platform_system(marker.tree(), seen)) return marker;
  // Rebuilt from its clauses with the platform_system terms rewritten, so the algebra merges
  // them with the sys_platform terms they now share a variable with.
  pep508::Marker out = pep508::Marker::always_false();
  for (const Clause& clause : roost_dnf(marker)) {
    pep508::Marker conjunction = pep508::Marker::always_true();
    for (const Term& t : clause) {
      std::string text = t.text;
      if (t.key == "platform_system") {
        if (auto platform = sys_platform_for(t.value)) {
          text =
              "sys_platform " + std::string(op_text(t.op)) + " " + d::quote_value(*platform, '\'');
        }
      }
      Result<pep508::Marker> m = pep508::Marker::parse(text);
      if (!m.ok()) return marker;
      conjunction = conjunction.and_(*m);
    }
    out = out.or_(conjunction);
  }
  return out;
}

std::string uv_marker_text(const pep508::Marker& marker) {
  if (marker.is_true()) return "";
  // Most markers are one conjunction: uv's diagram for it is a chain that reads back as the same
  // terms in uv's variable order, so the diagram need not be built. (platform_system terms
  // still go through it: uv rewrites some of them.)
  std::vector<Clause> roost = roost_dnf(marker);
  if (roost.size() == 1 && std::none_of(roost[0].begin(), roost[0].end(),
                                        [](const Term& t) { return t.key == "platform_system"; })) {
    Clause& clause = roost[0];
    std::stable_sort(clause.begin(), clause.end(),
                     [](const Term& a, const Term& b) { return a.rank < b.rank; });
    std::string out;
    for (size_t i = 0; i < clause.size(); ++i) out += (i ? " and " : "") + clause[i].text;
    return out;
  }
  UvTree tree = uv_tree(marker);
  if (uv_is_true(tree)) return "";
  // uv's spelling of "never" (MarkerTree::FALSE's contents).
  if (uv_is_false(tree)) return "python_full_version < '0'";
  std::vector<Clause> dnf = uv_dnf(tree);
  // uv's MarkerTreeContents: a conjunction of several terms is parenthesised when it is one
  // of several alternatives.
  std::string out;
  for (const Clause& clause : dnf) {
    if (!out.empty()) out += " or ";
    bool parens = dnf.size() > 1 && clause.size() > 1;
    if (parens) out += '(';
    for (size_t i = 0; i < clause.size(); ++i) {
      if (i > 0) out += " and ";
      out += clause[i].text;
    }
    if (parens) out += ')';
  }
  return out;
}

int compare_uv_markers(const pep508::Marker& a, const pep508::Marker& b) {
  return compare_uv_trees(uv_tree(a), uv_tree(b));
}

std::string uv_extras_encoded_text(std::string_view text) {
  // Tokens are found by hand: `extra` as a whole word next to `==` / `!=` and a quoted name,
  // in either order, as packaging and uv both write them.
  auto is_word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
  };
  auto skip_spaces = [&](size_t i) {
    while (i < text.size() && text[i] == ' ') ++i;
    return i;
  };
  auto quoted_at = [&](size_t i, size_t* end) -> std::optional<std::string_view> {
    if (i >= text.size() || (text[i] != '"' && text[i] != '\'')) return std::nullopt;
    size_t close = text.find(text[i], i + 1);
    if (close == std::string_view::npos) return std::nullopt;
    *end = close + 1;
    return text.substr(i + 1, close - i - 1);
  };
  auto op_at = [&](size_t i) -> std::optional<bool> {  // true: ==, false: !=
    if (i + 1 >= text.size() || text[i + 1] != '=') return std::nullopt;
    if (text[i] == '=') return true;
    if (text[i] == '!') return false;
    return std::nullopt;
  };
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    bool word_start = i == 0 || !is_word(text[i - 1]);
    // extra == "x"
    if (word_start && text.compare(i, 5, "extra") == 0 &&
        (i + 5 == text.size() || !is_word(text[i + 5]))) {
      size_t j = skip_spaces(i + 5);
      if (std::optional<bool> eq = op_at(j)) {
        size_t end = 0;
        if (auto name = quoted_at(skip_spaces(j + 2), &end)) {
          out += "'" + std::string(*name) + (*eq ? "' in extras" : "' not in extras");
          i = end;
          continue;
        }
      }
    }
    // "x" == extra
    if (text[i] == '"' || text[i] == '\'') {
      size_t end = 0;
      if (auto name = quoted_at(i, &end)) {
        size_t j = skip_spaces(end);
        if (std::optional<bool> eq = op_at(j)) {
          size_t k = skip_spaces(j + 2);
          if (text.compare(k, 5, "extra") == 0 && (k + 5 == text.size() || !is_word(text[k + 5]))) {
            out += "'" + std::string(*name) + (*eq ? "' in extras" : "' not in extras");
            i = k + 5;
            continue;
          }
        }
        out.append(text.substr(i, end - i));
        i = end;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

}  // namespace roost::project
