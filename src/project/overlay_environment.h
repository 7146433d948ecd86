// `roost run --with REQ`: the extra requirements in a cached environment layered over the
// project's. The overlay is a venv of the same base interpreter whose site-packages holds the
// extra packages and `_roost_overlay.pth`, which adds the project environment's site-packages
// as a site directory (its own .pth files, editables included, take effect): a command run with the
// overlay's python sees both, and the extra packages win where both hold one (as with uv's
// `--with`). Keyed by the pins and the project environment, so each project keeps its own overlay
// and a second run reuses it.
//
//   ROOST_TRY(CachedEnvironment overlay, overlay_environment({"rich"}, project_scheme, tools));
//   exec with PATH=overlay/bin:project/bin, VIRTUAL_ENV=overlay
#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "project/build_environment.h"
#include "python/scheme.h"

namespace roost::project {

Result<CachedEnvironment> overlay_environment(const std::vector<std::string>& requirements,
                                              const python::Scheme& base, const BuildTools& tools);

}  // namespace roost::project
