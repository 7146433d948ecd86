// Test-only: a writer of stored (uncompressed) ZIP archives by hand, byte by byte, so tests of
// the readers above control every field (and can then corrupt one). With `zip64`, every size and
// offset goes through the ZIP64 extra fields and end records, as writers do past 4 GiB or 65,535
// entries. Used by the tests of zip/, install/, index/ and the layers above.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace roost::zip::testing {

inline uint32_t crc32_of(std::string_view data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

inline void put16(std::string& out, uint64_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>((v >> 8) & 0xFF));
}
inline void put32(std::string& out, uint64_t v) {
  put16(out, v & 0xFFFF);
  put16(out, (v >> 16) & 0xFFFF);
}
inline void put64(std::string& out, uint64_t v) {
  put32(out, v & 0xFFFFFFFF);
  put32(out, v >> 32);
}

struct ZipMember {
  std::string name;
  std::string data;
};

struct ZipOptions {
  bool zip64 = false;
  std::string comment;  // the archive comment, after the end record
};

// A stored ZIP of `members`, in order, made on Unix with mode 0644 and UTF-8 names.
inline std::string make_zip(const std::vector<ZipMember>& members, const ZipOptions& options = {}) {
  const bool zip64 = options.zip64;
  std::string out, directory;
  for (const ZipMember& m : members) {
    const uint64_t offset = out.size();
    const uint32_t crc = crc32_of(m.data);
    const uint64_t size32 = zip64 ? 0xFFFFFFFF : m.data.size();
    // The fields both headers share, then the name; the ZIP64 extra field holds the sizes and
    // (in the central directory) the offset.
    auto common = [&](std::string& s, bool central) {
      put16(s, 45);     // version needed
      put16(s, 0x800);  // UTF-8 names
      put16(s, 0);      // stored
      put32(s, 0);      // time, date
      put32(s, crc);
      put32(s, size32);
      put32(s, size32);
      put16(s, m.name.size());
      put16(s, zip64 ? (central ? 28 : 20) : 0);
      if (central) {
        put16(s, 0);  // comment
        put16(s, 0);  // disk
        put16(s, 0);  // internal attributes
        put32(s, (0100644u) << 16);
        put32(s, zip64 ? 0xFFFFFFFF : offset);
      }
      s += m.name;
      if (zip64) {
        put16(s, 1);
        put16(s, central ? 24 : 16);
        put64(s, m.data.size());
        put64(s, m.data.size());
        if (central) put64(s, offset);
      }
    };
    put32(out, 0x04034b50);
    common(out, false);
    out += m.data;
    put32(directory, 0x02014b50);
    put16(directory, (3 << 8) | 45);  // made on Unix
    common(directory, true);
  }
  const uint64_t directory_offset = out.size();
  out += directory;
  if (zip64) {
    const uint64_t record_offset = out.size();
    put32(out, 0x06064b50);
    put64(out, 44);  // the size of the rest of the record
    put16(out, 45);
    put16(out, 45);
    put32(out, 0);
    put32(out, 0);
    put64(out, members.size());
    put64(out, members.size());
    put64(out, directory.size());
    put64(out, directory_offset);
    put32(out, 0x07064b50);
    put32(out, 0);
    put64(out, record_offset);
    put32(out, 1);
  }
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, zip64 ? 0xFFFF : members.size());
  put16(out, zip64 ? 0xFFFF : members.size());
  put32(out, zip64 ? 0xFFFFFFFF : directory.size());
  put32(out, zip64 ? 0xFFFFFFFF : directory_offset);
  put16(out, options.comment.size());
  return out + options.comment;
}

}  // namespace roost::zip::testing
