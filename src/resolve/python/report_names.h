// How a failed Python resolution names things in its explanation: workspace members without
// versions, extras as `a[x]`, groups as "bird-feeder's dev group", the root as "you", and a
// package no index has as "a was not found in the package registry".
#pragma once

#include <set>
#include <string>

#include "resolve/pubgrub/report.h"
#include "resolve/python/model.h"
#include "resolve/python/packages.h"

namespace roost::resolve::python {

class PythonReportNames final : public pubgrub::ReportFormatter {
 public:
  // `missing`: packages no index offers at all.
  PythonReportNames(const PackageTable& table, const ResolveInput& input,
                    std::set<std::string> missing)
      : table_(table), input_(input), missing_(std::move(missing)) {}

  std::string package(pubgrub::PackageId p) const override;
  bool is_root(pubgrub::PackageId p) const override { return p == PackageTable::kRoot; }
  std::string versions(pubgrub::PackageId p, const pubgrub::VersionSet& set) const override;
  std::string dependency(const pubgrub::Term& depender,
                         const pubgrub::Term& dependency) const override;
  std::string no_versions(const pubgrub::Term& t) const override;

 private:
  bool is_local(const std::string& name) const;
  const PackageTable& table_;
  const ResolveInput& input_;
  std::set<std::string> missing_;
};

}  // namespace roost::resolve::python
