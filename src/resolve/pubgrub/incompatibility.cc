#include "resolve/pubgrub/incompatibility.h"

namespace roost::resolve::pubgrub {

IncompatId IncompatibilityStore::add(std::vector<Term> terms, Cause cause, IncompatId left,
                                     IncompatId right, std::string reason) {
  Incompatibility incompat;
  incompat.cause = cause;
  incompat.left = left;
  incompat.right = right;
  incompat.reason = std::move(reason);
  for (Term& t : terms) {
    bool merged = false;
    for (Term& have : incompat.terms) {
      if (have.package == t.package) {
        have = have.intersect(t);
        merged = true;
        break;
      }
    }
    if (!merged) incompat.terms.push_back(std::move(t));
  }
  for (const Term& t : incompat.terms) {
    if (cause == Cause::kDependency && t.is_any()) incompat.empty_dependency = t.package;
  }
  std::erase_if(incompat.terms, [](const Term& t) { return t.is_any(); });
  const auto id = static_cast<IncompatId>(all_.size());
  for (const Term& t : incompat.terms) {
    if (by_package_.size() <= t.package) by_package_.resize(t.package + 1);
    by_package_[t.package].push_back(id);
  }
  all_.push_back(std::move(incompat));
  return id;
}

const std::vector<IncompatId>& IncompatibilityStore::mentioning(PackageId p) const {
  static const std::vector<IncompatId> kNone;
  return p < by_package_.size() ? by_package_[p] : kNone;
}

}  // namespace roost::resolve::pubgrub
