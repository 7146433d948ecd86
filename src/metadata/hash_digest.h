// A file hash as package metadata writes it: an algorithm name and the digest bytes, in the
// RECORD spelling "sha256=<urlsafe base64, no padding>" (wheel spec) or as hex (direct_url.json,
// index URL fragments).
//
//   ROOST_TRY(HashDigest h,
//   HashDigest::parse_record("sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU")); h.algorithm ==
//   "sha256";  h.hex() == "e3b0c442...";
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "base/sha256.h"

namespace roost::metadata {

struct HashDigest {
  std::string algorithm;  // lowercase hashlib name: "sha256", "sha512", "blake2b", ...
  std::string digest;     // raw bytes

  // "<algorithm>=<digest>" with the digest in urlsafe base64 (padding optional).
  static Result<HashDigest> parse_record(std::string_view text);
  // "<algorithm>=<hex digest>", as in direct_url.json's legacy "hash" and "#sha256=" URL fragments.
  static Result<HashDigest> parse_hex_pair(std::string_view text);
  static Result<HashDigest> from_hex(std::string_view algorithm, std::string_view hex);
  static HashDigest sha256(const Sha256Digest& digest);

  std::string hex() const;
  std::string base64url() const;         // unpadded
  std::string to_record_string() const;  // "sha256=<base64url>"

  bool operator==(const HashDigest&) const = default;
};

// The digest size in bytes of the algorithms whose size is fixed (sha256: 32), else nullopt.
std::optional<size_t> digest_size(std::string_view algorithm);

// Whether the wheel spec allows this algorithm in RECORD (sha256 or stronger; not md5 or sha1).
bool is_allowed_record_algorithm(std::string_view algorithm);

}  // namespace roost::metadata
