// PEP 440 version specifiers ("~=1.4.2", "==1.*", "!=2.0") and sets of them (">=1.0,<2").
//
//   ROOST_TRY(auto set, SpecifierSet::parse(">=1.0, <2"));
//   set.contains(v, PrereleasePolicy::kAllow);
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "pep440/version.h"

namespace roost::pep440 {

enum class Operator : uint8_t {
  kCompatible,    // ~=
  kEqual,         // ==
  kEqualStar,     // ==X.*
  kNotEqual,      // !=
  kNotEqualStar,  // !=X.*
  kLessEqual,     // <=
  kGreaterEqual,  // >=
  kLess,          // <
  kGreater,       // >
  kArbitrary,     // ===
};
std::string_view to_string(Operator op);  // "==" for both kEqual and kEqualStar

// Whether prereleases may match.
//  kAllow / kDeny: explicit. kDefault: PEP 440's rule, a prerelease matches only when the
//  specifier (or set) itself names a prerelease inclusively (see admits_prereleases()).
enum class PrereleasePolicy : uint8_t { kDefault, kAllow, kDeny };

// An input to filter(): a parsed version, or a string as written. "===" compares the string
// (or the parsed version's normalised form); other operators never match a string that is not
// a PEP 440 version.
struct Candidate {
  const Version* version = nullptr;
  std::string_view text;  // used when version is null
};

class Specifier {
 public:
  static Result<Specifier> parse(std::string_view text);

  Operator op() const { return op_; }
  // For ==X.* / !=X.* the prefix X; for kArbitrary the text parsed as a version if it parses,
  // else 0.
  const Version& version() const { return version_; }
  // As written after the operator, surrounding whitespace removed ("1.0.*", "FooBar").
  const std::string& version_text() const { return text_; }

  // Plain PEP 440 matching; policy decides prereleases.
  bool contains(const Version& v, PrereleasePolicy policy = PrereleasePolicy::kDefault) const;
  // === compares strings (case-insensitively); other operators parse `text` first.
  bool contains_text(std::string_view text,
                     PrereleasePolicy policy = PrereleasePolicy::kDefault) const;

  // PEP 440's opt-in, as packaging decides it: the clause's version is a pre or dev release and
  // the operator is not != (and not a ".*" prefix match, which cannot name one). For ===, only
  // when the text parses as such a version.
  bool admits_prereleases() const { return admits_; }

  // PEP 440's candidate selection: the indices of the candidates that match, in order. With
  // kDefault and a clause that does not opt in, prereleases are kept only if no final release
  // matches (strings that are not versions are always kept when they match).
  std::vector<size_t> filter(std::span<const Candidate> candidates,
                             PrereleasePolicy policy = PrereleasePolicy::kDefault) const;

  std::string to_string() const;  // normalised: "==1.0", "~=2.2", "==1.*"; === as written
  // Equal when they match the same versions in the same way: "==2.8.0" == "==2.8", but
  // "~=2.8.0" != "~=2.8"; === texts compare case-insensitively.
  friend bool operator==(const Specifier&, const Specifier&);

 private:
  friend class SpecifierParser;
  Specifier(Operator op, Version version, std::string text, bool text_is_version);

  bool matches_allowing_prereleases(const Version& v) const;
  std::string canonical_key() const;
  friend class SpecifierSet;

  Operator op_;
  bool admits_ = false;
  bool negate_ = false;  // != forms: match outside [lower_, upper_]
  bool lower_inclusive_ = false;
  bool upper_inclusive_ = false;
  Version version_;
  std::string text_;
  // The matched interval; bounds may be sentinels. Unused for ===.
  std::optional<Version> lower_;
  std::optional<Version> upper_;
};

class SpecifierSet {
 public:
  // "" is the empty set (matches everything); clauses separated by commas. An empty clause
  // (">=1.0,,<2", a trailing comma) is an error.
  static Result<SpecifierSet> parse(std::string_view text);
  // The set of clauses a caller has already split apart (each one specifier, e.g. ">= 1.0"):
  // what parse() gives for them joined by ","; nullopt when a clause holds a "," or does not
  // parse (parse() of the joined text then gives the set or the error). The pep508 parser has
  // its clauses in hand and skips building and re-splitting the joined text.
  static std::optional<SpecifierSet> from_clauses(std::span<const std::string_view> clauses);

  const std::vector<Specifier>& clauses() const { return clauses_; }  // in the order written
  bool empty() const { return clauses_.empty(); }

  bool contains(const Version& v, PrereleasePolicy policy = PrereleasePolicy::kDefault) const;
  // Like Specifier::contains_text, for every clause; the empty set matches any text.
  bool contains_text(std::string_view text,
                     PrereleasePolicy policy = PrereleasePolicy::kDefault) const;
  bool admits_prereleases() const { return admits_; }  // any clause opts in

  // As Specifier::filter, for the conjunction of the clauses.
  std::vector<size_t> filter(std::span<const Candidate> candidates,
                             PrereleasePolicy policy = PrereleasePolicy::kDefault) const;

  // Both sets' clauses together ("&" of packaging).
  SpecifierSet intersect(const SpecifierSet& other) const;

  // No version (with kDeny: no final release; with kDefault: kDeny unless the set opts in)
  // matches. === clauses count the string they name as a candidate, as packaging does.
  bool is_unsatisfiable(PrereleasePolicy policy = PrereleasePolicy::kAllow) const;

  std::string to_string() const;  // clauses normalised, de-duplicated, sorted, joined by ","

  // Equal when the sets of clauses are equal (clause by clause as Specifier ==, ignoring order
  // and duplicates).
  friend bool operator==(const SpecifierSet&, const SpecifierSet&);

 private:
  std::vector<std::string> canonical_keys() const;

  std::vector<Specifier> clauses_;
  bool admits_ = false;
  bool has_arbitrary_ = false;
};

}  // namespace roost::pep440
