// pyvenv.cfg, the file that makes a directory a virtual environment (PEP 405): `key = value`
// lines. roost writes uv's keys in uv's order (reference/uv.md §4.1), with `roost = <version>`
// where uv writes `uv = <version>`:
//
//   home = /usr/bin
//   implementation = CPython
//   roost = 0.1.0
//   version_info = 3.11.2
//   include-system-site-packages = false
//   prompt = demo                       (only when a prompt was asked for)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace roost::python {

struct PyvenvCfgValues {
  std::string home;            // the directory of the base interpreter
  std::string implementation;  // "CPython"
  std::string roost_version;
  std::string version_info;  // "3.11.2", "3.13.0rc1"
  bool include_system_site_packages = false;
  std::optional<std::string> prompt;
};

std::string write_pyvenv_cfg(const PyvenvCfgValues& values);

// Every `key = value` line, in order, read as site.py reads them: split at the first `=`, both
// sides trimmed, lines without `=` ignored. Never fails: Python itself accepts any such file.
struct PyvenvCfg {
  std::vector<std::pair<std::string, std::string>> entries;

  // The value of the last entry named `key` (case-insensitively), as site.py's loop leaves it.
  std::optional<std::string> get(std::string_view key) const;
};
PyvenvCfg parse_pyvenv_cfg(std::string_view text);

}  // namespace roost::python
