#include "cli/cache_dir.h"

#include <cstdlib>

namespace roost::cli {
std::optional<std::string> environment_variable(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::nullopt : std::optional<std::string>(value);
}

cache::CacheDirInputs cache_dir_inputs(const std::optional<std::string>& flag) {
  return {flag, environment_variable("ROOST_CACHE_DIR"), environment_variable("XDG_CACHE_HOME"),
          environment_variable("HOME")};
}

}  // namespace roost::cli
