// Reading one member (a wheel's METADATA) out of a remote ZIP archive with HTTP range requests,
// without downloading the archive. The ZIP parsing is pure functions over byte buffers; the
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

namespace roost::index {

inline constexpr uint64_t kZipTailSize = 64 * 1024;                        // first request
inline constexpr uint64_t kMaxCentralDirectorySize = 64ull * 1024 * 1024;  // 64 MiB
inline constexpr uint64_t kMaxMetadataSize = 16ull * 1024 * 1024;          // 16 MiB

// Where the central directory lives, from the (ZIP64) End Of Central Directory record.
struct CentralDirectoryLocation {
  uint64_t offset = 0;  // from the start of the file
  uint64_t size = 0;
  uint64_t entries = 0;
};

// One central directory entry (ZIP64 extra fields applied).
struct ZipEntry {
  std::string name;
  uint16_t flags = 0;
  uint16_t method = 0;  // 0 stored, 8 deflate
  uint32_t crc32 = 0;
  uint64_t compressed_size = 0;
  uint64_t uncompressed_size = 0;
  uint64_t local_header_offset = 0;
  uint16_t extra_length = 0;  // the central extra field's length (a hint for the local one)
};

// `tail` is the last tail.size() bytes of a file of `file_size` bytes. Finds the EOCD record
// (its comment must end exactly at the end of the file) and, when present, the ZIP64 locator and
// record (which must also lie inside `tail`). Errors (kParse) say what is wrong, without a URL.
Result<CentralDirectoryLocation> parse_eocd(std::string_view tail, uint64_t file_size);

// The central directory's bytes; `expected_entries` from the EOCD (a different count is an error).
Result<std::vector<ZipEntry>> parse_central_directory(std::string_view bytes,
                                                      uint64_t expected_entries);

// The index of `<dir>.dist-info/METADATA` in `entries`. Exactly one top-level `.dist-info`
// directory is allowed: two are an error (as in uv), since which one the installer would use is
// ambiguous. No METADATA in it is an error too.
Result<size_t> find_metadata_entry(const std::vector<ZipEntry>& entries);

// `local` starts at the entry's local file header and holds at least the header, name, extra
// field and compressed data. Inflates (stored or raw deflate) and checks the sizes and the CRC-32
// against the central directory entry `entry`.
Result<std::string> extract_entry(std::string_view local, const ZipEntry& entry);

// The bytes a local entry needs, once its header is known: 30 + name + extra + compressed size.
// nullopt when `header` (>= 30 bytes at the entry's offset) is not a local file header.
std::optional<uint64_t> local_entry_length(std::string_view header, const ZipEntry& entry);

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
  std::optional<CentralDirectoryLocation> directory_;
  std::optional<ZipEntry> entry_;
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
