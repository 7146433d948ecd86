// uv's "satisfies" check of an existing uv.lock against the lowered workspace (uv-resolver
// lock/mod.rs `Lock::satisfies`, `normalize_requirement`), without building or network.
#include "project/lock_freshness.h"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "base/fs.h"
#include "base/sha256.h"
#include "pep440/specifier.h"
#include "pep508/marker.h"
#include "project/requires_python.h"
#include "project/source_packages.h"
#include "project/uv_marker.h"

namespace roost::project {
namespace {

using lock::SourceKind;

Freshness stale(std::string reason) {
  return Freshness{false, std::move(reason), {}};
}

// uv re-reads a direct URL wheel's metadata to check it; roost counts the URL as immutable
// (the lock pins its hash, and a changed URL in a pyproject shows up in the requirements), which
// keeps the check local. A local archive (kPath) is re-hashed: the same bytes as locked cannot
// have other metadata (path_archive_difference).
bool is_immutable(SourceKind kind) {
  return kind == SourceKind::kRegistry || kind == SourceKind::kGit || kind == SourceKind::kUrl;
}

// A short human form of a requirement for reasons: "idna>=3; sys_platform == 'linux'".
std::string describe(const lock::Requirement& r) {
  std::string out = r.name;
  if (!r.extras.empty()) {
    out += '[';
    for (size_t i = 0; i < r.extras.size(); ++i) out += (i ? "," : "") + r.extras[i];
    out += ']';
  }
  if (r.kind == SourceKind::kRegistry) {
    out += r.specifier;
    if (!r.index.empty()) out += " (index " + r.index + ")";
  } else {
    out += " @ " + std::string(lock::to_string(r.kind)) + " " + r.location;
  }
  if (!r.marker.empty()) out += "; " + r.marker;
  return out;
}

// uv's normalize_requirement, as a comparable key: extras sorted, the marker simplified under
// the lock's requires-python and printed canonically (equal functions print alike), the
// specifier as a version-sorted list, paths lexically normal.
class Normalizer {
 public:
  explicit Normalizer(const lock::Lockfile& lock) : requires_python_(lock.requires_python) {}

  std::string key(const lock::Requirement& r) const {
    std::vector<std::string> extras = r.extras;
    std::sort(extras.begin(), extras.end());
    std::vector<std::string> groups = r.groups;
    std::sort(groups.begin(), groups.end());
    std::string k = r.name + '\x1f';
    for (const std::string& e : extras) k += e + ',';
    k += '\x1f';
    for (const std::string& g : groups) k += g + ',';
    k += '\x1f' + marker_key(r.marker) + '\x1f' + std::string(lock::to_string(r.kind)) + '\x1f';
    if (r.kind == SourceKind::kRegistry) {
      Result<pep440::SpecifierSet> spec = pep440::SpecifierSet::parse(r.specifier);
      k += (spec.ok() ? uv_specifiers_text(*spec, ",") : r.specifier) + '\x1f' + r.index;
      if (r.conflict)
        k += '\x1f' + r.conflict->package + '/' + r.conflict->extra + '/' + r.conflict->group;
    } else if (r.kind == SourceKind::kGit || r.kind == SourceKind::kUrl) {
      k += r.location + '\x1f' + r.subdirectory;
    } else {
      k += std::filesystem::path(r.location).lexically_normal().generic_string();
    }
    return k;
  }

 private:
  std::string marker_key(const std::string& text) const {
    if (text.empty()) return "";
    auto cached = markers_.find(text);
    if (cached != markers_.end()) return cached->second;
    // uv's reading: one boolean per extra, platform_system folded into sys_platform.
    Result<pep508::Marker> m = pep508::Marker::parse(uv_extras_encoded_text(text));
    std::string out = m.ok() ? uv_normalized(*m).simplify_python(python()).to_string() : text;
    markers_.emplace(text, out);
    return out;
  }

  const pep440::VersionRanges& python() const {
    if (!python_) {
      Result<pep440::SpecifierSet> spec = pep440::SpecifierSet::parse(requires_python_);
      python_ = spec.ok() ? pep440::VersionRanges::from(*spec) : pep440::VersionRanges::full();
    }
    return *python_;
  }

  std::string requires_python_;
  mutable std::optional<pep440::VersionRanges> python_;
  mutable std::unordered_map<std::string, std::string> markers_;
};

// Equal as uv's BTreeSets, or the first difference ("`x` is new", "`y` is gone").
std::optional<std::string> set_difference(const Normalizer& n,
                                          const std::vector<lock::Requirement>& ours,
                                          const std::vector<lock::Requirement>& theirs) {
  // What roost would write equals what uv wrote: the common case, no parsing needed.
  if (ours == theirs) return std::nullopt;
  std::map<std::string, const lock::Requirement*> now, locked;
  for (const lock::Requirement& r : ours) now.emplace(n.key(r), &r);
  for (const lock::Requirement& r : theirs) locked.emplace(n.key(r), &r);
  for (const auto& [key, r] : now) {
    if (!locked.count(key)) return "`" + describe(*r) + "` is new";
  }
  for (const auto& [key, r] : locked) {
    if (!now.count(key)) return "`" + describe(*r) + "` is gone";
  }
  return std::nullopt;
}

// Groups compared by name, each as a set; uv ignores empty groups here.
std::optional<std::string> groups_difference(const Normalizer& n,
                                             const std::vector<lock::RequirementGroup>& ours,
                                             const std::vector<lock::RequirementGroup>& theirs) {
  if (ours == theirs) return std::nullopt;
  std::map<std::string, const std::vector<lock::Requirement>*> now, locked;
  for (const auto& g : ours) {
    if (!g.requirements.empty()) now[g.name] = &g.requirements;
  }
  for (const auto& g : theirs) {
    if (!g.requirements.empty()) locked[g.name] = &g.requirements;
  }
  for (const auto& [name, reqs] : now) {
    if (!locked.count(name)) return "group `" + name + "` is new";
    if (auto d = set_difference(n, *reqs, *locked[name])) return "in group `" + name + "`, " + *d;
  }
  for (const auto& [name, reqs] : locked) {
    if (!now.count(name)) return "group `" + name + "` is gone";
  }
  return std::nullopt;
}

// The lock's packages by name, and edge resolution (a dependency names its package's version and
// source only when the name is ambiguous).
class PackageIndex {
 public:
  explicit PackageIndex(const lock::Lockfile& lock) : lock_(lock) {
    for (size_t i = 0; i < lock.packages.size(); ++i) by_name_[lock.packages[i].name].push_back(i);
  }

  const lock::Package* only(const std::string& name) const {
    auto it = by_name_.find(name);
    return it == by_name_.end() || it->second.size() != 1 ? nullptr
                                                          : &lock_.packages[it->second.front()];
  }

  std::optional<size_t> resolve(const lock::Dependency& d) const {
    auto it = by_name_.find(d.name);
    if (it == by_name_.end()) return std::nullopt;
    if (it->second.size() == 1) return it->second.front();
    for (size_t i : it->second) {
      const lock::Package& p = lock_.packages[i];
      if (!d.version.empty() && p.version != d.version) continue;
      if (d.source && !(p.source == *d.source)) continue;
      return i;
    }
    return std::nullopt;
  }

 private:
  const lock::Lockfile& lock_;
  std::unordered_map<std::string, std::vector<size_t>> by_name_;
};

bool same_version(const std::string& a, const std::string& b) {
  if (a == b) return true;
  Result<pep440::Version> x = pep440::Version::parse(a);
  Result<pep440::Version> y = pep440::Version::parse(b);
  return x.ok() && y.ok() && *x == *y;
}

std::string_view member_state(SourceKind kind) {
  switch (kind) {
    case SourceKind::kVirtual:
      return "virtual";
    case SourceKind::kEditable:
      return "editable";
    default:
      return "not editable";
  }
}

// uv: locks from before revision 1 record neither provides-extras nor empty groups.
bool supports_provides_extras(const lock::Lockfile& lock) {
  return lock.version > 1 || lock.revision >= 1;
}

std::optional<std::string> member_difference(const Normalizer& n, const lock::Lockfile& lock,
                                             const LoweredPackage& member,
                                             const lock::Package& locked,
                                             std::vector<std::string>* unverified) {
  const std::string name = "`" + member.name.str() + "`";
  if (member.version.empty() != locked.version.empty()) {
    return "the version of " + name +
           (member.version.empty() ? " is now dynamic" : " is no longer dynamic");
  }
  if (!member.version.empty() && !same_version(member.version, locked.version)) {
    return "the version of " + name + " changed (uv.lock: " + locked.version +
           ", now: " + member.version + ")";
  }
  // A metadata-free lock (revision 4) records no declarations to compare with.
  if (lock.revision >= 4 && locked.metadata.empty()) {
    unverified->push_back(member.name.str());
    return std::nullopt;
  }
  lock::PackageMetadata ours = lock_metadata(member);
  if (member.dynamic_requirements) {
    // uv takes these from a build of the package; only the groups are static.
    unverified->push_back(member.name.str());
  } else {
    if (supports_provides_extras(lock)) {
      std::set<std::string> a(ours.provides_extras.begin(), ours.provides_extras.end());
      std::set<std::string> b(locked.metadata.provides_extras.begin(),
                              locked.metadata.provides_extras.end());
      if (a != b) return "the extras of " + name + " changed";
    }
    if (auto d = set_difference(n, ours.requires_dist, locked.metadata.requires_dist)) {
      return "the requirements of " + name + " changed (" + *d + ")";
    }
  }
  if (auto d = groups_difference(n, ours.requires_dev, locked.metadata.requires_dev)) {
    return "the dependency groups of " + name + " changed (" + *d + ")";
  }
  return std::nullopt;
}

std::optional<std::string> members_difference(const lock::Manifest& ours,
                                              const lock::Manifest& theirs) {
  std::set<std::string> now(ours.members.begin(), ours.members.end());
  std::set<std::string> locked(theirs.members.begin(), theirs.members.end());
  for (const std::string& m : now) {
    if (!locked.count(m)) return "member `" + m + "` is new";
  }
  for (const std::string& m : locked) {
    if (!now.count(m)) return "member `" + m + "` is no longer in the workspace";
  }
  return std::nullopt;
}

std::optional<std::string> manifest_inputs_difference(const Normalizer& n,
                                                      const lock::Manifest& ours,
                                                      const lock::Manifest& theirs) {
  if (auto d = set_difference(n, ours.requirements, theirs.requirements))
    return "the workspace's requirements changed (" + *d + ")";
  if (auto d = set_difference(n, ours.constraints, theirs.constraints))
    return "the workspace's constraints changed (" + *d + ")";
  if (auto d = set_difference(n, ours.overrides, theirs.overrides))
    return "the workspace's overrides changed (" + *d + ")";
  if (auto d = set_difference(n, ours.build_constraints, theirs.build_constraints)) {
    return "the workspace's build constraints changed (" + *d + ")";
  }
  std::set<std::string> ex_now(ours.excludes.begin(), ours.excludes.end());
  std::set<std::string> ex_locked(theirs.excludes.begin(), theirs.excludes.end());
  if (ex_now != ex_locked) return "the workspace's excluded dependencies changed";
  if (auto d = groups_difference(n, ours.dependency_groups, theirs.dependency_groups)) {
    return "the workspace's dependency groups changed (" + *d + ")";
  }
  auto by_name = [](std::vector<lock::DependencyMetadata> v) {
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return v;
  };
  if (by_name(ours.dependency_metadata) != by_name(theirs.dependency_metadata)) {
    return "the workspace's dependency metadata changed";
  }
  return std::nullopt;
}

// A path dependency's project as uv reads it without building: a source tree (directory,
// editable, virtual) holding a static project of that name.
std::optional<LoweredPackage> path_project(const LoweredWorkspace& w, PathProjects& projects,
                                           const lock::Package& p, const MetadataLookup& built) {
  if (p.source.kind != SourceKind::kDirectory && p.source.kind != SourceKind::kEditable &&
      p.source.kind != SourceKind::kVirtual) {
    return std::nullopt;
  }
  std::filesystem::path dir(p.source.location);
  if (dir.is_relative()) dir = w.root / dir;
  Result<std::optional<LoweredPackage>> project = projects.lower(dir);
  if (project.ok() && !*project && built) {
    // Dynamic metadata: its last build's answer, read as the lock step read it.
    Result<std::optional<std::string>> text = built(dir.lexically_normal());
    if (!text.ok() || !*text) return std::nullopt;
    Result<LoweredPackage> from_build = lowered_from_metadata(**text, "`" + p.name + "`");
    if (!from_build.ok()) return std::nullopt;
    project = std::optional<LoweredPackage>(std::move(from_build).value());
  }
  if (!project.ok() || !*project || (*project)->name.str() != p.name) return std::nullopt;
  return std::move(**project);
}

// A local wheel or sdist against the hash the lock recorded for it: nullopt when the file has
// those bytes still, a reason when it changed, "" when it cannot be read (unverified).
std::optional<std::string> path_archive_difference(const LoweredWorkspace& w,
                                                   const lock::Package& p) {
  const lock::Distribution* locked = p.sdist ? &*p.sdist : nullptr;
  if (!locked && p.wheels.size() == 1) locked = &p.wheels.front();
  if (!locked || !locked->hash.starts_with("sha256:")) return "";
  std::filesystem::path file(p.source.location);
  if (file.is_relative()) file = w.root / file;
  Result<std::string> bytes = read_file(file);
  if (!bytes.ok()) return "";
  if (to_hex(sha256(*bytes)) == locked->hash.substr(7)) return std::nullopt;
  return "`" + p.source.location + "` changed since `" + p.name + "` was locked";
}

}  // namespace

Freshness check_lock_freshness(const LoweredWorkspace& w, const lock::Lockfile& lock,
                               const std::vector<std::string>& index_urls,
                               const MetadataLookup& built) {
  Normalizer normalizer(lock);
  // uv's "versions-only" tier: a different Python range needs a resolution of its own.
  if (!w.requires_python_text.empty() &&
      !same_requires_python(w.requires_python_text, lock.requires_python)) {
    return stale("the workspace's requires-python changed (uv.lock: `" + lock.requires_python +
                 "`, now: `" + w.requires_python_text + "`)");
  }
  auto texts = [&](const std::vector<pep508::Marker>& markers) {
    std::vector<std::string> out;
    for (const pep508::Marker& m : markers)
      out.push_back(uv_marker_text(m.simplify_python(w.requires_python)));
    return out;
  };
  if (texts(w.environments) != lock.supported_markers) {
    return stale("the workspace's environments changed");
  }
  if (texts(w.required_environments) != lock.required_markers) {
    return stale("the workspace's required-environments changed");
  }
  if (w.conflicts != lock.conflicts) return stale("the workspace's conflicts changed");
  lock::Manifest manifest = lock_manifest(w);
  if (auto d = members_difference(manifest, lock.manifest)) return stale(*d);

  PackageIndex packages(lock);
  for (const LoweredPackage& m : w.members) {
    const lock::Package* p = packages.only(m.name.str());
    if (!p) return stale("member `" + m.name.str() + "` is not in uv.lock");
    bool was_virtual = p->source.kind == SourceKind::kVirtual;
    bool is_virtual = m.source.kind == SourceKind::kVirtual;
    if (was_virtual != is_virtual) {
      return stale("member `" + m.name.str() +
                   (is_virtual ? "` is now virtual" : "` is no longer virtual"));
    }
    if (p->source.kind != m.source.kind) {
      return stale("member `" + m.name.str() + "` is now " +
                   std::string(member_state(m.source.kind)) +
                   " (uv.lock: " + std::string(member_state(p->source.kind)) + ")");
    }
    // Beyond uv, which would keep installing from the old path.
    if (p->source.location != m.source.location) {
      return stale("member `" + m.name.str() + "` moved (uv.lock: `" + p->source.location +
                   "`, now: `" + m.source.location + "`)");
    }
  }
  if (auto d = manifest_inputs_difference(normalizer, manifest, lock.manifest)) return stale(*d);

  // Walk from the members through mutable packages, as uv does.
  Freshness result;
  PathProjects projects(w.root);
  std::set<std::string> remotes(index_urls.begin(), index_urls.end());
  std::vector<char> seen(lock.packages.size(), 0);
  std::deque<size_t> queue;
  for (const LoweredPackage& m : w.members) {
    const lock::Package* p = packages.only(m.name.str());
    size_t i = static_cast<size_t>(p - lock.packages.data());
    seen[i] = 1;
    queue.push_back(i);
  }
  while (!queue.empty()) {
    const lock::Package& p = lock.packages[queue.front()];
    queue.pop_front();
    if (p.source.kind == SourceKind::kRegistry && !index_urls.empty() &&
        p.source.location.find("://") != std::string::npos && !remotes.count(p.source.location)) {
      return stale("`" + p.name + "==" + p.version + "` comes from `" + p.source.location +
                   "`, which is not a configured index");
    }
    if (is_immutable(p.source.kind)) continue;
    Result<pep508::PackageName> name = pep508::PackageName::parse(p.name);
    const LoweredPackage* member = name.ok() ? w.find(*name) : nullptr;
    if (member) {
      if (auto d = member_difference(normalizer, lock, *member, p, &result.unverified))
        return stale(*d);
    } else if (std::optional<LoweredPackage> project = path_project(w, projects, p, built)) {
      if (auto d = member_difference(normalizer, lock, *project, p, &result.unverified))
        return stale(*d);
    } else if (p.source.kind == SourceKind::kPath) {
      std::optional<std::string> d = path_archive_difference(w, p);
      if (d && d->empty()) {
        result.unverified.push_back(p.name);
      } else if (d) {
        return stale(*d);
      }
    } else {
      result.unverified.push_back(p.name);
    }
    // Indexes pinned by a checked requirement count as configured (uv: they may be declared in a
    // member rather than at the top level).
    for (const lock::Requirement& r : p.metadata.requires_dist) {
      if (!r.index.empty()) remotes.insert(r.index);
    }
    auto visit = [&](const std::vector<lock::Dependency>& deps) {
      for (const lock::Dependency& d : deps) {
        std::optional<size_t> i = packages.resolve(d);
        if (i && !seen[*i]) {
          seen[*i] = 1;
          queue.push_back(*i);
        }
      }
    };
    visit(p.dependencies);
    for (const lock::DependencyList& l : p.optional_dependencies) visit(l.dependencies);
    for (const lock::DependencyList& l : p.dev_dependencies) visit(l.dependencies);
  }
  return result;
}

}  // namespace roost::project
