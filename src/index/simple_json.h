// PEP 691 JSON project pages (application/vnd.pypi.simple.v1+json), with the PEP 700 additions
// ("versions", "size", "upload-time") and PEP 714's "core-metadata". Parsed with simdjson's DOM
// API through error codes; simdjson stays a private detail of this file.
//
//   ROOST_TRY(ProjectPage page, parse_simple_json(body, "https://pypi.org/simple/requests/"));
#pragma once

#include <string_view>

#include "base/result.h"
#include "index/project_page.h"

namespace roost::index {

// kParse for invalid JSON or a field of the wrong type; the message names the page URL and the
// field, e.g. `invalid Simple API JSON from https://x/simple/a/: "files" must be an array`.
// Unknown keys are ignored (PEP 691 lets indexes add their own).
Result<ProjectPage> parse_simple_json(std::string_view json, std::string_view page_url);

}  // namespace roost::index
