// Installing a workspace member as an editable without running Python (uv does the same for
// uv_build, its "direct build"): for a project check_native_editable() accepts, roost writes what
// the backend's editable wheel would have installed.
//
//   <purelib>/_<name>.pth                      the import root (src/ or the project directory)
//   <purelib>/<name>-<version>.dist-info/      METADATA (static_metadata.h), WHEEL,
//                                              entry_points.txt, INSTALLER, direct_url.json
//                                              ({"url": "file:///abs/dir", "dir_info":
//                                              {"editable": true}}), REQUESTED (on request), RECORD
//   <scripts>/<name>                           console / GUI script launchers (install/scripts.h)
//
//   if (can_install_natively(pyproject, dir)) {
//     ROOST_TRY(InstalledEditable e, install_editable_natively(pyproject, dir, scheme, {}));
//   }
//
// RECORD lists every file (scripts as "../../../bin/x"), so install/uninstall.h removes it like
// any distribution. Why `_<name>.pth` (hatchling's name) rather than setuptools'
// `__editable__.<name>-<version>.pth`: setuptools' name marks its own finder-based editables,
// which this is not; a name without the version keeps one file per project, whatever version
// was installed before; and the leading `_` keeps it apart from a module named <name>.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/result.h"
#include "build/native_eligibility.h"
#include "pep440/version.h"
#include "pep508/names.h"
#include "pyproject/pyproject.h"
#include "python/scheme.h"

namespace roost::build {

struct NativeEditableOptions {
  std::string installer = "roost";  // INSTALLER's content
  bool requested = false;           // write REQUESTED
};

struct InstalledEditable {
  pep508::PackageName name;
  pep440::Version version;
  std::filesystem::path dist_info;    // <purelib>/<name>-<version>.dist-info
  std::filesystem::path pth;          // <purelib>/_<name>.pth
  std::filesystem::path import_root;  // what the .pth names
  std::vector<std::filesystem::path> scripts;
};

// Installs `pyproject` (in `project_dir`, absolute) into `scheme` (absolute paths). kUsage,
// with the blocker, when check_native_editable() refuses the project. The caller holds the
// environment's lock and has uninstalled an installed copy (install/plan.h decides); files are
// replaced by rename, never truncated, and RECORD is written last, so an interrupted install
// has none.
Result<InstalledEditable> install_editable_natively(const pyproject::PyProject& pyproject,
                                                    const std::filesystem::path& project_dir,
                                                    const python::Scheme& scheme,
                                                    const NativeEditableOptions& options = {});

}  // namespace roost::build
