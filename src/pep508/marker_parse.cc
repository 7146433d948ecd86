// The recursive-descent parser of PEP 508 markers, following packaging's _parser grammar:
//   marker      = marker_atom (BOOLOP marker_atom)*
//   marker_atom = WS? "(" WS? marker WS? ")" WS? | WS? marker_item WS?
//   marker_item = WS? marker_var WS? marker_op WS? marker_var WS?
#include <string>

#include "pep508/diagnostic.h"
#include "pep508/marker_expr.h"
#include "pep508/names.h"

namespace roost::pep508::detail {
namespace {

std::string at(size_t pos) {
  return " at column " + std::to_string(pos + 1);
}

Result<MarkerItem> parse_marker_atom(Tokenizer& t);

Result<Operand> parse_marker_var(Tokenizer& t) {
  if (t.check(TokenKind::kVariable)) {
    Token token = t.read();
    Operand operand;
    operand.is_variable = true;
    operand.variable = *variable_from_name(token.text);
    return operand;
  }
  if (t.check(TokenKind::kQuotedString)) {
    Token token = t.read();
    std::string_view content = token.text.substr(1, token.text.size() - 2);
    size_t bad = content.find_first_of(std::string_view("\\\n\r\0", 4));
    if (bad != std::string_view::npos) {
      char c = content[bad];
      std::string what = c == '\\'   ? "a backslash (PEP 508 strings have no escape sequences)"
                         : c == '\0' ? "a NUL character"
                                     : "a line break";
      return t.error(token.position, token.position + token.text.size(),
                     "invalid quoted string " + quoted(token.text) + at(token.position) +
                         ": it contains " + what);
    }
    Operand operand;
    operand.value = std::string(content);
    return operand;
  }
  return t.error(t.position(), t.position(),
                 "expected a marker variable or a quoted string, found " + t.found(t.position()) +
                     at(t.position()));
}

Result<MarkerOp> parse_marker_op(Tokenizer& t) {
  if (t.check(TokenKind::kIn)) {
    t.read();
    return MarkerOp::kIn;
  }
  if (t.check(TokenKind::kNot)) {
    t.read();
    if (!t.check(TokenKind::kWs)) {
      return t.error(
          t.position(), t.position(),
          "expected a space after 'not', found " + t.found(t.position()) + at(t.position()));
    }
    t.read();
    if (!t.check(TokenKind::kIn)) {
      return t.error(
          t.position(), t.position(),
          "expected 'in' after 'not', found " + t.found(t.position()) + at(t.position()));
    }
    t.read();
    return MarkerOp::kNotIn;
  }
  if (t.check(TokenKind::kOp)) {
    std::string_view text = t.read().text;
    if (text == "<") return MarkerOp::kLess;
    if (text == "<=") return MarkerOp::kLessEqual;
    if (text == "==") return MarkerOp::kEqual;
    if (text == "!=") return MarkerOp::kNotEqual;
    if (text == ">=") return MarkerOp::kGreaterEqual;
    if (text == ">") return MarkerOp::kGreater;
    if (text == "~=") return MarkerOp::kCompatible;
    return MarkerOp::kArbitrary;
  }
  return t.error(t.position(), t.position(),
                 "expected a marker operator (<=, <, !=, ==, >=, >, ~=, ===, in, not in), found " +
                     t.found(t.position()) + at(t.position()));
}

// Rejects comparisons that have no meaning (two variables; a set used other than as
// "<name>" in <set>), normalises names compared with extra / extras / dependency_groups, and
// prepares the version specifier.
Result<Comparison> check_comparison(Tokenizer& t, Comparison c, size_t begin, size_t end) {
  if (c.lhs.is_variable && c.rhs.is_variable) {
    return t.error(begin, end,
                   "cannot compare two marker variables ('" + std::string(name_of(c.lhs.variable)) +
                       "' and '" + std::string(name_of(c.rhs.variable)) + "')" + at(begin) +
                       "; one side must be a quoted string");
  }
  for (const Operand* side : {&c.lhs, &c.rhs}) {
    if (!side->is_variable || kind_of(side->variable) != VariableKind::kSet) continue;
    bool membership = side == &c.rhs && (c.op == MarkerOp::kIn || c.op == MarkerOp::kNotIn);
    if (!membership) {
      std::string name(name_of(side->variable));
      return t.error(begin, end,
                     "'" + name + "' is a set of names" + at(begin) +
                         ": it can only be tested as '\"<name>\" in " + name +
                         "' or '\"<name>\" not in " + name + "'");
    }
  }
  std::optional<Variable> variable = c.variable();
  if (variable) {
    Operand& literal = c.lhs.is_variable ? c.rhs : c.lhs;
    VariableKind kind = kind_of(*variable);
    if (kind == VariableKind::kExtra || kind == VariableKind::kSet) {
      literal.value = PackageName::normalize(literal.value);
    }
    if (kind == VariableKind::kVersion && c.lhs.is_variable && c.op != MarkerOp::kIn &&
        c.op != MarkerOp::kNotIn) {
      auto spec = pep440::Specifier::parse(std::string(to_string(c.op)) + c.rhs.value);
      if (spec) c.specifier = std::move(spec).value();
    }
  }
  return c;
}

Result<Comparison> parse_marker_item(Tokenizer& t) {
  t.consume(TokenKind::kWs);
  size_t begin = t.position();
  Comparison c;
  ROOST_TRY(c.lhs, parse_marker_var(t));
  t.consume(TokenKind::kWs);
  ROOST_TRY(c.op, parse_marker_op(t));
  t.consume(TokenKind::kWs);
  ROOST_TRY(c.rhs, parse_marker_var(t));
  size_t end = t.position() - 1;
  t.consume(TokenKind::kWs);
  return check_comparison(t, std::move(c), begin, end);
}

Result<MarkerItem> parse_marker_atom(Tokenizer& t) {
  t.consume(TokenKind::kWs);
  MarkerItem item;
  if (t.check(TokenKind::kLeftParen)) {
    size_t open = t.read().position;
    if (++t.nesting() > Tokenizer::kMaxNesting) {
      return t.error(open, open,
                     "markers nested more than " + std::to_string(Tokenizer::kMaxNesting) +
                         " parentheses deep" + at(open));
    }
    t.consume(TokenKind::kWs);
    ROOST_TRY(MarkerExpr inner, parse_marker_expr(t));
    --t.nesting();
    t.consume(TokenKind::kWs);
    if (!t.check(TokenKind::kRightParen)) {
      return t.error(open, t.position(),
                     "expected ')' to close the '('" + at(open) + ", found " +
                         t.found(t.position()) + at(t.position()));
    }
    t.read();
    item.group = std::make_shared<const MarkerExpr>(std::move(inner));
  } else {
    ROOST_TRY(Comparison c, parse_marker_item(t));
    item.comparison = std::move(c);
  }
  t.consume(TokenKind::kWs);
  return item;
}

}  // namespace

Result<MarkerExpr> parse_marker_expr(Tokenizer& t) {
  MarkerExpr expr;
  ROOST_TRY(MarkerItem first, parse_marker_atom(t));
  expr.items.push_back(std::move(first));
  expr.or_before.push_back(false);
  while (t.check(TokenKind::kBoolOp)) {
    bool is_or = t.read().text == "or";
    ROOST_TRY(MarkerItem next, parse_marker_atom(t));
    expr.items.push_back(std::move(next));
    expr.or_before.push_back(is_or);
  }
  return expr;
}

}  // namespace roost::pep508::detail
