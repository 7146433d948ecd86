// From a lowered workspace to the resolver's input: every member a local package and a root (with
// all its extras and groups, as `uv lock` resolves them together), the virtual root's groups as
// root requirements, and the workspace's requires-python.
#pragma once

#include "base/result.h"
#include "project/lowering.h"
#include "resolve/python/model.h"

namespace roost::project {

// kUsage for what the resolver cannot take yet (path, git and URL sources outside the
// workspace, a member with a dynamic version), naming the requirement and its member.
Result<resolve::python::ResolveInput> resolve_input(const LoweredWorkspace& workspace);

}  // namespace roost::project
