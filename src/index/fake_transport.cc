// FakeTransport: scripted outcomes per URL, consumed in order; see fake_transport.h.
#include "index/fake_transport.h"

#include <algorithm>

namespace roost::index {

void FakeTransport::add_response(const std::string& url, Response response) {
  if (response.final_url.empty()) response.final_url = url;
  std::lock_guard<std::mutex> lock(mutex_);
  scripts_[url].outcomes.emplace_back(std::move(response));
}

void FakeTransport::add_error(const std::string& url, Error error) {
  std::lock_guard<std::mutex> lock(mutex_);
  scripts_[url].outcomes.emplace_back(std::move(error));
}

void FakeTransport::add_body(const std::string& url, std::string body) {
  add_response(url, Response{.status = 200, .body = std::move(body)});
}

std::vector<Result<Response>> FakeTransport::fetch_all(const std::vector<Request>& requests) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++batches_;
  std::vector<Result<Response>> results;
  results.reserve(requests.size());
  for (const Request& request : requests) {
    requests_.push_back(request);
    if (offline_) {
      // Same wording as CurlTransport, so callers' tests see what users see.
      results.emplace_back(
          make_error(ErrorKind::kNetwork,
                     "cannot fetch " + redact_url(request.url) + " in offline mode")
              .with_hint("drop --offline to allow network access"));
      continue;
    }
    auto it = scripts_.find(request.url);
    if (it == scripts_.end() || it->second.outcomes.empty()) {
      results.emplace_back(Response{.status = 404, .final_url = request.url});
      continue;
    }
    Script& script = it->second;
    results.push_back(script.outcomes[script.next]);
    script.next = std::min(script.next + 1, script.outcomes.size() - 1);
  }
  return results;
}

std::vector<Request> FakeTransport::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

size_t FakeTransport::count(const std::string& url) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::count_if(requests_.begin(), requests_.end(),
                       [&](const Request& r) { return r.url == url; });
}

}  // namespace roost::index
