// PEP 508 environment markers: parsing, evaluation, and an algebra (and / or / not, canonical
// form, always-true / always-false, disjointness, simplification under a Python range) that
// universal resolution relies on.
//
//   ROOST_TRY(auto m, Marker::parse("python_version >= '3.8' and sys_platform == 'linux'"));
//   ROOST_TRY(bool b, m.evaluate(env));
//   Marker both = m.and_(other);  both.is_false();
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "base/result.h"
#include "pep440/ranges.h"

namespace roost::pep508 {

// Values of the PEP 508 variables for one environment. A variable that is absent and needed by
// a marker is an evaluation error. "extras" and "dependency_groups" are the set-valued
// variables of lock files (only valid on the right of `in` / `not in`).
struct MarkerEnvironment {
  std::map<std::string, std::string, std::less<>> values;  // e.g. {"python_version", "3.11"}
  std::optional<std::set<std::string>> extras;
  std::optional<std::set<std::string>> dependency_groups;
};

class Marker {
 public:
  static Result<Marker> parse(std::string_view text);
  static Marker always_true();
  static Marker always_false();

  Result<bool> evaluate(const MarkerEnvironment& env) const;

  Marker and_(const Marker& other) const;
  Marker or_(const Marker& other) const;
  Marker not_() const;

  bool is_true() const;   // holds in every environment
  bool is_false() const;  // holds in none
  bool is_disjoint(const Marker& other) const;

  // Drops what a known Python range (python_full_version values) already implies, e.g.
  // "python_version >= '3.8'" under requires-python ">=3.9" is true.
  Marker simplify_python(const pep440::VersionRanges& python_full_version) const;

  // Canonical string form: equal markers (as functions of the environment) print the same.
  // Always-true prints as "" .
  std::string to_string() const;

  friend bool operator==(const Marker&, const Marker&);

 private:
  // chosen by the implementation
};

}  // namespace roost::pep508
