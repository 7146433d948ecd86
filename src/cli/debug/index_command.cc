#include "cli/debug/index_command.h"

#include <chrono>
#include <cstdlib>
#include <string>

#include "cache/cache.h"
#include "cli/app.h"
#include "cli/cache_dir.h"
#include "cli/project_discovery.h"
#include "index/curl_transport.h"
#include "index/file_transport.h"
#include "index/index_client.h"
#include "project/index_settings.h"
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

std::string_view metadata_source_name(index::MetadataSource source) {
  switch (source) {
    case index::MetadataSource::kPep658:
      return "pep658";
    case index::MetadataSource::kRangeRequests:
      return "range requests";
    case index::MetadataSource::kWholeFile:
      return "whole file";
    case index::MetadataSource::kCache:
      return "cache";
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

// The member whose settings apply: the one discovery started in, else the root when it is a
// package; null for a virtual root (its own file is the root's, which applies anyway).
const workspace::Member* current_project(const workspace::Workspace& ws) {
  if (ws.current) {
    if (const workspace::Member* m = ws.find(*ws.current)) return m;
  }
  for (const workspace::Member& m : ws.members) {
    if (m.is_root) return &m;
  }
  return nullptr;
}

// The directories file:// URLs may be read from: each local index (and, for an index dir named
// `simple`, its parent: mirrors such as bandersnatch link ../../packages/ from there) and each
// local find-links directory.
std::vector<std::filesystem::path> local_roots(const project::IndexSettings& settings) {
  std::vector<std::filesystem::path> roots;
  for (const index::IndexLocation& l : settings.indexes) {
    if (!index::is_file_url(l.url)) continue;
    Result<std::filesystem::path> dir = index::file_url_to_path(l.url);
    if (!dir) continue;  // FileTransport reports the URL itself when it is asked for
    std::filesystem::path clean = dir->lexically_normal();
    if (!clean.has_filename()) clean = clean.parent_path();
    roots.push_back(clean);
    if (clean.filename() == "simple") roots.push_back(clean.parent_path());
  }
  for (const std::string& link : settings.find_links) {
    if (index::is_file_url(link)) {
      if (Result<std::filesystem::path> dir = index::file_url_to_path(link)) roots.push_back(*dir);
    } else if (link.find("://") == std::string::npos) {
      roots.push_back(link);
    }
  }
  return roots;
}

}  // namespace

int debug_index_command(Output& output, const GlobalOptions& globals,
                        const IndexCommandOptions& options) {
  if (options.index_strategy != "first-index" && options.index_strategy != "unsafe-best-match") {
    output.error(make_error(ErrorKind::kUsage,
                            "--index-strategy must be `first-index` or "
                            "`unsafe-best-match`, not `" +
                                options.index_strategy + "`"));
    return kExitError;
  }
  std::vector<pep508::PackageName> names;
  for (const std::string& written : options.names) {
    Result<pep508::PackageName> name = pep508::PackageName::parse(written);
    if (!name) return output.error(name.error()), kExitError;
    names.push_back(std::move(name).value());
  }

  // The project's [[tool.uv.index]] and pins apply when there is a project; outside any, the
  // flags alone do (a malformed pyproject.toml is still an error).
  std::optional<workspace::Workspace> ws;
  Result<workspace::Workspace> discovered = discover_for_command(globals, output);
  if (discovered) {
    ws = std::move(discovered).value();
  } else if (discovered.error().kind() != ErrorKind::kNotFound || !globals.project.empty()) {
    return output.error(discovered.error()), kExitError;
  }
  const workspace::Member* project = ws ? current_project(*ws) : nullptr;
  project::IndexFlags flags{.default_index = options.default_index,
                            .indexes = options.indexes,
                            .extra_index_urls = options.extra_index_urls,
                            .find_links = options.find_links,
                            .no_index = options.no_index,
                            .cwd = discovery_options(globals).start};
  Result<project::IndexSettings> settings =
      project::index_settings(flags, ws ? &*ws : nullptr, project);
  if (!settings) return output.error(settings.error()), kExitError;
  std::vector<index::ProjectQuery> queries;
  for (const pep508::PackageName& name : names) {
    for (index::ProjectQuery& q : project::queries_for(ws ? &*ws : nullptr, project, name))
      queries.push_back(std::move(q));
  }

  std::optional<cache::Cache> cache;
  if (!options.no_cache) {
    std::filesystem::path dir = cache::default_cache_dir(cache_dir_inputs(options.cache_dir));
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
  Result<std::unique_ptr<index::CurlTransport>> network =
      index::CurlTransport::create(transport_options);
  if (!network) return output.error(network.error()), kExitError;
  index::FileTransport transport(**network, local_roots(*settings));

  index::ClientOptions client_options;
  client_options.indexes = settings->indexes;
  client_options.find_links = settings->find_links;
  client_options.strategy = options.index_strategy == "unsafe-best-match"
                                ? index::IndexStrategy::kUnsafeBestMatch
                                : index::IndexStrategy::kFirstIndex;
  client_options.offline = options.offline;
  client_options.refresh = options.refresh;
  client_options.now = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  index::IndexClient client(transport, cache ? &*cache : nullptr, client_options);

  // Every project's pages in one batch per index, then every file's metadata in one batch.
  std::vector<Result<index::ProjectFiles>> found = client.find_projects(queries);
  int failures = 0;
  std::vector<const index::FoundFile*> files;
  for (size_t i = 0; i < found.size(); ++i) {
    if (!found[i]) {
      output.error(found[i].error());
      ++failures;
      continue;
    }
    for (const index::PageInfo& page : found[i]->pages) {
      output.info(page.page_url + ": " + (page.found ? "found" : "not found") + " (" +
                  std::string(source_name(page.source)) + ")\n");
    }
    if (found[i]->files.empty()) {
      output.info("no distributions of " + queries[i].name.str() +
                  (queries[i].pinned_index ? " on index `" + *queries[i].pinned_index + "`" : "") +
                  " found\n");
    }
    for (const index::FoundFile& f : found[i]->files) files.push_back(&f);
  }

  // --metadata: PEP 658 files, and wheels read with range requests; sdists need a build.
  std::vector<std::optional<size_t>> metadata_slot(files.size());
  std::vector<index::DistributionFile> wanted;
  if (options.metadata) {
    for (size_t i = 0; i < files.size(); ++i) {
      const index::DistributionFile& f = files[i]->file;
      bool wheel = f.filename.size() > 4 && f.filename.ends_with(".whl");
      if (!f.core_metadata.available && !wheel) continue;
      metadata_slot[i] = wanted.size();
      wanted.push_back(f);
    }
  }
  std::vector<Result<index::CoreMetadataText>> metadata =
      client.fetch_core_metadata_all_with_source(wanted);

  std::string text;
  for (size_t i = 0; i < files.size(); ++i) {
    text += describe_file(*files[i]);
    if (metadata_slot[i]) {
      const Result<index::CoreMetadataText>& m = metadata[*metadata_slot[i]];
      if (m) {
        text += "  metadata-bytes=" + std::to_string(m->text.size()) + " (" +
                std::string(metadata_source_name(m->source)) + ")";
      } else {
        output.error(m.error());
        ++failures;
      }
    }
    text += "\n";
  }
  output.out(text);
  return failures == 0 ? kExitOk : kExitError;
}

}  // namespace roost::cli
