// Fuzzes the ZIP structure parser (zip/zip_format.h) on whole archives, read as install/ reads a
// wheel: end records, central directory, each local header against its entry, extents. Beyond
// not reading out of bounds, every entry it accepts must lie inside the archive.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <vector>

#include "zip/zip_format.h"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace zip = roost::zip;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string_view tail = bytes.substr(size - std::min(size, zip::kMaxEndRecordsSize));
  std::optional<size_t> at = zip::find_end_record(tail);
  if (!at) return 0;
  auto end = zip::parse_end_records(tail, size, *at);
  if (!end) return 0;
  require(end->directory_offset + end->directory_size <= size);
  auto entries = zip::parse_central_directory(
      bytes.substr(end->directory_offset, end->directory_size), end->entries);
  if (!entries) return 0;
  std::vector<size_t> header_sizes;
  for (const zip::Entry& e : *entries) {
    if (e.local_header_offset > size) return 0;
    auto header = zip::check_local_header(bytes.substr(e.local_header_offset), e);
    if (!header) return 0;
    header_sizes.push_back(*header);
  }
  if (!zip::check_extents(*entries, header_sizes, end->directory_offset)) return 0;
  for (size_t i = 0; i < entries->size(); ++i) {
    const zip::Entry& e = (*entries)[i];
    require(e.local_header_offset + header_sizes[i] + e.compressed_size <= end->directory_offset);
  }
  return 0;
}
