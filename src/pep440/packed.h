// The packed 64-bit sort key of common versions (internal; see Version in version.h).
//
//   release[0] 16 bits | release[1] 12 | release[2] 12 | release[3] 8 | suffix kind 3 | number 13
//
// The release is the trailing-zero-trimmed one, so missing numbers read as 0 (zero padding for
// free). The number field holds 2n, or 2n+1 for the "after n's local versions" sentinel, which
// sorts between n and n+1 since packed versions never have a local label.
#pragma once

#include <cstdint>

namespace roost::pep440::detail {

inline constexpr int kPackedShift[4] = {48, 36, 24, 16};
inline constexpr uint64_t kPackedLimit[4] = {1ull << 16, 1ull << 12, 1ull << 12, 1ull << 8};
inline constexpr uint64_t kPackedNumberLimit = 1ull << 12;
inline constexpr int kPackedKindShift = 13;
inline constexpr uint64_t kPackedNumberMask = (1ull << kPackedKindShift) - 1;

// Suffix kinds in sort order; kKindDev is a dev release without pre or post.
enum PackedKind : uint64_t {
  kKindMin = 0,  // smallest_of: before everything of this release
  kKindDev = 1,
  kKindAlpha = 2,
  kKindBeta = 3,
  kKindRc = 4,
  kKindFinal = 5,
  kKindPost = 6,
  kKindAfterPosts = 7,  // largest_of(final): after every post release
};

}  // namespace roost::pep440::detail
