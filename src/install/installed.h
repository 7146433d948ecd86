// What is installed in an environment: the *.dist-info directories of a site-packages directory
// (recording installed projects spec), with what an installer needs to decide what to keep.
//
//   ROOST_TRY(SiteScan scan, scan_site_packages(scheme.purelib));
//   for (const InstalledDistribution& d : scan.dists) ...;
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "metadata/direct_url.h"
#include "pep440/version.h"
#include "pep508/names.h"

namespace roost::install {

struct InstalledDistribution {
  pep508::PackageName name;
  pep440::Version version;
  std::filesystem::path dist_info;                // the .dist-info directory
  std::optional<std::string> installer;           // INSTALLER's first line ("roost", "pip", "uv")
  std::optional<metadata::DirectUrl> direct_url;  // direct_url.json, when present and valid
  bool requested = false;                         // a REQUESTED file is present
  bool has_record = true;  // RECORD is present (installers write it last; roost does)
};

struct SiteScan {
  std::vector<InstalledDistribution> dists;  // sorted by name, then version
  // Directories that look like distributions but cannot be read (no usable name or version, an
  // invalid direct_url.json): skipped, and said here for the caller to report.
  std::vector<std::string> warnings;
};

// Name and version come from the directory name "<name>-<version>.dist-info" (split at the first
// "-", as installers escape "-" in names to "_"); when that does not parse, from METADATA's Name
// and Version. A missing `site_packages` is an empty environment, not an error.
Result<SiteScan> scan_site_packages(const std::filesystem::path& site_packages);

}  // namespace roost::install
