// CurlTransport: a batch of requests driven by one libcurl multi handle, with per-request retries
// scheduled on a clock (never a sleep of the whole batch) and our own millisecond read timeout.
#include "index/curl_transport.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <random>

#include "index/curl_library.h"

namespace roost::index {
namespace {

using Clock = std::chrono::steady_clock;

long ms_between(Clock::time_point from, Clock::time_point to) {
  return static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count());
}

int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// "0.5 s", "30 s": how long a timeout was, in the unit users set it in.
std::string seconds_text(long ms) {
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms) / 1000.0);
  return buf;
}

// libcurl's messages rarely quote the URL, but when they do the credentials must not leak: the
// whole URL and its userinfo are replaced before any text leaves this file.
std::string scrub(std::string text, const std::string& url) {
  auto replace_all = [&](const std::string& from, const std::string& to) {
    if (from.empty()) return;
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  };
  std::string redacted = redact_url(url);
  if (redacted == url) return text;
  replace_all(url, redacted);
  size_t start = url.find("://") + 3;
  std::string userinfo = url.substr(start, url.size() - redacted.size() - 1);
  replace_all(userinfo, "***");
  if (size_t colon = userinfo.find(':'); colon != std::string::npos) {
    std::string password = userinfo.substr(colon + 1);
    if (password.size() >= 4) replace_all(password, "***");
  }
  return text;
}

// One request's life across its attempts.
struct Transfer {
  const Request* request = nullptr;
  int attempt = 0;  // 0: the first try
  CURL* easy = nullptr;
  curl_slist* header_list = nullptr;
  Response response;
  char errbuf[CURL_ERROR_SIZE] = {};
  Clock::time_point start_after;    // a scheduled retry waits until then
  Clock::time_point last_activity;  // the read timeout counts from here once connected
  bool connected = false;
  bool done = false;
  std::optional<Result<Response>> result;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  t->response.body.append(data, size * count);
  t->last_activity = Clock::now();
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  t->last_activity = Clock::now();
  std::string_view line(data, size * count);
  // Each response of a redirect chain (and each 100 Continue) starts with a status line; only
  // the last response's headers are kept.
  if (line.starts_with("HTTP/")) {
    t->response.headers.clear();
    return size * count;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;
  std::string name(line.substr(0, colon));
  for (char& c : name) c = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
    value.remove_suffix(1);
  t->response.headers.emplace_back(std::move(name), std::string(value));
  return size * count;
}

}  // namespace

struct CurlTransport::Impl {
  const CurlLibrary* curl = nullptr;
  TransportOptions options;
  CURLM* multi = nullptr;
  std::minstd_rand rng{std::random_device{}()};

  ~Impl() {
    if (multi) curl->multi_cleanup(multi);
  }

  void start(Transfer& t);
  void complete(Transfer& t, CURLcode code, bool our_timeout);
  std::vector<Result<Response>> run(const std::vector<Request>& requests);
};

void CurlTransport::Impl::start(Transfer& t) {
  const Request& r = *t.request;
  t.response = Response{};
  t.errbuf[0] = '\0';
  t.connected = false;
  t.last_activity = Clock::now();
  CURL* e = curl->easy_init();
  if (!e) {
    t.result = make_error(ErrorKind::kInternal, "libcurl could not create a handle");
    t.done = true;
    return;
  }
  curl->easy_setopt(e, CURLOPT_URL, r.url.c_str());
  curl->easy_setopt(e, CURLOPT_PRIVATE, &t);
  curl->easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
  curl->easy_setopt(e, CURLOPT_WRITEDATA, &t);
  curl->easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
  curl->easy_setopt(e, CURLOPT_HEADERDATA, &t);
  curl->easy_setopt(e, CURLOPT_ERRORBUFFER, t.errbuf);
  curl->easy_setopt(e, CURLOPT_NOSIGNAL, 1L);         // signals and threads do not mix
  curl->easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl can decode
  curl->easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl->easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl->easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");  // no redirect to file://
  curl->easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
  curl->easy_setopt(e, CURLOPT_MAXREDIRS, static_cast<long>(options.max_redirects));
  curl->easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
  // Backstop only (whole seconds): the millisecond read timeout is enforced in run(). Every
  // integer option is passed as long: through the variadic pointer nothing converts it.
  curl->easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl->easy_setopt(e, CURLOPT_LOW_SPEED_TIME, options.read_timeout_ms / 1000 + 2);
  curl->easy_setopt(e, CURLOPT_USERAGENT, options.user_agent.c_str());
  if (!options.ca_bundle.empty()) curl->easy_setopt(e, CURLOPT_CAINFO, options.ca_bundle.c_str());
  if (!options.netrc_file.empty()) {
    curl->easy_setopt(e, CURLOPT_NETRC, static_cast<long>(CURL_NETRC_OPTIONAL));
    curl->easy_setopt(e, CURLOPT_NETRC_FILE, options.netrc_file.c_str());
  }
  if (options.proxy) curl->easy_setopt(e, CURLOPT_PROXY, options.proxy->c_str());
  if (options.no_proxy) curl->easy_setopt(e, CURLOPT_NOPROXY, options.no_proxy->c_str());
  std::string range;
  if (r.range) {
    range = std::to_string(r.range->first) + "-" + std::to_string(r.range->second);
    curl->easy_setopt(e, CURLOPT_RANGE, range.c_str());  // libcurl copies string options
  }
  curl_slist* list = nullptr;
  auto add = [&](const std::string& name, const std::string& value) {
    list = curl->slist_append(list, (name + ": " + value).c_str());
  };
  for (const auto& [name, value] : r.headers) add(name, value);
  if (!r.if_none_match.empty()) add("If-None-Match", r.if_none_match);
  if (!r.if_modified_since.empty()) add("If-Modified-Since", r.if_modified_since);
  curl->easy_setopt(e, CURLOPT_HTTPHEADER, list);
  t.header_list = list;
  t.easy = e;
  curl->multi_add_handle(multi, e);
}

// Turns a finished attempt into a result, or schedules the next attempt.
void CurlTransport::Impl::complete(Transfer& t, CURLcode code, bool our_timeout) {
  long status = 0, os_errno = 0;
  curl_off_t connect_us = 0;
  char* effective = nullptr;
  curl->easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
  curl->easy_getinfo(t.easy, CURLINFO_OS_ERRNO, &os_errno);
  curl->easy_getinfo(t.easy, CURLINFO_CONNECT_TIME_T, &connect_us);
  curl->easy_getinfo(t.easy, CURLINFO_EFFECTIVE_URL, &effective);
  t.response.status = static_cast<int>(status);
  t.response.final_url = effective ? effective : t.request->url;
  curl->multi_remove_handle(multi, t.easy);
  curl->easy_cleanup(t.easy);
  curl->slist_free_all(t.header_list);
  t.easy = nullptr;
  t.header_list = nullptr;

  const std::string url = redact_url(t.request->url);
  const std::string detail =
      scrub(t.errbuf[0] ? t.errbuf : curl->easy_strerror(code), t.request->url);
  std::optional<std::string> failure;
  bool retryable = true;
  std::optional<long> delay_ms;
  if (our_timeout) {
    failure = "timed out after " + seconds_text(options.read_timeout_ms) + " reading " + url +
              " (no data received; is the index overloaded? raise the read timeout)";
  } else {
    switch (code) {
      case CURLE_OK:
        if (!is_retryable_status(t.response.status)) {
          t.result = std::move(t.response);
          t.done = true;
          return;
        }
        failure = t.response.status == 429
                      ? "rate limited (HTTP 429) by " + url + " (wait a while, then retry)"
                      : "server error (HTTP " + std::to_string(t.response.status) + ") from " +
                            url + " (the index may be having trouble; try again later)";
        // 429 and 503 may say when to come back; other statuses use our backoff.
        if (auto s = parse_retry_after(t.response.header("retry-after"), unix_now()))
          delay_ms = *s * 1000;
        break;
      case CURLE_COULDNT_CONNECT:
        failure = "could not connect to " + url + ": " +
                  (os_errno ? std::string(std::strerror(static_cast<int>(os_errno))) : detail) +
                  " (is the index running? check --index-url)";
        break;
      case CURLE_SEND_ERROR:
      case CURLE_RECV_ERROR:
      case CURLE_GOT_NOTHING:
        failure = "connection to " + url + " was lost: " + detail +
                  " (is a proxy or firewall interfering? check --index-url)";
        break;
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_COULDNT_RESOLVE_PROXY:
        failure = "could not resolve the host of " + url + ": " + detail +
                  " (check --index-url, your network and proxy settings)";
        break;
      case CURLE_OPERATION_TIMEDOUT:
        failure = connect_us == 0 ? "timed out after " + seconds_text(options.connect_timeout_ms) +
                                        " connecting to " + url + " (check your network or proxy)"
                                  : "timed out reading " + url + ": " + detail;
        break;
      case CURLE_PARTIAL_FILE:
        failure = "truncated response from " + url + ": " + detail;
        break;
      case CURLE_TOO_MANY_REDIRECTS:
        failure = "redirect loop at " + url + " (more than " +
                  std::to_string(options.max_redirects) + " redirects; check --index-url)";
        retryable = false;
        break;
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CACERT_BADFILE:
      case CURLE_SSL_CERTPROBLEM:
        failure = "TLS certificate problem for " + url + ": " + detail +
                  " (set SSL_CERT_FILE or --native-tls)";
        retryable = false;
        break;
      case CURLE_SSL_CONNECT_ERROR:
        // Often not a certificate at all: a plain-HTTP server or a proxy answering on that port.
        failure = "TLS handshake with " + url + " failed: " + detail +
                  " (is it really an https:// server? set SSL_CERT_FILE or --native-tls)";
        retryable = false;
        break;
      default:
        failure = "could not fetch " + url + ": " + detail;
        retryable = false;
        break;
    }
  }
  if (retryable && t.attempt < options.retries) {
    if (!delay_ms) {
      long base = backoff_delay_ms(options.backoff_base_ms, t.attempt);
      delay_ms = base + static_cast<long>(rng() % static_cast<unsigned>(base / 10 + 1));  // jitter
    }
    ++t.attempt;
    t.start_after = Clock::now() + std::chrono::milliseconds(*delay_ms);
    return;
  }
  if (t.attempt > 0) *failure += " after " + std::to_string(t.attempt + 1) + " attempts";
  t.result = make_error(ErrorKind::kNetwork, std::move(*failure));
  t.done = true;
}

std::vector<Result<Response>> CurlTransport::Impl::run(const std::vector<Request>& requests) {
  std::vector<Transfer> transfers(requests.size());
  const auto begin = Clock::now();
  for (size_t i = 0; i < requests.size(); ++i) {
    transfers[i].request = &requests[i];
    transfers[i].start_after = begin;
    if (options.offline) {
      transfers[i].result =
          make_error(ErrorKind::kNetwork,
                     "cannot fetch " + redact_url(requests[i].url) + " in offline mode")
              .with_hint("drop --offline to allow network access");
      transfers[i].done = true;
    }
  }
  const size_t max_in_flight = options.max_in_flight ? options.max_in_flight : 1;
  const auto read_timeout = std::chrono::milliseconds(options.read_timeout_ms);
  size_t in_flight = 0;
  auto remaining = [&] {
    size_t n = 0;
    for (const Transfer& t : transfers) n += !t.done;
    return n;
  };
  while (true) {
    // 1. Start what may start: new requests and retries whose wait is over.
    auto now = Clock::now();
    for (Transfer& t : transfers) {
      if (in_flight >= max_in_flight) break;
      if (t.done || t.easy || t.start_after > now) continue;
      start(t);
      if (t.easy) ++in_flight;
    }
    // 2. Let libcurl move every transfer forward, then collect the finished ones.
    int running = 0;
    curl->multi_perform(multi, &running);
    int queued = 0;
    while (CURLMsg* msg = curl->multi_info_read(multi, &queued)) {
      if (msg->msg != CURLMSG_DONE) continue;
      Transfer* t = nullptr;
      curl->easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
      complete(*t, msg->data.result, false);
      --in_flight;
    }
    // 3. Our read timeout: counted from connection (or the last byte), in milliseconds.
    now = Clock::now();
    auto wake = now + std::chrono::milliseconds(1000);
    for (Transfer& t : transfers) {
      if (t.easy) {
        if (!t.connected) {
          curl_off_t pretransfer_us = 0;
          curl->easy_getinfo(t.easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer_us);
          if (pretransfer_us > 0) {
            t.connected = true;
            t.last_activity = std::max(t.last_activity, now);
          }
        }
        if (t.connected && now - t.last_activity >= read_timeout) {
          complete(t, CURLE_OPERATION_TIMEDOUT, true);
          --in_flight;
          wake = now;
        } else if (t.connected) {
          wake = std::min(wake, t.last_activity + read_timeout);
        }
      } else if (!t.done && in_flight < max_in_flight) {
        // Waiting requests matter only when a slot is free; otherwise a finishing transfer's
        // socket activity wakes us (and waking on them would spin).
        wake = std::min(wake, t.start_after);
      }
    }
    if (remaining() == 0) break;
    // 4. Wait for socket activity, libcurl's own timers, or our next deadline.
    long wait_ms = std::max(0L, ms_between(Clock::now(), wake));
    curl->multi_poll(multi, nullptr, 0, static_cast<int>(wait_ms), nullptr);
  }
  std::vector<Result<Response>> results;
  results.reserve(transfers.size());
  for (Transfer& t : transfers) results.push_back(std::move(*t.result));
  return results;
}

// libcurl (and the ~30 libraries it maps) is loaded on the first request, not here: a command
// that opens a transport but finds everything it needs on disk (a no-op `roost sync`) never
// pays for it.
Result<std::unique_ptr<CurlTransport>> CurlTransport::create(TransportOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  return std::unique_ptr<CurlTransport>(new CurlTransport(std::move(impl)));
}

CurlTransport::CurlTransport(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CurlTransport::~CurlTransport() = default;

static Result<void> start(CurlTransport::Impl& impl) {
  ROOST_TRY(const CurlLibrary* curl, CurlLibrary::load());
  impl.curl = curl;
  impl.multi = curl->multi_init();
  if (!impl.multi) return make_error(ErrorKind::kInternal, "libcurl could not create a handle");
  // Keep as many idle connections as we run transfers, so the next batch reuses them.
  curl->multi_setopt(impl.multi, CURLMOPT_MAXCONNECTS,
                     static_cast<long>(std::max<size_t>(impl.options.max_in_flight, 1)));
  curl->multi_setopt(impl.multi, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX));
  return {};
}

std::vector<Result<Response>> CurlTransport::fetch_all(const std::vector<Request>& requests) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!impl_->multi) {
    Result<void> started = start(*impl_);
    if (!started.ok()) return std::vector<Result<Response>>(requests.size(), started.error());
  }
  return impl_->run(requests);
}

}  // namespace roost::index
