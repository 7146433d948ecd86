// Where the cache lives, as the CLI sees it: the --cache-dir flag plus the environment
// (ROOST_CACHE_DIR, XDG_CACHE_HOME, HOME), read here because only cli/ reads the environment.
#pragma once

#include <optional>
#include <string>

#include "cache/cache.h"

namespace roost::cli {

// The inputs of cache::default_cache_dir: `flag` and the three environment variables.
cache::CacheDirInputs cache_dir_inputs(const std::optional<std::string>& flag);

// One environment variable, nullopt when unset (for the other settings cli/ reads, such as
// SSL_CERT_FILE).
std::optional<std::string> environment_variable(const char* name);

}  // namespace roost::cli
