// Scripts an installation writes: launchers for console_scripts / gui_scripts entry points, and
// the "#!python" shebang of a wheel's .data/scripts files pointed at the environment's
// interpreter (binary distribution format spec, "Recommended installer features"; entry points
// spec). Pure text functions.
//
//   ROOST_TRY(std::string text, entry_point_launcher(entry, "/venv/bin/python"));
//   if (auto fixed = rewrite_python_shebang(script, python)) script = *fixed;
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "metadata/entry_points.h"

namespace roost::install {

// The shebang naming `python`, ending in "\n". Linux reads at most 127 bytes of a "#!" line
// (before 5.1) and splits it at blanks, so a longer path or one with a blank, quote or other
// control character gets a /bin/sh trampoline that re-executes the script with the interpreter,
// as pip (distlib) and uv write it:
//   #!/bin/sh
//   '''exec' '/path with space/python' "$0" "$@"
//   ' '''
std::string python_shebang(const std::filesystem::path& python);

// The launcher for a console or GUI script entry point (the standard text pip and uv write):
//   #!<python>
//   # -*- coding: utf-8 -*-
//   import re
//   import sys
//   from <module> import <first part of attr>
//   if __name__ == "__main__":
//       sys.argv[0] = re.sub(r"(-script\.pyw|\.exe)?$", "", sys.argv[0])
//       sys.exit(<attr>())
// kParse (naming the entry point) when the entry names no object ("module" alone) or when the
// module or object path is not made of Python identifiers (it becomes Python source).
Result<std::string> entry_point_launcher(const metadata::EntryPoint& entry,
                                         const std::filesystem::path& python);

// `script` with its first line replaced by python_shebang(python) when that line starts with
// "#!python" (which covers "#!pythonw"), as pip does; nullopt when it does not.
std::optional<std::string> rewrite_python_shebang(std::string_view script,
                                                  const std::filesystem::path& python);

}  // namespace roost::install
