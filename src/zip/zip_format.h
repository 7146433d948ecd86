// The ZIP container's structure (PKWARE APPNOTE 6.3, section 4.3): the end of central directory
// record with its ZIP64 locator and record, the central directory, and the local file headers,
// parsed from byte buffers.
//
// Why one library of pure functions: two readers need this and must refuse the same archives.
// install/ reads a wheel on disk (its tail and central directory read into memory, each local
// header with one pread) before libzip decompresses it; index/ reads a remote wheel's METADATA
// through HTTP range requests, holding only the pieces it fetched. So nothing here does I/O or
// decompresses (libzip and zlib keep their homes): the callers hand over bytes and learn where
// things are and whether the archive's two descriptions of each file agree.
//
//   std::optional<size_t> at = zip::find_end_record(tail);  // tail: the file's last bytes
//   if (!at) return ...;                                      // callers word this themselves
//   ROOST_TRY(zip::EndRecord end, zip::parse_end_records(tail, file_size, *at));
//   ROOST_TRY(std::vector<zip::Entry> entries,
//             zip::parse_central_directory(directory_bytes, end.entries));
//
// Every length and offset read is checked against the bytes held or the file's size before it
// is used: a malicious archive gives an error (kParse for a malformed structure, kIntegrity for
// two descriptions of one entry that disagree), never a read out of bounds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace roost::zip {

inline constexpr size_t kEndRecordSize = 22;
inline constexpr size_t kZip64LocatorSize = 20;
inline constexpr size_t kZip64EndRecordSize = 56;
inline constexpr size_t kCentralHeaderSize = 46;
inline constexpr size_t kLocalHeaderSize = 30;
// The bytes at the end of a file that can hold the end records: the end record with a comment
// of up to 65535 bytes, the ZIP64 locator and a ZIP64 end record without extensible data.
inline constexpr size_t kMaxEndRecordsSize =
    kEndRecordSize + 0xFFFF + kZip64LocatorSize + kZip64EndRecordSize;
// The biggest wheels (~100,000 files) have central directories of ~10 MiB; this bounds the one
// allocation a lying end record could ask for.
inline constexpr uint64_t kMaxCentralDirectorySize = 256ull * 1024 * 1024;

// Where the central directory is, from the end record or, when present, the ZIP64 one.
struct EndRecord {
  uint64_t entries = 0;
  uint64_t directory_offset = 0;  // from the start of the file
  uint64_t directory_size = 0;
};

// The offset in `tail` of the end record whose comment ends exactly at the end of `tail` (the
// last such; a signature inside the comment, or data after the comment, does not count), or
// nullopt. Callers word "not a ZIP archive" themselves.
std::optional<size_t> find_end_record(std::string_view tail);

// Parses the end record at `at` in `tail`, the last tail.size() bytes of a file of `file_size`
// bytes, and the ZIP64 locator and end record when there is a locator or a field holds its
// 0xFFFF.. placeholder (both must lie inside `tail`). Errors (kParse): multi-disk archives, entry
// counts that disagree, a missing or misplaced ZIP64 record, a central directory that does not
// end exactly where the (ZIP64) end record starts (data prepended, or hidden between them), one
// larger than kMaxCentralDirectorySize, or an entry count the directory's size cannot hold.
Result<EndRecord> parse_end_records(std::string_view tail, uint64_t file_size, size_t at);

// One central directory entry, its ZIP64 extra field applied.
struct Entry {
  std::string name;              // raw bytes, as stored
  uint16_t version_made_by = 0;  // high byte: host system (3 = Unix)
  uint16_t version_needed = 0;
  uint16_t flags = 0;   // bit 0 encrypted, bit 3 data descriptor, bit 11 UTF-8
  uint16_t method = 0;  // 0 stored, 8 deflate, ...
  uint32_t crc32 = 0;
  uint64_t compressed_size = 0;
  uint64_t uncompressed_size = 0;
  uint64_t local_header_offset = 0;
  uint32_t external_attributes = 0;  // on Unix hosts, the st_mode in the high 16 bits
  uint16_t extra_length = 0;         // the central extra field's (a hint for the local one's)

  bool made_on_unix() const { return (version_made_by >> 8) == 3; }
  uint32_t unix_mode() const { return made_on_unix() ? external_attributes >> 16 : 0; }
};

// The central directory's bytes, which must hold exactly `entries` entries (kParse otherwise,
// and for an entry that runs past the directory, is on another disk, or lacks the ZIP64 values
// its placeholders call for).
Result<std::vector<Entry>> parse_central_directory(std::string_view bytes, uint64_t entries);

// A local file header, parsed; `name` and `extra` point into the bytes it was parsed from.
struct LocalHeader {
  uint16_t flags = 0;
  uint16_t method = 0;
  uint32_t crc32 = 0;
  uint64_t compressed_size = 0;  // 32-bit fields as stored (ZIP64 values are in `extra`)
  uint64_t uncompressed_size = 0;
  std::string_view name;
  std::string_view extra;
  size_t size = 0;  // 30 + name + extra: where the entry's data starts
};

// The size of the local header at the start of `bytes` (30 + name + extra), from its fixed
// part; nullopt when `bytes` holds fewer than 30 bytes or no local header signature.
std::optional<size_t> local_header_size(std::string_view bytes);

// The local header at the start of `bytes`; nullopt when it is not one or runs past `bytes`.
std::optional<LocalHeader> parse_local_header(std::string_view bytes);

// Checks the local header at the start of `bytes` (the whole header, or all the file has from
// there) against the central directory's `entry`: the signature, the name, the compression
// method, the encryption flag, and the CRC-32 and sizes (which a data descriptor entry may leave
// zero, but may not change). Returns the header's size. Errors (kIntegrity) name the entry.
Result<size_t> check_local_header(std::string_view bytes, const Entry& entry);

// Checks that each entry's local header (`header_sizes[i]` bytes) and data lie before the
// central directory at `directory_offset` and overlap no other entry's, so no byte is read as
// part of two files (the overlapping "zip bomb"). Errors (kIntegrity) name the entries.
Result<void> check_extents(const std::vector<Entry>& entries,
                           const std::vector<size_t>& header_sizes, uint64_t directory_offset);

}  // namespace roost::zip
