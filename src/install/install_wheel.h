// Installing an unpacked wheel into an environment's scheme (binary distribution format spec,
// "Installing a wheel"; recording installed projects spec): files to their scheme directories,
// console / GUI script launchers, "#!python" shebangs, INSTALLER, REQUESTED, direct_url.json and
// a RECORD of everything written.
//
//   ROOST_TRY(UnpackedWheel w, unpack_wheel(wheel_path, archive_dir));
//   ROOST_TRY(InstalledDist d, install_wheel(w, scheme, {.link_mode = LinkMode::kHardlink}));
//   if (d.link_fallback) if (auto warning = fallback_warning(*d.link_fallback)) warn(*warning);
//
// Thread-safe: installs of different distributions may run in parallel (the caller holds the
// environment's lock and uninstalls an old version first; see plan.h).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "install/link.h"
#include "install/unpack.h"
#include "metadata/direct_url.h"
#include "pep440/version.h"
#include "pep508/names.h"
#include "python/scheme.h"

namespace roost::install {

// Where each kind of file goes, and the interpreter shebangs name (python/ computes it).
using python::Scheme;

struct InstallOptions {
  LinkMode link_mode = LinkMode::kClone;
  bool requested = false;  // write REQUESTED: the user asked for this distribution by name
  std::optional<metadata::DirectUrl> direct_url;  // written as direct_url.json (PEP 610)
  std::string installer = "roost";                // INSTALLER's content, plus "\n"
};

struct InstalledDist {
  pep508::PackageName name;
  pep440::Version version;
  std::filesystem::path dist_info;            // <site-packages>/<name>-<version>.dist-info
  size_t linked_files = 0;                    // placed from the cache with `link_mode`
  size_t written_files = 0;                   // scripts, launchers, INSTALLER, RECORD, ...
  LinkMode link_mode = LinkMode::kClone;      // what files were placed with in the end
  std::optional<LinkFallback> link_fallback;  // set when that is not the mode asked for
};

// Places the wheel: the root (purelib when WHEEL says Root-Is-Purelib, else platlib) and
// <name>-<version>.data/{purelib,platlib,scripts,headers,data}/ to the scheme's directories
// (headers to headers/<name>/). Files are linked from `wheel.dir` (link.h), except the ones
// written: scripts (0755, "#!python" lines replaced by the scheme's interpreter), launchers for
// console_scripts and gui_scripts (0755), INSTALLER, REQUESTED, direct_url.json and RECORD. A
// wheel's own RECORD, INSTALLER, REQUESTED and direct_url.json are not installed. Each directory
// is created once, parents first.
//
// Every destination is checked before anything is written: a path from RECORD or an entry
// point name that is not a plain relative path (relative_path.h) is refused (kIntegrity), so
// nothing lands outside the scheme's directories; scheme paths must be absolute (kUsage).
//
// RECORD lists every installed file relative to the dist-info's parent ("../../../bin/hello"
// for a script) with its sha256 and size (from the wheel's RECORD for linked files), and itself
// with empty hash and size. It is written last, so an interrupted install has no RECORD.
Result<InstalledDist> install_wheel(const UnpackedWheel& wheel, const Scheme& scheme,
                                    const InstallOptions& options = {});

}  // namespace roost::install
