// HTTP-dates (RFC 9110 §5.6.7) to Unix seconds. Retry-After may carry one, and so may the caching
// headers; recipients must accept all three historical forms, so this does:
//
//   parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT")   // IMF-fixdate, what servers send
//   parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT")  // obsolete RFC 850 (two-digit year)
//   parse_http_date("Sun Nov  6 08:49:37 1994")        // obsolete asctime()
//
// All give 784111777. Anything else, or an impossible date (31 Feb, hour 24), is nullopt; the
// weekday is checked for form only, not against the date (RFC 9110 lets recipients ignore it).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace roost {

std::optional<int64_t> parse_http_date(std::string_view text);

}  // namespace roost
