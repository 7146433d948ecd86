// `roost debug index NAME...`: what the configured indexes offer for some projects, so the index
// client can be exercised (and debugged, and timed) from the command line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/output.h"

namespace roost::cli {

// Index selection follows project/index_settings.h: these flags, then the [[tool.uv.index]]
// tables and `index = "..."` pins of the project found from the working directory (or
// --project), if there is one.
struct IndexCommandOptions {
  std::vector<std::string> names;
  std::optional<std::string> default_index;    // --default-index / --index-url
  std::vector<std::string> indexes;            // --index [NAME=]URL
  std::vector<std::string> extra_index_urls;   // --extra-index-url
  std::vector<std::string> find_links;         // --find-links
  bool no_index = false;                       // --no-index
  std::string index_strategy = "first-index";  // or unsafe-best-match
  std::optional<std::string> cache_dir;        // --cache-dir
  bool no_cache = false;
  bool offline = false;
  bool refresh = false;
  // --metadata: also fetch each wheel's metadata (PEP 658 file, hash-checked, or range requests)
  bool metadata = false;
};

int debug_index_command(Output& output, const GlobalOptions& globals,
                        const IndexCommandOptions& options);

}  // namespace roost::cli
