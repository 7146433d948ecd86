// The install plan: what is installed against what is wanted (from a lock), as a pure function.
// Same name, version and source: keep. Not installed: install. Installed differently (another
// version, another source, asked to reinstall, installed twice): reinstall. Installed, not
// wanted: extraneous (removed by an exact sync).
//
//   ROOST_TRY(SiteScan scan, scan_site_packages(site_packages));
//   ROOST_TRY(InstallPlan plan, plan_install(scan.dists, wanted));
//   uninstall plan.reinstall[*].installed (and plan.extraneous when exact), then install
//   plan.install and plan.reinstall[*].wanted.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "install/installed.h"
#include "metadata/direct_url.h"
#include "pep440/version.h"
#include "pep508/names.h"

namespace roost::install {

// Where a distribution came from, as far as deciding "is the installed one the wanted one" needs.
struct DistSource {
  enum class Kind {
    kRegistry,   // an index: no direct_url.json
    kArchive,    // a wheel or sdist URL or path (archive_info)
    kDirectory,  // a local project directory (dir_info), editable or not
    kVcs,        // a VCS checkout (vcs_info) at a commit
  };
  Kind kind = Kind::kRegistry;
  std::string url;        // kArchive, kDirectory, kVcs: direct_url.json's "url"
  std::string commit;     // kVcs: the resolved commit
  bool editable = false;  // kDirectory

  // What direct_url.json says (none: the registry).
  static DistSource of(const std::optional<metadata::DirectUrl>& direct_url);
};

struct WantedDist {
  pep508::PackageName name;
  pep440::Version version;
  DistSource source;
};

struct Reinstall {
  std::vector<InstalledDistribution> installed;  // usually one; all copies when installed twice
  WantedDist wanted;
  std::string reason;  // "1.0 is installed", "installed from <url>", "asked to reinstall", ...
};

struct InstallPlan {
  std::vector<InstalledDistribution> keep;
  std::vector<WantedDist> install;
  std::vector<Reinstall> reinstall;
  std::vector<InstalledDistribution> extraneous;
};

struct PlanOptions {
  bool reinstall_all = false;                  // --reinstall
  std::vector<pep508::PackageName> reinstall;  // --reinstall-package
};

// Every list is sorted by name. A name wanted twice is an error (kUsage): the caller's set must
// be one version per package. URLs are compared as written, except a trailing "/".
Result<InstallPlan> plan_install(const std::vector<InstalledDistribution>& installed,
                                 const std::vector<WantedDist>& wanted,
                                 const PlanOptions& options = {});

}  // namespace roost::install
