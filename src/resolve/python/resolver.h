// Universal (or single-environment) resolution of Python requirements: PubGrub per fork, forks
// split where one package is required under different markers (`numpy>=2; python_version >=
// '3.10'` beside `numpy<2; python_version < '3.10'`), and the forks' solutions merged into one
// Resolution with each package's forks and each edge's marker.
//
//   ROOST_TRY(Resolution r, resolve(input, options, source));
//   // no solution: an error of kind kUnsatisfiable whose message explains why, in prose
#pragma once

#include "base/result.h"
#include "resolve/python/model.h"
#include "resolve/python/package_source.h"

namespace roost::resolve::python {

Result<Resolution> resolve(const ResolveInput& input, const ResolveOptions& options,
                           PackageSource& source);

}  // namespace roost::resolve::python
