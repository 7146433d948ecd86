#include "project/lock_workspace.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <map>
#include <set>
#include <system_error>
#include <thread>

#include "base/fs.h"
#include "lock/read_lock.h"
#include "lock/write_lock.h"
#include "project/lock_builder.h"
#include "project/lock_digest.h"
#include "project/lock_freshness.h"
#include "project/lowering.h"
#include "project/resolve_input.h"
#include "resolve/python/declared_metadata.h"
#include "resolve/python/dependency_rules.h"
#include "resolve/python/resolver.h"

namespace roost::project {
namespace {

using resolve::python::PrereleaseMode;

constexpr uintmax_t kParallelLockRead = 128 << 10;  // bytes of uv.lock
using resolve::python::ResolutionMode;

std::string resolution_mode_text(ResolutionMode m) {
  switch (m) {
    case ResolutionMode::kLowest:
      return "lowest";
    case ResolutionMode::kLowestDirect:
      return "lowest-direct";
    case ResolutionMode::kHighest:
      return "";
  }
  return "";
}

std::string prerelease_mode_text(PrereleaseMode m) {
  switch (m) {
    case PrereleaseMode::kAllow:
      return "allow";
    case PrereleaseMode::kDisallow:
      return "disallow";
    case PrereleaseMode::kIfNecessary:
      return "if-necessary";
    case PrereleaseMode::kExplicit:
      return "explicit";
    case PrereleaseMode::kIfNecessaryOrExplicit:
      return "";
  }
  return "";
}

std::vector<LockChange> changes_between(const lock::Lockfile* before, const lock::Lockfile& after) {
  std::map<std::string, std::set<std::string>> old_versions, new_versions;
  if (before) {
    for (const lock::Package& p : before->packages) old_versions[p.name].insert(p.version);
  }
  for (const lock::Package& p : after.packages) new_versions[p.name].insert(p.version);
  std::vector<LockChange> out;
  auto joined = [](const std::set<std::string>& s) {
    std::string text;
    for (const std::string& v : s) text += (text.empty() ? "" : ", ") + v;
    return text;
  };
  for (const auto& [name, versions] : new_versions) {
    auto old = old_versions.find(name);
    if (old == old_versions.end()) {
      out.push_back({name, "", joined(versions)});
    } else if (old->second != versions) {
      out.push_back({name, joined(old->second), joined(versions)});
    }
  }
  for (const auto& [name, versions] : old_versions) {
    if (!new_versions.count(name)) out.push_back({name, joined(versions), ""});
  }
  std::sort(out.begin(), out.end(),
            [](const LockChange& a, const LockChange& b) { return a.name < b.name; });
  return out;
}

Result<void> apply_metadata_text(const workspace::Workspace& ws, const std::string& text,
                                 LoweredPackage& member) {
  ROOST_TRY(metadata::CoreMetadata md,
            metadata::CoreMetadata::parse(text, member.name.str() + " built METADATA"));
  return apply_built_metadata(ws, md, member);
}

// The root's override-, constraint- and exclude-dependencies, for the resolver.
resolve::python::DependencyRules dependency_rules(const LoweredWorkspace& w) {
  resolve::python::DependencyRules rules;
  for (const LoweredRequirement& r : w.overrides)
    rules.overrides[r.requirement.name.str()].push_back(r.requirement);
  for (const LoweredRequirement& r : w.constraints)
    rules.constraints[r.requirement.name.str()].push_back(r.requirement);
  for (const std::string& name : w.excludes) rules.excludes.insert(name);
  return rules;
}

// The locked packages' pages, and the metadata of their locked versions, in one parallel batch
// before the resolver starts: it would otherwise ask for them round by round as it meets them
// (a round trip each round when pages must be revalidated). A package the new resolution no
// longer needs costs one request in that batch.
void prefetch_preferred(resolve::python::PackageSource& source,
                        const std::map<pep508::PackageName, pep440::Version>& preferences) {
  if (preferences.empty()) return;
  std::vector<pep508::PackageName> names;
  names.reserve(preferences.size());
  for (const auto& [name, version] : preferences) names.push_back(name);
  source.prefetch_versions(names);
  std::vector<std::pair<const resolve::python::CandidateList*, const resolve::python::Candidate*>>
      wanted;
  for (const auto& [name, version] : preferences) {
    Result<const resolve::python::CandidateList*> list = source.versions(name);
    if (!list.ok()) continue;
    for (const resolve::python::Candidate& c : (*list)->candidates) {
      if (c.version == version) wanted.emplace_back(*list, &c);
    }
  }
  source.prefetch_metadata(wanted);
}

}  // namespace

Result<LockReport> lock_workspace(const workspace::Workspace& ws, const OpenSources& open,
                                  const LockRequest& request) {
  std::filesystem::path path = ws.root / "uv.lock";
  // uv.lock is read on a second thread while the workspace is lowered: on a large workspace
  // each takes about as long as the other, and neither needs the other.
  using Existing = Result<std::optional<lock::Lockfile>>;
  std::packaged_task<Existing()> read_existing([&]() -> Existing {
    if (!request.want_lock) {
      // Everything used here (freshness, preferences, the change list) is in the digest; the
      // files and registry edges it skips are most of a large lock's parse time.
      return read_lock_digest_if_exists(path);
    }
    ROOST_TRY(std::optional<std::string> text, read_file_if_exists(path));
    if (!text) return std::optional<lock::Lockfile>();
    ROOST_TRY(lock::Lockfile parsed, lock::parse_lock(*text, path.string()));
    return std::optional<lock::Lockfile>(std::move(parsed));
  });
  std::future<Existing> existing_read = read_existing.get_future();
  // A thread costs about what reading a small lock does.
  std::error_code size_error;
  bool in_parallel = std::filesystem::file_size(path, size_error) >= kParallelLockRead;
  std::thread reader;
  if (in_parallel && !size_error) reader = std::thread(std::move(read_existing));
  Result<LoweredWorkspace> lowered_or = lower_workspace(ws);
  if (reader.joinable()) {
    reader.join();
  } else {
    read_existing();
  }
  Existing existing_or = existing_read.get();
  ROOST_TRY(LoweredWorkspace lowered, std::move(lowered_or));
  ROOST_TRY(std::optional<lock::Lockfile> existing, std::move(existing_or));
  LockReport report;
  if (lowered.requires_python_text.empty()) {
    // uv takes the running interpreter's minor version; locking needs no interpreter here, so
    // the floor is the oldest CPython release still supported upstream.
    lowered.requires_python_text = std::string(kDefaultRequiresPython);
    lowered.requires_python =
        pep440::VersionRanges::at_least(pep440::Version::from_release({3, 10}));
    report.warnings.push_back("No `requires-python` value found in the workspace. Defaulting to `" +
                              lowered.requires_python_text + "`.");
  }
  if (request.mode == LockMode::kFrozen || request.mode == LockMode::kCheck) {
    if (!existing) {
      std::string flag = request.mode == LockMode::kFrozen ? "--frozen" : "--locked";
      return Error(ErrorKind::kNotFound, "Unable to find lockfile at `uv.lock`, but `" + flag +
                                             "` was provided. To create a lockfile, run "
                                             "`roost lock` or `roost sync` without the flag.");
    }
  }
  if (request.mode == LockMode::kFrozen) {
    report.packages = existing->packages.size();
    if (request.want_lock) report.lock = std::move(existing);
    return report;
  }
  // uv checks the supported environments whenever it would lock (not under --frozen).
  ROOST_CHECK(check_environments(lowered));
  // Built metadata already in the cache makes a dynamic member as checkable as a static one.
  if (request.cached_metadata) {
    for (LoweredPackage& member : lowered.members) {
      if (!member.dynamic_requirements) continue;
      ROOST_TRY(std::optional<std::string> text, request.cached_metadata(member.directory));
      if (text) ROOST_CHECK(apply_metadata_text(ws, *text, member));
    }
  }
  const resolve::python::ResolveOptions& wanted = request.resolve;
  const resolve::python::ExcludeNewer& exclude_newer = request.exclude_newer;
  bool same_mode =
      existing && existing->options.resolution_mode == resolution_mode_text(wanted.resolution);
  bool same_options =
      same_mode && existing->options.prerelease_mode == prerelease_mode_text(wanted.prerelease);
  bool same_exclude_newer = existing && records_exclude_newer(existing->options, exclude_newer);
  bool upgrading = wanted.upgrade_all || !wanted.upgrade.empty();
  if (existing && same_options && same_exclude_newer && !upgrading) {
    Freshness fresh =
        check_lock_freshness(lowered, *existing, request.index_urls, request.cached_metadata);
    if (fresh.satisfied && fresh.unverified.empty()) {
      report.packages = existing->packages.size();
      if (request.want_lock) report.lock = std::move(existing);
      return report;
    }
    if (request.mode == LockMode::kCheck) {
      report.stale = true;
      report.stale_reason = fresh.satisfied ? "the metadata of " + fresh.unverified.front() +
                                                  " needs a build to be checked"
                                            : fresh.reason;
      report.packages = existing->packages.size();
      return report;
    }
  } else if (request.mode == LockMode::kCheck) {
    report.stale = true;
    report.stale_reason = upgrading      ? "an upgrade was requested"
                          : same_options ? "the exclude-newer setting changed"
                                         : "the resolver options changed";
    report.packages = existing->packages.size();
    return report;
  }

  if (existing && !same_exclude_newer && request.mode != LockMode::kCheck) {
    report.notes = exclude_newer_span_changes(existing->options, exclude_newer);
  }
  ROOST_TRY(ResolveSources sources, open());
  if (!sources.packages)
    return Error(ErrorKind::kInternal, "lock_workspace needs a package source");
  SourceFetch fetch = sources.fetch;
  // Members whose requirements only their backend knows: uv builds their metadata to lock.
  for (LoweredPackage& member : lowered.members) {
    if (!member.dynamic_requirements) continue;
    if (!fetch.built_metadata) {
      return Error(ErrorKind::kUsage, "`" + member.name.str() +
                                          "` declares its dependencies as dynamic; locking it "
                                          "needs a PEP 517 build");
    }
    ROOST_TRY(std::string text, fetch.built_metadata(member.directory));
    ROOST_CHECK(apply_metadata_text(ws, text, member));
  }
  if (existing && !upgrading) {
    for (const lock::Package& p : existing->packages) {
      if (p.source.kind == lock::SourceKind::kUrl) {
        const lock::Distribution* file = p.sdist ? &*p.sdist : nullptr;
        if (!file && p.wheels.size() == 1) file = &p.wheels.front();
        if (file && file->hash.starts_with("sha256:")) {
          fetch.locked_hashes.emplace(p.source.location, file->hash.substr(7));
        }
        continue;
      }
      if (p.source.kind != lock::SourceKind::kGit) continue;
      size_t hash = p.source.location.rfind('#');
      if (hash == std::string::npos) continue;
      fetch.locked_commits.emplace(p.source.location.substr(0, hash),
                                   p.source.location.substr(hash + 1));
    }
  }
  ROOST_TRY(SourcedPackages sourced, gather_source_packages(lowered, fetch));
  ROOST_TRY(resolve::python::ResolveInput input, resolve_input(lowered, sourced));
  const resolve::python::DependencyRules rules = dependency_rules(lowered);
  resolve::python::apply_to_input(rules, input);
  resolve::python::ResolveOptions options = wanted;
  options.requires_python = lowered.requires_python;
  options.required_environments = lowered.required_environments;
  options.environments = lowered.environments;
  // uv keeps the locked versions as preferences unless the resolution mode changed (its
  // "unusable" tier) or everything is upgraded; a new pre-release policy or exclude-newer
  // ("preferable") keeps them.
  if (existing && same_mode && !wanted.upgrade_all) {
    std::map<std::string, size_t> count;
    for (const lock::Package& p : existing->packages) ++count[p.name];
    for (const lock::Package& p : existing->packages) {
      if (count[p.name] != 1 || p.source.kind != lock::SourceKind::kRegistry) continue;
      auto name = pep508::PackageName::parse(p.name);
      auto version = pep440::Version::parse(p.version);
      if (name.ok() && version.ok()) options.preferences.emplace(*name, *version);
    }
  }
  resolve::python::PackageSource* packages = sources.packages;
  std::optional<resolve::python::ExcludeNewerSource> cooled;
  const int64_t now = request.now_ms != 0 ? request.now_ms
                                          : std::chrono::duration_cast<std::chrono::milliseconds>(
                                                std::chrono::system_clock::now().time_since_epoch())
                                                .count();
  if (!exclude_newer.empty()) packages = &cooled.emplace(*sources.packages, exclude_newer, now);
  std::optional<resolve::python::DeclaredMetadataSource> declared;
  if (!lowered.dependency_metadata.empty()) {
    std::vector<resolve::python::DeclaredMetadata> entries;
    for (const lock::DependencyMetadata& d : lowered.dependency_metadata) {
      entries.push_back({d.name, d.version, d.requires_dist, d.requires_python, d.provides_extras});
    }
    packages = &declared.emplace(*packages, std::move(entries));
  }
  std::optional<resolve::python::DependencyRulesSource> ruled;
  if (!rules.empty()) packages = &ruled.emplace(*packages, rules);
  prefetch_preferred(*packages, options.preferences);
  ROOST_TRY(resolve::python::Resolution resolution,
            resolve::python::resolve(input, options, *packages));
  lock::Lockfile lock = build_lock(lowered, sourced, resolution);
  lock.options.resolution_mode = resolution_mode_text(wanted.resolution);
  lock.options.prerelease_mode = prerelease_mode_text(wanted.prerelease);
  record_exclude_newer(exclude_newer, lock.options, existing ? &existing->options : nullptr, now);
  report.text = lock::write_lock(lock);
  report.resolved = true;
  report.stats = resolution.stats;
  report.packages = lock.packages.size();
  ROOST_TRY(std::optional<std::string> existing_text, read_file_if_exists(path));
  report.changed = !existing_text || *existing_text != report.text;
  report.changes = changes_between(existing ? &*existing : nullptr, lock);
  if (report.changed && request.mode == LockMode::kWrite) {
    ROOST_CHECK(write_file_atomic(path, report.text));
    report.written = true;
  }
  if (request.want_lock) {
    // Read back from the text written, so the caller sees exactly what the file says.
    ROOST_TRY(lock::Lockfile written, lock::parse_lock(report.text, path.string()));
    report.lock = std::move(written);
  }
  return report;
}

}  // namespace roost::project
