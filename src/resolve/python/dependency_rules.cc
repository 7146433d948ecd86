// Overrides, constraints and excludes on requirements (see dependency_rules.h).
#include "resolve/python/dependency_rules.h"

namespace roost::resolve::python {
namespace {

// The `extra == "x"` condition of a metadata requirement's marker, as a marker; nullopt when it
// names no extra. Like uv, one extra in the marker's main conjunction is assumed.
std::optional<pep508::Marker> extra_condition(const std::optional<pep508::Marker>& marker) {
  if (!marker) return std::nullopt;
  std::string text = marker->as_written();
  size_t at = text.find("extra == \"");
  if (at == std::string::npos) return std::nullopt;
  size_t start = at + 10;
  size_t end = text.find('"', start);
  if (end == std::string::npos) return std::nullopt;
  Result<pep508::Marker> extra =
      pep508::Marker::parse("extra == \"" + text.substr(start, end - start) + "\"");
  if (!extra.ok()) return std::nullopt;
  return std::move(extra).value();
}

pep508::Marker marker_of(const pep508::Requirement& r) {
  return r.marker ? *r.marker : pep508::Marker::always_true();
}

std::optional<pep508::Marker> as_optional(pep508::Marker m) {
  if (m.is_true()) return std::nullopt;
  return m;
}

// `r` under the constraints on its name: narrowed, or split where a constraint's marker holds.
void constrain(const std::vector<pep508::Requirement>* constraints, pep508::Requirement r,
               std::vector<pep508::Requirement>& out) {
  std::vector<pep508::Requirement> pieces = {std::move(r)};
  if (constraints != nullptr) {
    for (const pep508::Requirement& c : *constraints) {
      std::vector<pep508::Requirement> next;
      for (pep508::Requirement& piece : pieces) {
        if (piece.url) {  // a direct reference names one artifact: nothing to narrow
          next.push_back(std::move(piece));
          continue;
        }
        pep508::Marker where = marker_of(piece);
        pep508::Marker applies = marker_of(c);
        if (where.and_(applies).is_false()) {
          next.push_back(std::move(piece));
          continue;
        }
        pep508::Requirement narrowed = piece;
        narrowed.specifier = piece.specifier.intersect(c.specifier);
        if (where.and_(applies.not_()).is_false()) {  // the constraint holds wherever `piece` does
          next.push_back(std::move(narrowed));
          continue;
        }
        narrowed.marker = as_optional(where.and_(applies));
        piece.marker = as_optional(where.and_(applies.not_()));
        next.push_back(std::move(narrowed));
        next.push_back(std::move(piece));
      }
      pieces = std::move(next);
    }
  }
  for (pep508::Requirement& p : pieces) out.push_back(std::move(p));
}

std::vector<Requirement> apply_local(const DependencyRules& rules,
                                     const std::vector<Requirement>& in) {
  std::vector<Requirement> out;
  for (const Requirement& r : in) {
    if (r.local) {  // a workspace member or local directory: sources decide, not the rules
      out.push_back(r);
      continue;
    }
    for (pep508::Requirement& applied : rules.apply({r.requirement})) {
      out.push_back(Requirement{std::move(applied), std::nullopt});
    }
  }
  return out;
}

}  // namespace

std::vector<pep508::Requirement> DependencyRules::apply(
    const std::vector<pep508::Requirement>& in) const {
  std::vector<pep508::Requirement> out;
  out.reserve(in.size());
  for (const pep508::Requirement& r : in) {
    const std::string& name = r.name.str();
    if (excludes.count(name)) continue;
    auto constraint = constraints.find(name);
    const std::vector<pep508::Requirement>* on_name =
        constraint == constraints.end() ? nullptr : &constraint->second;
    auto override_it = overrides.find(name);
    if (override_it == overrides.end()) {
      constrain(on_name, r, out);
      continue;
    }
    std::optional<pep508::Marker> extra = extra_condition(r.marker);
    for (pep508::Requirement o : override_it->second) {
      if (extra) o.marker = as_optional(extra->and_(marker_of(o)));
      if (o.marker && o.marker->is_false()) continue;  // `x; python_version < '0'`: dropped
      constrain(on_name, std::move(o), out);
    }
  }
  return out;
}

void apply_to_input(const DependencyRules& rules, ResolveInput& input) {
  if (rules.empty()) return;
  input.requirements = apply_local(rules, input.requirements);
  for (LocalPackage& local : input.locals) {
    local.dependencies = apply_local(rules, local.dependencies);
    for (auto& [group, requirements] : local.groups) {
      requirements = apply_local(rules, requirements);
    }
  }
}

DependencyRulesSource::DependencyRulesSource(PackageSource& inner, const DependencyRules& rules)
    : ForwardingSource(inner), rules_(rules) {}

DependencyRulesSource::~DependencyRulesSource() = default;

Result<std::optional<const metadata::CoreMetadata*>> DependencyRulesSource::metadata(
    const CandidateList& list, const Candidate& candidate) {
  ROOST_TRY(std::optional<const metadata::CoreMetadata*> md, inner_.metadata(list, candidate));
  if (!md) return md;
  auto found = rewritten_.find(*md);
  if (found == rewritten_.end()) {
    auto copy = std::make_unique<metadata::CoreMetadata>(**md);
    copy->requires_dist = rules_.apply((*md)->requires_dist);
    found = rewritten_.emplace(*md, std::move(copy)).first;
  }
  return std::optional<const metadata::CoreMetadata*>(found->second.get());
}

}  // namespace roost::resolve::python
