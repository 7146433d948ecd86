// The marker algebra's data structure: a reduced ordered decision diagram (like uv's marker tree,
// without a global interner). Each node tests one decision variable and has one child per part
// of a partition of that variable's values:
//   - python_full_version (python_version folded in) and implementation_version: PEP 440
//     version ranges;
//   - the string variables and extra: a few exact values and "any other value";
//   - membership of one name in extras / dependency_groups, and opaque comparisons the algebra
//     does not interpret (substring tests, platform_release version comparisons): true / false.
// Nodes are immutable and shared. The diagram is kept reduced (no node whose children are all
// equal, one edge per distinct child, a fixed variable order), so two diagrams are structurally
// equal exactly when they are the same function of the environment.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "pep440/ranges.h"
#include "pep508/marker.h"
#include "pep508/marker_environment.h"
#include "pep508/marker_expr.h"

namespace roost::pep508::detail {

// Decision variables, in diagram order (the order also shapes the printed form).
enum class Decision : uint8_t {
  kPythonFullVersion,
  kImplementationVersion,
  kImplementationName,
  kPlatformPythonImplementation,
  kOsName,
  kSysPlatform,
  kPlatformSystem,
  kPlatformMachine,
  kPlatformRelease,
  kPlatformVersion,
  kExtra,
  kExtrasMember,  // key: the normalised name
  kGroupsMember,  // key: the normalised name
  kAtom,          // key: the atom's canonical text
};

enum class DecisionKind : uint8_t { kVersion, kString, kBool };
DecisionKind kind_of(Decision d);
// The variable a version or string decision reads.
Variable variable_of(Decision d);
// The decision for a version or string variable (python_version maps to python_full_version).
Decision decision_of(Variable v);

// A comparison the algebra treats as an independent boolean, evaluated exactly as written.
struct Atom {
  Comparison comparison;  // the positive form
  std::string text;       // canonical text of the positive form; orders atoms
  std::string negated;    // canonical text of its complement
};

struct VersionEdge {
  pep440::VersionRanges set;
  Tree child;
};
struct StringEdge {
  std::string value;
  Tree child;
};

class Node {
 public:
  Decision decision() const { return decision_; }
  const std::string& key() const { return key_; }
  size_t hash() const { return hash_; }

  const std::vector<VersionEdge>& version_edges() const { return version_edges_; }
  const std::vector<StringEdge>& string_edges() const { return string_edges_; }
  const Tree& otherwise() const { return otherwise_; }
  const Tree& if_true() const { return if_true_; }
  const Tree& if_false() const { return if_false_; }
  const std::shared_ptr<const Atom>& atom() const { return atom_; }

  // The child for a string value.
  const Tree& child_for(std::string_view value) const;

 private:
  friend Tree make_version_node(Decision, std::vector<VersionEdge>);
  friend Tree make_string_node(Decision, std::vector<StringEdge>, Tree);
  friend Tree make_bool_node(Decision, std::string, std::shared_ptr<const Atom>, Tree, Tree);
  friend bool nodes_equal(const Node&, const Node&);

  Decision decision_ = Decision::kAtom;
  std::string key_;
  size_t hash_ = 0;
  std::vector<VersionEdge>
      version_edges_;                     // a partition of all versions, sorted, distinct children
  std::vector<StringEdge> string_edges_;  // sorted by value, each child != otherwise_
  Tree otherwise_;
  Tree if_true_;
  Tree if_false_;
  std::shared_ptr<const Atom> atom_;
};

// Orders decision variables: by Decision, then by key.
int compare_decisions(const Node& a, const Node& b);

// Constructors that keep diagrams reduced; they may return a child instead of a new node.
Tree make_version_node(Decision decision, std::vector<VersionEdge> edges);
Tree make_string_node(Decision decision, std::vector<StringEdge> edges, Tree otherwise);
Tree make_bool_node(Decision decision, std::string key, std::shared_ptr<const Atom> atom,
                    Tree if_true, Tree if_false);

Tree tree_and(const Tree& a, const Tree& b);
Tree tree_or(const Tree& a, const Tree& b);
Tree tree_not(const Tree& a);
// Whether a implies b (a and not b is false).
bool tree_implies(const Tree& a, const Tree& b);

// Agrees with `tree` for every python_full_version in `python`; outside it, python edges are
// widened to their nearest neighbour inside so the result is as small as possible.
Tree restrict_python(const Tree& tree, const pep440::VersionRanges& python);

// The diagram with `extra` fixed to one (normalised) value; "" means no extra requested.
Tree restrict_extra(const Tree& tree, std::string_view extra);
// Agrees with `tree` wherever `context` holds and is as small as this finds outside it (a
// Coudert-Madre "restrict": a branch `context` rules out takes a sibling's result, a variable
// only `context` tests is dropped from it).
Tree restrict_to(const Tree& tree, const Tree& context);

// The diagram with one boolean decision (kExtrasMember / kGroupsMember of `key`) fixed.
Tree restrict_member(const Tree& tree, Decision decision, std::string_view key, bool value);
// The python_full_version values for which some environment satisfies the diagram.
pep440::VersionRanges python_range(const Tree& tree);

Result<bool> evaluate_tree(const Tree& tree, const EnvironmentView& env);

// Translation of parsed markers (marker_translate.cc).
Tree tree_from_expr(const MarkerExpr& expr);
Tree tree_from_comparison(const Comparison& c);
// The python_full_version (or implementation_version) values for which "<variable> <op> <literal>"
// holds, when the variable is python_version / python_full_version / implementation_version.
pep440::VersionRanges version_set(Variable variable, MarkerOp op, std::string_view literal,
                                  bool literal_on_left);

// The canonical DNF text (marker_print.cc). "" for true.
std::string tree_to_string(const Tree& tree);

}  // namespace roost::pep508::detail
