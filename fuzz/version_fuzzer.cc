// Fuzzes the PEP 440 version parser: parse errors are well-formed; a parsed version prints to
// text that parses back to an equal version with the same hash; the order is consistent.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "pep440/canonicalize.h"
#include "pep440/version.h"

using roost::pep440::Version;

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

void check_round_trip(const Version& v) {
  std::string text = v.to_string();
  auto back = Version::parse(text);
  check(back.ok());
  check(*back == v && (*back <=> v) == 0);
  check(back->to_string() == text);
  check(back->hash() == v.hash());
  // The same value built another way (and, with padded zeros, in the other representation).
  Version rebuilt = Version::from_parts(v.parts());
  check(rebuilt == v && rebuilt.hash() == v.hash());
  auto padded_parts = v.parts();
  padded_parts.release.resize(padded_parts.release.size() + 5, 0);
  Version padded = Version::from_parts(padded_parts);
  check(padded == v && padded.hash() == v.hash());
  // Sentinels sit around the version.
  check(Version::smallest_of(v) < v);
  check(Version::largest_of(v) > v);
  check(v.without_local() <= v);
}

void check_order(const Version& a, const Version& b) {
  auto ab = a <=> b;
  auto ba = b <=> a;
  check((ab < 0) == (ba > 0) && (ab == 0) == (ba == 0));
  // PEP 440 equality is equality of the canonical form (trailing zeros stripped).
  bool same = roost::pep440::canonicalize_version(a) == roost::pep440::canonicalize_version(b);
  check((ab == 0) == same);
  if (same) check(a.hash() == b.hash());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto whole = Version::parse(input);
  if (!whole.ok()) {
    check(whole.error().kind() == roost::ErrorKind::kParse);
    check(whole.error().span().has_value() && whole.error().span()->column >= 1);
  } else {
    check_round_trip(*whole);
    // Leading whitespace sends the text through the general parser instead of the fast path.
    auto spaced = Version::parse(" " + std::string(input));
    check(spaced.ok() && *spaced == *whole && spaced->hash() == whole->hash());
    check(spaced->to_string() == whole->to_string());
  }
  // Two versions separated by the first newline: their order must be consistent.
  size_t cut = input.find('\n');
  if (cut == std::string_view::npos) return 0;
  auto a = Version::parse(input.substr(0, cut));
  auto b = Version::parse(input.substr(cut + 1));
  if (!a.ok() || !b.ok()) return 0;
  check_round_trip(*a);
  check_round_trip(*b);
  check_order(*a, *b);
  return 0;
}
