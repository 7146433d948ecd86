// The HTTP transport interface of the index client: plain Request / Response values, a batch
// fetch that runs concurrently, and the pure helpers the implementations share (URL redaction,
// Retry-After, backoff). CurlTransport (curl_transport.h) talks to the network; FakeTransport
// (fake_transport.h) serves canned responses for unit tests.
//
//   std::vector<Request> reqs = {{.url = "https://pypi.org/simple/flask/"}};
//   for (Result<Response>& r : transport.fetch_all(reqs)) {
//     if (!r) return std::move(r).error();     // kNetwork: refused, timeout, 5xx after retries
//     if (r->status == 404) ...                // statuses are data; the caller decides
//   }
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/ascii.h"
#include "base/http_date.h"
#include "base/result.h"

namespace roost::index {

struct Request {
  std::string url;  // may carry user:password@; it is never put into an error message
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. {"Accept", "text/html"}
  std::optional<std::pair<uint64_t, uint64_t>> range;        // bytes a-b, inclusive
  std::string if_none_match;                                 // sent when non-empty
  std::string if_modified_since;                             // sent when non-empty
};

struct Response {
  int status = 0;
  std::string final_url;                                     // after redirects
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercased, in wire order
  std::string body;                                          // decoded (gzip etc. undone)

  // The first header of that name (any case), or "" when absent.
  std::string header(std::string_view name) const {
    for (const auto& [n, v] : headers) {
      if (ascii_iequals(n, name)) return v;
    }
    return "";
  }
};

struct TransportOptions {
  long connect_timeout_ms = 10000;
  long read_timeout_ms = 30000;  // no bytes received for this long = timeout
  int retries = 3;               // extra attempts after the first
  long backoff_base_ms = 200;    // retry k (0-based) waits backoff_base_ms * 2^k
  int max_redirects = 10;
  size_t max_in_flight = 32;
  std::string ca_bundle;   // empty: libcurl's built-in default (the system bundle on Debian)
  std::string netrc_file;  // empty: netrc is not consulted
  // Decided by the CLI from http_proxy / https_proxy / no_proxy. nullopt: we set nothing (libcurl
  // itself still honours those variables; we never read them). "" disables proxies outright.
  std::optional<std::string> proxy;
  std::optional<std::string> no_proxy;  // CURLOPT_NOPROXY when set, e.g. "localhost,.corp"
  std::string user_agent = "roost/0.1";
  bool offline = false;  // every fetch fails with kNetwork without touching the network
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Runs all requests concurrently; results come back in request order. A response with any
  // status is a success, except 5xx / 429 still failing after the retries; connection and TLS
  // errors, timeouts, truncated bodies and redirect loops are kNetwork errors naming the URL.
  virtual std::vector<Result<Response>> fetch_all(const std::vector<Request>& requests) = 0;
  Result<Response> fetch(const Request& r) { return std::move(fetch_all({r})[0]); }
};

// `url` without its userinfo: "https://u:p@host/x" -> "https://host/x". Used for every URL that
// reaches an error message or a log line, so credentials are never shown.
inline std::string redact_url(std::string_view url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  size_t host_start = scheme_end + 3;
  size_t authority_end = url.find_first_of("/?#", host_start);
  if (authority_end == std::string_view::npos) authority_end = url.size();
  // The last '@' of the authority ends the userinfo (a password may itself hold a raw '@').
  size_t at = url.substr(host_start, authority_end - host_start).rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  return std::string(url.substr(0, host_start)) + std::string(url.substr(host_start + at + 1));
}

// Retry-After (RFC 9110 §10.2.3) as seconds to wait, capped at `cap_s`: delta-seconds, or an
// HTTP-date taken relative to `now_s` (Unix seconds; a date already past means 0). Junk gives
// nullopt, and the caller falls back to its own backoff.
inline std::optional<long> parse_retry_after(std::string_view value, int64_t now_s,
                                             long cap_s = 60) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (!value.empty() && (value.front() < '0' || value.front() > '9')) {
    std::optional<int64_t> at = parse_http_date(value);
    if (!at) return std::nullopt;
    return static_cast<long>(std::clamp<int64_t>(*at - now_s, 0, cap_s));
  }
  if (value.empty() || value.size() > 9) return std::nullopt;
  long seconds = 0;
  for (char c : value) {
    if (c < '0' || c > '9') return std::nullopt;
    seconds = seconds * 10 + (c - '0');
  }
  return std::min(seconds, cap_s);
}

// The wait before retry number `retry` (0-based), without jitter: base * 2^retry, capped at 30 s
// so a large retry count cannot overflow or stall a run for minutes.
inline long backoff_delay_ms(long base_ms, int retry) {
  long delay = base_ms;
  for (int i = 0; i < retry && delay < 30000; ++i) delay *= 2;
  return std::min(delay, 30000L);
}

// Statuses worth another attempt: server errors and rate limiting.
inline bool is_retryable_status(int status) {
  return status == 429 || status >= 500;
}

}  // namespace roost::index
