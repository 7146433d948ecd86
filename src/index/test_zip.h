// Test-only helpers for remote ZIP reading: a tiny writer of stored (uncompressed) ZIP archives
// and an in-memory Transport that serves files with HTTP range semantics (206 + Content-Range for
// `Request::range` and for a suffix "Range: bytes=-N" header, or 200 with the whole body when
// ranges are switched off). Used by remote_zip_test.cc and index_client_test.cc.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "index/transport.h"

namespace roost::index::testing {

inline uint32_t crc32_of(std::string_view data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

inline void put16(std::string& out, uint32_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>((v >> 8) & 0xFF));
}
inline void put32(std::string& out, uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

struct ZipMember {
  std::string name;
  std::string data;
};

// A stored ZIP of `members`, in order, with an optional archive comment.
inline std::string make_stored_zip(const std::vector<ZipMember>& members,
                                   const std::string& comment = "") {
  std::string out, directory;
  for (const ZipMember& m : members) {
    uint32_t offset = static_cast<uint32_t>(out.size());
    uint32_t crc = crc32_of(m.data);
    auto common = [&](std::string& s) {
      put16(s, 20);  // version needed
      put16(s, 0);   // flags
      put16(s, 0);   // stored
      put32(s, 0);   // time, date
      put32(s, crc);
      put32(s, static_cast<uint32_t>(m.data.size()));
      put32(s, static_cast<uint32_t>(m.data.size()));
      put16(s, static_cast<uint32_t>(m.name.size()));
      put16(s, 0);  // extra
    };
    put32(out, 0x04034b50);
    common(out);
    out += m.name;
    out += m.data;
    put32(directory, 0x02014b50);
    put16(directory, 20);  // version made by
    common(directory);
    put16(directory, 0);  // comment
    put16(directory, 0);  // disk
    put16(directory, 0);  // internal attributes
    put32(directory, 0);  // external attributes
    put32(directory, offset);
    directory += m.name;
  }
  uint32_t directory_offset = static_cast<uint32_t>(out.size());
  out += directory;
  put32(out, 0x06054b50);
  put32(out, 0);
  put16(out, static_cast<uint32_t>(members.size()));
  put16(out, static_cast<uint32_t>(members.size()));
  put32(out, static_cast<uint32_t>(directory.size()));
  put32(out, directory_offset);
  put16(out, static_cast<uint32_t>(comment.size()));
  return out + comment;
}

// Serves `files` (URL -> bytes); unknown URLs answer 404. Records every request and batch.
class RangeTransport final : public Transport {
 public:
  std::map<std::string, std::string> files;
  bool ranges = true;          // false: 200 with the whole body, as a server without Range support
  bool broken_ranges = false;  // true: 206 whose Content-Range lies about the bytes sent
  std::vector<Request> requests;
  std::vector<size_t> batch_sizes;

  std::vector<Result<Response>> fetch_all(const std::vector<Request>& batch) override {
    batch_sizes.push_back(batch.size());
    std::vector<Result<Response>> out;
    for (const Request& r : batch) {
      requests.push_back(r);
      auto it = files.find(r.url);
      if (it == files.end()) {
        out.emplace_back(Response{.status = 404, .final_url = r.url});
        continue;
      }
      const std::string& body = it->second;
      uint64_t size = body.size();
      std::optional<std::pair<uint64_t, uint64_t>> range = r.range;
      for (const auto& [name, value] : r.headers) {
        if (name == "Range" && value.starts_with("bytes=-")) {
          uint64_t n = std::stoull(value.substr(7));
          range = std::pair<uint64_t, uint64_t>{n >= size ? 0 : size - n, size - 1};
        }
      }
      if (!ranges || !range || size == 0) {
        out.emplace_back(Response{.status = 200, .final_url = r.url, .body = body});
        continue;
      }
      if (range->first >= size || range->first > range->second) {
        out.emplace_back(Response{.status = 416, .final_url = r.url});
        continue;
      }
      uint64_t last = std::min(range->second, size - 1);
      if (broken_ranges) last = range->first;  // one byte, whatever was asked
      Response response{.status = 206,
                        .final_url = r.url,
                        .body = body.substr(range->first, last - range->first + 1)};
      response.headers.emplace_back("content-range",
                                    "bytes " + std::to_string(range->first) + "-" +
                                        std::to_string(broken_ranges ? range->second : last) + "/" +
                                        std::to_string(size));
      out.emplace_back(std::move(response));
    }
    return out;
  }
};

}  // namespace roost::index::testing
