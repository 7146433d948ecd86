// HTTP caching policy for index pages (RFC 9111, as a private cache), with no I/O: the index
// client stores a CachedResponse in the cache's kSimple bucket and asks freshness() whether to use
// it, revalidate it with conditional_headers(), or fetch anew.
//
//   switch (freshness(cached, now)) {
//     case Freshness::kFresh: return cached.body;
//     case Freshness::kStale: request.headers = conditional_headers(cached); break;
//     case Freshness::kUncacheable: break;  // plain GET
//   }
//   if (status == 304) cached = merge_not_modified(cached, response_headers, now);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace roost::cache {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// A stored response: the validators and policy headers, the body and when it was stored.
struct CachedResponse {
  int status = 0;
  std::string etag;
  std::string last_modified;
  std::string cache_control;
  std::string body;
  int64_t stored_at = 0;  // unix seconds
  std::string content_type;

  // A versioned, length-prefixed text format: "roost-http-cache-v1\n" then, in a fixed order,
  // "<field> <byte count>\n<bytes>\n" for each field. Bodies may hold any bytes.
  std::string serialize() const;
  // The inverse; truncated, reordered or otherwise corrupted input is a kParse error.
  static Result<CachedResponse> parse(std::string_view text);

  bool operator==(const CachedResponse&) const = default;
};

// The Cache-Control directives roost acts on. Directive names are case-insensitive; values may be
// quoted; an unparsable max-age is ignored; the first valid max-age wins.
struct CacheControl {
  std::optional<int64_t> max_age;  // seconds; overflow clamps to 2^31 (RFC 9111 §1.2.2)
  bool no_cache = false;           // also the field-qualified form no-cache="Set-Cookie"
  bool no_store = false;
  bool immutable = false;  // RFC 8246
};
CacheControl parse_cache_control(std::string_view value);

// All values of header `name` (case-insensitive) joined by ", ", as RFC 9110 §5.3 allows for
// list-valued fields such as Cache-Control.
std::string join_header_values(const HeaderList& headers, std::string_view name);

// A CachedResponse from a fresh (non-304) response.
CachedResponse make_cached_response(int status, const HeaderList& headers, std::string body,
                                    int64_t now);

enum class Freshness {
  kFresh,        // use the stored body without asking the server
  kStale,        // revalidate: send conditional_headers() and expect 304 or a new body
  kUncacheable,  // the stored response cannot be used or revalidated: fetch anew
};

// no-store → uncacheable; only 200 responses are reused; no-cache → stale (uncacheable without a
// validator); immutable → fresh; max-age → fresh while age < max-age, then stale; without
// max-age → stale when there is an ETag or Last-Modified, else uncacheable. s-maxage is for
// shared caches and ignored. A stored_at in the future (the clock went back) counts as stale.
Freshness freshness(const CachedResponse& response, int64_t now);

// If-None-Match from the ETag and If-Modified-Since from Last-Modified (both when both exist).
HeaderList conditional_headers(const CachedResponse& response);

// A 304 Not Modified: keep status and body, take the ETag, Last-Modified, Cache-Control and
// Content-Type it carries (RFC 9111 §4.3.4), and restart the age at `now`.
CachedResponse merge_not_modified(const CachedResponse& old, const HeaderList& headers_304,
                                  int64_t now);

// Whether the revalidated response (merge_not_modified) must be stored again: its headers
// changed, or it has a max-age that its new stored_at renews. Without one every later use
// revalidates anyway, so rewriting the entry (a file written and renamed per page, most of a
// revalidating `roost lock` against an index that sends no Cache-Control) changes nothing.
bool revalidation_changes_entry(const CachedResponse& old, const CachedResponse& merged);

}  // namespace roost::cache
