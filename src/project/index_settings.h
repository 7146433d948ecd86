// Which indexes a command uses, as uv decides it: the command-line flags combined with the
// `[[tool.uv.index]]` tables of the project and of its workspace root, and the `index = "name"`
// pins of `[tool.uv.sources]`.
//
//   ROOST_TRY(IndexSettings s, index_settings(flags, &ws, ws.find(name)));
//   index::ClientOptions options{.indexes = s.indexes, .find_links = s.find_links};
//   std::vector<index::ProjectQuery> q = queries_for(ws, member, flask);
//
// Priority (first asked first; uv's "earlier definitions win"):
//   1. `--index [NAME=]URL`, in flag order;
//   2. `--extra-index-url URL` (pip's legacy spelling), in flag order;
//   3. the project's `[[tool.uv.index]]` entries, then the workspace root's (uv.md §1.5: the
//      member's first), skipping `default = true` ones;
//   4. the default index, last: `--default-index` / `--index-url` if given, else the first
//      `default = true` entry (project, then root), else https://pypi.org/simple.
// `--no-index` drops every registry index (find-links stay). An index whose name or URL is
// already listed is dropped (the first one stays). `format = "flat"` entries are flat indexes and
// join `find_links` (a pin to one is refused: not supported yet). URLs may be written as paths:
// relative paths resolve against the declaring pyproject's directory (flags: the working
// directory) and become file:// URLs.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "index/index_client.h"
#include "workspace/workspace.h"

namespace roost::project {

inline constexpr const char* kPyPiSimple = "https://pypi.org/simple";

// A `[[index]]` table of a uv.toml (uv_config.h), with the directory its relative paths are
// taken from.
struct ConfiguredIndex {
  pyproject::Index index;
  std::filesystem::path directory;
};

// The index flags of a command, as the user wrote them.
struct IndexFlags {
  std::optional<std::string> default_index;   // --default-index / --index-url
  std::vector<std::string> indexes;           // --index [NAME=]URL
  std::vector<std::string> extra_index_urls;  // --extra-index-url
  std::vector<std::string> find_links;        // --find-links DIR|URL
  bool no_index = false;                      // --no-index
  std::filesystem::path cwd;                  // relative paths in the flags resolve here
  // uv.toml's `[[index]]` tables, asked after the project's and the root's own.
  std::vector<ConfiguredIndex> configured;
};

struct IndexSettings {
  std::vector<index::IndexLocation> indexes;  // priority order; the default index last
  std::vector<std::string> find_links;        // URLs or absolute directories
};

// `project` is the member whose settings apply (null: the workspace root's, or none at all when
// `ws` is null too: the flags alone, for commands run outside any project). kUsage errors name
// the flag, or the pyproject file and line, of a malformed `--index NAME=URL` or a pin to a flat
// index.
Result<IndexSettings> index_settings(const IndexFlags& flags, const workspace::Workspace* ws,
                                     const workspace::Member* project);

// The index queries for `name` as `project` (null: the root) sees it: one pinned query per
// distinct `index = "..."` source of its effective `[tool.uv.sources]` entry; plus an unpinned
// one when there is no such source, or when some source is conditional (a marker, extra or group:
// outside it the registry indexes apply) or is not an index source.
std::vector<index::ProjectQuery> queries_for(const workspace::Workspace* ws,
                                             const workspace::Member* project,
                                             const pep508::PackageName& name);

// "https://x/simple" stays; "./wheels", "../idx" or "/srv/simple" (no "scheme://") become
// file:// URLs of the path made absolute against `base_dir`.
std::string index_url_from_text(const std::string& text, const std::filesystem::path& base_dir);

}  // namespace roost::project
