#include "cli/debug/index_command.h"

#include <chrono>
#include <cstdlib>
#include <string>

#include "cache/cache.h"
#include "cli/app.h"
#include "index/curl_transport.h"
#include "index/index_client.h"
#include "tags/filename.h"

namespace roost::cli {
namespace {

std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::nullopt : std::optional<std::string>(value);
}

// The version a filename carries, or "?" for a file that is neither a wheel nor an sdist.
std::string version_of(const std::string& filename) {
  if (auto wheel = tags::WheelFilename::parse(filename)) return wheel->version.to_string();
  if (auto sdist = tags::SdistFilename::parse(filename)) return sdist->version.to_string();
  return "?";
}

std::string_view source_name(index::PageSource source) {
  switch (source) {
    case index::PageSource::kNetwork:
      return "network";
    case index::PageSource::kCacheFresh:
      return "cache (fresh)";
    case index::PageSource::kCacheRevalidated:
      return "cache (revalidated)";
    case index::PageSource::kCacheOffline:
      return "cache (offline)";
    case index::PageSource::kFindLinks:
      return "find-links";
  }
  return "?";
}

std::string describe_file(const index::FoundFile& found) {
  const index::DistributionFile& f = found.file;
  std::string line = version_of(f.filename) + "  " + f.filename;
  line += "  requires-python=" + f.requires_python.value_or("-");
  auto sha = f.hashes.find("sha256");
  line += "  sha256=" + (sha == f.hashes.end() ? std::string("-") : sha->second);
  line += f.core_metadata.available ? "  metadata=pep658" : "  metadata=none";
  if (f.yanked) line += "  yanked" + (f.yanked->empty() ? "" : "=\"" + *f.yanked + "\"");
  line += "  index=" + found.index_url;
  return line;
}

}  // namespace

int debug_index_command(Output& output, const IndexCommandOptions& options) {
  Result<pep508::PackageName> name = pep508::PackageName::parse(options.name);
  if (!name) return output.error(name.error()), kExitError;
  if (options.index_strategy != "first-index" && options.index_strategy != "unsafe-best-match") {
    output.error(make_error(ErrorKind::kUsage,
                            "--index-strategy must be `first-index` or "
                            "`unsafe-best-match`, not `" +
                                options.index_strategy + "`"));
    return kExitError;
  }

  std::optional<cache::Cache> cache;
  if (!options.no_cache) {
    std::filesystem::path dir = cache::default_cache_dir(
        {options.cache_dir, env("ROOST_CACHE_DIR"), env("XDG_CACHE_HOME"), env("HOME")});
    if (dir.empty()) {
      output.error(make_error(ErrorKind::kUsage,
                              "no cache directory: set --cache-dir, "
                              "ROOST_CACHE_DIR or HOME, or pass --no-cache"));
      return kExitError;
    }
    Result<cache::Cache> opened = cache::Cache::open(dir);
    if (!opened) return output.error(opened.error()), kExitError;
    cache = std::move(opened).value();
  }

  index::TransportOptions transport_options;
  transport_options.offline = options.offline;
  if (auto ca = env("SSL_CERT_FILE")) transport_options.ca_bundle = *ca;
  Result<std::unique_ptr<index::CurlTransport>> transport =
      index::CurlTransport::create(transport_options);
  if (!transport) return output.error(transport.error()), kExitError;

  index::ClientOptions client_options;
  // uv's order: extra indexes first, the default index last.
  for (const std::string& url : options.extra_index_urls) client_options.indexes.push_back({url});
  client_options.indexes.push_back({options.index_url});
  client_options.find_links = options.find_links;
  client_options.strategy = options.index_strategy == "unsafe-best-match"
                                ? index::IndexStrategy::kUnsafeBestMatch
                                : index::IndexStrategy::kFirstIndex;
  client_options.offline = options.offline;
  client_options.refresh = options.refresh;
  client_options.now = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  index::IndexClient client(**transport, cache ? &*cache : nullptr, client_options);

  std::vector<Result<index::ProjectFiles>> found = client.find_projects({{*name, std::nullopt}});
  if (!found[0]) return output.error(found[0].error()), kExitError;
  const index::ProjectFiles& project = *found[0];
  for (const index::PageInfo& page : project.pages) {
    output.info(page.page_url + ": " + (page.found ? "found" : "not found") + " (" +
                std::string(source_name(page.source)) + ")\n");
  }
  std::string text;
  int failures = 0;
  for (const index::FoundFile& f : project.files) {
    text += describe_file(f);
    if (options.metadata && f.file.core_metadata.available) {
      Result<std::string> metadata = client.fetch_core_metadata(f.file);
      if (metadata) {
        text += "  metadata-bytes=" + std::to_string(metadata->size());
      } else {
        output.error(metadata.error());
        ++failures;
      }
    }
    text += "\n";
  }
  output.out(text);
  if (project.files.empty()) output.info("no distributions of " + name->str() + " found\n");
  return failures == 0 ? kExitOk : kExitError;
}

}  // namespace roost::cli
