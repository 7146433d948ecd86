#include "resolve/python/packages.h"

namespace roost::resolve::python {

PackageTable::PackageTable() {
  packages_.push_back(PyPackage{PackageKind::kRoot, {}, {}});
}

pubgrub::PackageId PackageTable::intern(PackageKind kind, const std::string& name,
                                        const std::string& qualifier) {
  auto key = std::make_tuple(kind, name, qualifier);
  auto found = ids_.find(key);
  if (found != ids_.end()) return found->second;
  auto id = static_cast<pubgrub::PackageId>(packages_.size());
  packages_.push_back(PyPackage{kind, name, qualifier});
  ids_.emplace(std::move(key), id);
  return id;
}

}  // namespace roost::resolve::python
