// Incompatibilities: sets of terms that must not all hold at once, with the reason each exists.
// External ones come from the problem (the root, a dependency, a package with no versions, a
// version that cannot be used); derived ones are what conflict resolution learns from two others,
// and they form the derivation tree a failure is explained with.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "resolve/pubgrub/term.h"

namespace roost::resolve::pubgrub {

using IncompatId = uint32_t;

enum class Cause : uint8_t {
  kRoot,         // {not root==v}: the root must be selected
  kNoVersions,   // {p ∈ S}: no version of p in S exists (or is acceptable)
  kUnavailable,  // {p ∈ S}: these versions cannot be used, for `reason`
  kDependency,   // {p ∈ S, not q ∈ T}: p ∈ S depends on q ∈ T
  kDerived,      // learned from `left` and `right`
};

struct Incompatibility {
  std::vector<Term> terms;  // at most one per package, none "any"
  Cause cause = Cause::kDerived;
  IncompatId left = 0, right = 0;  // kDerived
  std::string reason;              // kUnavailable
  // kDependency on a set no version is in ({p ∈ S, not q ∈ ∅}): the q term always holds and is
  // dropped, so the package is kept here for the explanation.
  std::optional<PackageId> empty_dependency;

  // The term about `p`, if any.
  const Term* find(PackageId p) const {
    for (const Term& t : terms) {
      if (t.package == p) return &t;
    }
    return nullptr;
  }
};

// All incompatibilities of one solve, by id, with the ids that mention each package.
class IncompatibilityStore {
 public:
  // Merges terms about one package (intersection) and drops terms that always hold.
  IncompatId add(std::vector<Term> terms, Cause cause, IncompatId left = 0, IncompatId right = 0,
                 std::string reason = {});
  const Incompatibility& operator[](IncompatId id) const { return all_[id]; }
  size_t size() const { return all_.size(); }
  const std::vector<IncompatId>& mentioning(PackageId p) const;

 private:
  std::vector<Incompatibility> all_;
  std::vector<std::vector<IncompatId>> by_package_;
};

}  // namespace roost::resolve::pubgrub
