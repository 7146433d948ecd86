// The install set: from a uv.lock and what the user selected (`roost sync` / `roost run` flags),
// the exact distributions one environment must hold, each with the one file to install. Pure:
// the lock comes parsed, the interpreter as its marker environment and compatible tags.
//
//   InstallTarget target{.workspace_root = ws.root, .current_project = "app"};
//   InstallSelection selection{.extras = {"cli"}, .no_groups = {"docs"}};
//   ROOST_TRY(std::vector<InstallItem> items,
//             install_set(lock, target, selection, py.marker_environment(), tags));
//
// The rules are uv's (uv-lock installable.rs, uv install_target.rs, uv-configuration
// dependency_groups.rs; ../shared/reference/uv.md §3.2):
//   - the roots are the selected members: `--package` names, every member for `--all-packages`
//     or at a virtual root, else the current project;
//   - from each root: its `dependencies` and its selected extras' `optional-dependencies`
//     (unless `--only-group`), and its selected groups (`dev-dependencies` in the lock); a
//     virtual root's groups come from `[manifest.dependency-groups]`; with one member selected,
//     the root project's groups apply too when asked for by name and the member has no group
//     of that name (uv 0.12.1: never because of default groups);
//   - an edge is followed when its marker holds in the environment; `{ name, extra = [..] }`
//     also follows those extras of the target; `version` / `source` on an edge pick one of
//     several same-named packages; each (package, extra) is visited once;
//   - with `conflicts` in the lock, markers test the activated extras and groups as uv encodes
//     them (`extra == 'extra-3-foo-cpu'`, `extra == 'group-3-foo-dev'`), after a first pass
//     that collects every activated extra;
//   - a lock with `supported-markers` (`tool.uv.environments`) installs only where one of them
//     holds (uv's "The current Python platform is not compatible ..." otherwise);
//   - virtual packages are not installed (their edges are still followed), nor members under
//     `--only-group` unless a group names them, nor what the `--no-install-*` flags drop.
// Not handled: `--no-editable`, `--no-install-local`, no-binary / no-build settings,
// `tool.uv.required-environments` hints (see install_set_files.cc for the errors given).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "lock/lockfile.h"
#include "pep508/marker.h"
#include "tags/tag.h"

namespace roost::project {

// `tool.uv.default-groups` of the workspace root: `dev` unless the root says otherwise.
struct DefaultGroups {
  bool all = false;  // default-groups = "all"
  std::vector<std::string> groups = {"dev"};
};

// How `--dev` / `--no-dev` / `--only-dev` asked for the `dev` group. Kept apart from `groups`
// because uv does not check that `dev` exists for these flags (it does for `--group dev`).
enum class DevFlag : uint8_t { kNone, kDev, kNoDev, kOnlyDev };

// The command's selection flags. Names are as typed; they are normalised here.
struct InstallSelection {
  std::vector<std::string> packages;   // --package (repeatable)
  bool all_packages = false;           // --all-packages
  std::vector<std::string> extras;     // --extra
  std::vector<std::string> no_extras;  // --no-extra (with --all-extras: all but these)
  bool all_extras = false;
  std::vector<std::string> groups;       // --group
  std::vector<std::string> only_groups;  // --only-group: those groups, not the projects
  std::vector<std::string> no_groups;    // --no-group: always wins over inclusions
  bool all_groups = false;
  bool no_default_groups = false;
  DevFlag dev = DevFlag::kNone;
  bool no_install_project = false;
  bool no_install_workspace = false;
  std::vector<std::string> no_install_packages;
};

// What the workspace says beside the lock.
struct InstallTarget {
  std::filesystem::path workspace_root;  // absolute; editable / directory paths are under it
  // The member the command runs in (normalised name); nullopt at a virtual root, where every
  // member is installed. With one project, uv's lock omits `members` and the root package is it.
  std::optional<std::string> current_project;
  DefaultGroups default_groups;
};

struct InstallItem {
  enum class Kind : uint8_t {
    kRegistryWheel,  // a wheel from an index (`file` names it)
    kUrlWheel,       // a direct-URL wheel (`source.location`; `file` has its hash)
    kPathWheel,      // a local wheel (`source.location`, relative to the workspace root)
    kEditable,       // a source tree installed editable (`source_tree`)
    kDirectory,      // a source tree built and installed (`source_tree`)
    kGit,            // a git checkout to build (`source.location`)
    kSdist,          // a source archive to build: registry sdist, direct URL or local path
  };
  std::string name;     // normalised
  std::string version;  // as locked ("" for a source tree with a dynamic version)
  lock::Source source;
  Kind kind = Kind::kRegistryWheel;
  // The wheel with the best tag rank, or the sdist when no wheel fits; nullopt for source trees
  // and git. A URL / path sdist's entry may have only a hash (FileKind::kNone).
  std::optional<lock::Distribution> file;
  std::filesystem::path source_tree;  // kEditable / kDirectory: workspace root / location
  bool member = false;                // a workspace member
};

// The distributions to install, sorted by name (then version). Errors: kUsage for an unknown
// --package / --extra / --group or a selection the lock's conflicts forbid (uv's texts);
// kNotFound for a package without a usable file; kParse for a lock that contradicts itself
// (an edge to a missing package, an unparsable marker or wheel name).
Result<std::vector<InstallItem>> install_set(const lock::Lockfile& lock,
                                             const InstallTarget& target,
                                             const InstallSelection& selection,
                                             const pep508::MarkerEnvironment& env,
                                             std::span<const tags::Tag> compatible_tags);

}  // namespace roost::project
