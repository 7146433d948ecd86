// Markers as written: the syntax tree of PEP 508's marker grammar (packaging's MarkerList), its
// parser, packaging's str() printing, and exact evaluation against a PreparedEnvironment.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "pep440/specifier.h"
#include "pep508/marker_environment.h"
#include "pep508/marker_variable.h"
#include "pep508/tokenizer.h"

namespace roost::pep508::detail {

enum class MarkerOp : uint8_t {
  kLess,
  kLessEqual,
  kEqual,
  kNotEqual,
  kGreaterEqual,
  kGreater,
  kCompatible,  // ~=
  kArbitrary,   // ===
  kIn,
  kNotIn,
};
std::string_view to_string(MarkerOp op);
// The operator with its sides swapped: "a < b" is "b > a". in / not in / ~= have none.
std::optional<MarkerOp> flipped(MarkerOp op);

struct Operand {
  bool is_variable = false;
  Variable variable = Variable::kPythonVersion;  // when is_variable
  std::string value;                             // when a literal (normalised for extra / sets)
};

// One comparison "<lhs> <op> <rhs>". At most one side is a variable (the parser rejects two).
struct Comparison {
  Operand lhs;
  MarkerOp op = MarkerOp::kEqual;
  Operand rhs;
  // For a version-valued variable on the left: the specifier "<op><literal>" when it is valid.
  std::optional<pep440::Specifier> specifier;

  // The variable compared, if any.
  std::optional<Variable> variable() const;
  // "python_version >= \"3.8\"" (packaging's serialisation).
  std::string to_string() const;
};

struct MarkerExpr;
struct MarkerItem {
  std::optional<Comparison> comparison;     // a comparison, or
  std::shared_ptr<const MarkerExpr> group;  // a parenthesised expression
};

// item (("and" | "or") item)*, "and" binding tighter than "or" (as packaging evaluates it).
struct MarkerExpr {
  std::vector<MarkerItem> items;
  std::vector<bool> or_before;  // or_before[i]: items[i-1] and items[i] are joined by "or"
};

// packaging's _parse_marker: stops where the marker grammar ends (no end-of-input check).
Result<MarkerExpr> parse_marker_expr(Tokenizer& tokenizer);

// packaging's str(Marker).
std::string format_marker(const MarkerExpr& expr);

// PEP 508 evaluation, evaluating every comparison as packaging does (so an undefined comparison
// or a missing variable is reported even where the result would not depend on it).
Result<bool> evaluate_marker(const MarkerExpr& expr, const EnvironmentView& env);
Result<bool> evaluate_comparison(const Comparison& c, const EnvironmentView& env);

// The rules for comparing two strings (no specifier applies): in / not in are substring tests,
// == / != compare, <= / >= mean ==, < / > are false, ~= / === are undefined (nullopt).
std::optional<bool> compare_strings(std::string_view lhs, MarkerOp op, std::string_view rhs);

// A literal as packaging serialises it: in double quotes, or single quotes if it holds a '"'.
std::string quote_value(std::string_view value, char preferred = '"');

}  // namespace roost::pep508::detail
