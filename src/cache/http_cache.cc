// HTTP caching policy (http_cache.h): RFC 9111 freshness for a private cache, Cache-Control
// parsing and the stored-response format.
#include "cache/http_cache.h"

#include <charconv>
#include <limits>

#include "base/ascii.h"

namespace roost::cache {
namespace {

constexpr std::string_view kMagic = "roost-http-cache-v1\n";
constexpr int64_t kDeltaSecondsMax = int64_t{1} << 31;  // RFC 9111 §1.2.2

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A quoted-string's content with backslash escapes undone; a missing closing quote takes the
// rest, since being lenient here costs nothing.
std::string unquote(std::string_view v) {
  if (v.empty() || v.front() != '"') return std::string(v);
  std::string out;
  for (size_t i = 1; i < v.size(); ++i) {
    if (v[i] == '\\' && i + 1 < v.size()) {
      out += v[++i];
    } else if (v[i] == '"') {
      break;
    } else {
      out += v[i];
    }
  }
  return out;
}

// Splits a header value on commas that are not inside a quoted string.
std::vector<std::string_view> split_list(std::string_view value) {
  std::vector<std::string_view> items;
  bool quoted = false;
  size_t start = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (quoted && c == '\\') {
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      items.push_back(value.substr(start, i - start));
      start = i + 1;
    }
  }
  if (start <= value.size()) items.push_back(value.substr(start));
  return items;
}

// delta-seconds: digits only; too large clamps to 2^31, anything else is invalid.
std::optional<int64_t> parse_delta_seconds(std::string_view s) {
  if (s.empty()) return std::nullopt;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  int64_t n = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec == std::errc::result_out_of_range || (ec == std::errc() && n > kDeltaSecondsMax)) {
    return kDeltaSecondsMax;
  }
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return n;
}

void put_field(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ' ';
  out += std::to_string(value.size());
  out += '\n';
  out += value;
  out += '\n';
}

// Reads one "<name> <length>\n<bytes>\n" field from the front of `in`.
Result<std::string_view> take_field(std::string_view& in, std::string_view name) {
  auto corrupt = [&](std::string_view why) {
    return make_error(ErrorKind::kParse, "corrupted HTTP cache entry: " + std::string(why) +
                                             " in field \"" + std::string(name) + "\"");
  };
  if (!in.starts_with(name) || in.size() < name.size() + 1 || in[name.size()] != ' ') {
    return corrupt("missing field");
  }
  in.remove_prefix(name.size() + 1);
  size_t newline = in.find('\n');
  if (newline == std::string_view::npos || newline == 0 || newline > 20)
    return corrupt("bad length");
  uint64_t length = 0;
  auto [ptr, ec] = std::from_chars(in.data(), in.data() + newline, length);
  if (ec != std::errc() || ptr != in.data() + newline) return corrupt("bad length");
  in.remove_prefix(newline + 1);
  if (length >= in.size() || in[length] != '\n') return corrupt("truncated value");
  std::string_view value = in.substr(0, length);
  in.remove_prefix(length + 1);
  return value;
}

template <typename Int>
Result<Int> parse_int_field(std::string_view text, std::string_view name) {
  Int n{};
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) {
    return make_error(ErrorKind::kParse,
                      "corrupted HTTP cache entry: \"" + std::string(name) + "\" is not a number");
  }
  return n;
}

}  // namespace

std::string CachedResponse::serialize() const {
  std::string out(kMagic);
  out.reserve(out.size() + body.size() + 256);
  put_field(out, "status", std::to_string(status));
  put_field(out, "stored_at", std::to_string(stored_at));
  put_field(out, "etag", etag);
  put_field(out, "last_modified", last_modified);
  put_field(out, "cache_control", cache_control);
  put_field(out, "content_type", content_type);
  put_field(out, "body", body);
  return out;
}

Result<CachedResponse> CachedResponse::parse(std::string_view text) {
  if (!text.starts_with(kMagic)) {
    return make_error(ErrorKind::kParse, "not a roost HTTP cache entry (or another version)");
  }
  text.remove_prefix(kMagic.size());
  CachedResponse r;
  ROOST_TRY(std::string_view status, take_field(text, "status"));
  ROOST_TRY(r.status, parse_int_field<int>(status, "status"));
  ROOST_TRY(std::string_view stored_at, take_field(text, "stored_at"));
  ROOST_TRY(r.stored_at, parse_int_field<int64_t>(stored_at, "stored_at"));
  ROOST_TRY(std::string_view etag, take_field(text, "etag"));
  ROOST_TRY(std::string_view last_modified, take_field(text, "last_modified"));
  ROOST_TRY(std::string_view cache_control, take_field(text, "cache_control"));
  ROOST_TRY(std::string_view content_type, take_field(text, "content_type"));
  ROOST_TRY(std::string_view body, take_field(text, "body"));
  if (!text.empty()) {
    return make_error(ErrorKind::kParse, "corrupted HTTP cache entry: trailing data");
  }
  r.etag = etag;
  r.last_modified = last_modified;
  r.cache_control = cache_control;
  r.content_type = content_type;
  r.body = body;
  return r;
}

CacheControl parse_cache_control(std::string_view value) {
  CacheControl cc;
  for (std::string_view item : split_list(value)) {
    item = trim(item);
    if (item.empty()) continue;
    size_t eq = item.find('=');
    std::string_view name = trim(item.substr(0, eq));
    std::string arg = eq == std::string_view::npos ? "" : unquote(trim(item.substr(eq + 1)));
    if (ascii_iequals(name, "max-age")) {
      if (!cc.max_age) cc.max_age = parse_delta_seconds(arg);
    } else if (ascii_iequals(name, "no-cache")) {
      cc.no_cache = true;
    } else if (ascii_iequals(name, "no-store")) {
      cc.no_store = true;
    } else if (ascii_iequals(name, "immutable")) {
      cc.immutable = true;
    }
    // s-maxage, public, private, must-revalidate, ...: no effect on a private cache that never
    // serves a stale response.
  }
  return cc;
}

std::string join_header_values(const HeaderList& headers, std::string_view name) {
  std::string out;
  for (const auto& [key, value] : headers) {
    if (!ascii_iequals(key, name)) continue;
    std::string_view v = trim(value);
    if (v.empty()) continue;
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

CachedResponse make_cached_response(int status, const HeaderList& headers, std::string body,
                                    int64_t now) {
  CachedResponse r;
  r.status = status;
  r.etag = join_header_values(headers, "ETag");
  r.last_modified = join_header_values(headers, "Last-Modified");
  r.cache_control = join_header_values(headers, "Cache-Control");
  r.content_type = join_header_values(headers, "Content-Type");
  r.body = std::move(body);
  r.stored_at = now;
  return r;
}

Freshness freshness(const CachedResponse& response, int64_t now) {
  CacheControl cc = parse_cache_control(response.cache_control);
  bool has_validator = !response.etag.empty() || !response.last_modified.empty();
  if (cc.no_store || response.status != 200) return Freshness::kUncacheable;
  if (cc.no_cache) return has_validator ? Freshness::kStale : Freshness::kUncacheable;
  if (cc.immutable) return Freshness::kFresh;
  if (cc.max_age) {
    if (now < response.stored_at) return Freshness::kStale;
    return now - response.stored_at < *cc.max_age ? Freshness::kFresh : Freshness::kStale;
  }
  return has_validator ? Freshness::kStale : Freshness::kUncacheable;
}

HeaderList conditional_headers(const CachedResponse& response) {
  HeaderList headers;
  if (!response.etag.empty()) headers.emplace_back("If-None-Match", response.etag);
  if (!response.last_modified.empty()) {
    headers.emplace_back("If-Modified-Since", response.last_modified);
  }
  return headers;
}

CachedResponse merge_not_modified(const CachedResponse& old, const HeaderList& headers_304,
                                  int64_t now) {
  CachedResponse r = old;
  auto update = [&](std::string& field, std::string_view name) {
    std::string v = join_header_values(headers_304, name);
    if (!v.empty()) field = std::move(v);
  };
  update(r.etag, "ETag");
  update(r.last_modified, "Last-Modified");
  update(r.cache_control, "Cache-Control");
  update(r.content_type, "Content-Type");
  r.stored_at = now;
  return r;
}

bool revalidation_changes_entry(const CachedResponse& old, const CachedResponse& merged) {
  if (old.etag != merged.etag || old.last_modified != merged.last_modified ||
      old.cache_control != merged.cache_control || old.content_type != merged.content_type) {
    return true;
  }
  CacheControl cc = parse_cache_control(merged.cache_control);
  return cc.max_age.has_value() && !cc.no_cache && !cc.immutable;
}

}  // namespace roost::cache
