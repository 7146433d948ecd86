// Downloading distribution files (wheels, sdists) into the cache, verified against the index's
// hashes before anything becomes visible. The result is the path of an immutable,
// content-addressed blob in cache bucket kWheels ("wheels-v1/ab/ab12…").
//
//   ROOST_TRY(std::filesystem::path wheel,
//             download_distribution(transport, cache, found.file, /*offline=*/false));
//
// Hashes (the page's `hashes` map):
// - sha256 given: a blob already cached under it is returned without any request (offline too);
//   a download whose SHA-256 differs is kIntegrity ("hash mismatch for <url>: expected
//   sha256:<e>, got sha256:<a>") and nothing enters the cache.
// - no sha256: the file is stored under the SHA-256 roost computes, so later readers still get
//   content addressing, but it is *unverified against the index* (as uv does for indexes that
//   publish no hashes). Such a file cannot be found before downloading it, so it is always
//   fetched, and offline it is a cache miss.
// - other algorithms only (md5, sha1, sha384, sha512, ...): base/ has only SHA-256 and index/
//   must not link OpenSSL itself, so these are not checked; the file is treated as above.
#pragma once

#include <filesystem>
#include <vector>

#include "base/result.h"
#include "cache/cache.h"
#include "index/project_page.h"
#include "index/transport.h"

namespace roost::index {

// One file: cached blob, or GET file.url, verify, store. Offline and not cached: kNotFound
// "offline: <filename> is not in the cache (run once without --offline)". A non-200 status is
// kNetwork naming the (redacted) URL and the status; transport errors pass through.
Result<std::filesystem::path> download_distribution(Transport& transport, cache::Cache& cache,
                                                    const DistributionFile& file, bool offline);

// The same for many files, with every needed GET in one transport.fetch_all batch (run
// concurrently by the transport). Results come back in `files` order; one file's failure does
// not affect the others.
std::vector<Result<std::filesystem::path>> download_distributions(
    Transport& transport, cache::Cache& cache, const std::vector<DistributionFile>& files,
    bool offline);

}  // namespace roost::index
