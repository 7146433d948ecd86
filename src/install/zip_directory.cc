// ZIP end records, central directory and local headers (see zip_directory.h). Every length and
// offset read from the file is checked against the file's size before it is used.
#include "install/zip_directory.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>

#include "base/fs.h"
#include "tags/text_span.h"

namespace roost::install {
namespace {

using tags::quote;

constexpr uint32_t kLocalHeaderSignature = 0x04034b50;
constexpr uint32_t kCentralHeaderSignature = 0x02014b50;
constexpr uint32_t kEndSignature = 0x06054b50;
constexpr uint32_t kZip64EndSignature = 0x06064b50;
constexpr uint32_t kZip64LocatorSignature = 0x07064b50;
constexpr size_t kEndSize = 22;
constexpr size_t kZip64EndSize = 56;
constexpr size_t kZip64LocatorSize = 20;
constexpr size_t kCentralHeaderSize = 46;
constexpr size_t kLocalHeaderSize = 30;
constexpr uint16_t kZip64ExtraId = 0x0001;
// The biggest wheels (~100,000 files) have central directories of ~10 MiB; this bounds the one
// allocation a lying end record could ask for.
constexpr uint64_t kMaxCentralDirectorySize = 256ull * 1024 * 1024;

uint16_t le16(std::string_view b, size_t at) {
  return static_cast<uint16_t>(static_cast<uint8_t>(b[at]) |
                               (static_cast<uint8_t>(b[at + 1]) << 8));
}
uint32_t le32(std::string_view b, size_t at) {
  return static_cast<uint32_t>(le16(b, at)) | (static_cast<uint32_t>(le16(b, at + 2)) << 16);
}
uint64_t le64(std::string_view b, size_t at) {
  return static_cast<uint64_t>(le32(b, at)) | (static_cast<uint64_t>(le32(b, at + 4)) << 32);
}

Error zip_error(std::string message) {
  return make_error(ErrorKind::kParse, "not a valid ZIP archive: " + std::move(message));
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

// The ZIP64 extended information extra field supplies, in this order, each of the 32-bit fields
// that holds its 0xFFFFFFFF placeholder: `fields` points at those, in the same order.
bool apply_zip64_extra(std::string_view extra, const std::vector<uint64_t*>& fields) {
  if (fields.empty()) return true;
  size_t at = 0;
  while (at + 4 <= extra.size()) {
    const uint16_t id = le16(extra, at);
    const size_t size = le16(extra, at + 2);
    if (at + 4 + size > extra.size()) return false;
    if (id == kZip64ExtraId) {
      if (fields.size() * 8 > size) return false;
      for (size_t k = 0; k < fields.size(); ++k) *fields[k] = le64(extra, at + 4 + 8 * k);
      return true;
    }
    at += 4 + size;
  }
  return false;
}

struct EndRecord {
  uint64_t entries = 0;
  uint64_t directory_size = 0;
  uint64_t directory_offset = 0;
  uint64_t record_offset = 0;  // where the (ZIP64) end record starts: the directory ends there
};

Result<EndRecord> read_end_record(int fd, uint64_t file_size) {
  if (file_size < kEndSize) return zip_error("the file is too short");
  // The end record sits in the last 22 bytes plus a comment of up to 65535 bytes.
  const size_t tail_size = static_cast<size_t>(std::min<uint64_t>(file_size, kEndSize + 0xFFFF));
  const uint64_t tail_offset = file_size - tail_size;
  ROOST_TRY(std::string tail, read_at(fd, tail_offset, tail_size));
  if (tail.size() != tail_size) return zip_error("the file changed while being read");
  // The last signature whose comment ends exactly at the end of the file: a signature inside
  // the comment, or trailing data after the comment, does not count.
  size_t at = std::string::npos;
  for (size_t i = tail_size - kEndSize + 1; i-- > 0;) {
    if (le32(tail, i) == kEndSignature && i + kEndSize + le16(tail, i + 20) == tail_size) {
      at = i;
      break;
    }
  }
  if (at == std::string::npos) return zip_error("no end of central directory record");
  EndRecord end;
  end.record_offset = tail_offset + at;
  const uint16_t disk = le16(tail, at + 4), directory_disk = le16(tail, at + 6);
  const uint16_t disk_entries = le16(tail, at + 8);
  end.entries = le16(tail, at + 10);
  end.directory_size = le32(tail, at + 12);
  end.directory_offset = le32(tail, at + 16);
  if (disk != 0 || directory_disk != 0 || disk_entries != end.entries) {
    return zip_error("multi-disk archives are not supported");
  }
  const bool zip64 = end.entries == 0xFFFF || end.directory_size == 0xFFFFFFFF ||
                     end.directory_offset == 0xFFFFFFFF;
  if (!zip64) return end;
  if (end.record_offset < kZip64LocatorSize) return zip_error("ZIP64 locator missing");
  ROOST_TRY(std::string locator,
            read_at(fd, end.record_offset - kZip64LocatorSize, kZip64LocatorSize));
  if (locator.size() != kZip64LocatorSize || le32(locator, 0) != kZip64LocatorSignature) {
    return zip_error("ZIP64 locator missing");
  }
  const uint64_t record_offset = le64(locator, 8);
  if (le32(locator, 4) != 0 || le32(locator, 16) > 1) {  // total disks: 1 (some writers say 0)
    return zip_error("multi-disk archives are not supported");
  }
  if (record_offset > end.record_offset - kZip64LocatorSize ||
      end.record_offset - kZip64LocatorSize - record_offset < kZip64EndSize) {
    return zip_error("ZIP64 end record outside the file");
  }
  ROOST_TRY(std::string record, read_at(fd, record_offset, kZip64EndSize));
  if (record.size() != kZip64EndSize || le32(record, 0) != kZip64EndSignature) {
    return zip_error("ZIP64 end record missing");
  }
  if (le32(record, 16) != 0 || le32(record, 20) != 0 || le64(record, 24) != le64(record, 32)) {
    return zip_error("multi-disk archives are not supported");
  }
  end.entries = le64(record, 32);
  end.directory_size = le64(record, 40);
  end.directory_offset = le64(record, 48);
  end.record_offset = record_offset;
  return end;
}

Result<ZipDirectoryEntry> parse_central_entry(std::string_view d, size_t& at) {
  if (at + kCentralHeaderSize > d.size() || le32(d, at) != kCentralHeaderSignature) {
    return zip_error("central directory entry " + std::to_string(at) + " bytes in is malformed");
  }
  ZipDirectoryEntry e;
  e.version_made_by = le16(d, at + 4);
  e.version_needed = le16(d, at + 6);
  e.flags = le16(d, at + 8);
  e.method = le16(d, at + 10);
  e.crc32 = le32(d, at + 16);
  e.compressed_size = le32(d, at + 20);
  e.uncompressed_size = le32(d, at + 24);
  const size_t name_length = le16(d, at + 28), extra_length = le16(d, at + 30);
  const size_t comment_length = le16(d, at + 32);
  const uint16_t disk = le16(d, at + 34);
  e.external_attributes = le32(d, at + 38);
  e.local_header_offset = le32(d, at + 42);
  const size_t end = at + kCentralHeaderSize + name_length + extra_length + comment_length;
  if (end > d.size()) return zip_error("central directory entry runs past the directory");
  e.name.assign(d.substr(at + kCentralHeaderSize, name_length));
  std::string_view extra = d.substr(at + kCentralHeaderSize + name_length, extra_length);
  if (disk != 0) return zip_error("multi-disk archives are not supported");
  std::vector<uint64_t*> wanted;
  if (e.uncompressed_size == 0xFFFFFFFF) wanted.push_back(&e.uncompressed_size);
  if (e.compressed_size == 0xFFFFFFFF) wanted.push_back(&e.compressed_size);
  if (e.local_header_offset == 0xFFFFFFFF) wanted.push_back(&e.local_header_offset);
  if (!apply_zip64_extra(extra, wanted)) {
    return zip_error("entry " + quote(e.name) + " lacks its ZIP64 sizes");
  }
  at = end;
  return e;
}

}  // namespace

Result<ZipDirectory> read_zip_directory(int fd, uint64_t file_size) {
  ROOST_TRY(EndRecord end, read_end_record(fd, file_size));
  if (end.directory_offset > end.record_offset ||
      end.directory_offset + end.directory_size != end.record_offset) {
    return zip_error(
        "the central directory does not end where the end record starts (data prepended or "
        "hidden between them)");
  }
  if (end.directory_size > kMaxCentralDirectorySize) {
    return zip_error("the central directory is larger than 256 MiB");
  }
  // Each entry takes at least 46 bytes, so the count cannot exceed size / 46.
  if (end.entries > end.directory_size / kCentralHeaderSize) {
    return zip_error("the end record claims more entries than the central directory holds");
  }
  ROOST_TRY(std::string bytes,
            read_at(fd, end.directory_offset, static_cast<size_t>(end.directory_size)));
  if (bytes.size() != end.directory_size) return zip_error("the central directory is truncated");
  ZipDirectory directory;
  directory.central_directory_offset = end.directory_offset;
  directory.entries.reserve(static_cast<size_t>(end.entries));
  size_t at = 0;
  for (uint64_t i = 0; i < end.entries; ++i) {
    ROOST_TRY(ZipDirectoryEntry entry, parse_central_entry(bytes, at));
    directory.entries.push_back(std::move(entry));
  }
  if (at != bytes.size()) {
    return zip_error("the central directory holds more than the " + std::to_string(end.entries) +
                     " entries the end record counts");
  }
  return directory;
}

Result<void> check_local_headers(int fd, const ZipDirectory& directory) {
  struct Extent {
    uint64_t start, end;
    size_t index;
  };
  std::vector<Extent> extents;
  extents.reserve(directory.entries.size());
  for (size_t i = 0; i < directory.entries.size(); ++i) {
    const ZipDirectoryEntry& e = directory.entries[i];
    auto fail = [&](std::string what) {
      return make_error(ErrorKind::kIntegrity, "entry " + quote(e.name) + ": " + std::move(what));
    };
    auto mismatch = [&](std::string_view what) {
      return fail("the local header and the central directory disagree on the " +
                  std::string(what));
    };
    // One read usually covers the header, the name and a typical extra field.
    const size_t guess = kLocalHeaderSize + e.name.size() + 64;
    ROOST_TRY(std::string h, read_at(fd, e.local_header_offset, guess));
    // The fixed part is parsed from a copy: g++ 12 -O3 reports a false -Wmaybe-uninitialized
    // on reads straight from the string's inline buffer.
    std::array<char, kLocalHeaderSize> fixed{};
    if (h.size() >= kLocalHeaderSize) std::memcpy(fixed.data(), h.data(), kLocalHeaderSize);
    const std::string_view head(fixed.data(), fixed.size());
    if (h.size() < kLocalHeaderSize || le32(head, 0) != kLocalHeaderSignature) {
      return fail("no local header at offset " + std::to_string(e.local_header_offset));
    }
    const uint16_t flags = le16(head, 6), method = le16(head, 8);
    const size_t name_length = le16(head, 26), extra_length = le16(head, 28);
    const size_t header_size = kLocalHeaderSize + name_length + extra_length;
    if (h.size() < header_size) {
      ROOST_TRY(std::string more, read_at(fd, e.local_header_offset, header_size));
      if (more.size() < header_size) return fail("the local header runs past the end of the file");
      h = std::move(more);
    }
    std::string_view name = std::string_view(h).substr(kLocalHeaderSize, name_length);
    if (name != e.name) return fail("the local header names it " + quote(name));
    if (method != e.method) return mismatch("compression method");
    if ((flags & 1) != (e.flags & 1)) return mismatch("encryption flag");
    uint64_t crc = le32(head, 14), compressed = le32(head, 18), uncompressed = le32(head, 22);
    std::string_view extra =
        std::string_view(h).substr(kLocalHeaderSize + name_length, extra_length);
    if ((uncompressed == 0xFFFFFFFF || compressed == 0xFFFFFFFF) &&
        !apply_zip64_extra(extra, {&uncompressed, &compressed})) {
      return fail("the local header lacks its ZIP64 sizes");
    }
    // A data descriptor entry may leave the local fields zero (the sizes follow the data).
    const bool deferred = (flags & 8) != 0 && crc == 0 && compressed == 0 && uncompressed == 0;
    if (!deferred && (crc != e.crc32 || compressed != e.compressed_size ||
                      uncompressed != e.uncompressed_size)) {
      return mismatch("CRC-32 or sizes");
    }
    const uint64_t start = e.local_header_offset;
    const uint64_t end = start + header_size + e.compressed_size;
    if (end < start || end > directory.central_directory_offset) {
      return fail("its data runs into the central directory");
    }
    extents.push_back({start, end, i});
  }
  std::sort(extents.begin(), extents.end(),
            [](const Extent& a, const Extent& b) { return a.start < b.start; });
  for (size_t k = 1; k < extents.size(); ++k) {
    if (extents[k].start < extents[k - 1].end) {
      return make_error(ErrorKind::kIntegrity,
                        "entry " + quote(directory.entries[extents[k].index].name) +
                            " overlaps entry " +
                            quote(directory.entries[extents[k - 1].index].name));
    }
  }
  return ok();
}

}  // namespace roost::install
