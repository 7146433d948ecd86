// uv's `override-dependencies`, `constraint-dependencies` and `exclude-dependencies`, applied to
// every requirement the resolver reads: the workspace's own (apply_to_input) and each package's
// metadata (DependencyRulesSource). None of them adds a dependency.
// - exclude: requirements on the name are dropped.
// - override: a requirement on the name is replaced by the overrides for it, each under its own
//   marker; when the replaced requirement belonged to an extra (`extra == "x"`), the overrides
//   keep that condition, so an optional dependency stays optional (uv does the same).
// - constraint: a requirement on the name must also satisfy the constraint where the
//   constraint's marker holds. A constraint without a marker (or whose marker the requirement's
//   implies) narrows the requirement's specifier; otherwise the requirement is split in two,
//   with and without the constraint, under disjoint markers.
//
//   DependencyRules rules;
//   rules.overrides["werkzeug"] = {Requirement::parse("werkzeug==2.3.0").value()};
//   apply_to_input(rules, input);
//   DependencyRulesSource source(index_source, rules);  // hand this to resolve()
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "pep508/requirement.h"
#include "resolve/python/forwarding_source.h"
#include "resolve/python/model.h"

namespace roost::resolve::python {

struct DependencyRules {
  std::map<std::string, std::vector<pep508::Requirement>> overrides;    // by normalised name
  std::map<std::string, std::vector<pep508::Requirement>> constraints;  // by normalised name
  std::set<std::string> excludes;                                       // normalised names
  bool empty() const { return overrides.empty() && constraints.empty() && excludes.empty(); }

  // The requirements with the rules applied, in order.
  std::vector<pep508::Requirement> apply(const std::vector<pep508::Requirement>& in) const;
};

// The rules applied to the workspace's requirements: the roots, and every local package's
// dependencies and groups (a requirement on a local package keeps pointing at it).
void apply_to_input(const DependencyRules& rules, ResolveInput& input);

// A PackageSource whose metadata carries the rules (each metadata rewritten once).
class DependencyRulesSource : public ForwardingSource {
 public:
  DependencyRulesSource(PackageSource& inner, const DependencyRules& rules);
  ~DependencyRulesSource() override;

  Result<std::optional<const metadata::CoreMetadata*>> metadata(
      const CandidateList& list, const Candidate& candidate) override;

 private:
  const DependencyRules& rules_;
  std::map<const metadata::CoreMetadata*, std::unique_ptr<metadata::CoreMetadata>> rewritten_;
};

}  // namespace roost::resolve::python
