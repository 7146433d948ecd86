// The Simple API client: which files the configured indexes offer for a project, fetched
// concurrently, cached on disk with HTTP revalidation, and merged under uv's index strategy.
//
//   IndexClient client(transport, &cache, options);
//   std::vector<Result<ProjectFiles>> found = client.find_projects({flask, requests});
//   ROOST_TRY(std::string metadata, client.fetch_core_metadata(found[0]->files[0]));
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "cache/cache.h"
#include "index/project_page.h"
#include "index/transport.h"
#include "pep508/names.h"

namespace roost::index {

// One index, as `--index-url` / `--extra-index-url` / `[[tool.uv.index]]` describe it.
struct IndexLocation {
  std::string url;   // the Simple API root, e.g. "https://pypi.org/simple" (a trailing / optional)
  std::string name;  // [[tool.uv.index]] name; empty for command-line indexes
  // `explicit = true`: used only for packages pinned to it (ProjectQuery::pinned_index).
  bool explicit_only = false;
};

enum class IndexStrategy {
  kFirstIndex,       // uv's default: the first index that has the project is the only one used
  kUnsafeBestMatch,  // every index's files, earlier indexes first (opt-in: dependency confusion)
};

// Where a page came from, for `roost debug index` and for tests.
enum class PageSource { kNetwork, kCacheFresh, kCacheRevalidated, kCacheOffline, kFindLinks };

struct ClientOptions {
  // In priority order: `--index` / `--extra-index-url` first, the default index last (uv's order).
  std::vector<IndexLocation> indexes;
  // `--find-links`: local directories or URLs of flat pages listing files directly.
  std::vector<std::string> find_links;
  IndexStrategy strategy = IndexStrategy::kFirstIndex;
  bool offline = false;  // never touch the network: the cache (any age) or a clear error
  bool refresh = false;  // ignore cached freshness: always revalidate
  int64_t now = 0;       // unix seconds, for HTTP freshness (the CLI passes the clock)
};

struct ProjectQuery {
  pep508::PackageName name;
  // `tool.uv.sources` `index = "<name>"`: only this index (by name) is asked.
  std::optional<std::string> pinned_index;
};

// One file, with the index it came from.
struct FoundFile {
  DistributionFile file;
  std::string index_url;  // the IndexLocation::url (or find-links entry) that listed it
};

struct PageInfo {
  std::string index_url;
  std::string page_url;  // the final URL of the project page (after redirects)
  PageSource source = PageSource::kNetwork;
  bool found = false;  // false: the index has no such project (404)
};

struct ProjectFiles {
  pep508::PackageName name;
  std::vector<FoundFile> files;  // under the strategy: one index's files, or all in index order
  std::vector<PageInfo> pages;   // every page consulted, in index order
};

// Where a file's core metadata came from.
enum class MetadataSource {
  kPep658,         // "<file url>.metadata" (PEP 658 / 714)
  kRangeRequests,  // read out of the remote wheel with HTTP range requests
  kWholeFile,      // read out of the whole wheel (the server ignored or mishandled Range)
  kCache,          // the on-disk cache (bucket metadata)
};

struct CoreMetadataText {
  std::string text;
  MetadataSource source = MetadataSource::kPep658;
};

class IndexClient {
 public:
  // `cache` may be null (no caching; offline mode then has nothing to offer).
  IndexClient(Transport& transport, cache::Cache* cache, ClientOptions options);

  // The files of each project, in query order. A project no index knows is a ProjectFiles with
  // no files (not an error); unreachable indexes, bad pages and offline misses are errors that
  // name the URL. Pages are requested as PEP 691 JSON with HTML as the fallback
  // (Accept: application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2,
  // text/html;q=0.01) and parsed by the Content-Type the index answers with.
  std::vector<Result<ProjectFiles>> find_projects(const std::vector<ProjectQuery>& queries);

  // The core metadata (METADATA text) of each file, in input order, with as few round trips as
  // possible: every file that needs the network is in ONE `fetch_all` for the first round (later
  // rounds only for range reads). Per file:
  //  - PEP 658 / 714 advertised: "<file url>.metadata", checked against the hash the page gave
  //    for it (a mismatch is kIntegrity naming the URL, expected and actual); cached under
  //    `sha256:<metadata hash>` when one is known.
  //  - a wheel without it: METADATA read out of the remote wheel with HTTP range requests
  //    (remote_zip.h); cached under `wheel-metadata:<wheel sha256>` when the page gave one.
  //  - an sdist without it: kNotFound (building sdists comes later).
  // Offline: the cache or kNotFound "offline: no cached metadata for <file> ...".
  std::vector<Result<std::string>> fetch_core_metadata_all(
      const std::vector<DistributionFile>& files);
  // The same, also saying where each text came from.
  std::vector<Result<CoreMetadataText>> fetch_core_metadata_all_with_source(
      const std::vector<DistributionFile>& files);
  // One file: fetch_core_metadata_all with one element.
  Result<std::string> fetch_core_metadata(const DistributionFile& file);

 private:
  Transport& transport_;
  cache::Cache* cache_;
  ClientOptions options_;
};

// "<root>/<normalized name>/" for an index root with or without a trailing slash.
std::string project_page_url(std::string_view index_url, const pep508::PackageName& name);

}  // namespace roost::index
