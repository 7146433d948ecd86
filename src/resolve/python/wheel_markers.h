// The environments a wheel's platform tags can be installed in, as a marker: uv keeps in the
// lock only the wheels some environment reaching the package could use, so a package needed
// only on Windows keeps only its win_* wheels. Linux, macOS and Windows tags imply sys_platform
// and platform_machine; any other tag (any, freebsd_*, ...) implies nothing.
#pragma once

#include <vector>

#include "pep508/marker.h"

namespace roost::resolve::python {

// The union over `platforms` (a wheel's platform tags) of what each implies.
pep508::Marker implied_platform_marker(const std::vector<std::string>& platforms);

}  // namespace roost::resolve::python
