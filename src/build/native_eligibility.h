// Whether a workspace member can be installed as an editable without its build backend, and
// where its imports live if so. roost does this natively (no Python, no build environment) when
// the result is known from pyproject.toml and the file layout alone: a backend whose editable
// install is "a .pth naming the import root", static metadata, no setup.py logic, and none of
// the backend settings that move or add files. Anything else goes through PEP 660 (frontend.h).
//
//   NativeEligibility e = check_native_editable(pyproject, member_dir);
//   if (e.blocker) reporter.debug("building " + name + ": " + *e.blocker);
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "pyproject/pyproject.h"

namespace roost::build {

struct NativeEligibility {
  // Why the project needs its backend ("`dynamic` lists version", ...); nullopt: eligible.
  std::optional<std::string> blocker;
  std::string backend;                // [build-system].build-backend, when eligible
  std::filesystem::path import_root;  // `project_dir`/src or `project_dir`, when eligible
};

// The rules, in order (the first that fails is the blocker):
// - [build-system].build-backend is hatchling.build, setuptools.build_meta (or its
//   `:__legacy__`), flit_core.buildapi, pdm.backend or uv_build, with no backend-path;
// - [project] exists with a version and an empty or absent `dynamic`;
// - setup.py is absent or only imports setuptools and calls a bare `setup()`; for setuptools,
//   setup.cfg has no [metadata] or [options*] section; for pdm, there is no pdm_build.py;
// - the backend's tool table sets nothing that changes layout or packaging:
//   [tool.hatch.build(.targets.wheel)] packages, sources, only-include, force-include,
//   dev-mode-dirs, dev-mode-exact, hooks (and wheel's shared-data, shared-scripts,
//   extra-metadata, bypass-selection), [tool.hatch.metadata] hooks; [tool.setuptools]
//   packages, package-dir, py-modules, ext-modules, data-files, namespace-packages,
//   script-files, cmdclass; [tool.flit] module, external-data, metadata, scripts, entrypoints;
//   [tool.pdm.build] package-dir, includes, excludes, custom-hook, run-setuptools,
//   editable-backend, wheel-data; [tool.uv.build-backend] module-root, module-name, namespace,
//   data;
// - the import root is the backend's default: setuptools and pdm use src/ when it exists, else
//   the project directory; hatchling and flit find the package `<import name>/` (with an
//   __init__.py) or the module `<import name>.py` at the top or in src/; uv_build needs
//   src/<import name>/__init__.py. The import name is the project name with `-` and `.` as `_`
//   (as written, or lowercase). When none is found the backend would decide (or fail), so the
//   project is not eligible.
NativeEligibility check_native_editable(const pyproject::PyProject& pyproject,
                                        const std::filesystem::path& project_dir);

inline bool can_install_natively(const pyproject::PyProject& pyproject,
                                 const std::filesystem::path& project_dir) {
  return !check_native_editable(pyproject, project_dir).blocker.has_value();
}

// Whether setup.py's text does nothing but call a bare setup(): comments, blank lines, a
// docstring-free `import setuptools` / `from setuptools import setup`, `setup()` /
// `setuptools.setup()`, optionally under `if __name__ == "__main__":`.
bool is_bare_setup_py(std::string_view text);

}  // namespace roost::build
