// What the user asked for with `--python`, a .python-version line or nothing: uv's
// PythonRequest, simplified. Parsing never touches the file system.
//
//   ROOST_TRY(PythonRequest r, PythonRequest::parse("cpython@3.11"));
//   r.matches(py);          // implementation and version
//   r.describe();           // "CPython 3.11"
//
// Spellings:
//   ""  "any"  "default"  "python"      any interpreter
//   "3"  "3.11"  "3.11.7"  "3.13t"      a version prefix ("t": a free-threaded build)
//   "python3.12"  "python3"             the same, with the executable's prefix
//   ">=3.10,<3.13"  "==3.11.*"          a PEP 440 specifier set
//   "cpython@3.11"  "cpython3.11"  "cp311"  "pypy@3.10"  "pypy"   an implementation (+ version)
//   "/usr/bin/python3"  "./.venv"  "~/py/bin/python"   a path: an executable or a venv / prefix
//   "python3-dbg"                       another executable name, looked up on PATH
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "pep440/specifier.h"
#include "pep440/version.h"
#include "python/interpreter.h"

namespace roost::python {

enum class RequestKind {
  kAny,             // no constraint beyond `implementation`, if set
  kVersion,         // `version` is a prefix of the interpreter's release (major[.minor[.micro]])
  kRange,           // `range` contains the interpreter's release
  kPath,            // `path`: an executable, or a directory holding bin/python3
  kExecutableName,  // `name`: an executable looked up on PATH
};

struct PythonRequest {
  RequestKind kind = RequestKind::kAny;
  std::string text;                           // as written (trimmed), for messages
  std::optional<std::string> implementation;  // "cpython", "pypy", "graalpy"
  std::vector<uint64_t> version;              // kVersion: 1 to 3 numbers
  std::optional<pep440::SpecifierSet> range;  // kRange
  bool free_threaded = false;                 // "3.13t"
  std::filesystem::path path;                 // kPath, as written ("~" not yet expanded)
  std::string name;                           // kExecutableName

  // Errors are kUsage and quote the text: "invalid Python request `3.x`: ...".
  static Result<PythonRequest> parse(std::string_view text);

  bool is_any() const { return kind == RequestKind::kAny && !implementation && !free_threaded; }
  // The minor version the request pins, if it does ("3.12", "cpython@3.12.1", "python3.12").
  std::optional<std::pair<uint64_t, uint64_t>> major_minor() const;

  // Implementation, version and free-threading. kPath and kExecutableName match any interpreter:
  // the file is the whole request.
  bool matches(const Interpreter& py) const;
  // The same for facts read without running Python (pyvenv.cfg): an empty `implementation`
  // counts as CPython, and free-threading is unknown, so a "t" request does not match.
  bool matches(std::string_view implementation_name, const pep440::Version& version) const;

  // For messages: "Python >=3.12", "CPython 3.11", "Python at /usr/bin/python3".
  std::string describe() const;
};

// Whether `version` satisfies requires-python, with uv's release-only reading: a pre-release
// interpreter 3.14.0rc1 counts as 3.14.0 (so `>=3.14` admits it).
bool satisfies_requires_python(const pep440::Version& version,
                               const pep440::SpecifierSet& requires_python);

}  // namespace roost::python
