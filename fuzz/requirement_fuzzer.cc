// Fuzzes Requirement::parse: no crash, errors carry a span inside the input, and a parsed
// requirement printed with to_string() parses back to an equal requirement that prints the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pep508/requirement.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = roost::pep508::Requirement::parse(text);
  if (!parsed) {
    const auto& span = parsed.error().span();
    if (span && (span->column < 1 || static_cast<size_t>(span->column) > text.size() + 1)) std::abort();
    (void)parsed.error().render();
    return 0;
  }
  std::string printed = parsed->to_string();
  auto again = roost::pep508::Requirement::parse(printed);
  if (!again) std::abort();
  if (!(*again == *parsed)) std::abort();
  if (again->to_string() != printed) std::abort();
  if (parsed->marker) {
    auto canonical = roost::pep508::Marker::parse(parsed->marker->to_string().empty()
                                                      ? "python_version >= '0'"
                                                      : parsed->marker->to_string());
    if (!canonical || !(*canonical == *parsed->marker)) std::abort();
  }
  return 0;
}
