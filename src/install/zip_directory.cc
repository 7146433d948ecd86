// A wheel's ZIP structure read from its file descriptor (see zip_directory.h): the reads are
// here, the parsing and checks in zip/zip_format.h.
#include "install/zip_directory.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>

#include "base/fs.h"

namespace roost::install {
namespace {

Error zip_error(std::string message) {
  return make_error(ErrorKind::kParse, "not a valid ZIP archive: " + std::move(message));
}

// The parser's kParse errors say what is wrong with the archive; this says it is not valid.
Error not_valid(Error error) {
  if (error.kind() != ErrorKind::kParse) return error;
  return zip_error(error.message());
}

// Exactly `length` bytes at `offset`, or fewer when the file ends first.
Result<std::string> read_at(int fd, uint64_t offset, size_t length) {
  std::string out(length, '\0');
  size_t filled = 0;
  while (filled < length) {
    ssize_t n =
        ::pread(fd, out.data() + filled, length - filled, static_cast<off_t>(offset + filled));
    if (n < 0) {
      if (errno == EINTR) continue;
      return make_error(ErrorKind::kIo, "cannot read: " + errno_message(errno));
    }
    if (n == 0) break;
    filled += static_cast<size_t>(n);
  }
  out.resize(filled);
  return out;
}

}  // namespace

Result<ZipDirectory> read_zip_directory(int fd, uint64_t file_size) {
  if (file_size < zip::kEndRecordSize) return zip_error("the file is too short");
  // The end records sit in the last bytes, behind a comment of up to 65535 bytes.
  const size_t tail_size =
      static_cast<size_t>(std::min<uint64_t>(file_size, zip::kMaxEndRecordsSize));
  ROOST_TRY(std::string tail, read_at(fd, file_size - tail_size, tail_size));
  if (tail.size() != tail_size) return zip_error("the file changed while being read");
  std::optional<size_t> at = zip::find_end_record(tail);
  if (!at) return zip_error("no end of central directory record");
  Result<zip::EndRecord> end = zip::parse_end_records(tail, file_size, *at);
  if (!end) return not_valid(std::move(end).error());
  ROOST_TRY(std::string bytes,
            read_at(fd, end->directory_offset, static_cast<size_t>(end->directory_size)));
  if (bytes.size() != end->directory_size) return zip_error("the central directory is truncated");
  Result<std::vector<zip::Entry>> entries = zip::parse_central_directory(bytes, end->entries);
  if (!entries) return not_valid(std::move(entries).error());
  return ZipDirectory{.entries = std::move(entries).value(),
                      .central_directory_offset = end->directory_offset};
}

Result<void> check_local_headers(int fd, const ZipDirectory& directory) {
  std::vector<size_t> header_sizes;
  header_sizes.reserve(directory.entries.size());
  for (const ZipDirectoryEntry& e : directory.entries) {
    // One read usually covers the header, the name and a typical extra field.
    const size_t guess = zip::kLocalHeaderSize + e.name.size() + 64;
    ROOST_TRY(std::string h, read_at(fd, e.local_header_offset, guess));
    if (std::optional<size_t> size = zip::local_header_size(h); size && *size > h.size()) {
      ROOST_TRY(h, read_at(fd, e.local_header_offset, *size));
    }
    ROOST_TRY(size_t size, zip::check_local_header(h, e));
    header_sizes.push_back(size);
  }
  return zip::check_extents(directory.entries, header_sizes, directory.central_directory_offset);
}

}  // namespace roost::install
