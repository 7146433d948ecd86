// A resolution written as uv.lock: packages, edges, files and forks in uv's order and spelling
// (../shared/reference/uv.md §2), members with their `[package.metadata]`, and the manifest.
#pragma once

#include "lock/lockfile.h"
#include "project/lowering.h"
#include "project/source_packages.h"
#include "resolve/python/model.h"

namespace roost::project {

// `sourced` are the resolution's non-member local packages (resolve_input.h's numbering).
lock::Lockfile build_lock(const LoweredWorkspace& workspace, const SourcedPackages& sourced,
                          const resolve::python::Resolution& resolution);

}  // namespace roost::project
