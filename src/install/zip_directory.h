// The ZIP structure of a wheel as it is on disk (PKWARE APPNOTE 6.3: end of central directory,
// ZIP64 records, central directory entries, local file headers), read by us rather than libzip.
//
// Why our own reader next to libzip: a ZIP names each file twice, in the central directory and
// in a local header before the data. libzip (like pip's zipfile) trusts the central directory;
// streaming unzippers trust the local headers. A wheel whose two views differ installs different
// files depending on the tool, which is how "ZIP confusion" attacks hide payloads. libzip 1.7's
// ZIP_CHECKCONS compares them but reports only "Zip archive inconsistent", naming no entry, and
// its API gives no local header offsets; so we parse the central directory (a few hundred bytes
// per thousand files), read each local header with one pread, and compare. libzip then only
// decompresses, and WheelReader checks that it sees the same entries in the same order.
//
//   ROOST_TRY(ZipDirectory dir, read_zip_directory(fd, file_size));
//   ROOST_CHECK(check_local_headers(fd, dir));
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"

namespace roost::install {

struct ZipDirectoryEntry {
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

  bool made_on_unix() const { return (version_made_by >> 8) == 3; }
  uint32_t unix_mode() const { return made_on_unix() ? external_attributes >> 16 : 0; }
};

struct ZipDirectory {
  std::vector<ZipDirectoryEntry> entries;  // central directory order (libzip's indices)
  uint64_t central_directory_offset = 0;
};

// Reads the (ZIP64) end of central directory record and the central directory of the file open
// as `fd`, `file_size` bytes long. Errors (kParse, without the file's name: the caller adds it)
// for: no end record whose comment ends exactly at the end of the file, multi-disk archives, a
// central directory that does not end where the end record starts (data prepended or hidden
// before the end record), an entry count or size that disagrees with the records, and any
// length or offset pointing outside the file.
Result<ZipDirectory> read_zip_directory(int fd, uint64_t file_size);

// Reads each entry's local file header and compares it with the central directory: the
// signature, the name, the compression method, the encryption flag, and the CRC-32 and sizes
// (which a data descriptor entry may leave zero in the local header, but may not change). Then
// checks that no entry's header and data overlap another's or the central directory, so no byte
// is read as part of two files (the overlapping "zip bomb"). Errors (kIntegrity) name the entry.
Result<void> check_local_headers(int fd, const ZipDirectory& directory);

}  // namespace roost::install
