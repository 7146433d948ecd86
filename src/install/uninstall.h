// Uninstalling a distribution from its RECORD (recording installed projects spec): the files it
// lists, the bytecode Python compiled from its .py files, the directories left empty, and the
// .dist-info directory.
//
//   ROOST_TRY(UninstallResult r, uninstall_distribution(site_packages, "hello-1.0.dist-info",
//   venv));
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace roost::install {

struct UninstallResult {
  size_t removed_files = 0;          // RECORD's files and their __pycache__ .pyc files
  size_t removed_dirs = 0;           // directories left empty, and the .dist-info directory
  std::vector<std::string> missing;  // RECORD paths that were already gone, as written
};

// Removes the distribution whose `dist_info` (a directory name such as "hello-1.0.dist-info") is
// in `site_packages`. `prefix` is the environment's root: every RECORD path (relative to
// `site_packages`, or absolute) must resolve inside it, symlinked parent directories included,
// and they are all checked before anything is removed (kIntegrity, naming the entry). Also
// removed: __pycache__/<stem>.<tag>[.opt-N].pyc of each removed <stem>.py, then every directory
// left empty below `site_packages`, or below a top-level directory of `prefix` ("bin",
// "share", ...; those and `site_packages` itself stay), then the .dist-info directory with
// anything left in it. A missing RECORD is kNotFound (nothing is removed: without it, which
// files are the distribution's is unknown).
Result<UninstallResult> uninstall_distribution(const std::filesystem::path& site_packages,
                                               std::string_view dist_info,
                                               const std::filesystem::path& prefix);

}  // namespace roost::install
