#include "cli/index_session.h"

#include <CLI/CLI.hpp>
#include <chrono>

#include "cli/cache_dir.h"
#include "index/curl_transport.h"
#include "index/file_transport.h"

namespace roost::cli {
namespace {

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

const workspace::Member* current_project(const workspace::Workspace& ws) {
  if (ws.current) {
    if (const workspace::Member* m = ws.find(*ws.current)) return m;
  }
  for (const workspace::Member& m : ws.members) {
    if (m.is_root) return &m;
  }
  return nullptr;
}

void add_index_options(CLI::App* cmd, IndexOptions& o) {
  cmd->add_option("--default-index,--index-url,-i", o.default_index,
                  "The default index, asked last (Simple API root, URL or path; default: the "
                  "project's `default = true` index, else PyPI)");
  cmd->add_option("--index", o.indexes,
                  "[NAME=]URL: an index asked before the project's and the default one "
                  "(repeatable)");
  cmd->add_option("--extra-index-url", o.extra_index_urls,
                  "pip's spelling of --index, without a name (repeatable)");
  cmd->add_flag("--no-index", o.no_index,
                "Ignore every registry index; only --find-links (and flat indexes) are used");
  cmd->add_option("--find-links,-f", o.find_links,
                  "A directory or flat page of distributions (repeatable)");
  cmd->add_option("--index-strategy", o.index_strategy,
                  "first-index (default) or unsafe-best-match");

  cmd->add_option("--cache-dir", o.cache_dir, "Where to cache index pages and metadata");
  cmd->add_flag("--no-cache", o.no_cache, "Do not read or write the cache");
  cmd->add_flag("--offline", o.offline, "Use only the cache; never touch the network");
  cmd->add_flag("--refresh", o.refresh, "Revalidate cached pages even if still fresh");
}

IndexSession::~IndexSession() = default;

namespace {

project::IndexFlags index_flags(const IndexOptions& options, const std::filesystem::path& cwd) {
  return project::IndexFlags{.default_index = options.default_index,
                             .indexes = options.indexes,
                             .extra_index_urls = options.extra_index_urls,
                             .find_links = options.find_links,
                             .no_index = options.no_index,
                             .cwd = cwd,
                             .configured = options.configured_indexes};
}

std::vector<std::string> urls_of(const project::IndexSettings& settings) {
  std::vector<std::string> out;
  for (const index::IndexLocation& l : settings.indexes) out.push_back(l.url);
  for (const std::string& f : settings.find_links) out.push_back(f);
  return out;
}

}  // namespace

std::vector<std::string> IndexSession::index_urls() const {
  return urls_of(settings_);
}

Result<std::vector<std::string>> IndexSession::configured_index_urls(
    const IndexOptions& options, const std::filesystem::path& cwd, const workspace::Workspace* ws,
    const workspace::Member* project) {
  ROOST_TRY(project::IndexSettings settings,
            project::index_settings(index_flags(options, cwd), ws, project));
  return urls_of(settings);
}

Result<std::unique_ptr<IndexSession>> IndexSession::open(const IndexOptions& options,
                                                         const std::filesystem::path& cwd,
                                                         const workspace::Workspace* ws,
                                                         const workspace::Member* project) {
  if (!options.index_strategy.empty() && options.index_strategy != "first-index" &&
      options.index_strategy != "unsafe-best-match") {
    return Error(ErrorKind::kUsage,
                 "--index-strategy must be `first-index` or "
                 "`unsafe-best-match`, not `" +
                     options.index_strategy + "`");
  }
  std::unique_ptr<IndexSession> s(new IndexSession());
  ROOST_TRY(s->settings_, project::index_settings(index_flags(options, cwd), ws, project));
  if (!options.no_cache) {
    std::filesystem::path dir = cache::default_cache_dir(cache_dir_inputs(options.cache_dir));
    if (dir.empty()) {
      return Error(ErrorKind::kUsage,
                   "no cache directory: set --cache-dir, ROOST_CACHE_DIR or HOME, or pass "
                   "--no-cache");
    }
    ROOST_TRY(cache::Cache opened, cache::Cache::open(dir));
    s->cache_ = std::move(opened);
  }
  index::TransportOptions transport_options;
  transport_options.offline = options.offline;
  s->offline_ = options.offline;
  if (auto ca = environment_variable("SSL_CERT_FILE")) transport_options.ca_bundle = *ca;
  ROOST_TRY(s->network_, index::CurlTransport::create(transport_options));
  s->transport_ = std::make_unique<index::FileTransport>(*s->network_, local_roots(s->settings_));
  index::ClientOptions client_options;
  client_options.indexes = s->settings_.indexes;
  client_options.find_links = s->settings_.find_links;
  client_options.strategy = options.index_strategy == "unsafe-best-match"
                                ? index::IndexStrategy::kUnsafeBestMatch
                                : index::IndexStrategy::kFirstIndex;
  client_options.offline = options.offline;
  client_options.refresh = options.refresh;
  client_options.now = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  s->client_ = std::make_unique<index::IndexClient>(
      *s->transport_, s->cache_ ? &*s->cache_ : nullptr, client_options);
  return s;
}

project::SourceFetch IndexSession::source_fetch() {
  project::SourceFetch fetch;
  fetch.cache = cache_ ? &*cache_ : nullptr;
  fetch.transport = transport_.get();
  fetch.offline = offline_;
  return fetch;
}

}  // namespace roost::cli
