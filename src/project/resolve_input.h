// From a lowered workspace to the resolver's input: every member a local package and a root (with
// all its extras and groups, as `uv lock` resolves them together), then every sourced package
// (path, git and URL sources, source_packages.h) a local package that is not a root, the virtual
// root's groups as root requirements, and the workspace's requires-python.
#pragma once

#include "base/result.h"
#include "project/lowering.h"
#include "project/source_packages.h"
#include "resolve/python/model.h"

namespace roost::project {

// Local package i is member i for i < members.size(), then sourced.packages[i - members.size()].
// kUsage for a non-registry requirement `sourced` does not hold, naming it and its owner.
Result<resolve::python::ResolveInput> resolve_input(const LoweredWorkspace& workspace,
                                                    const SourcedPackages& sourced);

// uv's checks of `tool.uv.environments` before a resolution: each environment meets the
// workspace's requires-python, and no two overlap (kUsage with uv's texts, the hint saying what
// to write instead).
Result<void> check_environments(const LoweredWorkspace& workspace);

}  // namespace roost::project
