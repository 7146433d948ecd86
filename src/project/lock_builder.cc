#include "project/lock_builder.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "project/uv_marker.h"
#include "resolve/python/wheel_markers.h"
#include "tags/filename.h"

namespace roost::project {
namespace {

using resolve::python::Edge;
using resolve::python::Resolution;
using resolve::python::ResolvedPackage;

lock::Distribution distribution(const index::DistributionFile& f) {
  lock::Distribution d;
  d.kind = lock::FileKind::kUrl;
  d.location = f.url;
  auto sha = f.hashes.find("sha256");
  if (sha != f.hashes.end()) d.hash = "sha256:" + sha->second;
  d.size = f.size;
  d.upload_time = f.upload_time.value_or("");
  return d;
}

// uv leaves out wheels no Python in requires-python can install: every tag names an older
// CPython / PyPy / Python minor version than the range's floor, without the stable ABI.
bool wheel_too_old(const tags::WheelFilename& wheel, const pep440::VersionRanges& python) {
  if (python.intervals().empty() || !python.intervals().front().lower.version) return false;
  const pep440::Version& floor = *python.intervals().front().lower.version;
  if (floor.release().size() < 2) return false;
  uint64_t major = floor.release()[0], minor = floor.release()[1];
  for (const tags::Tag& tag : wheel.tags.expand()) {
    const std::string& py = tag.interpreter();
    if (tag.abi() == "abi3" || py.size() < 4) return false;  // "py3", "cp3": any minor
    std::string digits = py.substr(2);
    if (digits.empty() || digits[0] != '3' ||
        digits.find_first_not_of("0123456789") != std::string::npos) {
      return false;
    }
    uint64_t tag_minor = std::stoull(digits.substr(1));
    if (major != 3 || tag_minor >= minor) return false;
  }
  return true;
}

// Whether the lock keeps a wheel: some Python in range can use it, and some environment that
// reaches the package runs on one of its platforms.
bool keep_wheel(const std::string& filename, const pep440::VersionRanges& python,
                const pep508::Marker& reachable) {
  auto wheel = tags::WheelFilename::parse(filename);
  if (!wheel.ok()) return true;
  if (wheel_too_old(*wheel, python)) return false;
  if (reachable.is_true()) return true;
  pep508::Marker where =
      resolve::python::implied_platform_marker(wheel->tags.platforms()).and_(reachable);
  return !where.simplify_python(python).is_false();
}

class Builder {
 public:
  Builder(const LoweredWorkspace& w, const SourcedPackages& sourced, const Resolution& r)
      : w_(w), sourced_(sourced), r_(r) {
    for (const ResolvedPackage& p : r.packages) ++count_[p.name];
  }

  std::string marker(const pep508::Marker& m) const {
    // Python versions are releases (uv's view): a marker false only for pre-releases of some
    // Python (`< '3.13' or >= '3.13'` leaves 3.13.0rc1 out) is always true here.
    if (!m.not_().python_range().intersect(w_.requires_python).has_final_release()) return "";
    return uv_marker_text(m.simplify_python(w_.requires_python));
  }

  // uv's simplified_universal_markers: the forks' markers without their conflict part when
  // those are pairwise disjoint (each once; `true` is not written), else with it.
  std::vector<std::string> fork_markers(const std::vector<size_t>& forks) const {
    auto conflicts = [&](size_t f) {
      return f < r_.fork_conflicts.size() ? r_.fork_conflicts[f] : pep508::Marker::always_true();
    };
    std::vector<pep508::Marker> plain;
    bool any_conflicts = false;
    for (size_t f : forks) {
      pep508::Marker m = r_.forks[f].simplify_python(w_.requires_python);
      if (std::find(plain.begin(), plain.end(), m) == plain.end()) plain.push_back(std::move(m));
      any_conflicts |= !conflicts(f).is_true();
    }
    bool overlap = false;
    for (size_t i = 0; any_conflicts && !overlap && i < plain.size(); ++i) {
      for (size_t j = i + 1; j < plain.size() && !overlap; ++j)
        overlap = !plain[i].is_disjoint(plain[j]);
    }
    std::vector<std::string> out;
    auto add = [&](const pep508::Marker& m) {
      std::string text = marker(m);
      if (!text.empty()) out.push_back(std::move(text));
    };
    if (!overlap) {
      for (const pep508::Marker& m : plain) add(m);
    } else {
      for (size_t f : forks) add(r_.forks[f].and_(conflicts(f)));
    }
    return out;
  }

  lock::Source source_of(const ResolvedPackage& p) const {
    if (p.local) return local(*p.local).source;
    return lock::Source{lock::SourceKind::kRegistry, p.index_url, {}};
  }

  std::vector<lock::Dependency> dependencies(const std::vector<Edge>& edges) const {
    std::vector<lock::Dependency> out;
    for (const Edge& e : edges) {
      const ResolvedPackage& target = r_.packages[e.target];
      lock::Dependency d;
      d.name = target.local ? local(*target.local).name.str() : target.name;
      if (count_.at(target.name) > 1) {
        d.version = target.local ? local(*target.local).version : target.version.to_string();
        d.source = source_of(target);
      }
      d.extra = e.extras;
      d.marker = marker(e.marker);
      out.push_back(std::move(d));
    }
    // uv's order: by package id (name, version, source), then extras, then marker.
    std::sort(out.begin(), out.end(), [&](const lock::Dependency& a, const lock::Dependency& b) {
      auto key = [](const lock::Dependency& d) {
        return std::make_tuple(d.name, d.source ? static_cast<int>(d.source->kind) : -1, d.extra,
                               d.marker);
      };
      if (a.name != b.name) return a.name < b.name;
      if (!a.version.empty() && !b.version.empty() && a.version != b.version) {
        auto va = pep440::Version::parse(a.version), vb = pep440::Version::parse(b.version);
        if (va.ok() && vb.ok()) return *va < *vb;
      }
      return key(a) < key(b);
    });
    return out;
  }

  std::vector<lock::DependencyList> lists(
      const std::vector<std::pair<std::string, std::vector<Edge>>>& by_name) const {
    std::vector<lock::DependencyList> out;
    for (const auto& [name, edges] : by_name) out.push_back({name, dependencies(edges)});
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return out;
  }

  lock::Package package(const ResolvedPackage& p) const {
    lock::Package out;
    out.source = source_of(p);
    if (p.local) {
      const LoweredPackage& m = local(*p.local);
      out.name = m.name.str();
      out.version = m.version;
      if (*p.local < w_.members.size()) {
        out.metadata = lock_metadata(m);
      } else {
        const SourcedPackage& s = sourced_.packages[*p.local - w_.members.size()];
        if (s.writes_metadata) out.metadata = lock_metadata(m);
        out.wheels = s.wheels;
        out.sdist = s.sdist;
      }
    } else {
      out.name = p.name;
      out.version = p.version.to_string();
      if (p.sdist) out.sdist = distribution(*p.sdist);
      for (const index::DistributionFile& f : p.wheels) {
        if (keep_wheel(f.filename, w_.requires_python, p.reachable)) {
          out.wheels.push_back(distribution(f));
        }
      }
    }
    out.resolution_markers = fork_markers(p.forks);
    out.dependencies = dependencies(p.dependencies);
    out.optional_dependencies = lists(p.optional_dependencies);
    out.dev_dependencies = lists(p.dev_dependencies);
    return out;
  }

 private:
  // Local package i: member i, then the sourced packages (resolve_input.h).
  const LoweredPackage& local(size_t i) const {
    return i < w_.members.size() ? w_.members[i] : sourced_.packages[i - w_.members.size()].lowered;
  }

  const LoweredWorkspace& w_;
  const SourcedPackages& sourced_;
  const Resolution& r_;
  std::map<std::string, size_t> count_;
};

}  // namespace

lock::Lockfile build_lock(const LoweredWorkspace& workspace, const SourcedPackages& sourced,
                          const Resolution& resolution) {
  Builder b(workspace, sourced, resolution);
  lock::Lockfile lock;
  lock.version = 1;
  lock.revision = 3;
  lock.requires_python = workspace.requires_python_text;
  // One fork is written only when it is not the whole space (a single supported environment).
  std::vector<size_t> all(resolution.forks.size());
  for (size_t f = 0; f < all.size(); ++f) all[f] = f;
  lock.resolution_markers = b.fork_markers(all);
  lock.conflicts = workspace.conflicts;
  for (const pep508::Marker& m : workspace.environments)
    lock.supported_markers.push_back(b.marker(m));
  for (const pep508::Marker& m : workspace.required_environments)
    lock.required_markers.push_back(b.marker(m));
  lock.manifest = lock_manifest(workspace);
  for (const ResolvedPackage& p : resolution.packages) lock.packages.push_back(b.package(p));
  // Packages by (name, version, source); the resolution is already by name and version.
  std::stable_sort(lock.packages.begin(), lock.packages.end(),
                   [](const lock::Package& a, const lock::Package& b) { return a.name < b.name; });
  return lock;
}

}  // namespace roost::project
