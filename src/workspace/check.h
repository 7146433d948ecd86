// Workspace-wide validation: the sources every member's dependencies lower to (uv.md §1.5), the
// indexes they name, and the workspace's Python range (§1.6). Every problem is returned, so
// `roost workspace check` can report them all in one run.
#pragma once

#include <optional>
#include <vector>

#include "base/result.h"
#include "pep440/specifier.h"
#include "pyproject/tool_uv.h"
#include "workspace/workspace.h"

namespace roost::workspace {

// The source entry that applies to `name` for `member`: the member's own entry wins entirely,
// else the root's (uv.md §1.5). Null when neither declares one.
const pyproject::SourceEntry* effective_source(const Workspace& ws, const Member& member,
                                               const pep508::PackageName& name);

// A path written in a source (`path = "../x"`, `workspace = "../other"`) as an absolute, normal
// path: relative paths resolve against the directory of the file that declared the entry (the
// root's sources against the root, a member's against the member).
std::filesystem::path resolve_source_path(const Workspace& ws, const Member& member,
                                          const pyproject::SourceEntry& entry, const std::string& written);

// Every source / index problem of every member (uv's texts, with a span at the dependency).
std::vector<Error> check_sources(const Workspace& ws);

// The workspace requires-python: every member's `project.requires-python` joined (clauses
// de-duplicated and sorted, as a SpecifierSet prints), nullopt when no member sets one. An
// empty intersection is uv's "Found conflicting Python requirements:" error listing each member.
Result<std::optional<pep440::SpecifierSet>> workspace_requires_python(const Workspace& ws);

}  // namespace roost::workspace

namespace roost::workspace {

struct WorkspaceCheck {
  std::optional<Workspace> workspace;  // when discovery finished
  std::vector<Error> errors;           // every problem found, in discovery order
  std::vector<pyproject::Warning> warnings;
};

// Everything `roost workspace check` validates: every pyproject.toml (and dg.toml), the
// structure, the sources and indexes of every member, and the Python range. A dg workspace is
// checked project by project, each as the uv root it is.
WorkspaceCheck check_workspace(const DiscoveryOptions& options);

}  // namespace roost::workspace
