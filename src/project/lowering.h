// "Lowering" a discovered uv workspace (../shared/reference/uv.md §1.5-1.6): each member's
// declared requirements with their `[tool.uv.sources]` entries applied, the workspace's groups
// and Python requirement; and what uv records of them in uv.lock (`[package.metadata]`,
// `[manifest]`, §2).
//
//   ROOST_TRY(workspace::Workspace ws, workspace::discover_uv_workspace({.start = cwd}));
//   ROOST_TRY(LoweredWorkspace lowered, lower_workspace(ws));
//   for (const LoweredPackage& p : lowered.members) write(lock_metadata(p));
//   lock::Manifest manifest = lock_manifest(lowered);
//
// The rules are uv's (uv-distribution metadata/lowering.rs, requires_dist.rs):
//   - a member's own source for a name replaces the root's entirely; a source list gives one
//     requirement per source whose `extra` / `group` applies, each with the source's marker
//     and-ed into the requirement's, plus a registry requirement for whatever part of the
//     requirement's marker no source covers;
//   - `workspace = true` points at the member: editable, or `directory` when some source in the
//     workspace says `editable = false`, or `virtual` when the member is not a package;
//   - `path` sources are `directory` / `editable` / `path` (an archive), relative to the declaring
//     pyproject (the root's sources: to the root), recorded relative to the workspace root;
//   - `index = "name"` pins the URL of that `[[tool.uv.index]]` (the member's, then the root's);
//   - optional dependencies get `extra == '<name>'`; a group's `requires-python` setting
//     (`[tool.uv.dependency-groups]`) becomes a `python_full_version` marker on its requirements.
// Errors are uv's texts with the dependency's file:line:col (see lowering_test.cc).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "lock/lockfile.h"
#include "metadata/core_metadata.h"
#include "pep440/ranges.h"
#include "pep508/marker.h"
#include "pep508/names.h"
#include "pep508/requirement.h"
#include "workspace/workspace.h"

namespace roost::project {

struct LoweredRequirement {
  // The declared requirement; `marker` is the lowered one (source marker and-ed in, optional
  // dependencies' `extra == '...'` included).
  pep508::Requirement requirement;
  lock::SourceKind kind = lock::SourceKind::kRegistry;
  std::string index;  // kRegistry: the pinned index URL, as written in [[tool.uv.index]]
  // kGit: the repository URL with uv's query (`?subdirectory=..&lfs=true&rev|tag|branch=..`);
  // kUrl: the archive URL; kPath / kDirectory / kEditable / kVirtual: the path relative to the
  // workspace root, '/'-separated ("." for the root; absolute when written absolute).
  std::string location;
  std::string subdirectory;       // kUrl
  bool workspace_member = false;  // a `workspace = true` source
  // uv's `conflict` of an index source scoped to an extra or group of this project.
  std::optional<lock::ConflictItem> conflict;
  // The extras in the order written (uv.lock keeps that order); empty: requirement.extras.
  std::vector<std::string> extras_order;
};

using LoweredGroups = std::vector<std::pair<std::string, std::vector<LoweredRequirement>>>;

struct LoweredPackage {
  pep508::PackageName name;
  std::string version;  // normalised; empty when `version` is dynamic
  lock::Source source;  // editable / directory / virtual, root-relative ("." for the root)
  // [project].dependencies, then each extra's requirements with `extra == "x"`, as declared.
  std::vector<LoweredRequirement> requires_dist;
  std::vector<std::string> provides_extras;  // in the order written
  // PEP 735 groups, includes expanded, `tool.uv.dev-dependencies` appended to `dev`; by name.
  LoweredGroups groups;
  std::string requires_python;  // the member's own, as uv prints it ("" when absent)
  // `dependencies` / `optional-dependencies` are dynamic: what uv records comes from a build of
  // the package, so requires_dist / provides_extras here are only the static part.
  bool dynamic_requirements = false;
  std::filesystem::path directory;  // absolute
};

struct LoweredWorkspace {
  std::filesystem::path root;
  std::vector<LoweredPackage> members;  // sorted by name
  LoweredGroups root_groups;            // the groups of a virtual root only
  std::string requires_python_text;     // uv's `requires-python` ("" when no member sets one)
  pep440::VersionRanges requires_python = pep440::VersionRanges::full();
  bool single_project = false;  // one member and no virtual root: uv omits `members`
  // The root's `tool.uv` override / constraint / build-constraint dependencies (lowered with
  // the root's sources) and exclude-dependencies: the manifest's inputs.
  std::vector<LoweredRequirement> overrides;
  std::vector<LoweredRequirement> constraints;
  std::vector<LoweredRequirement> build_constraints;
  std::vector<std::string> excludes;
  std::vector<lock::DependencyMetadata> dependency_metadata;
  // The root's `tool.uv.required-environments`: each must get a usable distribution of every
  // package version the resolution picks for it (uv writes them as `required-markers`).
  std::vector<pep508::Marker> required_environments;
  // The root's `tool.uv.environments`: the only environments the lock covers (uv writes them as
  // `supported-markers`).
  std::vector<pep508::Marker> environments;
  // `tool.uv.conflicts` of the root and every member, as uv writes them in uv.lock.
  std::vector<std::vector<lock::ConflictItem>> conflicts;
  // Every index URL the workspace's pyprojects declare (member's and root's [[tool.uv.index]]).
  std::vector<std::string> declared_indexes;

  const LoweredPackage* find(const pep508::PackageName& name) const;
};

// uv workspaces only (kExplicit, kVirtual, kSingle); a dg workspace (kIsolated) is kUsage.
Result<LoweredWorkspace> lower_workspace(const workspace::Workspace& ws);

// A member's dynamic `dependencies` / `optional-dependencies` from its built core metadata:
// Requires-Dist lowered with the member's sources as uv lowers a build's (extras sorted, the
// `extra == "x"` markers as the backend wrote them), Provides-Extra as the extras. Replaces
// member.requires_dist / provides_extras and clears dynamic_requirements. kUsage when `ws` has
// no member of that name.
Result<void> apply_built_metadata(const workspace::Workspace& ws, const metadata::CoreMetadata& md,
                                  LoweredPackage& member);

// What uv reads of a path dependency's project (a source tree the lock records but that is not a
// member, e.g. `{ path = "../lib", editable = true }`): the project lowered in the workspace
// discovered from `dir`, with its paths recorded relative to `lock_root`. nullopt when `dir`
// holds no project, or one with dynamic requirements (uv then builds it for its metadata).
Result<std::optional<LoweredPackage>> lower_path_project(const std::filesystem::path& dir,
                                                         const std::filesystem::path& lock_root);

// lower_path_project for many path dependencies of one lock: each pyproject.toml above them is
// read once, and a project that is its own workspace (the common case: a plain project above
// it, or none) is lowered without a full discovery.
class PathProjects {
 public:
  explicit PathProjects(std::filesystem::path lock_root);
  ~PathProjects();
  PathProjects(const PathProjects&) = delete;
  PathProjects& operator=(const PathProjects&) = delete;

  Result<std::optional<LoweredPackage>> lower(const std::filesystem::path& dir);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The wire form uv writes for a requirement: extras sorted, marker in uv's spelling,
// specifier clauses sorted by version.
lock::Requirement to_lock_requirement(const LoweredRequirement& r);
// `[package.metadata]`: requires-dist sorted as uv's set, provides-extras as written, every
// group (empty ones kept).
lock::PackageMetadata lock_metadata(const LoweredPackage& p);
// `[manifest]`: members unless single_project, overrides / constraints / build-constraints,
// excludes, the virtual root's non-empty groups, dependency metadata.
lock::Manifest lock_manifest(const LoweredWorkspace& w);

// An order of requirements by name, extras, groups, marker text, then source. uv orders equal
// names and extras by marker *tree* (compare_uv_markers), which lock_metadata / lock_manifest
// apply from the lowered markers; this text-only order is their tie-break and what is left
// for requirements read back from a lock.
bool lock_requirement_less(const lock::Requirement& a, const lock::Requirement& b);

}  // namespace roost::project
