#include "project/resolve_input.h"

#include "project/uv_marker.h"

namespace roost::project {
namespace {

using resolve::python::Requirement;

Result<Requirement> lower_one(const LoweredWorkspace& w, const SourcedPackages& sourced,
                              const LoweredRequirement& r, const std::string& owner) {
  Requirement out{r.requirement, std::nullopt};
  if (r.kind == lock::SourceKind::kRegistry) return out;
  if (std::optional<size_t> i = sourced.index_of(r)) {
    out.local = w.members.size() + *i;
    return out;
  }
  for (size_t i = 0; i < w.members.size(); ++i) {
    if (w.members[i].name == r.requirement.name) {
      out.local = i;
      return out;
    }
  }
  return Error(ErrorKind::kInternal, "`" + r.requirement.name.str() + "` (required by " + owner +
                                         ") comes from a " + std::string(lock::to_string(r.kind)) +
                                         " source that was not fetched");
}

Result<std::vector<Requirement>> lower_all(const LoweredWorkspace& w,
                                           const SourcedPackages& sourced,
                                           const std::vector<LoweredRequirement>& reqs,
                                           const std::string& owner) {
  std::vector<Requirement> out;
  for (const LoweredRequirement& r : reqs) {
    ROOST_TRY(Requirement one, lower_one(w, sourced, r, owner));
    out.push_back(std::move(one));
  }
  return out;
}

Result<resolve::python::LocalPackage> local_package(const LoweredWorkspace& w,
                                                    const SourcedPackages& sourced,
                                                    const LoweredPackage& m) {
  std::string text = m.version.empty() ? "0" : m.version;
  Result<pep440::Version> version = pep440::Version::parse(text);
  if (!version.ok()) return version.error();
  std::vector<std::string> extras;
  for (const std::string& e : m.provides_extras)
    extras.push_back(pep508::PackageName::normalize(e));
  resolve::python::LocalPackage local{m.name, *version, {}, std::move(extras), {}};
  ROOST_TRY(local.dependencies, lower_all(w, sourced, m.requires_dist, "`" + m.name.str() + "`"));
  for (const auto& [group, reqs] : m.groups) {
    ROOST_TRY(std::vector<Requirement> lowered,
              lower_all(w, sourced, reqs, "the `" + group + "` group of `" + m.name.str() + "`"));
    local.groups.emplace_back(group, std::move(lowered));
  }
  return local;
}

}  // namespace

Result<resolve::python::ResolveInput> resolve_input(const LoweredWorkspace& w,
                                                    const SourcedPackages& sourced) {
  resolve::python::ResolveInput in;
  for (const LoweredPackage& m : w.members) {
    ROOST_TRY(resolve::python::LocalPackage local, local_package(w, sourced, m));
    in.root_locals.push_back(in.locals.size());
    in.locals.push_back(std::move(local));
  }
  for (const SourcedPackage& p : sourced.packages) {
    ROOST_TRY(resolve::python::LocalPackage local, local_package(w, sourced, p.lowered));
    in.locals.push_back(std::move(local));
  }
  for (const auto& [group, reqs] : w.root_groups) {
    ROOST_TRY(std::vector<Requirement> lowered,
              lower_all(w, sourced, reqs, "the workspace's `" + group + "` group"));
    for (Requirement& r : lowered) in.requirements.push_back(std::move(r));
  }
  for (const std::vector<lock::ConflictItem>& set : w.conflicts) {
    resolve::python::ConflictSet items;
    for (const lock::ConflictItem& i : set) items.push_back({i.package, i.extra, i.group});
    in.conflicts.push_back(std::move(items));
  }
  return in;
}

Result<void> check_environments(const LoweredWorkspace& w) {
  const std::vector<pep508::Marker>& envs = w.environments;
  for (const pep508::Marker& m : envs) {
    if (!m.python_range().intersect(w.requires_python).has_final_release()) {
      return Error(ErrorKind::kUsage, "Environment markers `" + uv_marker_text(m) +
                                          "` don't overlap with Python requirement `" +
                                          w.requires_python_text + "`");
    }
  }
  for (size_t i = 0; i < envs.size(); ++i) {
    for (size_t j = i + 1; j < envs.size(); ++j) {
      if (envs[i].is_disjoint(envs[j])) continue;
      std::string later = uv_marker_text(envs[j]);
      return Error(ErrorKind::kUsage,
                   "Supported environments must be disjoint, but the following markers overlap: `" +
                       uv_marker_text(envs[i]) + "` and `" + later + "`")
          .with_hint("replace `" + later + "` with `" +
                     uv_marker_text(envs[j].and_(envs[i].not_())) + "`");
    }
  }
  return {};
}

}  // namespace roost::project
