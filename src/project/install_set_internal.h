// The parts of install_set() (install_set.h), shared by install_set.cc (the walk over the lock's
// graph), install_set_selection.cc (what the flags select, and their checks), install_set_lock.cc
// (looking packages up, evaluating markers) and install_set_files.cc (the file to install).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/result.h"
#include "lock/lockfile.h"
#include "pep508/marker.h"
#include "project/install_set.h"
#include "tags/ranking.h"
#include "tags/tag.h"

namespace roost::project::install_detail {

// uv's DependencyGroups with its defaults applied (uv-configuration dependency_groups.rs).
class GroupChoice {
 public:
  GroupChoice(const InstallSelection& selection, const DefaultGroups& defaults);
  // False under --only-group / --only-dev: the projects themselves and their dependencies are
  // left out, only the groups are installed.
  bool prod() const { return !only_groups_; }
  bool contains(const std::string& group) const;
  // Enabled, and only because it is a default group.
  bool contains_because_default(const std::string& group) const;
  // The groups named on the command line (not by --dev flags), which must exist.
  const std::vector<std::string>& explicit_names() const { return explicit_; }

 private:
  struct Include {
    bool all = false;
    std::vector<std::string> names;
    bool contains(const std::string& group) const;
  };
  Include with_defaults_, without_defaults_;
  std::vector<std::string> exclude_;
  std::vector<std::string> explicit_;
  bool only_groups_ = false;
};

// uv's ExtrasSpecification: --extra, --all-extras, --no-extra.
class ExtraChoice {
 public:
  explicit ExtraChoice(const InstallSelection& selection);
  bool contains(const std::string& extra) const;
  const std::vector<std::string>& explicit_names() const { return explicit_; }

 private:
  bool all_ = false;
  std::vector<std::string> include_, exclude_, explicit_;
};

// The lock's packages by name, its root package and its members.
class LockIndex {
 public:
  explicit LockIndex(const lock::Lockfile& lock);
  const lock::Lockfile& lock() const { return lock_; }
  const lock::Package& package(size_t i) const { return lock_.packages[i]; }
  // The package an edge points at: the only one of its name, else the one whose version and
  // source the edge names.
  Result<size_t> find(const lock::Dependency& dep) const;
  // The only package of this name (kNotFound / kParse otherwise).
  Result<size_t> find_unique(const std::string& name) const;
  // The package of this name that exists in the environment: the only one, or the one whose
  // `resolution-markers` hold (what uv's find_by_markers does for the manifest's requirements).
  Result<size_t> find_by_markers(const std::string& name,
                                 const pep508::MarkerEnvironment& env) const;
  // The project at the workspace root (source "."), if it is a package of the lock.
  std::optional<size_t> root() const { return root_; }
  // `[manifest] members`, or the root project alone when uv omitted the list.
  const std::vector<std::string>& members() const { return members_; }
  bool is_member(const std::string& name) const { return member_set_.count(name) > 0; }

 private:
  const lock::Lockfile& lock_;
  std::unordered_map<std::string, std::vector<size_t>> by_name_;
  std::optional<size_t> root_;
  std::vector<std::string> members_;
  std::set<std::string> member_set_;
};

// "`numpy==2.0.0 @ registry+https://pypi.org/simple`": how uv names a locked package in errors.
std::string package_id(const lock::Package& p);

// Lock markers, parsed once per distinct text and evaluated in the environment. `extra` terms
// are uv's conflict markers: they test the activated extras / groups / projects, encoded as uv
// encodes them (encode_extra and friends), rather than one `extra` value.
class MarkerEvaluator {
 public:
  explicit MarkerEvaluator(const pep508::MarkerEnvironment& env);
  void set_activated(std::set<std::string> encoded);
  const std::set<std::string>& activated() const { return activated_; }
  // `extra_activated`: names that count as activated for this evaluation only.
  Result<bool> holds(const std::string& marker,
                     const std::vector<std::string>& extra_activated = {});

 private:
  pep508::MarkerEnvironment env_;
  pep508::PreparedEnvironment prepared_;
  std::set<std::string> activated_;
  std::optional<pep508::PreparedEnvironment> activated_env_;  // env_ with activated_, when used
  std::unordered_map<std::string, pep508::Marker> cache_;
};

// uv's encodings of conflict items as extra names (uv-resolver universal_marker.rs).
std::string encode_extra(std::string_view package, std::string_view extra);
std::string encode_group(std::string_view package, std::string_view group);
std::string encode_project(std::string_view package);
std::string encode(const lock::ConflictItem& item);

// What the flags select, resolved against the lock.
struct Roots {
  std::vector<size_t> packages;  // the installation roots, in selection order
  // The project `--no-install-project` leaves out: the one selected project, or the current
  // project under --all-packages; none for several --package or at a virtual root.
  std::optional<std::string> project_name;
  // One project selected (`--package x`, or the current project): groups of the workspace
  // root then apply only when asked for by name, and uv's errors speak of "the project".
  std::optional<size_t> selected_project;
  // The workspace root project when its groups apply to a selected member (uv's group_root).
  std::optional<size_t> group_root;
};

Result<Roots> select_roots(const LockIndex& index, const InstallTarget& target,
                           const InstallSelection& selection, const GroupChoice& groups);

// Whether `group` of `package` (nullopt: the virtual root's `[manifest.dependency-groups]`) is
// installed, given the one selected project (uv's includes_group).
bool includes_group(const LockIndex& index, const Roots& roots, const GroupChoice& groups,
                    const std::optional<std::string>& package, const std::string& group);

// The group names a package defines in the lock (`dev-dependencies`, plus empty groups that only
// `[package.metadata.requires-dev]` records).
std::vector<std::string> defined_groups(const lock::Package& p);
// The extras a package defines (`provides-extras` and `optional-dependencies`).
std::vector<std::string> defined_extras(const lock::Package& p);

// uv's checks of the names on the command line and of the lock's declared conflicts.
Result<void> validate_extras(const LockIndex& index, const Roots& roots, const ExtraChoice& extras);
Result<void> validate_groups(const LockIndex& index, const Roots& roots, const GroupChoice& groups);
Result<void> detect_conflicts(const LockIndex& index, const std::set<std::string>& activated);
// After the first pass: two extras of one conflict set activated through dependencies.
Result<void> check_conflicting_extras(const LockIndex& index,
                                      const std::set<std::string>& activated);

// The item for an installed package: its kind and file (install_set_files.cc).
class FileChooser {
 public:
  FileChooser(const InstallTarget& target, const pep508::MarkerEnvironment& env,
              std::span<const tags::Tag> compatible_tags);
  Result<InstallItem> item(const lock::Package& p) const;

 private:
  Result<std::optional<size_t>> best_wheel(const lock::Package& p) const;
  std::string incompatible_hint(const lock::Package& p) const;

  const InstallTarget& target_;
  const pep508::MarkerEnvironment& env_;
  tags::TagRanking ranking_;
  // For the hints: the interpreter tags, (interpreter, ABI) pairs, and the names uv shows.
  std::set<std::string> interpreters_;
  std::set<std::pair<std::string, std::string>> interpreter_abis_;
  std::string best_interpreter_, best_platform_;
};

// The file name of a wheel entry (`url`, `path` or `filename`), percent-decoded.
std::string distribution_filename(const lock::Distribution& d);

}  // namespace roost::project::install_detail
