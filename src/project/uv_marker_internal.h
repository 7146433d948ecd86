// The machinery behind uv_marker.h, shared by uv_marker.cc (reading roost's diagram) and
// uv_marker_tree.cc (uv's diagram); not part of the project API.
//
// A marker goes: roost's diagram -> `roost_dnf` (terms in uv's spelling: python_full_version
// with release-only bounds, extras as `extra == 'x'`) -> `uv_tree` (the decision diagram uv
// would build: its variable order, one boolean per extra, platform_system read as sys_platform)
// -> `uv_dnf` (uv's simplify.rs) -> text. Working on uv's own diagram is what makes the text and
// the order (`compare_uv_trees`) uv's, not merely equivalent.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pep508/marker.h"

namespace roost::project::uv_detail {

enum class Op : uint8_t {
  kEq,
  kNe,
  kLt,
  kGe,
  kGt,
  kLe,
  kEqStar,
  kNeStar,
  kIn,
  kNotIn,
  kAtom,
  kNotAtom
};
Op negation(Op op);
std::string_view op_text(Op op);

// One term of a clause. `rank` is uv's MarkerExpressionKind order (the variable, not the
// value), by which uv sorts the terms of a clause and then the clauses: implementation_version 0,
// python_full_version 1, the string variables 10-22 in uv's MarkerValueString order,
// `in dependency_groups` 41, extra 50.
struct Term {
  int rank = 0;
  std::string key;  // the variable ("extra" for extras), or an atom's positive text
  Op op = Op::kEq;
  std::string value;  // the version ("3.12" for == 3.12.*), string, extra or group name
  std::string text;
  friend bool operator==(const Term& a, const Term& b) {
    return a.rank == b.rank && a.key == b.key && a.op == b.op && a.value == b.value;
  }
};
using Clause = std::vector<Term>;

// A term with its text filled in from rank, key, op and value.
Term make_term(int rank, std::string key, Op op, std::string value);

// The paths of roost's diagram to true, as terms (exact, not simplified). Empty for constants.
std::vector<Clause> roost_dnf(const pep508::Marker& marker);

// uv-pep508 algebra.rs: the platform_system values uv reads as sys_platform values
// ("Windows" -> "win32"); nullopt for others.
std::optional<std::string_view> sys_platform_for(std::string_view platform_system);

struct UvNode;
using UvTree = std::shared_ptr<const UvNode>;

UvTree uv_tree(const pep508::Marker& marker);
// uv's to_dnf: paths collected, simplified and sorted as uv prints them. Empty for constants.
std::vector<Clause> uv_dnf(const UvTree& tree);
bool uv_is_true(const UvTree& tree);
bool uv_is_false(const UvTree& tree);
// uv's `impl Ord for MarkerTree`.
int compare_uv_trees(const UvTree& a, const UvTree& b);

}  // namespace roost::project::uv_detail
