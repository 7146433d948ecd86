// Markers the way uv handles them in uv.lock: its text (`marker = "..."` of requires-dist and
// of the manifest), its order (requirement sets are sorted by it) and its treatment of extras.
//
//   uv_marker_text(*Marker::parse("python_version < '3.11' and sys_platform == 'linux'"))
//     == "python_full_version < '3.11' and sys_platform == 'linux'"
//
// uv prints the DNF of its own decision diagram (uv-pep508 marker/simplify.rs `to_dnf`), which
// differs from roost's canonical text (pep508/README.md "Canonical text"), so the marker is
// rebuilt as uv's diagram first (uv_marker_internal.h) and printed from there:
//   - python_version is written as python_full_version with release-only bounds
//     (`python_version > '3.8'` -> `python_full_version >= '3.9'`, an x.y range -> `== 'x.y.*'`,
//     its complement -> `!= 'x.y.*'`);
//   - `platform_system` tests of Windows, Darwin, Linux, AIX, Emscripten and Android are the
//     matching `sys_platform` tests (uv's algebra.rs normalises them);
//   - each extra is a boolean of its own, so `extra == 'a' and extra == 'b'` is satisfiable
//     (roost's algebra has one `extra` value; lowering computes such markers with
//     `'a' in extras` terms, see uv_extras_encoded_text, which print as `extra == 'a'`);
//   - a value set whose complement is a few points becomes `!=` terms; terms are sorted by
//     variable (implementation_version, python_full_version, implementation_name, os_name,
//     platform_machine, platform_python_implementation, platform_release, platform_system,
//     platform_version, sys_platform, extra) and clauses by their variable lists; redundant
//     terms and clauses are dropped with uv's rules; a multi-term clause among several is
//     parenthesised.
// TODO(pep508): the printer belongs beside marker_print.cc; it lives here because project/ is
// the only layer that writes uv's text today.
#pragma once

#include <string>
#include <string_view>

#include "pep508/marker.h"

namespace roost::project {

// "" for a marker that is always true.
std::string uv_marker_text(const pep508::Marker& marker);

// The marker with the `platform_system` tests uv reads as `sys_platform` tests rewritten, so
// roost's algebra compares it the way uv does (`platform_system != 'Windows'` equals
// `sys_platform != 'win32'`). Other markers come back unchanged.
pep508::Marker uv_normalized(const pep508::Marker& marker);

// uv's order of two markers: its MarkerTree's Ord, a structural comparison of its decision
// diagram (`True` < `False` < version < string < in < list < extra, then edge by edge), not of
// the text. uv sorts requirement sets in uv.lock by it, so `python_full_version >= '3.10' and
// extra == 'x'` comes before `python_full_version < '3.10' and extra == 'x'`. <0, 0 or >0.
int compare_uv_markers(const pep508::Marker& a, const pep508::Marker& b);

// Marker text with every `extra == 'x'` / `extra != 'x'` (either quote, either order) written as
// `'x' in extras` / `'x' not in extras`: parsed, it gives roost's algebra one boolean per extra,
// as uv has, so `extra == 'a' and extra != 'b'` keeps its second half.
std::string uv_extras_encoded_text(std::string_view marker_text);

}  // namespace roost::project
