// Marker: the public face of the marker parser, evaluator and algebra (PEP 508).
#include "pep508/marker.h"

#include "pep508/marker_expr.h"
#include "pep508/marker_tree.h"

namespace roost::pep508 {

Result<Marker> Marker::parse(std::string_view text) {
  detail::Tokenizer tokenizer(text, "marker");
  ROOST_TRY(detail::MarkerExpr expr, detail::parse_marker_expr(tokenizer));
  if (!tokenizer.check(detail::TokenKind::kEnd)) {
    size_t pos = tokenizer.position();
    return tokenizer.error(pos, pos,
                           "expected 'and', 'or' or the end of the marker, found " +
                               tokenizer.found(pos) + " at column " + std::to_string(pos + 1));
  }
  return from_expr(std::make_shared<const detail::MarkerExpr>(std::move(expr)));
}

Marker Marker::from_expr(std::shared_ptr<const detail::MarkerExpr> expr) {
  detail::Tree tree = detail::tree_from_expr(*expr);
  return Marker(std::move(tree), std::move(expr));
}

Marker Marker::always_true() { return Marker(detail::Tree::constant(true)); }
Marker Marker::always_false() { return Marker(detail::Tree::constant(false)); }

Result<bool> Marker::evaluate(const MarkerEnvironment& env) const {
  return evaluate(PreparedEnvironment(env));
}

Result<bool> Marker::evaluate(const PreparedEnvironment& env) const {
  detail::EnvironmentView view{env};
  if (expr_) return detail::evaluate_marker(*expr_, view);
  return detail::evaluate_tree(tree_, view);
}

Marker Marker::and_(const Marker& other) const { return Marker(detail::tree_and(tree_, other.tree_)); }
Marker Marker::or_(const Marker& other) const { return Marker(detail::tree_or(tree_, other.tree_)); }
Marker Marker::not_() const { return Marker(detail::tree_not(tree_)); }

bool Marker::is_true() const { return tree_.is_true(); }
bool Marker::is_false() const { return tree_.is_false(); }
bool Marker::is_disjoint(const Marker& other) const {
  return detail::tree_and(tree_, other.tree_).is_false();
}

Marker Marker::simplify_python(const pep440::VersionRanges& python_full_version) const {
  return Marker(detail::restrict_python(tree_, python_full_version));
}

std::string Marker::to_string() const { return detail::tree_to_string(tree_); }

std::string Marker::as_written() const {
  return expr_ ? detail::format_marker(*expr_) : to_string();
}

bool operator==(const Marker& a, const Marker& b) { return a.tree_ == b.tree_; }

}  // namespace roost::pep508
