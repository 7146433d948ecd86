// Venv install schemes (scheme.h).
#include "python/scheme.h"

#include <string>

namespace roost::python {
namespace fs = std::filesystem;

namespace {

// A usable probe answer is relative and stays inside the venv.
bool usable(const std::string& relative) {
  if (relative.empty()) return false;
  fs::path p(relative);
  return p.is_relative() && !p.lexically_normal().string().starts_with("..");
}

}  // namespace

Scheme venv_scheme(const RelativeScheme& relative, std::string_view implementation, int major,
                   int minor, const fs::path& venv) {
  std::string version = std::to_string(major) + "." + std::to_string(minor);
  // PyPy 3.8+ keeps its venv packages under lib/pypy3.X, CPython under lib/python3.X.
  std::string lib = implementation == "pypy" ? "pypy" + version : "python" + version;
  std::string site_packages = "lib/" + lib + "/site-packages";
  std::string purelib = usable(relative.purelib) ? relative.purelib : site_packages;
  std::string platlib = usable(relative.platlib) ? relative.platlib : purelib;
  std::string scripts = usable(relative.scripts) ? relative.scripts : "bin";
  Scheme scheme;
  scheme.purelib = (venv / purelib).lexically_normal();
  scheme.platlib = (venv / platlib).lexically_normal();
  scheme.scripts = (venv / scripts).lexically_normal();
  // data is legitimately "" (the venv root); anything else must be relative too.
  scheme.data = usable(relative.data) ? (venv / relative.data).lexically_normal() : venv;
  scheme.include = venv / "include" / "site" / ("python" + version);
  scheme.python = scheme.scripts / "python";
  return scheme;
}

Scheme venv_scheme(const Interpreter& py, const fs::path& venv) {
  return venv_scheme(py.scheme, py.implementation_name, py.major, py.minor, venv);
}

}  // namespace roost::python
