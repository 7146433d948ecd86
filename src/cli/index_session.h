// The index flags every resolving command shares (`lock`, `pip compile`, `debug index`) and the
// objects they open: the cache, the network and file:// transports, and the IndexClient.
//
//   auto flags = std::make_shared<IndexOptions>();
//   add_index_options(cmd, *flags);
//   ROOST_TRY(auto session, IndexSession::open(*flags, cwd, &ws, project));
//   session->client().find_projects(...);
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "cache/cache.h"
#include "index/index_client.h"
#include "project/index_settings.h"
#include "project/source_packages.h"
#include "workspace/workspace.h"

namespace CLI {
class App;
}

namespace roost::index {
class CurlTransport;
class FileTransport;
}  // namespace roost::index

namespace roost::cli {

struct IndexOptions {
  std::optional<std::string> default_index;   // --default-index / --index-url / -i
  std::vector<std::string> indexes;           // --index [NAME=]URL
  std::vector<std::string> extra_index_urls;  // --extra-index-url
  std::vector<std::string> find_links;        // --find-links / -f
  bool no_index = false;                      // --no-index
  std::string index_strategy;                 // first-index (also when empty) or unsafe-best-match
  std::optional<std::string> cache_dir;       // --cache-dir
  bool no_cache = false;
  bool offline = false;
  bool refresh = false;
  std::vector<project::ConfiguredIndex> configured_indexes;  // uv.toml [[index]] (uv_settings.h)
};

void add_index_options(CLI::App* cmd, IndexOptions& options);

class IndexSession {
 public:
  // `ws` / `project` may be null (outside any project: the flags alone).
  static Result<std::unique_ptr<IndexSession>> open(const IndexOptions& options,
                                                    const std::filesystem::path& cwd,
                                                    const workspace::Workspace* ws,
                                                    const workspace::Member* project);
  ~IndexSession();

  index::IndexClient& client() { return *client_; }
  // What git and URL sources are fetched with (project/source_packages.h); the cache is null
  // under --no-cache.
  project::SourceFetch source_fetch();
  const project::IndexSettings& settings() const { return settings_; }
  // Every configured index URL (what a lock's registry sources are checked against).
  std::vector<std::string> index_urls() const;
  // The same from the flags and pyprojects alone, without opening the cache or the network.
  static Result<std::vector<std::string>> configured_index_urls(const IndexOptions& options,
                                                                const std::filesystem::path& cwd,
                                                                const workspace::Workspace* ws,
                                                                const workspace::Member* project);

 private:
  IndexSession() = default;
  project::IndexSettings settings_;
  std::optional<cache::Cache> cache_;
  std::unique_ptr<index::CurlTransport> network_;
  std::unique_ptr<index::FileTransport> transport_;
  std::unique_ptr<index::IndexClient> client_;
  bool offline_ = false;
};

// The member whose settings apply: the one discovery started in, else the root when it is a
// package; null for a virtual root.
const workspace::Member* current_project(const workspace::Workspace& ws);

}  // namespace roost::cli
