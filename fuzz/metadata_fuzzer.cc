// Fuzzes METADATA / PKG-INFO parsing (header blocks, Requires-Dist, Requires-Python, ...). Odd
// first bytes put a valid Metadata-Version / Name / Version block in front of the input so the
// fuzzer spends its time past the required fields. Whatever parses must survive write -> parse
// with an unchanged written form.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "metadata/core_metadata.h"
#include "metadata/headers.h"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string text;
  if (data[0] & 1)
    text = "Metadata-Version: 2." + std::to_string(data[0] >> 5) + "\nName: fuzzed\nVersion: 1.0\n";
  text.append(reinterpret_cast<const char*>(data) + 1, size - 1);

  auto headers = roost::metadata::parse_headers(text, "METADATA");
  auto parsed = roost::metadata::CoreMetadata::parse(text);
  if (!parsed) return 0;
  require(headers.ok());
  std::string written = parsed->to_string();
  auto again = roost::metadata::CoreMetadata::parse(written);
  require(again.ok());
  require(again->to_string() == written);
  require(again->name == parsed->name);
  require(again->version == parsed->version);
  require(again->requires_dist.size() == parsed->requires_dist.size());
  (void)parsed->keyword_list();
  return 0;
}
