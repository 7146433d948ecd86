// Virtual environments, created natively (no `python -m venv`), with uv's layout
// (reference/uv.md §4.1):
//
//   <venv>/pyvenv.cfg                  home, implementation, roost, version_info, ...
//   (pyvenv_cfg.h) <venv>/bin/python                  -> the base interpreter's real executable
//   <venv>/bin/python3, python3.X      -> python
//   <venv>/bin/activate{,.fish,.csh,.nu}
//   <venv>/lib/python3.X/site-packages/
//   <venv>/lib64 -> lib                (64-bit Linux)
//   <venv>/.gitignore                  "*"
//   <venv>/CACHEDIR.TAG                backup tools skip the venv
//
//   ROOST_TRY(VenvResult r, create_venv(root / ".venv", found.interpreter,
//                                       {.roost_version = "0.1.0", .requires_python = rp}));
//   r.outcome == VenvOutcome::kKept;   // an existing venv that still fits is left alone
//   ROOST_TRY(VenvInfo venv, read_venv(root / ".venv"));  // no Python started
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "base/result.h"
#include "pep440/specifier.h"
#include "pep440/version.h"
#include "python/interpreter.h"
#include "python/request.h"
#include "python/scheme.h"

namespace roost::python {

// What a venv says about itself, read from its pyvenv.cfg and directory without running Python.
struct VenvInfo {
  std::filesystem::path root;
  std::filesystem::path home;  // the base interpreter's directory (pyvenv.cfg `home`)
  std::string implementation;  // lowercase: "cpython", "pypy"; "" when pyvenv.cfg is silent
  pep440::Version version = pep440::Version::from_release({0});  // `version_info` / `version`
  std::string version_text;                                      // as written
  bool include_system_site_packages = false;
  std::optional<std::string> prompt;
  std::optional<std::string> creator;  // "roost 0.1.0", "uv 0.5.4", "virtualenv 20.26.0"
  Scheme scheme;

  // Whether the venv's interpreter is still there: bin/python resolves to an executable file.
  bool interpreter_exists() const;
};

// Reads the venv at `path`. No pyvenv.cfg: kNotFound ("... is not a virtual environment"); no
// parsable version in it: kParse.
Result<VenvInfo> read_venv(const std::filesystem::path& path);

// Whether an existing venv can stay: its interpreter still exists and its implementation and
// version satisfy the request and requires-python.
bool venv_fits(const VenvInfo& venv, const std::optional<PythonRequest>& request,
               const std::optional<pep440::SpecifierSet>& requires_python);

struct VenvOptions {
  std::string roost_version;          // written as `roost = <version>` in pyvenv.cfg
  std::optional<std::string> prompt;  // pyvenv.cfg `prompt` and the activators'; default: dir name
  // What an existing venv must still satisfy to be kept (see venv_fits).
  std::optional<PythonRequest> request;
  std::optional<pep440::SpecifierSet> requires_python;
  bool replace = false;  // replace an existing venv even when it fits (`--clear`)
};

enum class VenvOutcome {
  kCreated,   // nothing was there (or an empty directory)
  kReplaced,  // a venv was there but did not fit (or `replace` was set)
  kKept,      // a venv that fits was there and is untouched
};

struct VenvResult {
  VenvOutcome outcome = VenvOutcome::kCreated;
  VenvInfo venv;
};

// Creates (or keeps, or replaces) the venv at `path` (absolute; relative is kUsage) for
// `interpreter`. The new tree is built in a temporary directory beside `path` and renamed into
// place, so `path` is never seen half-built; a replacement swaps the two trees in one step
// (renameat2 RENAME_EXCHANGE on Linux) while holding `<venv>/.lock`, the lock installers take.
// A non-empty directory without pyvenv.cfg is refused (kUsage): it is not ours to delete.
Result<VenvResult> create_venv(const std::filesystem::path& path, const Interpreter& interpreter,
                               const VenvOptions& options);

// The interpreter of the venv at `venv` that create_venv just made from `base`, derived without
// starting it: a venv's python reports its base's version, markers, tags and scheme, with the
// venv as sys.prefix and its bin/python as the executable (the probe would take ~20 ms).
Interpreter venv_interpreter(const Interpreter& base, const VenvInfo& venv);

}  // namespace roost::python
