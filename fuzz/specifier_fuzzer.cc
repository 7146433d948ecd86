// Fuzzes the PEP 440 specifier parser: a parsed set prints to text that parses back to an equal
// set; matching agrees with its exact VersionRanges and survives the round trip.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "pep440/ranges.h"
#include "pep440/specifier.h"
#include "pep440/version.h"

using roost::pep440::Operator;
using roost::pep440::PrereleasePolicy;
using roost::pep440::Specifier;
using roost::pep440::SpecifierSet;
using roost::pep440::Version;
using roost::pep440::VersionRanges;

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

// Input: a specifier set, a newline, then a candidate version.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t cut = input.find('\n');
  std::string_view spec_text = input.substr(0, cut);
  auto set = SpecifierSet::parse(spec_text);
  if (!set.ok()) {
    check(set.error().kind() == roost::ErrorKind::kParse);
    check(set.error().span().has_value() && set.error().span()->column >= 1);
    return 0;
  }
  std::string printed = set->to_string();
  auto back = SpecifierSet::parse(printed);
  check(back.ok());
  check(*back == *set);
  check(back->to_string() == printed);
  bool arbitrary = false;
  for (const Specifier& clause : set->clauses()) {
    auto again = Specifier::parse(clause.to_string());
    check(again.ok() && *again == clause);
    arbitrary = arbitrary || clause.op() == Operator::kArbitrary;
  }

  VersionRanges ranges = VersionRanges::from(*set);
  check(ranges.complement().complement() == ranges);
  check(ranges.intersect(ranges.complement()).is_empty());
  check(ranges.union_with(ranges.complement()).is_full());
  if (!arbitrary) check(set->is_unsatisfiable() == ranges.is_empty());
  // Ranges printed in specifier terms mean exactly the same versions.
  std::string shown = ranges.to_string();
  if (shown.find_first_of("[(|") == std::string::npos && shown != "*" && shown != "<empty>") {
    auto reparsed = SpecifierSet::parse(shown);
    check(reparsed.ok() && VersionRanges::from(*reparsed) == ranges);
  }

  if (cut == std::string_view::npos) return 0;
  auto v = Version::parse(input.substr(cut + 1));
  if (!v.ok()) return 0;
  bool allowed = set->contains(*v, PrereleasePolicy::kAllow);
  check(back->contains(*v, PrereleasePolicy::kAllow) == allowed);
  check(!set->contains(*v, PrereleasePolicy::kDeny) || allowed);
  check(!set->contains(*v, PrereleasePolicy::kDefault) || allowed);
  // === compares text, which a range of versions cannot see (1.0 vs 1.0.0).
  if (!arbitrary) check(ranges.contains(*v) == allowed);
  return 0;
}
