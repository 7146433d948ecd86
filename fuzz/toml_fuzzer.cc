// Fuzzes the TOML parser. Invariants: no crash or sanitizer report; an error points at a real
// line and column of the input; in a parsed document every key and value range lies inside the
// input, and every table finds each of its keys again (the hash index agrees with the entries).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "toml/line_index.h"
#include "toml/parse.h"

namespace {

using namespace roost::toml;

void require(bool condition) {
  if (!condition) std::abort();
}

void check_range(SourceRange r, size_t size) {
  require(r.offset <= size && r.length <= size - r.offset);
}

void check_value(const Value& v, size_t size) {
  check_range(v.range(), size);
  if (const Array* a = v.as_array()) {
    for (const Value& item : *a) check_value(item, size);
  } else if (const Table* t = v.as_table()) {
    for (const Entry& e : *t) {
      check_range(e.key_range, size);
      require(t->find(e.key) == &e);
      check_value(e.value, size);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  roost::Result<Table> doc = parse(text, "fuzz.toml");
  if (!doc) {
    const auto& span = doc.error().span();
    require(span.has_value() && span->line >= 1 && span->column >= 1);
    require(static_cast<uint32_t>(span->line) <= LineIndex(text).line_count());
    require(!doc.error().message().empty());
    return 0;
  }
  Value root(std::move(doc).value(), {});
  check_value(root, size);
  return 0;
}
