// HashDigest parsing and encoding (see hash_digest.h).
#include "metadata/hash_digest.h"

#include <array>

#include "tags/text_span.h"

namespace roost::metadata {
namespace {

using tags::quote;

constexpr std::string_view kHex = "0123456789abcdef";

int base64url_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Error hash_error(std::string_view text, std::string reason, size_t offset, size_t length) {
  return tags::parse_error("invalid hash " + quote(text) + ": " + reason, text, offset, length);
}

// Splits "<algorithm>=<digest>" and checks the algorithm's spelling.
Result<std::pair<std::string, std::string_view>> split_pair(std::string_view text,
                                                            std::string_view example) {
  size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    return hash_error(text, "expected '<algorithm>=<digest>', like '" + std::string(example) + "'",
                      0, text.size());
  }
  std::string algorithm;
  for (size_t i = 0; i < eq; ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
      return hash_error(text,
                        "invalid character " + quote(text.substr(i, 1)) +
                            " in the algorithm name at column " +
                            std::to_string(tags::column_of(text, i)),
                        i, 1);
    }
    algorithm += c;
  }
  return std::pair<std::string, std::string_view>{std::move(algorithm), text.substr(eq + 1)};
}

Result<void> check_size(std::string_view text, const HashDigest& h, size_t digest_at,
                        size_t digest_length) {
  auto expected = digest_size(h.algorithm);
  if (expected && h.digest.size() != *expected) {
    return hash_error(text,
                      "a " + h.algorithm + " digest has " + std::to_string(*expected) +
                          " bytes, found " + std::to_string(h.digest.size()),
                      digest_at, digest_length);
  }
  return ok();
}

// The hex digits of source[at..] as a digest; errors start with `what` and point into `source`.
Result<HashDigest> decode_hex(std::string algorithm, std::string_view source, size_t at,
                              const std::string& what) {
  const std::string_view hex = source.substr(at);
  auto fail = [&](std::string reason, size_t offset, size_t length) {
    return tags::parse_error(what + ": " + reason, source, offset, length);
  };
  if (hex.empty()) return fail("empty digest", at, 1);
  HashDigest h{std::move(algorithm), {}};
  for (size_t i = 0; i < hex.size(); ++i) {
    if (hex_value(hex[i]) < 0) {
      return fail("invalid hex digit " + quote(hex.substr(i, 1)) + " at column " +
                      std::to_string(tags::column_of(source, at + i)),
                  at + i, 1);
    }
  }
  if (hex.size() % 2 != 0)
    return fail("odd number of hex digits (" + std::to_string(hex.size()) + ")", at, hex.size());
  for (size_t i = 0; i < hex.size(); i += 2) {
    h.digest += static_cast<char>(hex_value(hex[i]) << 4 | hex_value(hex[i + 1]));
  }
  auto expected = digest_size(h.algorithm);
  if (expected && h.digest.size() != *expected) {
    return fail("a " + h.algorithm + " digest has " + std::to_string(*expected) + " bytes, found " +
                    std::to_string(h.digest.size()),
                at, hex.size());
  }
  return h;
}

}  // namespace

std::optional<size_t> digest_size(std::string_view algorithm) {
  struct Known {
    std::string_view name;
    size_t size;
  };
  static constexpr std::array<Known, 11> kKnown = {{{"md5", 16},
                                                    {"sha1", 20},
                                                    {"sha224", 28},
                                                    {"sha256", 32},
                                                    {"sha384", 48},
                                                    {"sha512", 64},
                                                    {"sha3_224", 28},
                                                    {"sha3_256", 32},
                                                    {"sha3_384", 48},
                                                    {"sha3_512", 64},
                                                    {"blake2s", 32}}};
  for (const Known& k : kKnown) {
    if (k.name == algorithm) return k.size;
  }
  if (algorithm == "blake2b") return 64;
  return std::nullopt;
}

bool is_allowed_record_algorithm(std::string_view algorithm) {
  return algorithm != "md5" && algorithm != "sha1" && digest_size(algorithm).value_or(0) >= 32;
}

Result<HashDigest> HashDigest::parse_record(std::string_view text) {
  ROOST_TRY(auto pair, split_pair(text, "sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"));
  auto [algorithm, encoded] = std::move(pair);
  const size_t digest_at = text.size() - encoded.size();
  // Padding is not written (the spec says "nopad") but is harmless to accept.
  while (!encoded.empty() && encoded.back() == '=') encoded.remove_suffix(1);
  if (encoded.empty()) return hash_error(text, "empty digest", digest_at, 1);
  HashDigest h{std::move(algorithm), {}};
  uint32_t buffer = 0;
  int bits = 0;
  for (size_t i = 0; i < encoded.size(); ++i) {
    int v = base64url_value(encoded[i]);
    if (v < 0) {
      return hash_error(text,
                        "invalid base64url character " + quote(encoded.substr(i, 1)) +
                            " at column " + std::to_string(tags::column_of(text, digest_at + i)),
                        digest_at + i, 1);
    }
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      h.digest += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  if (encoded.size() % 4 == 1) {
    return hash_error(
        text, "truncated base64url digest (" + std::to_string(encoded.size()) + " characters)",
        digest_at, encoded.size());
  }
  ROOST_CHECK(check_size(text, h, digest_at, encoded.size()));
  return h;
}

Result<HashDigest> HashDigest::parse_hex_pair(std::string_view text) {
  ROOST_TRY(
      auto pair,
      split_pair(text, "sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
  return decode_hex(std::move(pair.first), text, text.size() - pair.second.size(),
                    "invalid hash " + quote(text));
}

Result<HashDigest> HashDigest::from_hex(std::string_view algorithm, std::string_view hex) {
  std::string name(algorithm);
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return decode_hex(std::move(name), hex, 0, "invalid hex digest " + quote(hex));
}

HashDigest HashDigest::sha256(const Sha256Digest& digest) {
  return HashDigest{"sha256",
                    std::string(reinterpret_cast<const char*>(digest.data()), digest.size())};
}

std::string HashDigest::hex() const {
  std::string out;
  out.reserve(digest.size() * 2);
  for (char c : digest) {
    auto u = static_cast<unsigned char>(c);
    out += kHex[u >> 4];
    out += kHex[u & 15];
  }
  return out;
}

std::string HashDigest::base64url() const {
  return to_base64url_nopad(std::string_view(digest));
}

std::string HashDigest::to_record_string() const {
  return algorithm + "=" + base64url();
}

}  // namespace roost::metadata
