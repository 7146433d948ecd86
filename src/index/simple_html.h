// PEP 503 HTML project pages ("/simple/<project>/"), read with a small tolerant tokenizer rather
// than a full HTML5 parser: index pages are machine-written lists of anchors, and what matters is
// that odd but real pages (devpi's uppercase tags, unquoted attributes, comments) still parse.
//
//   ROOST_TRY(ProjectPage page, parse_simple_html(body, "https://pypi.org/simple/requests/"));
//   page.files[0].url  // absolute, fragment removed; page.files[0].hashes["sha256"]
#pragma once

#include <string_view>

#include "base/result.h"
#include "index/project_page.h"

namespace roost::index {

// Every <a href=...> becomes a DistributionFile; anchors without href are ignored, a page without
// anchors is an empty page. kParse only when an href (or <base href>) cannot be resolved.
Result<ProjectPage> parse_simple_html(std::string_view html, std::string_view page_url);

// Decodes HTML character references: &lt; &gt; &amp; &quot; &apos; and numeric ones (&#39;,
// &#x27;). Unknown or unterminated references are kept as written. Exposed for tests.
std::string decode_html_entities(std::string_view text);

}  // namespace roost::index
