// Pieces shared by the discovery files of this folder; not part of the workspace API.
#pragma once

#include "workspace/workspace.h"

namespace roost::workspace {

// Decides Member::is_package for every member (uv.md §1.5).
void mark_packages(Workspace& ws);

}  // namespace roost::workspace
