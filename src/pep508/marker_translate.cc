// From markers as written to decision diagrams: each comparison becomes the set of values for
// which it holds (PEP 440 ranges for versions, exact values for strings) or an opaque atom.
// python_version comparisons become python_full_version ranges: python_version is the first two
// release numbers of python_full_version, so "python_version > '3.8'" holds for every
// python_full_version whose x.y is above 3.8, pre-releases included: >= 3.9.dev0.
#include <cstdint>

#include "pep508/marker_tree.h"

namespace roost::pep508::detail {
namespace {

using pep440::Version;
using pep440::VersionRanges;

// x.y of a version: its first two release numbers (zero-padded).
Version major_minor(const Version& v) {
  auto release = v.release();
  uint64_t major = release.empty() ? 0 : release[0];
  uint64_t minor = release.size() > 1 ? release[1] : 0;
  return Version::from_release({major, minor});
}
Version next_minor(const Version& xy) {
  auto release = xy.release();
  return Version::from_release({release[0], release[1] + 1});
}

// The python_full_version values whose python_version (an x.y release) lies in `xy_values`.
VersionRanges python_version_preimage(const VersionRanges& xy_values) {
  VersionRanges out = VersionRanges::empty();
  for (const pep440::Interval& interval : xy_values.intervals()) {
    std::optional<Version> low;  // the first x.y inside, from its x.y.dev0 on
    if (interval.lower.version) {
      const Version& v = *interval.lower.version;
      if (v.epoch() > 0) continue;  // every x.y (epoch 0) lies below
      Version c = major_minor(v);
      bool inside = interval.lower.inclusive ? c >= v : c > v;
      low = inside ? c : next_minor(c);
    }
    std::optional<Version> high;  // the first x.y above, excluded from its x.y.dev0 on
    if (interval.upper.version) {
      const Version& u = *interval.upper.version;
      if (u.epoch() == 0) {
        Version c = major_minor(u);
        bool inside = interval.upper.inclusive ? c <= u : c < u;
        high = inside ? next_minor(c) : c;
      }
    }
    if (low && high && *low >= *high) continue;
    VersionRanges piece = VersionRanges::full();
    if (low) piece = piece.intersect(VersionRanges::at_least(Version::smallest_of(*low)));
    if (high) piece = piece.intersect(VersionRanges::lower_than(Version::smallest_of(*high)));
    out = out.union_with(piece);
  }
  return out;
}

std::optional<pep440::Specifier> specifier(MarkerOp op, std::string_view version) {
  auto spec = pep440::Specifier::parse(std::string(to_string(op)) + std::string(version));
  if (!spec) return std::nullopt;
  return std::move(spec).value();
}

VersionRanges ranges_of(MarkerOp op, std::string_view version) {
  auto spec = specifier(op, version);
  return spec ? VersionRanges::from(*spec) : VersionRanges::empty();
}

// "<variable> <op> <literal>" over versions.
VersionRanges forward_set(MarkerOp op, std::string_view literal) {
  if (auto spec = specifier(op, literal)) return VersionRanges::from(*spec);
  // Not a specifier: packaging compares strings. A version equals the literal only when the
  // literal spells that version; the algebra takes the version it names.
  auto as_version = Version::parse(literal);
  VersionRanges same =
      as_version ? VersionRanges::exactly(*as_version) : VersionRanges::empty();
  switch (op) {
    case MarkerOp::kEqual:
    case MarkerOp::kLessEqual:
    case MarkerOp::kGreaterEqual: return same;
    case MarkerOp::kNotEqual: return same.complement();
    default: return VersionRanges::empty();  // < and > are false; ~= and === are undefined
  }
}

// "<literal> <op> <variable>": the environment's value E is the specifier's version, so this is
// the set of E for which Specifier("<op>E") contains the literal. Exact for values without post or
// local parts (what interpreters report); where a local or post value would need a set no
// specifier spells, the nearest specifier set is taken so that the result stays printable.
VersionRanges reversed_set(MarkerOp op, std::string_view literal) {
  auto parsed = Version::parse(literal);
  // A specifier never contains a string that is not a version (and "===E" is E itself).
  if (!parsed) return VersionRanges::empty();
  const Version& l = *parsed;
  std::string pub = l.without_local().to_string();
  switch (op) {
    case MarkerOp::kEqual: return ranges_of(MarkerOp::kEqual, pub);
    case MarkerOp::kNotEqual: return ranges_of(MarkerOp::kNotEqual, pub);
    case MarkerOp::kLess: {  // l < E, and l is not a pre-release of a final E
      VersionRanges above = ranges_of(MarkerOp::kGreater, pub);
      if (l.is_prerelease()) {
        above = above.intersect(ranges_of(MarkerOp::kNotEqual, l.base_version().to_string()));
      }
      return above;
    }
    case MarkerOp::kLessEqual: return ranges_of(MarkerOp::kGreaterEqual, pub);
    case MarkerOp::kGreaterEqual: return ranges_of(MarkerOp::kLessEqual, pub);
    case MarkerOp::kGreater: {  // l > largest_of(E)
      VersionRanges below = VersionRanges::lower_than(l.without_local());
      if (l.is_postrelease() || l.has_local()) {
        Version family = Version::from_parts({l.epoch(),
                                              std::vector<uint64_t>(l.release().begin(), l.release().end()),
                                              l.pre(),
                                              std::nullopt,
                                              std::nullopt,
                                              {}});
        below = below.intersect(ranges_of(MarkerOp::kNotEqual, family.to_string()));
      }
      return below;
    }
    case MarkerOp::kCompatible: {
      // "~=E" with E = x.y (what python_version holds): >= E and == x.*.
      std::string major = std::to_string(l.release().empty() ? 0 : l.release()[0]);
      if (l.epoch() > 0) major = std::to_string(l.epoch()) + "!" + major;
      return ranges_of(MarkerOp::kLessEqual, pub).intersect(ranges_of(MarkerOp::kEqual, major + ".*"));
    }
    case MarkerOp::kArbitrary: return ranges_of(MarkerOp::kArbitrary, literal);
    case MarkerOp::kIn:
    case MarkerOp::kNotIn: break;
  }
  return VersionRanges::empty();
}

std::string atom_text(const Comparison& c) {
  auto side = [](const Operand& o) {
    return o.is_variable ? std::string(name_of(o.variable)) : quote_value(o.value, '\'');
  };
  return side(c.lhs) + " " + std::string(to_string(c.op)) + " " + side(c.rhs);
}

// The complement of a comparison the algebra keeps opaque. `in` / `not in` are exact; for
// platform_release version comparisons the inverse operator is exact for version values (a
// non-version platform_release fails both).
std::optional<MarkerOp> inverse(MarkerOp op) {
  switch (op) {
    case MarkerOp::kIn: return MarkerOp::kNotIn;
    case MarkerOp::kNotIn: return MarkerOp::kIn;
    case MarkerOp::kLess: return MarkerOp::kGreaterEqual;
    case MarkerOp::kGreaterEqual: return MarkerOp::kLess;
    case MarkerOp::kGreater: return MarkerOp::kLessEqual;
    case MarkerOp::kLessEqual: return MarkerOp::kGreater;
    case MarkerOp::kEqual:
    case MarkerOp::kArbitrary: return MarkerOp::kNotEqual;
    case MarkerOp::kNotEqual: return MarkerOp::kEqual;
    case MarkerOp::kCompatible: return std::nullopt;
  }
  return std::nullopt;
}

Tree atom_tree(Comparison c) {
  bool positive = c.op != MarkerOp::kNotIn;
  if (!positive) c.op = MarkerOp::kIn;
  auto atom = std::make_shared<Atom>();
  atom->text = atom_text(c);
  Comparison complement = c;
  if (auto op = inverse(c.op)) {
    complement.op = *op;
    atom->negated = atom_text(complement);
  } else {
    // ~= on platform_release: below the version, or outside its prefix.
    Comparison below = c;
    below.op = MarkerOp::kLess;
    atom->negated = atom_text(below);
  }
  atom->comparison = std::move(c);
  std::string key = atom->text;
  return make_bool_node(Decision::kAtom, std::move(key), std::move(atom), Tree::constant(positive),
                        Tree::constant(!positive));
}

Tree string_tree(Decision decision, MarkerOp op, const std::string& literal) {
  bool equal_branch;
  switch (op) {
    case MarkerOp::kEqual:
    case MarkerOp::kLessEqual:
    case MarkerOp::kGreaterEqual: equal_branch = true; break;
    case MarkerOp::kNotEqual: equal_branch = false; break;
    default: return Tree::constant(false);  // < > are false; ~= === are undefined
  }
  return make_string_node(decision, {{literal, Tree::constant(equal_branch)}},
                          Tree::constant(!equal_branch));
}

}  // namespace

VersionRanges version_set(Variable variable, MarkerOp op, std::string_view literal,
                          bool literal_on_left) {
  VersionRanges set = literal_on_left ? reversed_set(op, literal) : forward_set(op, literal);
  if (variable == Variable::kPythonVersion) set = python_version_preimage(set);
  return set;
}

Tree tree_from_comparison(const Comparison& c) {
  std::optional<Variable> variable = c.variable();
  if (!variable) {
    auto result = compare_strings(c.lhs.value, c.op, c.rhs.value);
    return Tree::constant(result.value_or(false));
  }
  const std::string& literal = c.lhs.is_variable ? c.rhs.value : c.lhs.value;
  VariableKind kind = kind_of(*variable);
  if (kind == VariableKind::kSet) {
    bool in = c.op == MarkerOp::kIn;
    return make_bool_node(decision_of(*variable), literal, nullptr, Tree::constant(in),
                          Tree::constant(!in));
  }
  if (c.op == MarkerOp::kIn || c.op == MarkerOp::kNotIn) return atom_tree(c);
  if (*variable == Variable::kPlatformRelease) {
    // A version comparison when "<op><value>" is a specifier, else a string comparison.
    if (c.rhs.is_variable || c.specifier) return atom_tree(c);
    return string_tree(Decision::kPlatformRelease, c.op, literal);
  }
  if (kind == VariableKind::kVersion) {
    VersionRanges set = version_set(*variable, c.op, literal, !c.lhs.is_variable);
    Decision decision = decision_of(*variable);
    return make_version_node(decision, {{set, Tree::constant(true)},
                                        {set.complement(), Tree::constant(false)}});
  }
  return string_tree(decision_of(*variable), c.op, literal);
}

Tree tree_from_expr(const MarkerExpr& expr) {
  Tree any = Tree::constant(false);
  Tree all = Tree::constant(true);
  for (size_t i = 0; i < expr.items.size(); ++i) {
    if (i > 0 && expr.or_before[i]) {
      any = tree_or(any, all);
      all = Tree::constant(true);
    }
    const MarkerItem& item = expr.items[i];
    Tree t = item.comparison ? tree_from_comparison(*item.comparison) : tree_from_expr(*item.group);
    all = tree_and(all, t);
  }
  return tree_or(any, all);
}

}  // namespace roost::pep508::detail
