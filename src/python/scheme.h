// Where an installer puts each part of a wheel in a virtual environment: the install scheme
// (sysconfig's "venv" scheme, as uv computes it), as absolute paths.
//
//   Scheme s = venv_scheme(py, "/p/.venv");
//   s.purelib;  // /p/.venv/lib/python3.11/site-packages
#pragma once

#include <filesystem>
#include <string_view>

#include "python/interpreter.h"

namespace roost::python {

struct Scheme {
  std::filesystem::path purelib;  // pure-Python packages
  std::filesystem::path platlib;  // extension modules (the same directory on most systems)
  std::filesystem::path scripts;  // console scripts and the interpreter links: <venv>/bin
  std::filesystem::path data;     // a wheel's .data/data/ tree: the venv root
  std::filesystem::path include;  // headers: <venv>/include/site/python3.X (pip's and uv's choice)
  std::filesystem::path python;   // <venv>/bin/python
};

// The scheme of a venv at `venv` created from `py`, from the paths its probe reported. A path the
// probe could not express relative to the prefix (a distribution's patched sysconfig) falls back
// to the standard layout.
Scheme venv_scheme(const Interpreter& py, const std::filesystem::path& venv);

// The same from facts alone: `relative` as probed (empty fields take the standard layout), for
// an implementation ("cpython", "pypy", "" = CPython) and Python major.minor.
Scheme venv_scheme(const RelativeScheme& relative, std::string_view implementation, int major,
                   int minor, const std::filesystem::path& venv);

}  // namespace roost::python
