// The ZIP structure of a wheel on disk, read by us rather than libzip: the end records and the
// central directory read into memory and each local header with one pread, all parsed and
// checked by zip/zip_format.h (which index/ shares for remote wheels).
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
#include <vector>

#include "base/result.h"
#include "zip/zip_format.h"

namespace roost::install {

using ZipDirectoryEntry = zip::Entry;

struct ZipDirectory {
  std::vector<ZipDirectoryEntry> entries;  // central directory order (libzip's indices)
  uint64_t central_directory_offset = 0;
};

// Reads the (ZIP64) end of central directory record and the central directory of the file open
// as `fd`, `file_size` bytes long. Errors (kParse, "not a valid ZIP archive: ...", without the
// file's name: the caller adds it) are zip::parse_end_records' and zip::parse_central_directory's.
Result<ZipDirectory> read_zip_directory(int fd, uint64_t file_size);

// Reads each entry's local file header and compares it with the central directory
// (zip::check_local_header), then checks that no entry's header and data overlap another's or
// the central directory (zip::check_extents). Errors (kIntegrity) name the entry.
Result<void> check_local_headers(int fd, const ZipDirectory& directory);

}  // namespace roost::install
