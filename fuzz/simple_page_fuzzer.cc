// Fuzzes the Simple API page parsers (PEP 503 HTML and PEP 691 JSON) and URL resolution: no
// crash or sanitizer report on any body; every file of a parsed page has an absolute URL without
// a fragment, and a filename.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "index/simple_html.h"
#include "index/simple_json.h"
#include "index/url.h"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

void check(const roost::Result<roost::index::ProjectPage>& page) {
  if (!page) {
    require(!page.error().message().empty());
    return;
  }
  for (const roost::index::DistributionFile& f : page->files) {
    require(f.url.find('#') == std::string::npos);
    require(f.url.find("://") != std::string::npos);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view kPage = "https://example.org/simple/pkg/";
  check(roost::index::parse_simple_html(text, kPage));
  check(roost::index::parse_simple_json(text, kPage));
  // The body as a reference against a fixed base: resolution must not crash either.
  (void)roost::index::resolve_url(kPage, text.substr(0, 512));
  return 0;
}
