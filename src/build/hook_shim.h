// The Python program that runs one PEP 517 / PEP 660 hook inside a build environment. Internal to
// build/ (hook_runner.h writes it next to its request and runs it).
//
// Protocol (version 1). argv: `<shim> <request file> <answer file>`; cwd: the source tree.
// The request is UTF-8 lines "<key> <value>":
//   hook <name>            get_requires_for_build_{wheel,editable},
//                          prepare_metadata_for_build_{wheel,editable}, build_{wheel,editable}
//   backend <spec>         "module" or "module:object.attr" ([build-system].build-backend)
//   backend-path <dir>     absolute, repeatable: prepended to sys.path, and the backend module
//                          must load from one of them (PEP 517)
//   output-dir <dir>       the wheel or metadata directory handed to the hook
//   config <key>=<value>   repeatable; a key given twice becomes a list (as pip passes them)
// The answer file is written (temp file + rename) once the hook returned or failed:
//   ok                     then one "value <text>" line per result (requirements; a basename)
//   error <kind>           backend-unavailable | backend-path | hook-missing | hook-failed |
//                          bad-return, then "message <text>"
// Values are single lines (line breaks become blanks). stdout and stderr belong to the backend:
// the shim merges them (fd 2 onto fd 1, unbuffered) so the runner sees one ordered stream, and
// prints tracebacks there.
//
// prepare_metadata_for_build_* falls back, as PEP 517 asks, to building the wheel (or the
// editable wheel) into `<output-dir>/.roost-wheel/` and extracting its .dist-info; the answer
// names the .dist-info directory either way. A missing get_requires_* hook answers nothing
// (PEP 517's default of []); a missing build_editable is `hook-missing` (PEP 660: no fallback).
#pragma once

#include <string_view>

namespace roost::build {

extern const std::string_view kHookShim;

}  // namespace roost::build
