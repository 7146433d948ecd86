// What a resolving command (`lock`, `pip compile`) does when only a PEP 517 build can tell a
// package's metadata: source trees with dynamic requirements and sdists without static metadata
// are built (project/source_builds.h) with an interpreter found on first need, the workspace
// venv's if there is one. Nothing is discovered or started while every metadata is static.
//
//   std::optional<python::Interpreter> interpreter;   // outlives the resolution
//   attach_metadata_builds(*session, root, interpreter, fetch, *source);
#pragma once

#include <filesystem>
#include <optional>

#include "cli/index_session.h"
#include "cli/uv_settings.h"
#include "project/source_packages.h"
#include "python/interpreter.h"
#include "resolve/python/index_source.h"

namespace roost::cli {

// Sets fetch.built_metadata and source's sdist metadata reader (a no-op without a cache).
// `session` and `interpreter` must outlive both.
// `settings`: the workspace's build constraints and config-settings (uv_settings.h).
void attach_metadata_builds(IndexSession& session, const std::filesystem::path& root,
                            std::optional<python::Interpreter>& interpreter,
                            project::SourceFetch& fetch,
                            resolve::python::IndexPackageSource& source,
                            BuildSettings settings = {});

}  // namespace roost::cli
