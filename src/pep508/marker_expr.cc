// Markers as written: packaging's str() formatting and exact PEP 508 evaluation of the syntax tree.
#include "pep508/marker_expr.h"

namespace roost::pep508::detail {
namespace {

std::string format_item(const MarkerItem& item, bool first);

// packaging's _format_marker, except that a doubly parenthesised "((a or b)) and c" keeps its
// parentheses (packaging drops them and so changes the meaning).
std::string format_expr(const MarkerExpr& expr, bool first) {
  if (expr.items.size() == 1) return format_item(expr.items[0], first);
  std::string out = first ? "" : "(";
  for (size_t i = 0; i < expr.items.size(); ++i) {
    if (i > 0) out += expr.or_before[i] ? " or " : " and ";
    out += format_item(expr.items[i], false);
  }
  if (!first) out += ")";
  return out;
}

std::string format_item(const MarkerItem& item, bool first) {
  if (item.comparison) return item.comparison->to_string();
  return format_expr(*item.group, first);
}

Error undefined_comparison(const Comparison& c) {
  return Error(ErrorKind::kUsage,
               "undefined comparison '" + c.to_string() + "': '" + std::string(to_string(c.op)) +
                   "' only applies to the version-valued variables (python_version, "
                   "python_full_version, implementation_version, platform_release) with a valid "
                   "version");
}

Result<bool> evaluate_item(const MarkerItem& item, const EnvironmentView& env) {
  if (item.comparison) return evaluate_comparison(*item.comparison, env);
  return evaluate_marker(*item.group, env);
}

}  // namespace

std::string_view to_string(MarkerOp op) {
  switch (op) {
    case MarkerOp::kLess: return "<";
    case MarkerOp::kLessEqual: return "<=";
    case MarkerOp::kEqual: return "==";
    case MarkerOp::kNotEqual: return "!=";
    case MarkerOp::kGreaterEqual: return ">=";
    case MarkerOp::kGreater: return ">";
    case MarkerOp::kCompatible: return "~=";
    case MarkerOp::kArbitrary: return "===";
    case MarkerOp::kIn: return "in";
    case MarkerOp::kNotIn: return "not in";
  }
  return "?";
}

std::optional<MarkerOp> flipped(MarkerOp op) {
  switch (op) {
    case MarkerOp::kLess: return MarkerOp::kGreater;
    case MarkerOp::kLessEqual: return MarkerOp::kGreaterEqual;
    case MarkerOp::kGreaterEqual: return MarkerOp::kLessEqual;
    case MarkerOp::kGreater: return MarkerOp::kLess;
    case MarkerOp::kEqual:
    case MarkerOp::kNotEqual:
    case MarkerOp::kArbitrary: return op;
    case MarkerOp::kCompatible:
    case MarkerOp::kIn:
    case MarkerOp::kNotIn: return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Variable> Comparison::variable() const {
  if (lhs.is_variable) return lhs.variable;
  if (rhs.is_variable) return rhs.variable;
  return std::nullopt;
}

std::string quote_value(std::string_view value, char preferred) {
  char other = preferred == '"' ? '\'' : '"';
  char quote = value.find(preferred) == std::string_view::npos ? preferred : other;
  std::string out(1, quote);
  out += value;
  out += quote;
  return out;
}

std::string Comparison::to_string() const {
  auto side = [](const Operand& o) {
    return o.is_variable ? std::string(name_of(o.variable)) : quote_value(o.value);
  };
  return side(lhs) + " " + std::string(detail::to_string(op)) + " " + side(rhs);
}

std::string format_marker(const MarkerExpr& expr) { return format_expr(expr, true); }

std::optional<bool> compare_strings(std::string_view lhs, MarkerOp op, std::string_view rhs) {
  switch (op) {
    case MarkerOp::kIn: return rhs.find(lhs) != std::string_view::npos;
    case MarkerOp::kNotIn: return rhs.find(lhs) == std::string_view::npos;
    case MarkerOp::kLessEqual:
    case MarkerOp::kEqual:
    case MarkerOp::kGreaterEqual: return lhs == rhs;
    case MarkerOp::kNotEqual: return lhs != rhs;
    case MarkerOp::kLess:
    case MarkerOp::kGreater: return false;
    case MarkerOp::kCompatible:
    case MarkerOp::kArbitrary: return std::nullopt;
  }
  return std::nullopt;
}

Result<bool> evaluate_comparison(const Comparison& c, const EnvironmentView& env) {
  std::optional<Variable> variable = c.variable();
  if (!variable) {
    auto result = compare_strings(c.lhs.value, c.op, c.rhs.value);
    if (!result) return undefined_comparison(c);
    return *result;
  }
  VariableKind kind = kind_of(*variable);
  if (kind == VariableKind::kSet) {
    const std::set<std::string>* names = env.set(*variable);
    if (!names) return missing_variable(*variable);
    bool member = names->count(c.lhs.value) > 0;
    return c.op == MarkerOp::kIn ? member : !member;
  }
  const std::string* value = env.string(*variable);
  if (!value) return missing_variable(*variable);
  bool membership = c.op == MarkerOp::kIn || c.op == MarkerOp::kNotIn;
  if (kind == VariableKind::kVersion && !membership) {
    if (c.lhs.is_variable) {
      if (c.specifier) {
        if (c.op == MarkerOp::kArbitrary) {
          return c.specifier->contains_text(*value, pep440::PrereleasePolicy::kAllow);
        }
        const pep440::Version* version = env.version(*variable);
        return version != nullptr && c.specifier->contains(*version, pep440::PrereleasePolicy::kAllow);
      }
    } else {
      // The environment's value is on the right, so it is the specifier's version.
      auto spec = pep440::Specifier::parse(std::string(to_string(c.op)) + *value);
      if (spec) return spec->contains_text(c.lhs.value, pep440::PrereleasePolicy::kAllow);
    }
  }
  const std::string& lhs = c.lhs.is_variable ? *value : c.lhs.value;
  const std::string& rhs = c.rhs.is_variable ? *value : c.rhs.value;
  auto result = compare_strings(lhs, c.op, rhs);
  if (!result) return undefined_comparison(c);
  return *result;
}

Result<bool> evaluate_marker(const MarkerExpr& expr, const EnvironmentView& env) {
  bool any = false;
  bool all = true;
  for (size_t i = 0; i < expr.items.size(); ++i) {
    if (i > 0 && expr.or_before[i]) {
      any = any || all;
      all = true;
    }
    ROOST_TRY(bool value, evaluate_item(expr.items[i], env));
    all = all && value;
  }
  return any || all;
}

}  // namespace roost::pep508::detail
