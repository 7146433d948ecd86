// ZIP end records, central directory and local headers from byte buffers (see zip_format.h).
// Every length and offset read from the bytes is checked before it is used.
#include "zip/zip_format.h"

#include <algorithm>

#include "tags/text_span.h"

namespace roost::zip {
namespace {

using tags::quote;

constexpr uint32_t kLocalHeaderSignature = 0x04034b50;
constexpr uint32_t kCentralHeaderSignature = 0x02014b50;
constexpr uint32_t kEndSignature = 0x06054b50;
constexpr uint32_t kZip64EndSignature = 0x06064b50;
constexpr uint32_t kZip64LocatorSignature = 0x07064b50;
constexpr uint16_t kZip64ExtraId = 0x0001;

// Little-endian reads; callers check bounds first.
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

Error parse_error(std::string message) {
  return make_error(ErrorKind::kParse, std::move(message));
}
Error multi_disk() {
  return parse_error("multi-disk archives are not supported");
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

// Replaces `end` by the ZIP64 end record's values; `at` is the end record's offset in `tail`.
// Returns the ZIP64 record's offset in the file: the central directory must end there.
Result<uint64_t> parse_zip64_records(std::string_view tail, uint64_t tail_offset, size_t at,
                                     EndRecord& end) {
  if (at < kZip64LocatorSize || le32(tail, at - kZip64LocatorSize) != kZip64LocatorSignature) {
    return parse_error("ZIP64 locator missing");
  }
  const size_t locator = at - kZip64LocatorSize;
  if (le32(tail, locator + 4) != 0 || le32(tail, locator + 16) > 1) {
    return multi_disk();  // total disks: 1 (some writers say 0)
  }
  const uint64_t record_offset = le64(tail, locator + 8);
  if (record_offset > tail_offset + locator ||
      tail_offset + locator - record_offset < kZip64EndRecordSize) {
    return parse_error("ZIP64 end record outside the file");
  }
  if (record_offset < tail_offset) return parse_error("ZIP64 end record outside the bytes read");
  const size_t r = static_cast<size_t>(record_offset - tail_offset);
  if (le32(tail, r) != kZip64EndSignature) return parse_error("ZIP64 end record missing");
  if (le32(tail, r + 16) != 0 || le32(tail, r + 20) != 0 ||
      le64(tail, r + 24) != le64(tail, r + 32)) {
    return multi_disk();
  }
  end.entries = le64(tail, r + 32);
  end.directory_size = le64(tail, r + 40);
  end.directory_offset = le64(tail, r + 48);
  return record_offset;
}

Result<Entry> parse_central_entry(std::string_view d, size_t& at) {
  if (d.size() - at < kCentralHeaderSize || le32(d, at) != kCentralHeaderSignature) {
    return parse_error("central directory entry " + std::to_string(at) + " bytes in is malformed");
  }
  Entry e;
  e.version_made_by = le16(d, at + 4);
  e.version_needed = le16(d, at + 6);
  e.flags = le16(d, at + 8);
  e.method = le16(d, at + 10);
  e.crc32 = le32(d, at + 16);
  e.compressed_size = le32(d, at + 20);
  e.uncompressed_size = le32(d, at + 24);
  const size_t name_length = le16(d, at + 28);
  e.extra_length = le16(d, at + 30);
  const size_t comment_length = le16(d, at + 32);
  const uint16_t disk = le16(d, at + 34);
  e.external_attributes = le32(d, at + 38);
  e.local_header_offset = le32(d, at + 42);
  const size_t end = at + kCentralHeaderSize + name_length + e.extra_length + comment_length;
  if (end > d.size()) return parse_error("central directory entry runs past the directory");
  e.name.assign(d.substr(at + kCentralHeaderSize, name_length));
  std::string_view extra = d.substr(at + kCentralHeaderSize + name_length, e.extra_length);
  if (disk != 0) return multi_disk();
  std::vector<uint64_t*> wanted;
  if (e.uncompressed_size == 0xFFFFFFFF) wanted.push_back(&e.uncompressed_size);
  if (e.compressed_size == 0xFFFFFFFF) wanted.push_back(&e.compressed_size);
  if (e.local_header_offset == 0xFFFFFFFF) wanted.push_back(&e.local_header_offset);
  if (!apply_zip64_extra(extra, wanted)) {
    return parse_error("entry " + quote(e.name) + " lacks its ZIP64 sizes");
  }
  at = end;
  return e;
}

}  // namespace

std::optional<size_t> find_end_record(std::string_view tail) {
  if (tail.size() < kEndRecordSize) return std::nullopt;
  for (size_t at = tail.size() - kEndRecordSize + 1; at-- > 0;) {
    if (tail.size() - at > kEndRecordSize + 0xFFFF) break;
    if (le32(tail, at) == kEndSignature &&
        at + kEndRecordSize + le16(tail, at + 20) == tail.size()) {
      return at;
    }
  }
  return std::nullopt;
}

Result<EndRecord> parse_end_records(std::string_view tail, uint64_t file_size, size_t at) {
  if (tail.size() > file_size) return parse_error("more bytes than the file size");
  if (at > tail.size() || tail.size() - at < kEndRecordSize || le32(tail, at) != kEndSignature) {
    return parse_error("no end of central directory record");
  }
  const uint64_t tail_offset = file_size - tail.size();
  EndRecord end;
  const uint16_t disk = le16(tail, at + 4), directory_disk = le16(tail, at + 6);
  const uint16_t disk_entries = le16(tail, at + 8);
  end.entries = le16(tail, at + 10);
  end.directory_size = le32(tail, at + 12);
  end.directory_offset = le32(tail, at + 16);
  if (disk != 0 || directory_disk != 0 || disk_entries != end.entries) return multi_disk();
  // The directory ends where the (ZIP64) end record starts. A locator means ZIP64 (as libzip
  // and Python's zipfile read it); a placeholder without one is an error.
  uint64_t directory_end = tail_offset + at;
  const bool placeholders = end.entries == 0xFFFF || end.directory_size == 0xFFFFFFFF ||
                            end.directory_offset == 0xFFFFFFFF;
  const bool locator =
      at >= kZip64LocatorSize && le32(tail, at - kZip64LocatorSize) == kZip64LocatorSignature;
  if (placeholders || locator) {
    ROOST_TRY(directory_end, parse_zip64_records(tail, tail_offset, at, end));
  }
  if (end.directory_offset > directory_end ||
      directory_end - end.directory_offset < end.directory_size) {
    return parse_error("central directory (offset " + std::to_string(end.directory_offset) + ", " +
                       std::to_string(end.directory_size) +
                       " bytes) runs past the end of the file");
  }
  if (end.directory_offset + end.directory_size != directory_end) {
    return parse_error(
        "the central directory does not end where the end record starts (data prepended or "
        "hidden between them)");
  }
  if (end.directory_size > kMaxCentralDirectorySize) {
    return parse_error("the central directory is larger than 256 MiB");
  }
  // Each entry takes at least 46 bytes, so the count cannot exceed size / 46.
  if (end.entries > end.directory_size / kCentralHeaderSize) {
    return parse_error("the end record claims more entries than the central directory holds");
  }
  return end;
}

Result<std::vector<Entry>> parse_central_directory(std::string_view bytes, uint64_t entries) {
  std::vector<Entry> out;
  out.reserve(static_cast<size_t>(std::min<uint64_t>(entries, bytes.size() / kCentralHeaderSize)));
  size_t at = 0;
  for (uint64_t i = 0; i < entries; ++i) {
    ROOST_TRY(Entry entry, parse_central_entry(bytes, at));
    out.push_back(std::move(entry));
  }
  if (at != bytes.size()) {
    return parse_error("the central directory holds more than the " + std::to_string(entries) +
                       " entries the end record counts");
  }
  return out;
}

std::optional<size_t> local_header_size(std::string_view bytes) {
  if (bytes.size() < kLocalHeaderSize || le32(bytes, 0) != kLocalHeaderSignature) {
    return std::nullopt;
  }
  return kLocalHeaderSize + le16(bytes, 26) + le16(bytes, 28);
}

std::optional<LocalHeader> parse_local_header(std::string_view bytes) {
  std::optional<size_t> size = local_header_size(bytes);
  if (!size || bytes.size() < *size) return std::nullopt;
  const size_t name_length = le16(bytes, 26);
  return LocalHeader{.flags = le16(bytes, 6),
                     .method = le16(bytes, 8),
                     .crc32 = le32(bytes, 14),
                     .compressed_size = le32(bytes, 18),
                     .uncompressed_size = le32(bytes, 22),
                     .name = bytes.substr(kLocalHeaderSize, name_length),
                     .extra = bytes.substr(kLocalHeaderSize + name_length, le16(bytes, 28)),
                     .size = *size};
}

Result<size_t> check_local_header(std::string_view bytes, const Entry& e) {
  auto fail = [&](std::string what) {
    return make_error(ErrorKind::kIntegrity, "entry " + quote(e.name) + ": " + std::move(what));
  };
  auto mismatch = [&](std::string_view what) {
    return fail("the local header and the central directory disagree on the " + std::string(what));
  };
  if (!local_header_size(bytes)) {
    return fail("no local header at offset " + std::to_string(e.local_header_offset));
  }
  std::optional<LocalHeader> h = parse_local_header(bytes);
  if (!h) return fail("the local header runs past the end of the file");
  if (h->name != e.name) return fail("the local header names it " + quote(h->name));
  if (h->method != e.method) return mismatch("compression method");
  if ((h->flags & 1) != (e.flags & 1)) return mismatch("encryption flag");
  uint64_t uncompressed = h->uncompressed_size, compressed = h->compressed_size;
  if ((uncompressed == 0xFFFFFFFF || compressed == 0xFFFFFFFF) &&
      !apply_zip64_extra(h->extra, {&uncompressed, &compressed})) {
    return fail("the local header lacks its ZIP64 sizes");
  }
  // A data descriptor entry may leave the local fields zero (the sizes follow the data).
  const bool deferred =
      (h->flags & 8) != 0 && h->crc32 == 0 && compressed == 0 && uncompressed == 0;
  if (!deferred && (h->crc32 != e.crc32 || compressed != e.compressed_size ||
                    uncompressed != e.uncompressed_size)) {
    return mismatch("CRC-32 or sizes");
  }
  return h->size;
}

Result<void> check_extents(const std::vector<Entry>& entries,
                           const std::vector<size_t>& header_sizes, uint64_t directory_offset) {
  struct Extent {
    uint64_t start, end;
    size_t index;
  };
  std::vector<Extent> extents;
  extents.reserve(entries.size());
  for (size_t i = 0; i < entries.size() && i < header_sizes.size(); ++i) {
    const uint64_t start = entries[i].local_header_offset;
    const uint64_t room = start < directory_offset ? directory_offset - start : 0;
    if (room < header_sizes[i] || room - header_sizes[i] < entries[i].compressed_size) {
      return make_error(ErrorKind::kIntegrity, "entry " + quote(entries[i].name) +
                                                   ": its data runs into the central directory");
    }
    extents.push_back({start, start + header_sizes[i] + entries[i].compressed_size, i});
  }
  std::sort(extents.begin(), extents.end(),
            [](const Extent& a, const Extent& b) { return a.start < b.start; });
  for (size_t k = 1; k < extents.size(); ++k) {
    if (extents[k].start < extents[k - 1].end) {
      return make_error(ErrorKind::kIntegrity, "entry " + quote(entries[extents[k].index].name) +
                                                   " overlaps entry " +
                                                   quote(entries[extents[k - 1].index].name));
    }
  }
  return ok();
}

}  // namespace roost::zip
