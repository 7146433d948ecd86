// plan_install (see plan.h).
#include "install/plan.h"

#include <algorithm>
#include <map>

namespace roost::install {
namespace {

std::string without_trailing_slash(std::string url) {
  while (url.size() > 1 && url.back() == '/') url.pop_back();
  return url;
}

std::string describe(const DistSource& s) {
  switch (s.kind) {
    case DistSource::Kind::kRegistry:
      return "a registry";
    case DistSource::Kind::kArchive:
      return s.url;
    case DistSource::Kind::kDirectory:
      return (s.editable ? "editable " : "") + s.url;
    case DistSource::Kind::kVcs:
      return s.url + "@" + s.commit;
  }
  return "?";
}

bool same_source(const DistSource& a, const DistSource& b) {
  if (a.kind != b.kind || a.editable != b.editable || a.commit != b.commit) return false;
  return without_trailing_slash(a.url) == without_trailing_slash(b.url);
}

}  // namespace

DistSource DistSource::of(const std::optional<metadata::DirectUrl>& direct_url) {
  DistSource s;
  if (!direct_url) return s;
  s.url = direct_url->url;
  if (const auto* dir = std::get_if<metadata::DirInfo>(&direct_url->info)) {
    s.kind = Kind::kDirectory;
    s.editable = dir->editable;
  } else if (const auto* vcs = std::get_if<metadata::VcsInfo>(&direct_url->info)) {
    s.kind = Kind::kVcs;
    s.commit = vcs->commit_id;
  } else {
    s.kind = Kind::kArchive;
  }
  return s;
}

Result<InstallPlan> plan_install(const std::vector<InstalledDistribution>& installed,
                                 const std::vector<WantedDist>& wanted,
                                 const PlanOptions& options) {
  std::map<pep508::PackageName, const WantedDist*> wanted_by_name;
  for (const WantedDist& w : wanted) {
    if (!wanted_by_name.emplace(w.name, &w).second) {
      return make_error(ErrorKind::kUsage, "plan_install: " + w.name.str() + " is wanted twice");
    }
  }
  std::map<pep508::PackageName, std::vector<const InstalledDistribution*>> installed_by_name;
  for (const InstalledDistribution& d : installed) installed_by_name[d.name].push_back(&d);

  InstallPlan plan;
  for (const auto& [name, copies] : installed_by_name) {
    if (wanted_by_name.count(name) == 0) {
      for (const InstalledDistribution* d : copies) plan.extraneous.push_back(*d);
    }
  }
  for (const auto& [name, want] : wanted_by_name) {
    auto it = installed_by_name.find(name);
    if (it == installed_by_name.end()) {
      plan.install.push_back(*want);
      continue;
    }
    const std::vector<const InstalledDistribution*>& copies = it->second;
    const InstalledDistribution& have = *copies.front();
    const DistSource have_source = DistSource::of(have.direct_url);
    std::string reason;
    if (copies.size() > 1) {
      reason = "installed " + std::to_string(copies.size()) + " times";
    } else if (!have.has_record) {
      // RECORD is written last: without it an install was interrupted (or another tool broke
      // the distribution), so the files cannot be trusted to be all there.
      reason = "its install did not finish (no RECORD)";
    } else if (options.reinstall_all ||
               std::find(options.reinstall.begin(), options.reinstall.end(), name) !=
                   options.reinstall.end()) {
      reason = "asked to reinstall";
    } else if (have.version != want->version) {
      reason = have.version.to_string() + " is installed";
    } else if (!same_source(have_source, want->source)) {
      reason = "installed from " + describe(have_source);
    }
    if (reason.empty()) {
      plan.keep.push_back(have);
      continue;
    }
    Reinstall r{{}, *want, std::move(reason)};
    for (const InstalledDistribution* d : copies) r.installed.push_back(*d);
    plan.reinstall.push_back(std::move(r));
  }
  return plan;
}

}  // namespace roost::install
