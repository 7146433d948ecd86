// Marker: the public face of the marker parser, evaluator and algebra (PEP 508).
#include "pep508/marker.h"

#include <mutex>

#include "pep508/marker_expr.h"
#include "pep508/marker_tree.h"

namespace roost::pep508 {

struct Marker::State {
  std::shared_ptr<const detail::MarkerExpr> expr;
  bool tree_ready = false;
  mutable std::once_flag once;
  mutable detail::Tree tree;
};

Marker::Marker(detail::Tree tree) {
  auto state = std::make_shared<State>();
  state->tree = std::move(tree);
  state->tree_ready = true;
  state_ = std::move(state);
}

Marker::Marker(std::shared_ptr<const detail::MarkerExpr> expr) {
  auto state = std::make_shared<State>();
  state->expr = std::move(expr);
  state_ = std::move(state);
}

const detail::Tree& Marker::tree() const {
  if (!state_->tree_ready) {
    std::call_once(state_->once, [this] { state_->tree = detail::tree_from_expr(*state_->expr); });
  }
  return state_->tree;
}

Result<Marker> Marker::parse(std::string_view text) {
  // The canonical form of always-true is "", so "" parses back to it (as in uv's lock files).
  if (text.find_first_not_of(" \t") == std::string_view::npos) return always_true();
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
  return Marker(std::move(expr));
}

Marker Marker::always_true() {
  return Marker(detail::Tree::constant(true));
}
Marker Marker::always_false() {
  return Marker(detail::Tree::constant(false));
}

Result<bool> Marker::evaluate(const MarkerEnvironment& env) const {
  return evaluate(PreparedEnvironment(env));
}

Result<bool> Marker::evaluate(const PreparedEnvironment& env) const {
  detail::EnvironmentView view{env};
  if (state_->expr) return detail::evaluate_marker(*state_->expr, view);
  return detail::evaluate_tree(tree(), view);
}

Marker Marker::and_(const Marker& other) const {
  return Marker(detail::tree_and(tree(), other.tree()));
}
Marker Marker::or_(const Marker& other) const {
  return Marker(detail::tree_or(tree(), other.tree()));
}
Marker Marker::not_() const {
  return Marker(detail::tree_not(tree()));
}

bool Marker::is_true() const {
  return tree().is_true();
}
bool Marker::is_false() const {
  return tree().is_false();
}
bool Marker::is_disjoint(const Marker& other) const {
  return detail::tree_and(tree(), other.tree()).is_false();
}

Marker Marker::simplify_python(const pep440::VersionRanges& python_full_version) const {
  return Marker(detail::restrict_python(tree(), python_full_version));
}

Marker Marker::assume_extra(std::string_view extra) const {
  return Marker(detail::restrict_extra(tree(), extra));
}

Marker Marker::simplify_given(const Marker& context) const {
  return Marker(detail::restrict_to(tree(), context.tree()));
}

Marker Marker::assume_in_extras(std::string_view name, bool present) const {
  return Marker(detail::restrict_member(tree(), detail::Decision::kExtrasMember, name, present));
}

pep440::VersionRanges Marker::python_range() const {
  return detail::python_range(tree());
}

std::string Marker::to_string() const {
  return detail::tree_to_string(tree());
}

std::string Marker::as_written() const {
  return state_->expr ? detail::format_marker(*state_->expr) : to_string();
}

bool operator==(const Marker& a, const Marker& b) {
  return a.tree() == b.tree();
}

}  // namespace roost::pep508
