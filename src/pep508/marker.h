// PEP 508 environment markers: parsing, evaluation, and an algebra (and / or / not, canonical
// form, always-true / always-false, disjointness, simplification under a Python range) that
// universal resolution relies on.
//
//   ROOST_TRY(auto m, Marker::parse("python_version >= '3.8' and sys_platform == 'linux'"));
//   ROOST_TRY(bool b, m.evaluate(env));
//   Marker both = m.and_(other);  both.is_false();
//
// Comparison rules are those of the current dependency-specifier spec as packaging 26 implements
// them: python_version, python_full_version, implementation_version and platform_release compare
// as PEP 440 versions when "<op><value>" is a valid specifier; otherwise (and for every other
// variable) `==` / `!=` compare strings, `<=` / `>=` mean `==`, `<` / `>` are false, `in` /
// `not in` test substrings, and `~=` / `===` are undefined (an evaluation error). `extra` values
// are compared PEP 685-normalised. src/pep508/README.md describes the algebra and its limits.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "base/result.h"
#include "pep440/ranges.h"

namespace roost::pep508 {

namespace detail {
struct MarkerExpr;
struct EnvironmentView;
class Node;
}  // namespace detail

// Values of the PEP 508 variables for one environment. A variable that is absent and needed by
// a marker is an evaluation error. "extras" and "dependency_groups" are the set-valued
// variables of lock files (only valid on the right of `in` / `not in`). Core metadata is
// evaluated with values["extra"] = "" when no extra is requested (packaging does the same).
struct MarkerEnvironment {
  std::map<std::string, std::string, std::less<>> values;  // e.g. {"python_version", "3.11"}
  std::optional<std::set<std::string>> extras;
  std::optional<std::set<std::string>> dependency_groups;
};

// A MarkerEnvironment parsed once for many evaluations: versions parsed, extra names normalised,
// variables indexed. python_version is derived from python_full_version when only the latter is
// given; a python_full_version ending in "+" (an untagged CPython build) reads as "+local", as
// packaging does.
class PreparedEnvironment {
 public:
  explicit PreparedEnvironment(const MarkerEnvironment& env);

  static constexpr size_t kSlots = 14;  // one per marker variable (detail::kVariableCount)

 private:
  friend struct detail::EnvironmentView;
  std::array<std::optional<std::string>, kSlots> strings_;
  std::array<std::optional<pep440::Version>, kSlots> versions_;
  std::optional<std::set<std::string>> extras_;
  std::optional<std::set<std::string>> dependency_groups_;
};

namespace detail {
// A reduced ordered decision diagram over the marker variables: a constant or a shared node.
// Structural equality is semantic equality (see marker_tree.h).
class Tree {
 public:
  Tree() = default;  // false
  static Tree constant(bool value) {
    Tree t;
    t.value_ = value;
    return t;
  }
  explicit Tree(std::shared_ptr<const Node> node) : node_(std::move(node)) {}

  bool is_constant() const { return node_ == nullptr; }
  bool is_true() const { return node_ == nullptr && value_; }
  bool is_false() const { return node_ == nullptr && !value_; }
  const Node& node() const { return *node_; }
  const Node* node_ptr() const { return node_.get(); }
  size_t hash() const;
  friend bool operator==(const Tree& a, const Tree& b);

 private:
  std::shared_ptr<const Node> node_;
  bool value_ = false;
};
}  // namespace detail

class Marker {
 public:
  // PEP 508's marker grammar; "" (or only spaces) is always-true, the canonical form's spelling.
  static Result<Marker> parse(std::string_view text);
  static Marker always_true();
  static Marker always_false();

  // Exact PEP 508 evaluation of the marker as written (for parsed markers) or of the diagram
  // (for markers built by the algebra). Errors name a missing variable or an undefined comparison.
  Result<bool> evaluate(const MarkerEnvironment& env) const;
  Result<bool> evaluate(const PreparedEnvironment& env) const;

  Marker and_(const Marker& other) const;
  Marker or_(const Marker& other) const;
  Marker not_() const;

  bool is_true() const;   // holds in every environment
  bool is_false() const;  // holds in none
  bool is_disjoint(const Marker& other) const;

  // Drops what a known Python range (python_full_version values) already implies, e.g.
  // "python_version >= '3.8'" under requires-python ">=3.9" is true. The result agrees with this
  // marker for every Python version inside the range and is as simple as possible outside it.
  Marker simplify_python(const pep440::VersionRanges& python_full_version) const;

  // Agrees with this marker wherever `context` holds, simpler outside it: what `context`
  // implies is dropped (`sys_platform != 'cygwin' and implementation_name == 'cpython'` given
  // `sys_platform == 'linux'` is `implementation_name == 'cpython'`).
  Marker simplify_given(const Marker& context) const;

  // The marker with `extra` fixed to one normalised value ("" = none requested): how a
  // metadata requirement reads inside one extra, with the `extra == "..."` test gone.
  Marker assume_extra(std::string_view extra) const;
  // The marker with `'name' in extras` fixed to `present` (uv's one-boolean-per-extra reading,
  // e.g. its conflict markers: `extra == 'extra-7-project-cpu'` read as such a membership).
  Marker assume_in_extras(std::string_view name, bool present) const;
  // The Python versions (python_full_version) for which some environment satisfies the marker.
  pep440::VersionRanges python_range() const;

  // Canonical string form: equal markers (as functions of the environment) print the same.
  // Always-true prints as "" .
  std::string to_string() const;
  // packaging's str(Marker): the marker as written, normalised (double quotes, one space around
  // operators, legacy variable names replaced, extra names normalised). Markers built by the
  // algebra print their canonical form.
  std::string as_written() const;

  // Semantic equality: the same function of the environment.
  friend bool operator==(const Marker&, const Marker&);

  // The decision diagram (marker_tree.h), for code that walks the algebra's structure.
  const detail::Tree& tree() const;

 private:
  friend struct Requirement;
  static Marker from_expr(std::shared_ptr<const detail::MarkerExpr> expr);

  // The parsed text (null for algebra results) and the diagram. A parsed marker builds its
  // diagram on first use: most requirements are only evaluated or printed.
  struct State;
  explicit Marker(detail::Tree tree);
  explicit Marker(std::shared_ptr<const detail::MarkerExpr> expr);

  std::shared_ptr<const State> state_;
};

}  // namespace roost::pep508
