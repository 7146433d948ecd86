// Normalised names: package names (PEP 503) and extra / group names (PEP 685, PEP 735). The types
// exist only in normalised form: the only ways in are parse() (validates) and normalize().
//
//   ROOST_TRY(auto name, PackageName::parse("Foo.Bar_baz"));  // "foo-bar-baz"
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "base/result.h"

namespace roost::pep508 {

// Validates against PEP 508's name grammar (^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$, case
// insensitive) and normalises: lowercase, runs of [-_.] become one "-".
class PackageName {
 public:
  static Result<PackageName> parse(std::string_view text);
  // Normalises without validation (packaging's canonicalize_name(validate=False)).
  static std::string normalize(std::string_view text);
  // True when `text` is already in normalised form: lowercase letters and digits, single "-"
  // between them (packaging's is_normalized_name).
  static bool is_normalized(std::string_view text);
  // True when `text` follows PEP 508's name grammar (before normalisation).
  static bool is_valid(std::string_view text);

  const std::string& str() const { return name_; }
  // The form used in wheel and dist-info filenames: "-" replaced by "_".
  std::string as_dist_info_name() const;

  auto operator<=>(const PackageName&) const = default;

 private:
  explicit PackageName(std::string name) : name_(std::move(name)) {}
  std::string name_;
};

// Extra names (PEP 685) and dependency-group names (PEP 735) follow the same normalisation.
class ExtraName {
 public:
  static Result<ExtraName> parse(std::string_view text);
  const std::string& str() const { return name_; }
  auto operator<=>(const ExtraName&) const = default;

 private:
  explicit ExtraName(std::string name) : name_(std::move(name)) {}
  std::string name_;
};
using GroupName = ExtraName;

}  // namespace roost::pep508

template <>
struct std::hash<roost::pep508::PackageName> {
  size_t operator()(const roost::pep508::PackageName& n) const { return std::hash<std::string>()(n.str()); }
};
template <>
struct std::hash<roost::pep508::ExtraName> {
  size_t operator()(const roost::pep508::ExtraName& n) const { return std::hash<std::string>()(n.str()); }
};
