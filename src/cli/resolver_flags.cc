#include "cli/resolver_flags.h"

#include <CLI/CLI.hpp>

namespace roost::cli {

using resolve::python::PrereleaseMode;
using resolve::python::ResolutionMode;

void add_resolver_flags(CLI::App* cmd, ResolverFlags& f, bool binary_flags) {
  cmd->add_option("--prerelease", f.prerelease,
                  "Pre-release policy: disallow, allow, if-necessary, explicit, "
                  "if-necessary-or-explicit (default)");
  cmd->add_option("--resolution", f.resolution,
                  "Version choice: highest (default), lowest, lowest-direct");
  cmd->add_flag("-U,--upgrade", f.upgrade, "Ignore the locked versions; take the newest allowed");
  cmd->add_option("-P,--upgrade-package", f.upgrade_packages,
                  "Ignore the locked version of this package (repeatable)");
  cmd->add_option("--exclude-newer", f.exclude_newer,
                  "Leave out files uploaded after this: a timestamp, a date, or a span before "
                  "now (`7 days`, `P1W`)");
  cmd->add_option("--exclude-newer-package", f.exclude_newer_packages,
                  "NAME=VALUE: exclude-newer for one package (`false`: none) (repeatable)");
  if (binary_flags) {
    cmd->add_option("--no-binary", f.no_binary,
                    "Use source distributions only for these packages (or :all:)");
    cmd->add_option("--only-binary,--no-build", f.only_binary,
                    "Use wheels only for these packages (or :all:)");
  }
}

Result<resolve::python::ResolveOptions> resolve_options(const ResolverFlags& f) {
  resolve::python::ResolveOptions o;
  static const std::pair<const char*, PrereleaseMode> kPre[] = {
      {"disallow", PrereleaseMode::kDisallow},
      {"allow", PrereleaseMode::kAllow},
      {"if-necessary", PrereleaseMode::kIfNecessary},
      {"explicit", PrereleaseMode::kExplicit},
      {"if-necessary-or-explicit", PrereleaseMode::kIfNecessaryOrExplicit}};
  if (!f.prerelease.empty()) {
    bool known = false;
    for (const auto& [name, mode] : kPre) {
      if (f.prerelease == name) o.prerelease = mode, known = true;
    }
    if (!known) {
      return Error(ErrorKind::kUsage,
                   "--prerelease must be one of disallow, allow, "
                   "if-necessary, explicit, if-necessary-or-explicit; not `" +
                       f.prerelease + "`");
    }
  }
  if (f.resolution == "lowest") {
    o.resolution = ResolutionMode::kLowest;
  } else if (f.resolution == "lowest-direct") {
    o.resolution = ResolutionMode::kLowestDirect;
  } else if (!f.resolution.empty() && f.resolution != "highest") {
    return Error(ErrorKind::kUsage, "--resolution must be highest, lowest or lowest-direct; not `" +
                                        f.resolution + "`");
  }
  o.upgrade_all = f.upgrade;
  for (const std::string& written : f.upgrade_packages) {
    std::string name = written.substr(0, written.find_first_of("=<>!~ "));
    ROOST_TRY(pep508::PackageName parsed, pep508::PackageName::parse(name));
    o.upgrade.insert(std::move(parsed));
  }
  auto names = [](const std::vector<std::string>& list, bool& all,
                  std::set<pep508::PackageName>& set) -> Result<void> {
    for (const std::string& item : list) {
      // pip accepts comma-separated lists in one flag.
      size_t start = 0;
      while (start <= item.size()) {
        size_t comma = item.find(',', start);
        std::string one =
            item.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        start = comma == std::string::npos ? item.size() + 1 : comma + 1;
        if (one.empty() || one == ":none:") continue;
        if (one == ":all:") {
          all = true;
          continue;
        }
        ROOST_TRY(pep508::PackageName parsed, pep508::PackageName::parse(one));
        set.insert(std::move(parsed));
      }
    }
    return {};
  };
  ROOST_CHECK(names(f.no_binary, o.no_binary_all, o.no_binary));
  ROOST_CHECK(names(f.only_binary, o.no_build_all, o.no_build));
  return o;
}

}  // namespace roost::cli
