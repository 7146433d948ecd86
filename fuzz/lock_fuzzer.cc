// Fuzzes the uv.lock reader and writer. Invariants: no crash or sanitizer report; an error
// points at a real line and column; a lock that reads is written, and what is written reads back
// and writes the same bytes again (write_lock is a fixed point), so `roost lock` never writes a
// file it cannot read.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "lock/read_lock.h"
#include "lock/write_lock.h"
#include "toml/line_index.h"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  roost::Result<roost::lock::Lockfile> lock = roost::lock::parse_lock(text, "fuzz.lock");
  if (!lock) {
    const auto& span = lock.error().span();
    if (span.has_value()) {
      require(span->line >= 1 && span->column >= 1);
      require(static_cast<uint32_t>(span->line) <= roost::toml::LineIndex(text).line_count());
    }
    require(!lock.error().message().empty());
    return 0;
  }
  std::string written = roost::lock::write_lock(*lock);
  roost::Result<roost::lock::Lockfile> again = roost::lock::parse_lock(written, "written.lock");
  require(again.ok());
  require(roost::lock::write_lock(*again) == written);
  return 0;
}
