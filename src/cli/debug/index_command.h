// `roost debug index NAME...`: what the configured indexes offer for some projects, so the index
// client can be exercised (and debugged, and timed) from the command line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/index_session.h"
#include "cli/output.h"

namespace roost::cli {

// Index selection follows project/index_settings.h: these flags, then the [[tool.uv.index]]
// tables and `index = "..."` pins of the project found from the working directory (or
// --project), if there is one.
struct IndexCommandOptions {
  std::vector<std::string> names;
  IndexOptions index;
  // --metadata: also fetch each wheel's metadata (PEP 658 file, hash-checked, or range requests)
  bool metadata = false;
};

int debug_index_command(Output& output, const GlobalOptions& globals,
                        const IndexCommandOptions& options);

}  // namespace roost::cli
