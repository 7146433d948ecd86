// The solver's packages for a Python resolution. PubGrub only sees integers; this is what they
// stand for: the root, a distribution, one extra of a distribution (a virtual package tied to
// its base's version, so `a[x]==1` brings in `a==1`), or a workspace member's dependency group.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "pep508/names.h"
#include "resolve/pubgrub/term.h"

namespace roost::resolve::python {

enum class PackageKind : uint8_t { kRoot, kBase, kExtra, kGroup };

struct PyPackage {
  PackageKind kind = PackageKind::kBase;
  std::string name;       // normalised; empty for the root
  std::string qualifier;  // the extra or the group
};

class PackageTable {
 public:
  PackageTable();  // id 0 is the root
  pubgrub::PackageId intern(PackageKind kind, const std::string& name,
                            const std::string& qualifier = {});
  const PyPackage& operator[](pubgrub::PackageId id) const { return packages_[id]; }
  size_t size() const { return packages_.size(); }
  static constexpr pubgrub::PackageId kRoot = 0;

 private:
  std::vector<PyPackage> packages_;
  std::map<std::tuple<PackageKind, std::string, std::string>, pubgrub::PackageId> ids_;
};

}  // namespace roost::resolve::python
