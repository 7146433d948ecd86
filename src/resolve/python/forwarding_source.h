// A PackageSource that hands every call to another: the base of the sources that change one
// aspect of what the resolver sees (exclude_newer.h, dependency_rules.h, declared_metadata.h)
// and leave the rest as the wrapped source has it.
#pragma once

#include <utility>
#include <vector>

#include "resolve/python/package_source.h"

namespace roost::resolve::python {

class ForwardingSource : public PackageSource {
 public:
  explicit ForwardingSource(PackageSource& inner) : inner_(inner) {}

  void prefetch_versions(const std::vector<pep508::PackageName>& names) override {
    inner_.prefetch_versions(names);
  }
  Result<const CandidateList*> versions(const pep508::PackageName& name) override {
    return inner_.versions(name);
  }
  void prefetch_metadata(
      const std::vector<std::pair<const CandidateList*, const Candidate*>>& wanted) override {
    inner_.prefetch_metadata(wanted);
  }
  Result<std::optional<const metadata::CoreMetadata*>> metadata(
      const CandidateList& list, const Candidate& candidate) override {
    return inner_.metadata(list, candidate);
  }
  size_t pages_read() const override { return inner_.pages_read(); }
  size_t metadata_read() const override { return inner_.metadata_read(); }

 protected:
  PackageSource& inner_;
};

}  // namespace roost::resolve::python
