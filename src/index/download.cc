// Distribution downloads into the content-addressed wheels bucket; see download.h.
#include "index/download.h"

#include <optional>
#include <string>
#include <utility>

#include "base/sha256.h"
#include "index/file_transport.h"

namespace roost::index {
namespace {

namespace fs = std::filesystem;

// The page's sha256, lowercased, or nullopt when the page gave none. Other algorithms are not
// checked (download.h says why).
std::optional<std::string> expected_sha256(const DistributionFile& file) {
  auto it = file.hashes.find("sha256");
  if (it == file.hashes.end() || it->second.empty()) return std::nullopt;
  std::string hex = it->second;
  for (char& c : hex) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return hex;
}

// Checks and stores one downloaded body. Nothing is written unless the hash matches.
Result<fs::path> store(cache::Cache& cache, const DistributionFile& file,
                       const std::optional<std::string>& expected, Result<Response> fetched) {
  if (!fetched) {
    return std::move(fetched).error().with_context("while downloading " + file.filename);
  }
  const Response& response = *fetched;
  if (response.status != 200) {
    return make_error(ErrorKind::kNetwork, "cannot download " + redact_url(file.url) +
                                               ": HTTP status " + std::to_string(response.status));
  }
  std::string actual = to_hex(sha256(response.body));
  if (expected && actual != *expected) {
    return make_error(ErrorKind::kIntegrity, "hash mismatch for " + redact_url(file.url) +
                                                 ": expected sha256:" + *expected +
                                                 ", got sha256:" + actual);
  }
  // put_blob hashes again before writing: the cache never trusts its caller.
  return cache.put_blob(cache::Bucket::kWheels, actual, response.body);
}

}  // namespace

std::vector<Result<fs::path>> download_distributions(Transport& transport, cache::Cache& cache,
                                                     const std::vector<DistributionFile>& files,
                                                     bool offline) {
  std::vector<std::optional<Result<fs::path>>> done(files.size());
  std::vector<std::optional<std::string>> expected(files.size());
  std::vector<Request> requests;
  std::vector<size_t> requested;  // index into `files` of each request
  for (size_t i = 0; i < files.size(); ++i) {
    expected[i] = expected_sha256(files[i]);
    if (expected[i]) {
      if (auto cached = cache.find_blob(cache::Bucket::kWheels, *expected[i])) {
        done[i].emplace(*cached);
        continue;
      }
    }
    if (offline && !is_file_url(files[i].url)) {  // a local file needs no network
      done[i].emplace(make_error(ErrorKind::kNotFound, "offline: " + files[i].filename +
                                                           " is not in the cache (run once "
                                                           "without --offline)"));
      continue;
    }
    requests.push_back(Request{.url = files[i].url});
    requested.push_back(i);
  }
  if (!requests.empty()) {
    std::vector<Result<Response>> responses = transport.fetch_all(requests);
    for (size_t r = 0; r < requested.size(); ++r) {
      size_t i = requested[r];
      done[i].emplace(store(cache, files[i], expected[i], std::move(responses[r])));
    }
  }
  std::vector<Result<fs::path>> results;
  results.reserve(files.size());
  for (auto& d : done) results.push_back(std::move(*d));
  return results;
}

Result<fs::path> download_distribution(Transport& transport, cache::Cache& cache,
                                       const DistributionFile& file, bool offline) {
  return std::move(download_distributions(transport, cache, {file}, offline)[0]);
}

}  // namespace roost::index
