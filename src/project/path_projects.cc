// Path dependencies' projects as uv reads them (uv-distribution `RequiresDist::
// from_project_maybe_workspace`): the project in the workspace discovered from its directory
// (uv.md §1.2), lowered with its paths recorded relative to the lock's root.
#include <algorithm>
#include <atomic>
#include <map>
#include <system_error>
#include <thread>

#include "project/lowering.h"
#include "project/lowering_internal.h"
#include "workspace/member_filter.h"

namespace roost::project {

namespace fs = std::filesystem;

struct PathProjects::State {
  fs::path lock_root;
  // Parsed pyproject.toml files by directory (null: none, or unreadable).
  std::map<fs::path, std::shared_ptr<const pyproject::PyProject>> files;
  // Full discoveries, by the root they found.
  std::map<fs::path, std::shared_ptr<const workspace::Workspace>> workspaces;

  std::shared_ptr<const pyproject::PyProject> file(const fs::path& dir) {
    auto it = files.find(dir);
    if (it != files.end()) return it->second;
    std::shared_ptr<const pyproject::PyProject> parsed;
    std::error_code ec;
    if (fs::is_regular_file(dir / "pyproject.toml", ec)) {
      Result<pyproject::PyProject> p = pyproject::read_pyproject(dir / "pyproject.toml");
      if (p.ok()) parsed = std::make_shared<const pyproject::PyProject>(std::move(p).value());
    }
    files.emplace(dir, parsed);
    return parsed;
  }

  // The directory above `dir` whose pyproject.toml uv's upward search stops at, if any.
  std::optional<fs::path> first_ancestor_with_pyproject(const fs::path& dir) {
    std::error_code ec;
    for (fs::path above = dir.parent_path(); above != dir && !above.empty();
         above = above.parent_path()) {
      if (files.count(above) ? files[above] != nullptr
                             : fs::is_regular_file(above / "pyproject.toml", ec)) {
        return above;
      }
      if (above == above.root_path()) break;
    }
    return std::nullopt;
  }

  // Whether uv would find a workspace other than the project itself: it declares one, or the
  // first pyproject.toml above it declares one that includes it.
  Result<bool> in_a_workspace(const fs::path& dir, const pyproject::PyProject& own) {
    if (own.has_workspace()) return true;
    std::optional<fs::path> above = first_ancestor_with_pyproject(dir);
    if (!above) return false;
    std::shared_ptr<const pyproject::PyProject> parent = file(*above);
    if (!parent || !parent->has_workspace()) return false;
    ROOST_TRY(workspace::MemberFilter filter,
              workspace::MemberFilter::create(*above, *parent->tool_uv->workspace));
    return filter.matches_member(dir) && !filter.is_excluded(dir);
  }
};

PathProjects::PathProjects(fs::path lock_root) : state_(std::make_unique<State>()) {
  state_->lock_root = fs::absolute(lock_root).lexically_normal();
}
PathProjects::~PathProjects() = default;

Result<std::optional<LoweredPackage>> PathProjects::lower(const fs::path& dir) {
  fs::path at = fs::absolute(dir).lexically_normal();
  if (at.has_relative_path() && at.filename().empty()) at = at.parent_path();
  // uv reads a path dependency statically only when it is a project (pyproject.toml with
  // [project]); otherwise it builds it.
  std::shared_ptr<const pyproject::PyProject> own = state_->file(at);
  if (!own || !own->project || !own->is_managed()) return std::optional<LoweredPackage>();
  // Dynamic requirements come from a build: nothing to lower.
  if (own->project->is_dynamic("dependencies") ||
      own->project->is_dynamic("optional-dependencies")) {
    return std::optional<LoweredPackage>();
  }
  ROOST_TRY(bool shared, state_->in_a_workspace(at, *own));
  if (shared) {
    // One discovery per workspace: path dependencies are often members of the same one.
    std::shared_ptr<const workspace::Workspace> ws;
    for (const auto& [root, known] : state_->workspaces) {
      if (std::any_of(known->members.begin(), known->members.end(),
                      [&](const workspace::Member& m) { return m.path == at; })) {
        ws = known;
      }
    }
    if (!ws) {
      ROOST_TRY(workspace::Workspace found, workspace::discover_uv_workspace({.start = at}));
      ws = std::make_shared<const workspace::Workspace>(std::move(found));
      state_->workspaces.emplace(ws->root, ws);
    }
    for (const workspace::Member& m : ws->members) {
      if (m.path != at) continue;
      ROOST_TRY(LoweredPackage p, detail::lower_one_member(*ws, m, state_->lock_root));
      return std::optional<LoweredPackage>(std::move(p));
    }
    return std::optional<LoweredPackage>();
  }
  // Its own single-project workspace (uv.md §1.1), as discovery would build it.
  workspace::Workspace ws;
  ws.root = at;
  ws.kind = workspace::WorkspaceKind::kSingle;
  ws.root_pyproject = own;
  workspace::Member member{own->project->name, at, true, true, own};
  ws.members.push_back(std::move(member));
  using Required = std::map<pep508::PackageName, std::optional<bool>>;
  ROOST_TRY(Required required, detail::required_members(ws));
  ws.members.front().is_package =
      own->tool_uv && own->tool_uv->package
          ? *own->tool_uv->package
          : own->build_system.has_value() || required.count(own->project->name) > 0;
  ROOST_TRY(LoweredPackage p, detail::lower_one_member(ws, ws.members.front(), state_->lock_root));
  return std::optional<LoweredPackage>(std::move(p));
}

}  // namespace roost::project
