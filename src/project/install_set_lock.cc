// Looking packages up in a lock and evaluating its markers, for install_set().
#include <utility>

#include "project/install_set_internal.h"
#include "project/uv_marker.h"

namespace roost::project::install_detail {

namespace {

// The root project's source: a source tree at the workspace root itself.
bool is_workspace_root(const lock::Source& source) {
  switch (source.kind) {
    case lock::SourceKind::kEditable:
    case lock::SourceKind::kVirtual:
    case lock::SourceKind::kDirectory:
      return source.location == "." || source.location.empty();
    default:
      return false;
  }
}

}  // namespace

LockIndex::LockIndex(const lock::Lockfile& lock) : lock_(lock) {
  for (size_t i = 0; i < lock.packages.size(); ++i) {
    by_name_[lock.packages[i].name].push_back(i);
    if (!root_ && is_workspace_root(lock.packages[i].source)) root_ = i;
  }
  members_ = lock.manifest.members;
  if (members_.empty() && root_) members_.push_back(lock.packages[*root_].name);
  member_set_.insert(members_.begin(), members_.end());
}

Result<size_t> LockIndex::find(const lock::Dependency& dep) const {
  auto it = by_name_.find(dep.name);
  if (it == by_name_.end())
    return make_error(ErrorKind::kParse, "the lock has no package `" + dep.name + "`");
  if (it->second.size() == 1) return it->second.front();
  std::optional<size_t> found;
  for (size_t i : it->second) {
    const lock::Package& p = lock_.packages[i];
    if (!dep.version.empty() && p.version != dep.version) continue;
    if (dep.source && p.source != *dep.source) continue;
    if (found)
      return make_error(ErrorKind::kParse, "the lock has several packages named `" + dep.name +
                                               "` and the dependency does not say which");
    found = i;
  }
  if (!found)
    return make_error(ErrorKind::kParse, "the lock has no package `" + dep.name + "` at version `" +
                                             dep.version +
                                             "` from the source the dependency names");
  return *found;
}

Result<size_t> LockIndex::find_unique(const std::string& name) const {
  auto it = by_name_.find(name);
  if (it == by_name_.end())
    return make_error(ErrorKind::kNotFound, "Could not find root package `" + name + "`");
  if (it->second.size() > 1)
    return make_error(ErrorKind::kParse, "Found multiple packages matching `" + name + "`");
  return it->second.front();
}

Result<size_t> LockIndex::find_by_markers(const std::string& name,
                                          const pep508::MarkerEnvironment& env) const {
  auto it = by_name_.find(name);
  if (it == by_name_.end())
    return make_error(ErrorKind::kNotFound, "Could not find root package `" + name + "`");
  if (it->second.size() == 1) return it->second.front();
  for (size_t i : it->second) {
    const lock::Package& p = lock_.packages[i];
    if (p.resolution_markers.empty()) return i;
    for (const std::string& text : p.resolution_markers) {
      ROOST_TRY(pep508::Marker marker, pep508::Marker::parse(text));
      ROOST_TRY(bool holds, marker.evaluate(env));
      if (holds) return i;
    }
  }
  return make_error(ErrorKind::kParse, "Found multiple packages matching `" + name + "`");
}

std::string package_id(const lock::Package& p) {
  std::string kind;
  switch (p.source.kind) {
    case lock::SourceKind::kRegistry:
      kind = "registry";
      break;
    case lock::SourceKind::kGit:
      kind = "git";
      break;
    case lock::SourceKind::kUrl:
      kind = "direct";
      break;
    case lock::SourceKind::kPath:
      kind = "path";
      break;
    case lock::SourceKind::kDirectory:
      kind = "directory";
      break;
    case lock::SourceKind::kEditable:
      kind = "editable";
      break;
    case lock::SourceKind::kVirtual:
      kind = "virtual";
      break;
  }
  std::string id = p.name;
  if (!p.version.empty()) id += "==" + p.version;
  return id + " @ " + kind + "+" + p.source.location;
}

std::string encode_extra(std::string_view package, std::string_view extra) {
  return "extra-" + std::to_string(package.size()) + "-" + std::string(package) + "-" +
         std::string(extra);
}

std::string encode_group(std::string_view package, std::string_view group) {
  return "group-" + std::to_string(package.size()) + "-" + std::string(package) + "-" +
         std::string(group);
}

std::string encode_project(std::string_view package) {
  return "project-" + std::to_string(package.size()) + "-" + std::string(package);
}

std::string encode(const lock::ConflictItem& item) {
  if (!item.extra.empty()) return encode_extra(item.package, item.extra);
  if (!item.group.empty()) return encode_group(item.package, item.group);
  return encode_project(item.package);
}

MarkerEvaluator::MarkerEvaluator(const pep508::MarkerEnvironment& env)
    : env_(env), prepared_(env) {}

void MarkerEvaluator::set_activated(std::set<std::string> encoded) {
  activated_ = std::move(encoded);
  activated_env_.reset();
}

Result<bool> MarkerEvaluator::holds(const std::string& text,
                                    const std::vector<std::string>& extra_activated) {
  if (text.empty()) return true;
  auto it = cache_.find(text);
  bool names_extras = text.find("extra") != std::string::npos;
  if (it == cache_.end()) {
    // uv's `extra` terms are one boolean per encoded name, so `extra == 'a' and extra == 'b'`
    // can hold; roost's `'a' in extras` terms read them that way.
    Result<pep508::Marker> parsed =
        pep508::Marker::parse(names_extras ? uv_extras_encoded_text(text) : text);
    if (!parsed)
      return std::move(parsed).error().with_context("while reading the marker `" + text + "`");
    it = cache_.emplace(text, std::move(parsed).value()).first;
  }
  // Most markers do not name extras: they use the environment prepared once. The others (only
  // in locks with conflicts) see the activated names as the `extras` set.
  if (!names_extras) return it->second.evaluate(prepared_);
  auto with_extras = [&](const std::vector<std::string>& more) {
    pep508::MarkerEnvironment env = env_;
    env.extras = activated_;
    env.extras->insert(more.begin(), more.end());
    return pep508::PreparedEnvironment(env);
  };
  if (!extra_activated.empty()) return it->second.evaluate(with_extras(extra_activated));
  if (!activated_env_) activated_env_.emplace(with_extras({}));
  return it->second.evaluate(*activated_env_);
}

}  // namespace roost::project::install_detail
