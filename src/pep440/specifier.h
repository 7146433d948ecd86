// PEP 440 version specifiers ("~=1.4.2", "==1.*", "!=2.0") and sets of them (">=1.0,<2").
//
//   ROOST_TRY(auto set, SpecifierSet::parse(">=1.0, <2"));
//   set.contains(v, PrereleasePolicy::kAllow);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "pep440/version.h"

namespace roost::pep440 {

enum class Operator : uint8_t {
  kCompatible,     // ~=
  kEqual,          // ==
  kEqualStar,      // ==X.*
  kNotEqual,       // !=
  kNotEqualStar,   // !=X.*
  kLessEqual,      // <=
  kGreaterEqual,   // >=
  kLess,           // <
  kGreater,        // >
  kArbitrary,      // ===
};
std::string_view to_string(Operator op);  // "==" for both kEqual and kEqualStar

// Whether prereleases may match.
//  kAllow / kDeny: explicit. kDefault: PEP 440's rule, a prerelease matches only when the
//  specifier (or set) itself names a prerelease inclusively (see admits_prereleases()).
enum class PrereleasePolicy : uint8_t { kDefault, kAllow, kDeny };

class Specifier {
 public:
  static Result<Specifier> parse(std::string_view text);

  Operator op() const;
  const Version& version() const;          // for kArbitrary: parsed if it parses, else unused
  const std::string& version_text() const; // as written (needed for === and error messages)

  // Plain PEP 440 matching; policy decides prereleases.
  bool contains(const Version& v, PrereleasePolicy policy = PrereleasePolicy::kDefault) const;
  // === compares strings (case-insensitively); other operators parse `text` first.
  bool contains_text(std::string_view text, PrereleasePolicy policy = PrereleasePolicy::kDefault) const;

  // PEP 440's opt-in: the clause names a pre/dev release and is inclusive of it.
  bool admits_prereleases() const;

  std::string to_string() const;  // normalised: "==1.0", "~=2.2", "==1.*"
  friend bool operator==(const Specifier&, const Specifier&);

 private:
  // chosen by the implementation
};

class SpecifierSet {
 public:
  // "" is the empty set (matches everything); clauses separated by commas.
  static Result<SpecifierSet> parse(std::string_view text);

  const std::vector<Specifier>& clauses() const;
  bool empty() const;

  bool contains(const Version& v, PrereleasePolicy policy = PrereleasePolicy::kDefault) const;
  bool admits_prereleases() const;  // any clause opts in

  std::string to_string() const;  // clauses normalised, de-duplicated, sorted, joined by ","

  friend bool operator==(const SpecifierSet&, const SpecifierSet&);

 private:
  // chosen by the implementation
};

}  // namespace roost::pep440
