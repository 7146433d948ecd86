// Test-only: small projects on disk. A PEP 517 backend that lives in the tree (mybackend.py,
// `backend-path = ["."]`, no requirements) so the frontend runs offline with any python3 as the
// "build environment", and static-metadata projects for native editable installs.
//
//   write_backend_project(dir, {.fail = true});   // build_wheel prints, then raises
//   write_hatch_src_project(dir);                 // demo-pkg 1.2.3, src/demo_pkg, `demo-cli`
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace roost::build::testing {

// Writes `text` to `path`, creating parents; a failure is a test failure.
void write_text(const std::filesystem::path& path, std::string_view text, unsigned mode = 0644);

struct BackendOptions {
  bool fail = false;     // build_wheel / build_editable print "compiling foo", then raise
  bool editable = true;  // define build_editable
  bool prepare = true;   // define prepare_metadata_for_build_wheel
  std::string requirements = "[\"foo>=1\"]";  // get_requires_for_build_wheel's answer (Python)
  int sleep_seconds = 0;                      // before building
};

// mybackend.py: wheels of `mypkg` 0.1.0 written with zipfile and an honest RECORD. The wheel
// holds src/mypkg/ as it is on disk and mypkg/_config.py = repr(config_settings); the editable
// wheel holds _mypkg.pth naming <cwd>/src.
std::string backend_source(const BackendOptions& options = {});

// pyproject.toml (mybackend, backend-path ["."], requires []), mybackend.py and
// src/mypkg/__init__.py (`X = 1`) in `dir`.
void write_backend_project(const std::filesystem::path& dir, const BackendOptions& options = {});

// hatchling, src layout: demo-pkg 1.2.3, requires attrs, extra `cli` (click), script
// `demo-cli = demo_pkg.cli:main` printing "hello from demo-pkg", src/demo_pkg/__init__.py `X = 1`.
void write_hatch_src_project(const std::filesystem::path& dir);

// setuptools, flat layout: flat-pkg 0.3, flat_pkg/__init__.py (`X = "flat"`, main() printing
// "flat main"), script `flat-run = flat_pkg:main`, a bare setup.py.
void write_flat_setuptools_project(const std::filesystem::path& dir);

// The machine's python3 (/usr/bin/python3), or nullopt.
std::optional<std::filesystem::path> system_python();

}  // namespace roost::build::testing
