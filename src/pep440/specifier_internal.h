// Pieces of the specifier implementation shared by specifier.cc and specifier_set.cc (internal).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pep440/scan.h"
#include "pep440/specifier.h"

namespace roost::pep440 {

class SpecifierParser {
 public:
  // Parses the clause text[begin, end) (surrounding whitespace allowed). Failures are positioned
  // in `text`, so a set can report columns of its own text; *hint may receive advice.
  static std::optional<Specifier> parse(std::string_view text, size_t begin, size_t end,
                                        detail::ParseFailure* failure, std::string* hint);
};

namespace detail {

// How one candidate fared, for PEP 440's candidate selection.
enum class CandidateKind : uint8_t { kFinal, kPrerelease, kNotAVersion };
struct CandidateMatch {
  bool matches = false;  // with prereleases allowed
  CandidateKind kind = CandidateKind::kNotAVersion;
};

// kAllow keeps every match; kDeny drops prereleases; kDefault without opt-in keeps prereleases
// only when no final release matches (packaging's filter()).
std::vector<size_t> select_candidates(const std::vector<CandidateMatch>& matches,
                                      PrereleasePolicy policy, bool admits_prereleases);

// Whether a prerelease may match under policy.
inline bool prereleases_allowed(PrereleasePolicy policy, bool admits) {
  return policy == PrereleasePolicy::kAllow || (policy == PrereleasePolicy::kDefault && admits);
}

}  // namespace detail
}  // namespace roost::pep440
