// Pieces shared by the lowering files of this folder (lowering.cc, lower_requirement.cc,
// lock_metadata.cc); not part of the project API.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "project/lowering.h"
#include "pyproject/pyproject.h"

namespace roost::project::detail {

// What every requirement of one workspace is lowered against.
struct LoweringContext {
  const workspace::Workspace* ws = nullptr;
  std::filesystem::path root;       // the workspace's root: absolute, lexically normal
  std::filesystem::path lock_root;  // where recorded paths are relative to (the lock's root)
  // uv's "required members": names given a `workspace = true` source anywhere, with the
  // `editable` those sources set (nullopt: not set, so editable).
  std::map<pep508::PackageName, std::optional<bool>> required;
  // Each member (ws->members is sorted by name) with how a `workspace = true` source for it is
  // recorded, computed once: lowering meets the same members in many requirements.
  struct MemberTarget {
    const workspace::Member* member;
    lock::SourceKind kind;  // kEditable, kDirectory or kVirtual
    std::string location;   // relative to the root
  };
  std::vector<MemberTarget> targets;

  const MemberTarget* target(const pep508::PackageName& name) const;

  // `extra == '<name>'` markers already parsed (a cache, hence mutable).
  mutable std::map<std::string, pep508::Marker, std::less<>> extra_conditions;
};

// Who declares a requirement, and where in that declarer it sits.
struct Scope {
  // The declaring project (null: the workspace itself, e.g. a virtual root's groups or the
  // manifest's override lists, where uv has no project name).
  const pep508::PackageName* project = nullptr;
  const pyproject::PyProject* file = nullptr;  // whose `tool.uv.sources` apply first
  std::optional<pep508::ExtraName> extra;      // the optional-dependency list it is in
  std::optional<pep508::GroupName> group;      // the dependency group it is in
  // The manifest's lists: uv's non-workspace lowering (no member checks, only `extra` scoping).
  bool non_workspace = false;
  // A member uv sees as a workspace of its own (see detached_from_root in lowering.cc): only
  // its own sources and indexes apply, and no other member is a member.
  bool detached = false;
  // Keep each requirement's extras in the order written (uv's static metadata); false for
  // metadata a build backend wrote (sorted).
  bool written_order = true;
};

// uv's "required members" of the workspace, or its editability conflict error.
Result<std::map<pep508::PackageName, std::optional<bool>>> required_members(
    const workspace::Workspace& ws);

// One declared requirement with its sources applied (uv's LoweredRequirement::from_requirement):
// appends one LoweredRequirement per applicable source plus the uncovered remainder.
// `condition` is the list's own condition (`extra == 'x'`, a group's requires-python, or true),
// and-ed into the requirement's marker. Errors are uv's, with the dependency's span.
Result<void> lower_requirement(const LoweringContext& ctx, const Scope& scope,
                               const pyproject::Dependency& dep, const pep508::Marker& condition,
                               std::vector<LoweredRequirement>* out);

// One member of `ws` lowered with its paths recorded relative to `lock_root` (a path
// dependency's project, in the workspace uv discovers from its directory).
Result<LoweredPackage> lower_one_member(const workspace::Workspace& ws,
                                        const workspace::Member& member,
                                        const std::filesystem::path& lock_root);

// `path` relative to `root`, '/'-separated ("." for the root itself).
std::string relative_path(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace roost::project::detail
