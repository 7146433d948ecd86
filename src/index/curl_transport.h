// CurlTransport: the Transport on libcurl's multi interface. One multi handle per object drives
// every request of a batch concurrently (up to max_in_flight) and keeps its connection pool
// across fetch_all calls, so HTTP/1.1 keep-alive and HTTP/2 connections are reused.
//
//   ROOST_TRY(auto transport, CurlTransport::create(options));
//   std::vector<Result<Response>> pages = transport->fetch_all(requests);
//
// Environment: we never read it. libcurl itself honours http_proxy / https_proxy / no_proxy when
// TransportOptions::proxy is nullopt; the CLI decides proxies and passes them in as values.
#pragma once

#include <memory>
#include <mutex>

#include "index/transport.h"

namespace roost::index {

class CurlTransport final : public Transport {
 public:
  // kInternal when libcurl cannot be initialised.
  static Result<std::unique_ptr<CurlTransport>> create(TransportOptions options);
  ~CurlTransport() override;

  // Thread-safe; concurrent calls on one object run one after the other (the multi handle is
  // not shareable), so callers wanting parallelism should batch their requests.
  std::vector<Result<Response>> fetch_all(const std::vector<Request>& requests) override;

  struct Impl;  // public only so the .cc's helpers can name it

 private:
  explicit CurlTransport(std::unique_ptr<Impl> impl);
  std::mutex mutex_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace roost::index
