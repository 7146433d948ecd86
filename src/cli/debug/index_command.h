// `roost debug index NAME...`: what the configured indexes offer for some projects, so the index
// client can be exercised (and debugged, and timed) from the command line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/output.h"

namespace roost::cli {

struct IndexCommandOptions {
  std::vector<std::string> names;
  std::string index_url = "https://pypi.org/simple";  // --index-url / --default-index
  std::vector<std::string> extra_index_urls;          // --extra-index-url / --index
  std::vector<std::string> find_links;                // --find-links
  std::string index_strategy = "first-index";         // or unsafe-best-match
  std::optional<std::string> cache_dir;               // --cache-dir
  bool no_cache = false;
  bool offline = false;
  bool refresh = false;
  // --metadata: also fetch each wheel's metadata (PEP 658 file, hash-checked, or range requests)
  bool metadata = false;
};

int debug_index_command(Output& output, const IndexCommandOptions& options);

}  // namespace roost::cli
