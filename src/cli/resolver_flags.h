// The resolver flags `lock` and `pip compile` share: --prerelease, --resolution, --upgrade,
// --upgrade-package, --no-binary, --only-binary, --exclude-newer, --exclude-newer-package.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "resolve/python/model.h"

namespace CLI {
class App;
}

namespace roost::cli {

struct ResolverFlags {
  std::string prerelease;  // allow | disallow | if-necessary | explicit | if-necessary-or-explicit
  std::string resolution;  // highest | lowest | lowest-direct
  bool upgrade = false;
  std::vector<std::string> upgrade_packages;  // NAME or NAME==VERSION (the version is ignored)
  std::vector<std::string> no_binary;         // package names or :all:
  std::vector<std::string> only_binary;       // package names or :all:
  std::optional<std::string> exclude_newer;   // a timestamp or a span before now
  std::vector<std::string> exclude_newer_packages;  // NAME=VALUE (VALUE may be `false`)
};

void add_resolver_flags(CLI::App* cmd, ResolverFlags& flags, bool binary_flags);
Result<resolve::python::ResolveOptions> resolve_options(const ResolverFlags& flags);

}  // namespace roost::cli
