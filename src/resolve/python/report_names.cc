#include "resolve/python/report_names.h"

namespace roost::resolve::python {

bool PythonReportNames::is_local(const std::string& name) const {
  return input_.find_local(name).has_value();
}

std::string PythonReportNames::package(pubgrub::PackageId p) const {
  const PyPackage& pkg = table_[p];
  switch (pkg.kind) {
    case PackageKind::kRoot:
      return "your project";
    case PackageKind::kBase:
      return pkg.name;
    case PackageKind::kExtra:
      return pkg.name + "[" + pkg.qualifier + "]";
    case PackageKind::kGroup:
      return pkg.name + "'s " + pkg.qualifier + " group";
  }
  return pkg.name;
}

std::string PythonReportNames::versions(pubgrub::PackageId p,
                                        const pubgrub::VersionSet& set) const {
  const PyPackage& pkg = table_[p];
  // A workspace member has one version; naming it adds nothing.
  if (pkg.kind == PackageKind::kGroup || is_local(pkg.name)) return package(p);
  return ReportFormatter::versions(p, set);
}

std::string PythonReportNames::dependency(const pubgrub::Term& depender,
                                          const pubgrub::Term& dependency) const {
  std::string dep = versions(dependency.package, dependency.set);
  if (is_root(depender.package)) {
    return (input_.root_locals.empty() ? "you require " : "your workspace requires ") + dep;
  }
  return versions(depender.package, depender.set) + " depends on " + dep;
}

std::string PythonReportNames::no_versions(const pubgrub::Term& t) const {
  const PyPackage& pkg = table_[t.package];
  if (missing_.count(pkg.name)) return pkg.name + " was not found in the package registry";
  return ReportFormatter::no_versions(t);
}

}  // namespace roost::resolve::python
