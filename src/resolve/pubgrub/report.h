// Explaining a failed solve in prose, from the derivation tree of the terminal incompatibility
// (the algorithm of Dart's pub, solver.md "Error reporting"): each derived incompatibility
// becomes a sentence "Because X and Y, Z.", chained with "And because ..."; one used more than
// once gets a line number, "(1)", that later sentences refer to.
//
//   Because a==1.0 depends on b>=2 and there is no version of b>=2, a==1.0 cannot be used.
//   And because you require a==1.0, your requirements are unsatisfiable.
//
// The solver has no names: a ReportFormatter gives packages, terms and external facts their
// words, so the Python layer can say "you require", "bird-feeder's dev group depends on",
// "only b<2 is available".
#pragma once

#include <string>

#include "resolve/pubgrub/solver.h"

namespace roost::resolve::pubgrub {

class ReportFormatter {
 public:
  virtual ~ReportFormatter() = default;
  virtual std::string package(PackageId p) const = 0;
  virtual bool is_root(PackageId p) const = 0;
  // How a set of versions of `p` reads: "a==1.0", "a>=2", "a" (all versions).
  virtual std::string versions(PackageId p, const VersionSet& set) const;
  // "a==1.0 depends on b>=2"; from the root, "you require b>=2".
  virtual std::string dependency(const Term& depender, const Term& dependency) const;
  // "there is no version of b>=2".
  virtual std::string no_versions(const Term& t) const;
  // "a==1.0 cannot be used (<reason>)".
  virtual std::string unavailable(const Term& t, const std::string& reason) const;
  // The conclusion of a terminal incompatibility.
  virtual std::string unsatisfiable() const { return "your requirements are unsatisfiable"; }
};

// The explanation of `outcome` (which must be a failure), one sentence per line.
std::string explain(const Outcome& outcome, const ReportFormatter& formatter);

}  // namespace roost::resolve::pubgrub
