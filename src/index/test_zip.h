// Test-only helpers for remote ZIP reading: stored (uncompressed) ZIP archives (written by
// zip/testing/zip_writer.h) and an in-memory Transport that serves files with HTTP range semantics
// (206 + Content-Range for `Request::range` and for a suffix "Range: bytes=-N" header, or 200 with
// the whole body when ranges are switched off). Used by remote_zip_test.cc and
// index_client_test.cc.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "index/transport.h"
#include "zip/testing/zip_writer.h"

namespace roost::index::testing {

using zip::testing::crc32_of;
using zip::testing::put16;
using zip::testing::put32;
using zip::testing::ZipMember;

// A stored ZIP of `members`, in order, with an optional archive comment.
inline std::string make_stored_zip(const std::vector<ZipMember>& members,
                                   const std::string& comment = "") {
  return zip::testing::make_zip(members, {.comment = comment});
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
