#include "cli/cache_dir.h"

#include <cstdlib>

namespace roost::cli {
namespace {

std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::nullopt : std::optional<std::string>(value);
}

}  // namespace

cache::CacheDirInputs cache_dir_inputs(const std::optional<std::string>& flag) {
  return {flag, env("ROOST_CACHE_DIR"), env("XDG_CACHE_HOME"), env("HOME")};
}

}  // namespace roost::cli
