// Fuzzes the small .dist-info file parsers: RECORD, entry_points.txt, direct_url.json and WHEEL
// (the first byte picks one). Beyond not crashing, each value must survive write -> parse.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "metadata/direct_url.h"
#include "metadata/entry_points.h"
#include "metadata/record.h"
#include "metadata/wheel_info.h"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

void fuzz_record(std::string_view text) {
  auto parsed = roost::metadata::Record::parse(text);
  if (!parsed) return;
  std::string written = parsed->to_string();
  auto again = roost::metadata::Record::parse(written);
  require(again.ok());
  require(again->entries == parsed->entries);
  require(again->to_string() == written);
}

void fuzz_entry_points(std::string_view text) {
  auto parsed = roost::metadata::EntryPoints::parse(text);
  if (!parsed) return;
  std::string written = parsed->to_string();
  auto again = roost::metadata::EntryPoints::parse(written);
  require(again.ok());
  require(again->to_string() == written);
}

void fuzz_direct_url(std::string_view text) {
  auto parsed = roost::metadata::DirectUrl::parse(text);
  if (!parsed) return;
  require(parsed->validate().ok());
  auto again = roost::metadata::DirectUrl::parse(parsed->to_json(/*strip_credentials=*/false));
  require(again.ok());
  require(*again == *parsed);
  (void)parsed->to_json();
}

void fuzz_wheel_info(std::string_view text) {
  auto parsed = roost::metadata::WheelInfo::parse(text);
  if (!parsed) return;
  std::string written = parsed->to_string();
  auto again = roost::metadata::WheelInfo::parse(written);
  require(again.ok());
  require(again->to_string() == written);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0:
      fuzz_record(text);
      break;
    case 1:
      fuzz_entry_points(text);
      break;
    case 2:
      fuzz_direct_url(text);
      break;
    case 3:
      fuzz_wheel_info(text);
      break;
  }
  return 0;
}
