// install_set(): the walk over the lock's graph from the selected roots (uv-lock
// installable.rs `to_resolution`), then the file of each installed package.
#include "project/install_set.h"

#include <algorithm>
#include <deque>
#include <utility>

#include "pep508/names.h"
#include "project/install_set_internal.h"

namespace roost::project {

using namespace install_detail;  // NOLINT(google-build-using-namespace): this file's own parts

namespace {

// A package's place in the graph. kKept: reached but not installed (a root under
// --only-group); uv keeps it out unless a dependency group names it.
enum class Node : uint8_t { kAbsent, kKept, kInstalled };

// (package, extra): "" is the package's own `dependencies`.
using Visit = std::pair<size_t, std::string>;

class Walk {
 public:
  Walk(const LockIndex& index, MarkerEvaluator& markers)
      : index_(index), markers_(markers), nodes_(index.lock().packages.size(), Node::kAbsent) {}

  bool installed(size_t i) const { return nodes_[i] == Node::kInstalled; }

  void add_root(size_t i, bool prod, const ExtraChoice& extras) {
    nodes_[i] = prod ? Node::kInstalled : Node::kKept;
    if (!prod) return;
    push(i, {});
    for (const lock::DependencyList& extra : index_.package(i).optional_dependencies)
      if (extras.contains(extra.name)) push_one(i, extra.name);
  }

  // An edge of a dependency group: what it reaches is installed, even a root --only-group left
  // out.
  Result<void> follow_group_edge(const lock::Dependency& dep) {
    ROOST_TRY(bool holds, markers_.holds(dep.marker));
    if (!holds) return {};
    ROOST_TRY(size_t target, index_.find(dep));
    nodes_[target] = Node::kInstalled;
    push(target, dep.extra);
    return {};
  }

  // A requirement of the manifest: a root of its own (`requirements`), or a virtual root's
  // group member (`dependency-groups`).
  Result<void> follow_requirement(const lock::Requirement& r, bool from_group, bool prod,
                                  const pep508::MarkerEnvironment& env) {
    ROOST_TRY(bool holds, markers_.holds(r.marker));
    if (!holds) return {};
    ROOST_TRY(size_t target, index_.find_by_markers(r.name, env));
    nodes_[target] = from_group || prod ? Node::kInstalled : Node::kKept;
    push(target, r.extras);
    return {};
  }

  // uv's first pass over a lock with conflicts: every extra that dependencies activate, so the
  // second pass evaluates conflict markers knowing all of them.
  Result<std::set<std::string>> collect_activated() {
    std::set<std::string> activated = markers_.activated();
    std::deque<Visit> queue = queue_;
    std::set<Visit> seen = seen_;
    while (!queue.empty()) {
      auto [from, extra] = queue.front();
      queue.pop_front();
      const std::vector<lock::Dependency>* deps = edges(from, extra);
      for (size_t k = 0; deps && k < deps->size(); ++k) {
        const lock::Dependency& dep = (*deps)[k];
        std::vector<std::string> added;
        for (const std::string& e : dep.extra)
          if (!activated.count(encode_extra(dep.name, e)))
            added.push_back(encode_extra(dep.name, e));
        ROOST_TRY_CONTEXT(bool holds, markers_.holds(dep.marker, added), context(from));
        if (!holds) continue;
        if (!added.empty()) {
          activated.insert(added.begin(), added.end());
          markers_.set_activated(activated);
        }
        ROOST_TRY_CONTEXT(size_t target, index_.find(dep), context(from));
        if (seen.insert({target, ""}).second) queue.push_back({target, ""});
        for (const std::string& e : dep.extra)
          if (seen.insert({target, e}).second) queue.push_back({target, e});
      }
    }
    return activated;
  }

  Result<void> run() {
    while (!queue_.empty()) {
      auto [from, extra] = queue_.front();
      queue_.pop_front();
      const std::vector<lock::Dependency>* deps = edges(from, extra);
      for (size_t k = 0; deps && k < deps->size(); ++k) {
        const lock::Dependency& dep = (*deps)[k];
        ROOST_TRY_CONTEXT(bool holds, markers_.holds(dep.marker), context(from));
        if (!holds) continue;
        ROOST_TRY_CONTEXT(size_t target, index_.find(dep), context(from));
        if (nodes_[target] == Node::kAbsent) nodes_[target] = Node::kInstalled;
        push(target, dep.extra);
      }
    }
    return {};
  }

 private:
  const std::vector<lock::Dependency>* edges(size_t i, const std::string& extra) const {
    const lock::Package& p = index_.package(i);
    if (extra.empty()) return &p.dependencies;
    for (const lock::DependencyList& list : p.optional_dependencies)
      if (list.name == extra) return &list.dependencies;
    return nullptr;
  }

  std::string context(size_t i) const {
    return "while following the dependencies of `" + package_id(index_.package(i)) + "`";
  }

  void push_one(size_t i, const std::string& extra) {
    if (seen_.insert({i, extra}).second) queue_.push_back({i, extra});
  }
  void push(size_t i, const std::vector<std::string>& extras) {
    push_one(i, "");
    for (const std::string& e : extras) push_one(i, e);
  }

  const LockIndex& index_;
  MarkerEvaluator& markers_;
  std::vector<Node> nodes_;
  std::deque<Visit> queue_;
  std::set<Visit> seen_;
};

// The extras, groups and projects the selection itself activates, as conflict markers name them.
std::set<std::string> activated_by_selection(const LockIndex& index, const Roots& roots,
                                             const ExtraChoice& extras, const GroupChoice& groups) {
  std::set<std::string> out;
  for (size_t i : roots.packages) {
    const lock::Package& p = index.package(i);
    if (!groups.prod()) continue;
    out.insert(encode_project(p.name));
    for (const std::string& e : defined_extras(p))
      if (extras.contains(e)) out.insert(encode_extra(p.name, e));
  }
  std::vector<size_t> with_groups = roots.packages;
  if (roots.group_root) with_groups.push_back(*roots.group_root);
  for (size_t i : with_groups) {
    const lock::Package& p = index.package(i);
    for (const std::string& g : defined_groups(p))
      if (includes_group(index, roots, groups, p.name, g)) out.insert(encode_group(p.name, g));
  }
  return out;
}

// uv's InstallOptions::include_package: the --no-install-* flags.
bool kept_by_flags(const std::string& name, const LockIndex& index, const Roots& roots,
                   const InstallSelection& selection) {
  bool is_project = roots.project_name == name;
  if (selection.no_install_project && is_project) return false;
  if (selection.no_install_workspace && (is_project || index.is_member(name))) return false;
  for (const std::string& typed : selection.no_install_packages)
    if (pep508::PackageName::normalize(typed) == name) return false;
  return true;
}

// uv's check that the environment is one of the lock's supported environments (`supported-
// markers`, from `tool.uv.environments`), with its text.
Result<void> check_supported_platform(const lock::Lockfile& lock, MarkerEvaluator& markers) {
  if (lock.supported_markers.empty()) return {};
  std::string listed;
  for (const std::string& m : lock.supported_markers) {
    ROOST_TRY(bool holds, markers.holds(m));
    if (holds) return {};
    listed += (listed.empty() ? "`" : ", `") + m + "`";
  }
  return Error(ErrorKind::kUsage,
               "The current Python platform is not compatible with the lockfile's supported "
               "environments: " +
                   listed);
}

}  // namespace

Result<std::vector<InstallItem>> install_set(const lock::Lockfile& lock,
                                             const InstallTarget& target,
                                             const InstallSelection& selection,
                                             const pep508::MarkerEnvironment& env,
                                             std::span<const tags::Tag> compatible_tags) {
  LockIndex index(lock);
  GroupChoice groups(selection, target.default_groups);
  ExtraChoice extras(selection);
  ROOST_TRY(Roots roots, select_roots(index, target, selection, groups));
  ROOST_CHECK(validate_extras(index, roots, extras));
  ROOST_CHECK(validate_groups(index, roots, groups));

  MarkerEvaluator markers(env);
  if (!lock.conflicts.empty()) {
    std::set<std::string> activated = activated_by_selection(index, roots, extras, groups);
    ROOST_CHECK(detect_conflicts(index, activated));
    markers.set_activated(std::move(activated));
  }
  ROOST_CHECK(check_supported_platform(lock, markers));

  Walk walk(index, markers);
  for (size_t i : roots.packages) walk.add_root(i, groups.prod(), extras);
  // The groups of the roots, and of the workspace root project when a member inherits them; the
  // group root itself is not installed for that.
  std::vector<size_t> with_groups = roots.packages;
  if (roots.group_root) with_groups.push_back(*roots.group_root);
  for (size_t i : with_groups) {
    const lock::Package& p = index.package(i);
    for (const lock::DependencyList& group : p.dev_dependencies) {
      if (!includes_group(index, roots, groups, p.name, group.name)) continue;
      for (const lock::Dependency& dep : group.dependencies)
        ROOST_CHECK(walk.follow_group_edge(dep));
    }
  }
  for (const lock::Requirement& r : lock.manifest.requirements)
    ROOST_CHECK(walk.follow_requirement(r, false, groups.prod(), env));
  for (const lock::RequirementGroup& group : lock.manifest.dependency_groups) {
    if (!includes_group(index, roots, groups, std::nullopt, group.name)) continue;
    for (const lock::Requirement& r : group.requirements)
      ROOST_CHECK(walk.follow_requirement(r, true, groups.prod(), env));
  }
  if (!lock.conflicts.empty()) {
    ROOST_TRY(std::set<std::string> activated, walk.collect_activated());
    ROOST_CHECK(check_conflicting_extras(index, activated));
    markers.set_activated(std::move(activated));
  }
  ROOST_CHECK(walk.run());

  FileChooser files(target, env, compatible_tags);
  std::vector<InstallItem> items;
  for (size_t i = 0; i < lock.packages.size(); ++i) {
    const lock::Package& p = lock.packages[i];
    if (!walk.installed(i) || p.source.kind == lock::SourceKind::kVirtual) continue;
    if (!kept_by_flags(p.name, index, roots, selection)) continue;
    ROOST_TRY(InstallItem item, files.item(p));
    item.member = index.is_member(p.name);
    items.push_back(std::move(item));
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const InstallItem& a, const InstallItem& b) { return a.name < b.name; });
  return items;
}

}  // namespace roost::project
