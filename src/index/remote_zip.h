// Reading one member (a wheel's METADATA) out of a remote ZIP archive with HTTP range requests,
// without downloading the archive. The ZIP parsing is zip/zip_format.h's, over byte buffers; the
// `RemoteWheelReader` state machine says which byte range it needs next, so a caller can batch
// the requests of many wheels into one `Transport::fetch_all` per round.
//
//   RemoteWheelReader reader("https://f/pkg-1.0-py3-none-any.whl", "pkg-1.0-py3-none-any.whl");
//   while (std::optional<Request> r = reader.next_request())
//   reader.on_response(transport.fetch(*r)); Result<std::string> metadata = reader.take_result();
//
// Every size and offset read from the archive is bounds-checked; the central directory is capped
// at 64 MiB and METADATA at 16 MiB, so malicious archives give errors, never crashes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "index/transport.h"
#include "zip/zip_format.h"

namespace roost::index {

inline constexpr uint64_t kZipTailSize = 64 * 1024;                        // first request
inline constexpr uint64_t kMaxCentralDirectorySize = 64ull * 1024 * 1024;  // 64 MiB
inline constexpr uint64_t kMaxMetadataSize = 16ull * 1024 * 1024;          // 16 MiB

// The index of `<dir>.dist-info/METADATA` in `entries`. Exactly one top-level `.dist-info`
// directory is allowed: two are an error (as in uv), since which one the installer would use is
// ambiguous. No METADATA in it is an error too.
Result<size_t> find_metadata_entry(const std::vector<zip::Entry>& entries);

// `local` starts at the entry's local file header and holds at least the header, name, extra
// field and compressed data. Inflates (stored or raw deflate) and checks the sizes and the CRC-32
// against the central directory entry `entry`.
Result<std::string> extract_entry(std::string_view local, const zip::Entry& entry);

// The METADATA of one remote wheel, one range request per step: the tail (`known_size` from a
// PEP 700 page gives an absolute range; otherwise a suffix "Range: bytes=-65536" header), then
// the central directory if the tail did not hold it, then the METADATA entry if the tail did not
// hold it. A server that ignores Range (200 with the whole body) is fine: that body is the file,
// and when `wheel_sha256` (the page's hash, hex) is given it is checked first, since a whole
// file that fails its hash cannot be trusted to hold the right METADATA (kIntegrity). A server
// that mishandles ranges (416 or another 4xx to a range, a Content-Range that does not match
// the request) gets one more chance: the whole file, with a plain GET.
// Errors are "cannot read METADATA from <url>: <what>" (kParse for a malformed archive,
// kIntegrity for a CRC or size mismatch, kNetwork for HTTP trouble, kNotFound for a 404).
class RemoteWheelReader {
 public:
  RemoteWheelReader(std::string url, std::optional<uint64_t> known_size = std::nullopt,
                    std::optional<std::string> wheel_sha256 = std::nullopt);

  // The next request, or nullopt when done (then take_result()).
  std::optional<Request> next_request();
  void on_response(Result<Response> response);
  bool done() const { return result_.has_value(); }
  // True when the METADATA came out of the whole file (the server ignored or broke Range).
  bool read_whole_file() const { return whole_file_; }
  Result<std::string> take_result();

 private:
  struct Buffer {
    uint64_t start = 0;
    std::string bytes;
  };
  void fail(Error error);
  // A range went wrong: retry once with the whole file, else fail with `error`.
  void fall_back_or_fail(Error error);
  std::optional<std::string_view> view(uint64_t offset, uint64_t length) const;
  void advance();  // parses what the buffers hold; sets result_ or pending_

  std::string url_;
  std::optional<uint64_t> known_size_;
  std::optional<std::string> wheel_sha256_;
  uint64_t file_size_ = 0;
  bool have_size_ = false;
  std::vector<Buffer> buffers_;
  std::optional<zip::EndRecord> directory_;
  std::optional<zip::Entry> entry_;
  std::optional<std::pair<uint64_t, uint64_t>> pending_;  // the range asked for (inclusive)
  bool suffix_pending_ = false;
  bool started_ = false;
  bool whole_file_ = false;     // the whole file was received
  bool whole_pending_ = false;  // a plain GET is due
  bool fell_back_ = false;      // the one whole-file retry has been spent
  int requests_ = 0;
  std::optional<Result<std::string>> result_;
};

// The METADATA of a wheel held whole in memory (a local file, a downloaded URL archive).
// Errors (kParse, kIntegrity) are "cannot read METADATA from <what>: ...".
Result<std::string> read_wheel_metadata(std::string_view wheel, std::string_view what);

// What RemoteWheelReader needs to know of one wheel.
struct RemoteWheel {
  std::string url;
  std::optional<uint64_t> size;       // PEP 700, when the page gave it
  std::optional<std::string> sha256;  // hex, when the page gave it
};

// Drives one RemoteWheelReader per wheel, one `fetch_all` per round; results in input order.
std::vector<Result<std::string>> fetch_remote_wheel_metadata_all(
    Transport& transport, const std::vector<RemoteWheel>& wheels);

}  // namespace roost::index
