// SHA-256 (through OpenSSL, the one home of libcrypto) for file integrity checks, with the two
// encodings package tooling uses: lowercase hex (indexes, uv.lock) and unpadded urlsafe base64
// (wheel RECORD files).
//
//   Sha256 h; h.update(data); std::string hex = to_hex(h.finish());
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

namespace roost {

using Sha256Digest = std::array<uint8_t, 32>;

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view data);
  Sha256Digest finish();  // the object can be reused after finish()

 private:
  struct State;
  std::unique_ptr<State> state_;
};

Sha256Digest sha256(std::string_view data);
Result<Sha256Digest> sha256_file(const std::filesystem::path& path);

std::string to_hex(const Sha256Digest& digest);
std::string to_base64url_nopad(std::string_view bytes);
std::string to_base64url_nopad(const Sha256Digest& digest);

}  // namespace roost
