// IndexClient: batched, cached Simple API lookups under uv's index strategies; see index_client.h.
#include "index/index_client.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <system_error>
#include <utility>

#include "base/sha256.h"
#include "cache/http_cache.h"
#include "index/file_transport.h"
#include "index/remote_zip.h"
#include "index/simple_html.h"
#include "index/simple_json.h"
#include "index/url.h"

namespace roost::index {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kAccept =
    "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, "
    "text/html;q=0.01";
constexpr std::string_view kJsonType = "application/vnd.pypi.simple.v1+json";

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

// The media type without parameters, lowercased: "Text/HTML; charset=utf-8" -> "text/html".
std::string media_type(std::string_view content_type) {
  return lower(trim(content_type.substr(0, content_type.find(';'))));
}

Result<ProjectPage> parse_page(std::string_view body, std::string_view content_type,
                               std::string_view base_url) {
  std::string type = media_type(content_type);
  if (type == kJsonType) return parse_simple_json(body, base_url);
  if (type.find("html") != std::string::npos) return parse_simple_html(body, base_url);
  std::string_view start = trim(body);
  if (!start.empty() && start.front() == '<') return parse_simple_html(body, base_url);
  if (!start.empty() && start.front() == '{') return parse_simple_json(body, base_url);
  return make_error(ErrorKind::kParse,
                    "unexpected content type " + (type.empty() ? std::string("(none)") : type) +
                        " from " + redact_url(base_url) +
                        " (expected a PEP 503 or 691 page; is --index-url the simple API root?)");
}

// A page as the client uses it, whichever way it arrived.
struct FetchedPage {
  bool found = false;  // false: 404 / 410
  std::string body;
  std::string content_type;
  std::string final_url;
  PageSource source = PageSource::kNetwork;
};

struct PageRequest {
  std::string url;           // also the cache key
  std::string offline_what;  // "<name> from <index url>", for the offline error
};

// The side entry that remembers a redirect, so a cached page resolves its relative links against
// the URL it was really served from. CachedResponse has no field for it.
std::string final_url_key(std::string_view url) {
  return "final-url:" + std::string(url);
}

struct CachedPage {
  cache::CachedResponse response;
  std::string final_url;
};

// Unreadable or corrupt entries count as absent: the cache is an optimisation.
std::optional<CachedPage> load_cached(const cache::Cache& cache, const std::string& url) {
  Result<std::optional<std::string>> text = cache.read_entry(cache::Bucket::kSimple, url);
  if (!text || !text->has_value()) return std::nullopt;
  Result<cache::CachedResponse> parsed = cache::CachedResponse::parse(**text);
  if (!parsed || parsed->status != 200) return std::nullopt;
  CachedPage page{.response = std::move(parsed).value(), .final_url = url};
  Result<std::optional<std::string>> final_url =
      cache.read_entry(cache::Bucket::kSimple, final_url_key(url));
  if (final_url && final_url->has_value()) page.final_url = **final_url;
  return page;
}

// Best effort: a failed cache write costs a future request, never this lookup.
void store_cached(const cache::Cache& cache, const std::string& url,
                  const cache::CachedResponse& response, const std::string& final_url) {
  if (cache::parse_cache_control(response.cache_control).no_store) return;
  (void)cache.write_entry(cache::Bucket::kSimple, url, response.serialize());
  if (final_url != url)
    (void)cache.write_entry(cache::Bucket::kSimple, final_url_key(url), final_url);
}

FetchedPage from_cache(const CachedPage& cached, PageSource source) {
  return FetchedPage{.found = true,
                     .body = cached.response.body,
                     .content_type = cached.response.content_type,
                     .final_url = cached.final_url,
                     .source = source};
}

// Resolves every page through the cache and sends what remains in ONE fetch_all batch.
std::vector<Result<FetchedPage>> fetch_pages(Transport& transport, const cache::Cache* cache,
                                             const ClientOptions& options,
                                             const std::vector<PageRequest>& pages) {
  std::vector<std::optional<Result<FetchedPage>>> out(pages.size());
  std::vector<std::optional<CachedPage>> cached(pages.size());
  std::vector<Request> requests;
  std::vector<size_t> request_page;
  for (size_t i = 0; i < pages.size(); ++i) {
    const std::string& url = pages[i].url;
    // Local (file://) pages are read afresh every time, offline too: nothing to save by caching.
    const bool local = is_file_url(url);
    if (cache != nullptr && !local) cached[i] = load_cached(*cache, url);
    if (options.offline && !local) {
      if (cached[i]) {
        out[i] = from_cache(*cached[i], PageSource::kCacheOffline);
      } else {
        out[i] = make_error(ErrorKind::kNotFound, "offline: no cached page for " +
                                                      pages[i].offline_what +
                                                      " (run once without --offline)");
      }
      continue;
    }
    Request request{.url = url, .headers = {{"Accept", std::string(kAccept)}}};
    if (cached[i]) {
      cache::Freshness fresh = cache::freshness(cached[i]->response, options.now);
      if (fresh == cache::Freshness::kFresh && !options.refresh) {
        out[i] = from_cache(*cached[i], PageSource::kCacheFresh);
        continue;
      }
      if (fresh == cache::Freshness::kUncacheable) {
        cached[i].reset();  // a plain GET; a 304 to it would be a server bug
      } else {
        for (const auto& [name, value] : cache::conditional_headers(cached[i]->response)) {
          if (name == "If-None-Match") request.if_none_match = value;
          if (name == "If-Modified-Since") request.if_modified_since = value;
        }
      }
    }
    requests.push_back(std::move(request));
    request_page.push_back(i);
  }

  if (!requests.empty()) {
    std::vector<Result<Response>> responses = transport.fetch_all(requests);
    for (size_t j = 0; j < responses.size() && j < request_page.size(); ++j) {
      size_t i = request_page[j];
      const std::string& url = pages[i].url;
      if (!responses[j]) {
        out[i] = std::move(responses[j]).error();
        continue;
      }
      Response& response = *responses[j];
      std::string final_url = response.final_url.empty() ? url : response.final_url;
      if (response.status == 200) {
        if (cache != nullptr && !is_file_url(url)) {
          store_cached(
              *cache, url,
              cache::make_cached_response(200, response.headers, response.body, options.now),
              final_url);
        }
        out[i] = FetchedPage{.found = true,
                             .body = std::move(response.body),
                             .content_type = response.header("content-type"),
                             .final_url = std::move(final_url),
                             .source = PageSource::kNetwork};
      } else if (response.status == 304 && cached[i]) {
        CachedPage merged = *cached[i];
        merged.response =
            cache::merge_not_modified(cached[i]->response, response.headers, options.now);
        if (cache != nullptr &&
            cache::revalidation_changes_entry(cached[i]->response, merged.response)) {
          store_cached(*cache, url, merged.response, merged.final_url);
        }
        out[i] = from_cache(merged, PageSource::kCacheRevalidated);
      } else if (response.status == 404 || response.status == 410) {
        // Not cached: a miss is cheap to ask again, and the project may appear any minute.
        out[i] = FetchedPage{.found = false, .final_url = std::move(final_url)};
      } else {
        out[i] = make_error(ErrorKind::kNetwork, "unexpected HTTP status " +
                                                     std::to_string(response.status) + " from " +
                                                     redact_url(url));
      }
    }
    for (size_t i : request_page) {
      if (!out[i]) {
        out[i] = make_error(ErrorKind::kInternal,
                            "transport returned too few responses for " + redact_url(pages[i].url));
      }
    }
  }

  std::vector<Result<FetchedPage>> results;
  results.reserve(out.size());
  for (auto& result : out) results.push_back(std::move(*result));
  return results;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The normalised project name a distribution filename is for, or "" when it is neither a wheel
// nor an sdist (.tar.gz / .zip). Wheels: before the first '-'. Sdists: before the last "-<digit>".
std::string project_of_filename(std::string_view filename) {
  if (ends_with(filename, ".whl")) {
    size_t dash = filename.find('-');
    if (dash == std::string_view::npos || dash == 0) return "";
    return pep508::PackageName::normalize(filename.substr(0, dash));
  }
  std::string_view stem;
  if (ends_with(filename, ".tar.gz")) {
    stem = filename.substr(0, filename.size() - 7);
  } else if (ends_with(filename, ".zip")) {
    stem = filename.substr(0, filename.size() - 4);
  } else {
    return "";
  }
  for (size_t dash = stem.rfind('-'); dash != std::string_view::npos && dash > 0;
       dash = stem.rfind('-', dash - 1)) {
    if (dash + 1 < stem.size() && std::isdigit(static_cast<unsigned char>(stem[dash + 1]))) {
      return pep508::PackageName::normalize(stem.substr(0, dash));
    }
  }
  return "";
}

bool is_http_url(std::string_view entry) {
  std::string l = lower(entry.substr(0, 8));
  return l.starts_with("http://") || l.starts_with("https://");
}

// Every distribution file in a local find-links directory, sorted by name. Hashes are left empty:
// the installer computes them when it reads the file.
Result<std::vector<DistributionFile>> list_directory(std::string_view entry) {
  std::string path_text(entry);
  if (lower(entry.substr(0, 7)) == "file://") path_text = percent_decode(entry.substr(7));
  fs::path dir(path_text);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return make_error(ErrorKind::kNotFound, "find-links directory " + path_text + " does not exist")
        .with_hint("--find-links takes a directory or the URL of an HTML page");
  }
  dir = fs::absolute(dir, ec);
  std::vector<DistributionFile> files;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    return make_error(ErrorKind::kIo,
                      "cannot list find-links directory " + dir.string() + ": " + ec.message());
  }
  for (const fs::directory_entry& file : it) {
    std::error_code type_ec;
    if (!file.is_regular_file(type_ec)) continue;
    std::string name = file.path().filename().string();
    if (project_of_filename(name).empty()) continue;
    files.push_back(
        DistributionFile{.filename = name, .url = file_url_from_path(file.path().string())});
  }
  std::sort(files.begin(), files.end(), [](const DistributionFile& a, const DistributionFile& b) {
    return a.filename < b.filename;
  });
  return files;
}

// The files of every find-links entry, in entry order (URLs fetched in one batch).
std::vector<Result<std::vector<DistributionFile>>> load_find_links(Transport& transport,
                                                                   const cache::Cache* cache,
                                                                   const ClientOptions& options) {
  std::vector<std::optional<Result<std::vector<DistributionFile>>>> out(options.find_links.size());
  std::vector<PageRequest> pages;
  std::vector<size_t> page_entry;
  for (size_t i = 0; i < options.find_links.size(); ++i) {
    const std::string& entry = options.find_links[i];
    if (is_http_url(entry)) {
      pages.push_back(PageRequest{.url = entry, .offline_what = "find-links " + redact_url(entry)});
      page_entry.push_back(i);
    } else {
      out[i] = list_directory(entry);
    }
  }
  std::vector<Result<FetchedPage>> fetched = fetch_pages(transport, cache, options, pages);
  for (size_t j = 0; j < fetched.size(); ++j) {
    size_t i = page_entry[j];
    if (!fetched[j]) {
      out[i] = std::move(fetched[j]).error();
      continue;
    }
    if (!fetched[j]->found) {
      out[i] = make_error(ErrorKind::kNotFound,
                          "find-links page " + redact_url(pages[j].url) + " was not found (404)");
      continue;
    }
    Result<ProjectPage> page = parse_simple_html(fetched[j]->body, fetched[j]->final_url);
    if (!page) {
      out[i] = std::move(page).error();
      continue;
    }
    out[i] = std::move(page->files);
  }
  std::vector<Result<std::vector<DistributionFile>>> results;
  results.reserve(out.size());
  for (auto& result : out) results.push_back(std::move(*result));
  return results;
}

}  // namespace

std::string project_page_url(std::string_view index_url, const pep508::PackageName& name) {
  while (!index_url.empty() && index_url.back() == '/') index_url.remove_suffix(1);
  return std::string(index_url) + "/" + name.str() + "/";
}

IndexClient::IndexClient(Transport& transport, cache::Cache* cache, ClientOptions options)
    : transport_(transport), cache_(cache), options_(std::move(options)) {}

std::vector<Result<ProjectFiles>> IndexClient::find_projects(
    const std::vector<ProjectQuery>& queries) {
  const std::vector<IndexLocation>& indexes = options_.indexes;
  std::vector<ProjectFiles> found;
  found.reserve(queries.size());
  std::vector<std::optional<Error>> errors(queries.size());
  std::vector<bool> done(queries.size(), false);

  for (size_t q = 0; q < queries.size(); ++q) {
    found.push_back(ProjectFiles{.name = queries[q].name});
    const std::optional<std::string>& pin = queries[q].pinned_index;
    if (pin && std::none_of(indexes.begin(), indexes.end(),
                            [&](const IndexLocation& i) { return i.name == *pin; })) {
      errors[q] = make_error(ErrorKind::kUsage, "package " + queries[q].name.str() +
                                                    " is pinned to index `" + *pin +
                                                    "`, but no index has that name");
    }
  }

  // One round per index, in priority order; each round is one transport batch.
  for (const IndexLocation& index : indexes) {
    std::vector<PageRequest> pages;
    std::vector<size_t> page_query;
    for (size_t q = 0; q < queries.size(); ++q) {
      if (done[q] || errors[q]) continue;
      const std::optional<std::string>& pin = queries[q].pinned_index;
      bool eligible = pin ? index.name == *pin : !index.explicit_only;
      if (!eligible) continue;
      pages.push_back(
          PageRequest{.url = project_page_url(index.url, queries[q].name),
                      .offline_what = queries[q].name.str() + " from " + redact_url(index.url)});
      page_query.push_back(q);
    }
    if (pages.empty()) continue;
    std::vector<Result<FetchedPage>> fetched = fetch_pages(transport_, cache_, options_, pages);
    for (size_t j = 0; j < fetched.size(); ++j) {
      size_t q = page_query[j];
      if (!fetched[j]) {
        errors[q] = std::move(fetched[j]).error();
        continue;
      }
      FetchedPage& page = *fetched[j];
      found[q].pages.push_back(PageInfo{.index_url = index.url,
                                        .page_url = page.final_url,
                                        .source = page.source,
                                        .found = page.found});
      if (!page.found) continue;
      Result<ProjectPage> parsed = parse_page(page.body, page.content_type, page.final_url);
      if (!parsed) {
        errors[q] = std::move(parsed).error();
        continue;
      }
      for (DistributionFile& file : parsed->files) {
        found[q].files.push_back(FoundFile{.file = std::move(file), .index_url = index.url});
      }
      if (options_.strategy == IndexStrategy::kFirstIndex) done[q] = true;
    }
  }

  // Find-links: appended after the index files; not for queries pinned to an index.
  bool wants_find_links = false;
  for (size_t q = 0; q < queries.size(); ++q) {
    if (!errors[q] && !queries[q].pinned_index) wants_find_links = true;
  }
  if (wants_find_links && !options_.find_links.empty()) {
    std::vector<Result<std::vector<DistributionFile>>> flat =
        load_find_links(transport_, cache_, options_);
    for (size_t q = 0; q < queries.size(); ++q) {
      if (errors[q] || queries[q].pinned_index) continue;
      for (size_t e = 0; e < flat.size(); ++e) {
        const std::string& entry = options_.find_links[e];
        if (!flat[e]) {
          errors[q] = Error(flat[e].error())
                          .with_context("while reading --find-links " + redact_url(entry));
          break;
        }
        bool any = false;
        for (const DistributionFile& file : *flat[e]) {
          if (project_of_filename(file.filename) != queries[q].name.str()) continue;
          found[q].files.push_back(FoundFile{.file = file, .index_url = entry});
          any = true;
        }
        found[q].pages.push_back(PageInfo{
            .index_url = entry, .page_url = entry, .source = PageSource::kFindLinks, .found = any});
      }
    }
  }

  std::vector<Result<ProjectFiles>> results;
  results.reserve(queries.size());
  for (size_t q = 0; q < queries.size(); ++q) {
    if (errors[q]) {
      results.emplace_back(std::move(*errors[q]));
    } else {
      results.emplace_back(std::move(found[q]));
    }
  }
  return results;
}

namespace {

// One file's way to its metadata, for fetch_core_metadata_all_with_source.
struct MetadataJob {
  std::optional<std::string> expected;  // PEP 658: the metadata's sha256
  std::optional<std::string> key;       // cache key, when one is known
  std::optional<RemoteWheelReader> reader;
  std::string url;  // PEP 658 URL
};

}  // namespace

std::vector<Result<CoreMetadataText>> IndexClient::fetch_core_metadata_all_with_source(
    const std::vector<DistributionFile>& files) {
  std::vector<std::optional<Result<CoreMetadataText>>> out(files.size());
  std::vector<MetadataJob> jobs(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    const DistributionFile& file = files[i];
    MetadataJob& job = jobs[i];
    bool pep658 = file.core_metadata.available;
    if (pep658) {
      if (auto it = file.core_metadata.hashes.find("sha256");
          it != file.core_metadata.hashes.end()) {
        job.expected = lower(it->second);
        job.key = "sha256:" + *job.expected;
      }
      job.url = file.url + ".metadata";
    } else if (ends_with(lower(file.filename), ".whl")) {
      if (auto it = file.hashes.find("sha256"); it != file.hashes.end()) {
        job.key = "wheel-metadata:" + lower(it->second);
      }
    } else {
      out[i] = make_error(ErrorKind::kNotFound,
                          "no metadata for " + file.filename +
                              " without building it (a later roost builds sdists)");
      continue;
    }
    if (cache_ != nullptr && job.key) {
      Result<std::optional<std::string>> cached =
          cache_->read_entry(cache::Bucket::kMetadata, *job.key);
      // PEP 658 entries are checked again on the way out, so a damaged one is refetched.
      if (cached && cached->has_value() &&
          (!job.expected || to_hex(sha256(**cached)) == *job.expected)) {
        out[i] = CoreMetadataText{.text = std::move(**cached), .source = MetadataSource::kCache};
        continue;
      }
    }
    if (options_.offline && !is_file_url(file.url)) {
      out[i] = make_error(ErrorKind::kNotFound, "offline: no cached metadata for " + file.filename +
                                                    " (run once without --offline)");
      continue;
    }
    if (!pep658) {
      std::optional<std::string> wheel_sha256;
      if (auto it = file.hashes.find("sha256"); it != file.hashes.end())
        wheel_sha256 = lower(it->second);
      job.reader.emplace(file.url, file.size, std::move(wheel_sha256));
    }
  }

  // Round 1: every PEP 658 request and every wheel's tail in one batch; then only range reads.
  for (bool first = true;; first = false) {
    std::vector<Request> requests;
    std::vector<size_t> owner;
    for (size_t i = 0; i < files.size(); ++i) {
      if (out[i]) continue;
      if (jobs[i].reader) {
        if (std::optional<Request> r = jobs[i].reader->next_request()) {
          requests.push_back(std::move(*r));
          owner.push_back(i);
        }
      } else if (first) {
        requests.push_back(Request{.url = jobs[i].url});
        owner.push_back(i);
      }
    }
    if (requests.empty()) break;
    std::vector<Result<Response>> responses = transport_.fetch_all(requests);
    for (size_t j = 0; j < owner.size(); ++j) {
      size_t i = owner[j];
      Result<Response> response =
          j < responses.size()
              ? std::move(responses[j])
              : Result<Response>(make_error(
                    ErrorKind::kInternal,
                    "transport returned too few responses for " + redact_url(requests[j].url)));
      if (jobs[i].reader) {
        jobs[i].reader->on_response(std::move(response));
        continue;
      }
      MetadataJob& job = jobs[i];
      if (!response) {
        out[i] = std::move(response).error();
      } else if (response->status != 200) {
        out[i] = make_error(response->status == 404 ? ErrorKind::kNotFound : ErrorKind::kNetwork,
                            "cannot fetch " + redact_url(job.url) + ": HTTP status " +
                                std::to_string(response->status));
      } else if (std::string actual = to_hex(sha256(response->body));
                 job.expected && actual != *job.expected) {
        out[i] = make_error(ErrorKind::kIntegrity, "hash mismatch for " + redact_url(job.url) +
                                                       ": expected sha256:" + *job.expected +
                                                       ", got sha256:" + actual);
      } else {
        if (cache_ != nullptr && job.key) {
          (void)cache_->write_entry(cache::Bucket::kMetadata, *job.key, response->body);
        }
        out[i] =
            CoreMetadataText{.text = std::move(response->body), .source = MetadataSource::kPep658};
      }
    }
  }
  for (size_t i = 0; i < files.size(); ++i) {
    if (out[i] || !jobs[i].reader) continue;
    Result<std::string> text = jobs[i].reader->take_result();
    if (!text) {
      out[i] = std::move(text).error();
      continue;
    }
    if (cache_ != nullptr && jobs[i].key) {
      (void)cache_->write_entry(cache::Bucket::kMetadata, *jobs[i].key, *text);
    }
    out[i] = CoreMetadataText{.text = std::move(text).value(),
                              .source = jobs[i].reader->read_whole_file()
                                            ? MetadataSource::kWholeFile
                                            : MetadataSource::kRangeRequests};
  }

  std::vector<Result<CoreMetadataText>> results;
  results.reserve(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    if (out[i]) {
      results.push_back(std::move(*out[i]));
    } else {
      results.emplace_back(
          make_error(ErrorKind::kInternal, "no metadata result for " + files[i].filename));
    }
  }
  return results;
}

std::vector<Result<std::string>> IndexClient::fetch_core_metadata_all(
    const std::vector<DistributionFile>& files) {
  std::vector<Result<std::string>> results;
  results.reserve(files.size());
  for (Result<CoreMetadataText>& r : fetch_core_metadata_all_with_source(files)) {
    if (r) {
      results.emplace_back(std::move(r->text));
    } else {
      results.emplace_back(std::move(r).error());
    }
  }
  return results;
}

Result<std::string> IndexClient::fetch_core_metadata(const DistributionFile& file) {
  return std::move(fetch_core_metadata_all({file})[0]);
}

}  // namespace roost::index
