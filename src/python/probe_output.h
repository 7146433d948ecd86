// Parsing the probe program's output (probe_script.h) into an Interpreter. Kept apart from running
// it so the format is tested without Python and cached output is read the same way.
//
//   ROOST_TRY(Interpreter py, parse_probe_output(stdout_text, "/usr/bin/python3"));
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.h"
#include "python/interpreter.h"

namespace roost::python {

// `text` is "roost-probe-v1" then `key=value` lines; `probed` becomes Interpreter::path. A missing
// header or required fact (executable, prefix, version_info, implementation_name) is kParse.
// Unknown keys are ignored, so a newer script stays readable.
Result<Interpreter> parse_probe_output(std::string_view text, const std::filesystem::path& probed);

// The escaping the script applies to values: "\\" -> "\", "\n" -> newline, "\r" -> CR.
std::string unescape_probe_value(std::string_view value);

}  // namespace roost::python
