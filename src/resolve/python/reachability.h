// Where each package of a universal resolution can be installed at all, and the edges that can
// never be followed. A package's reachability is the union, over the edges that reach it, of
// "its parent is reachable and the edge's marker holds". uv drops a dependency whose marker
// contradicts every path to its parent (`a ; sys_platform == 'win32'` depending on
// `b ; sys_platform == 'linux'` never installs b), drops packages no path reaches, and writes
// no marker on an edge its parent's reachability already implies.
#pragma once

#include "pep440/ranges.h"
#include "resolve/python/model.h"

namespace roost::resolve::python {

// Sets ResolvedPackage::reachable, removes unreachable edges and packages (renumbering edge
// targets), and simplifies edge markers that their parent's reachability implies (and, within
// a restricted `universe`, drops from them what the universe implies). Markers are
// judged inside `requires_python` (python_full_version); the roots are reachable where
// `universe` holds (the supported environments' union, true when unrestricted).
// `simplify_edges` false keeps the edge markers as they are (uv's locks with conflicts).
void prune_unreachable(Resolution& resolution, const pep440::VersionRanges& requires_python,
                       const pep508::Marker& universe = pep508::Marker::always_true(),
                       bool simplify_edges = true);

}  // namespace roost::resolve::python
