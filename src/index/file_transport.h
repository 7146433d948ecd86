// FileTransport: a Transport decorator that answers `file://` URLs from the local filesystem, so a
// PEP 503 index or find-links tree on disk (`--index-url file:///srv/simple`) goes through the
// same client code as a remote one. Every other URL is handed to the wrapped transport, in one
// batch. CurlTransport refuses file:// on purpose (a redirect must never reach the disk); this is
// the one place that reads it, and only below the directories the user named.
//
//   ROOST_TRY(std::unique_ptr<CurlTransport> network, CurlTransport::create(options));
//   FileTransport transport(*network, {"/srv/simple", "/srv/wheels"});
//   IndexClient client(transport, &cache, client_options);
//
// Served like `python3 -m http.server` would: a directory is its index.html (a URL without the
// trailing slash gets it added to final_url, as after the server's 301), a missing file is 404,
// `Request::range` and a suffix "Range: bytes=-N" header give 206 + Content-Range (416 past the
// end). Conditional headers are ignored (always 200): there is no validator to compare against.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "index/transport.h"

namespace roost::index {

class FileTransport final : public Transport {
 public:
  // `network` serves the non-file:// requests and must outlive this object. Only files inside one
  // of `allowed_roots` (compared after resolving `..` and symlinks) may be read; with none, every
  // file:// URL is refused.
  FileTransport(Transport& network, std::vector<std::filesystem::path> allowed_roots);

  // Results in request order. file:// failures: kUsage for a URL with a host other than
  // localhost; kNetwork for a path outside the allowed roots ("refusing to read <path>: ...") and
  // for permission and I/O errors. `network.fetch_all` is called once, with only the other
  // requests, and not at all when there are none.
  std::vector<Result<Response>> fetch_all(const std::vector<Request>& requests) override;

 private:
  Transport& network_;
  std::vector<std::filesystem::path> roots_;  // weakly canonical, without a trailing slash
};

// True when `url` has the file scheme (any case): "FILE:///x" is a file URL.
bool is_file_url(std::string_view url);

// The percent-decoded path a file:// URL names, as FileTransport reads it (query and fragment
// dropped, "localhost" accepted, any other host kUsage). For the CLI's `allowed_roots`:
// file_url_to_path("file:///srv/my%20index/simple") == "/srv/my index/simple".
Result<std::filesystem::path> file_url_to_path(std::string_view url);

}  // namespace roost::index
