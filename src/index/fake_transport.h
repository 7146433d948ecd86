// FakeTransport: an in-memory Transport for unit tests of code above the network. Each URL gets
// a script of outcomes ("500, then 200"); every fetch consumes the next one and the last repeats.
// Requests are recorded so tests can assert what was asked for and how often.
//
//   FakeTransport fake;
//   fake.add_response("https://i/simple/a/", {.status = 500});
//   fake.add_response("https://i/simple/a/", {.status = 200, .body = "<html>"});
//   fake.fetch({.url = "https://i/simple/a/"});  // 500, then 200 on the next call
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "index/transport.h"

namespace roost::index {

class FakeTransport final : public Transport {
 public:
  // Appends one outcome to `url`'s script. A response without final_url gets the request URL.
  void add_response(const std::string& url, Response response);
  void add_error(const std::string& url, Error error);
  // Shorthand for a 200 with that body.
  void add_body(const std::string& url, std::string body);

  // URLs without a script answer 404 with an empty body (as an index does for unknown projects).
  std::vector<Result<Response>> fetch_all(const std::vector<Request>& requests) override;

  std::vector<Request> requests() const;       // every request, in the order fetched
  size_t count(const std::string& url) const;  // how many times `url` was fetched
  int batches() const {  // how many fetch_all calls there were (batching is part of the contract)
    std::lock_guard<std::mutex> lock(mutex_);
    return batches_;
  }
  void set_offline(bool offline) {
    std::lock_guard<std::mutex> lock(mutex_);
    offline_ = offline;
  }

 private:
  struct Script {
    std::vector<Result<Response>> outcomes;
    size_t next = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Script> scripts_;
  std::vector<Request> requests_;
  bool offline_ = false;
  int batches_ = 0;
};

}  // namespace roost::index
