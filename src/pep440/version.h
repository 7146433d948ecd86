// PEP 440 versions: parsing every spelling the spec allows, normalisation, total ordering.
//
//   ROOST_TRY(Version v, Version::parse("1.0-1"));   // implicit post release
//   v.to_string() == "1.0.post1";  v < Version::parse("1.1").value();
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.h"

namespace roost::pep440 {

enum class PreKind : uint8_t { kAlpha, kBeta, kRc };  // normalised spellings: a, b, rc
std::string_view to_string(PreKind kind);

struct PreRelease {
  PreKind kind;
  uint64_t number;
  friend bool operator==(const PreRelease&, const PreRelease&) = default;
};

// One dot-separated part of a local version label: a number or a lowercase alphanumeric string.
using LocalSegment = std::variant<uint64_t, std::string>;

class Version {
 public:
  // Parses any PEP 440 spelling (case-insensitive, leading "v", separators, implicit numbers,
  // surrounding whitespace). Errors are kParse and name the text and the offending column.
  static Result<Version> parse(std::string_view text);

  // Builds a plain release version, e.g. from_release({3, 11}) == "3.11".
  static Version from_release(std::vector<uint64_t> release, uint64_t epoch = 0);

  // Sentinel versions for ranges (never produced by parse, never printed to users):
  //  - smallest_of(v): sorts before every version with v's epoch+release, including its dev and
  //    pre releases (so "<1.0" without prereleases is "< smallest_of(1.0)").
  //  - largest_of(v): sorts after v and every post/local release of v's base, but before the next
  //    release (so ">1.0" excluding 1.0.post* is "> largest_of(1.0)").
  static Version smallest_of(const Version& v);
  static Version largest_of(const Version& v);
  bool is_sentinel() const;

  uint64_t epoch() const;
  std::span<const uint64_t> release() const;
  std::optional<PreRelease> pre() const;
  std::optional<uint64_t> post() const;
  std::optional<uint64_t> dev() const;
  std::span<const LocalSegment> local() const;

  bool is_prerelease() const;  // has pre or dev
  bool is_devrelease() const;
  bool is_postrelease() const;
  bool has_local() const;

  Version without_local() const;  // "public" version
  Version base_version() const;   // epoch and release only

  std::string to_string() const;  // the normalised form
  size_t hash() const;

  // Total order of PEP 440 (epoch, release with zero padding, dev < pre < final < post, local).
  std::strong_ordering operator<=>(const Version& other) const;
  bool operator==(const Version& other) const;

 private:
  // Implementation-defined; version.cc documents it (a packed fast form and a full form).
  struct Full;
  Version() = default;
  // ... fields chosen by the implementation
};

}  // namespace roost::pep440

template <>
struct std::hash<roost::pep440::Version> {
  size_t operator()(const roost::pep440::Version& v) const { return v.hash(); }
};
