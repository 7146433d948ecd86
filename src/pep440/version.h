// PEP 440 versions: parsing every spelling the spec allows, normalisation, total ordering.
//
//   ROOST_TRY(Version v, Version::parse("1.0-1"));   // implicit post release
//   v.to_string() == "1.0.post1";  v < Version::parse("1.1").value();
//
// Every number (epoch, release, pre/post/dev, numeric local segments) must fit in 64 bits;
// parse() rejects larger ones with an error naming the number (Python allows any size, but no
// real version needs more, and fixed-size numbers keep comparison allocation-free).
#pragma once

#include <compare>
#include <cstdint>
#include <memory>
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

// Every component of a version, for building one directly (Version::from_parts).
struct VersionParts {
  uint64_t epoch = 0;
  std::vector<uint64_t> release;  // must not be empty
  std::optional<PreRelease> pre;
  std::optional<uint64_t> post;
  std::optional<uint64_t> dev;
  std::vector<LocalSegment> local;  // strings of [a-z0-9] (lowercased; all-digit ones become numbers)
};

namespace detail {
struct VersionAccess;  // bounds.cc builds the internal sentinels through this
}

class Version {
 public:
  // Parses any PEP 440 spelling (case-insensitive, leading "v", separators, implicit numbers,
  // surrounding whitespace). Errors are kParse and name the text and the offending column.
  static Result<Version> parse(std::string_view text);

  // Builds a plain release version, e.g. from_release({3, 11}) == "3.11".
  static Version from_release(std::vector<uint64_t> release, uint64_t epoch = 0);
  // Builds any version from its parts (an empty release is treated as {0}).
  static Version from_parts(VersionParts parts);

  // Sentinel versions for ranges (never produced by parse, never printed to users):
  //  - smallest_of(v): sorts before every version with v's epoch+release, including its dev and
  //    pre releases (so "<1.0" without prereleases is "< smallest_of(1.0)").
  //  - largest_of(v): sorts after v, v's local versions and, unless v is itself a post or dev
  //    release, v's post releases (and their dev and local versions); before every other version
  //    greater than v. So ">v" is exactly "> largest_of(v)": ">1.0" excludes 1.0.post1 and
  //    1.0+local but not 1.0.1.dev0; ">1.0a1" excludes 1.0a1.post1 but not 1.0a2.dev0.
  static Version smallest_of(const Version& v);
  static Version largest_of(const Version& v);
  bool is_sentinel() const { return sentinel_ != kReal; }

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
  VersionParts parts() const;

  std::string to_string() const;  // the normalised form
  size_t hash() const;

  // Total order of PEP 440 (epoch, release with zero padding, dev < pre < final < post, local).
  // Two versions are equal when they sort equal: "1.0" == "1.0.0".
  std::strong_ordering operator<=>(const Version& other) const {
    if (packed_ && other.packed_) return key_ <=> other.key_;
    return compare_slow(other);
  }
  bool operator==(const Version& other) const {
    if (packed_ && other.packed_) return key_ == other.key_;
    return compare_slow(other) == 0;
  }

 private:
  // Two representations (version.cc documents the layout):
  //  - packed: epoch 0, no local label, at most one of pre/post/dev, a trimmed release of at most
  //    four small numbers, a written release of at most four numbers. key_ is then a 64-bit sort
  //    key, so comparing two packed versions is one integer comparison; the release is kept in
  //    small_release_ and nothing is allocated.
  //  - full: everything else, in an immutable shared Full (cheap to copy).
  struct Full;
  enum SentinelKind : uint8_t { kReal, kMin, kAfterLocals, kAfterPosts };
  friend struct detail::VersionAccess;

  Version() = default;
  static Version build(uint64_t epoch, std::span<const uint64_t> release,
                       std::optional<PreRelease> pre, std::optional<uint64_t> post,
                       std::optional<uint64_t> dev, std::vector<LocalSegment> local,
                       SentinelKind sentinel);
  std::strong_ordering compare_slow(const Version& other) const;

  uint64_t key_ = 0;
  uint64_t small_release_[4] = {};
  std::shared_ptr<const Full> full_;
  uint8_t release_len_ = 0;  // written release length, when packed
  bool packed_ = false;
  SentinelKind sentinel_ = kReal;

  friend class VersionParser;
};

}  // namespace roost::pep440

template <>
struct std::hash<roost::pep440::Version> {
  size_t operator()(const roost::pep440::Version& v) const { return v.hash(); }
};
