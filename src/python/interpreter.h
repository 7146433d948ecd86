// What roost knows about one Python interpreter, as its probe (probe.h) reported it: paths,
// version, the PEP 508 marker environment, the virtual-environment install scheme and the build
// facts that decide its compatible wheel tags.
//
//   ROOST_TRY(Interpreter py, probe_interpreter("/usr/bin/python3.11", {.cache = &cache}));
//   py.version_text();                         // "3.11.2"
//   ROOST_TRY(auto tags, py.compatible_tags());  // cp311-cp311-manylinux_2_36_x86_64, ...
//   pep508::MarkerEnvironment env = py.marker_environment();
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "pep440/version.h"
#include "pep508/marker.h"
#include "tags/compatible.h"
#include "tags/platform.h"
#include "tags/tag.h"

namespace roost::python {

// sysconfig's install paths for a virtual environment created by this interpreter, relative to
// the environment's root ("lib/python3.11/site-packages", "bin", ""), so they can be re-based onto
// any venv. Taken from the "venv" scheme (3.11+) or "posix_prefix", as uv does.
struct RelativeScheme {
  std::string purelib;
  std::string platlib;
  std::string scripts;
  std::string data;
};

struct Interpreter {
  // The file that was probed, absolute, as given: a pyenv shim, a venv's bin/python,
  // /usr/bin/python3.
  std::filesystem::path path;
  // sys.executable of the probed process: for a pyenv shim this is already the real interpreter.
  std::filesystem::path sys_executable;
  // The interpreter a new venv links to: sys.executable outside a venv, the base interpreter
  // (sys._base_executable, else the resolved link) inside one.
  std::filesystem::path base_executable;
  // sys.prefix (the venv's root when `path` is inside one), sys.base_prefix, sys.base_exec_prefix.
  std::filesystem::path prefix;
  std::filesystem::path base_prefix;
  std::filesystem::path base_exec_prefix;

  std::string implementation_name;  // sys.implementation.name: "cpython", "pypy", "graalpy"
  pep440::Version version = pep440::Version::from_release({0});  // sys.version_info, as PEP 440
  int major = 0;
  int minor = 0;
  int micro = 0;
  int pointer_size = 64;  // bits

  // The eleven PEP 508 marker variables ("os_name", "python_full_version", ...).
  std::map<std::string, std::string, std::less<>> markers;
  RelativeScheme scheme;

  // Build facts for the compatible tags.
  std::string sysconfig_platform;  // sysconfig.get_platform(): "linux-x86_64", "macosx-11.0-arm64"
  std::string soabi;               // "cpython-311-x86_64-linux-gnu"
  std::string ext_suffix;          // ".cpython-311-x86_64-linux-gnu.so"
  std::string abiflags;            // sys.abiflags: "", "m" (3.7 and older), "t" (free-threaded)
  std::string cache_tag;           // sys.implementation.cache_tag: "cpython-311"
  bool gil_disabled = false;       // Py_GIL_DISABLED: a free-threaded build
  bool debug = false;              // Py_DEBUG, as packaging decides it
  bool pymalloc = true;            // WITH_PYMALLOC, as packaging decides it
  std::optional<tags::LibcVersion> glibc;
  std::optional<tags::LibcVersion> musl;
  std::optional<tags::OsVersion> mac_version;

  bool is_venv() const { return prefix != base_prefix; }
  bool is_cpython() const { return implementation_name == "cpython"; }
  // "3.11.7", "3.13.0rc1": the PEP 440 spelling of version.
  std::string version_text() const { return version.to_string(); }
  // "3.11"
  std::string major_minor() const;
  // platform.python_implementation(): "CPython", "PyPy" (what pyvenv.cfg's `implementation` says).
  std::string implementation_display_name() const;

  pep508::MarkerEnvironment marker_environment() const;
  // The tags/ inputs that describe this interpreter and the platform it runs on.
  tags::Interpreter tag_interpreter() const;
  tags::Platform tag_platform() const;
  // packaging.tags.sys_tags() for this interpreter, best first.
  Result<std::vector<tags::Tag>> compatible_tags() const;
};

}  // namespace roost::python
