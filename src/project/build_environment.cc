#include "project/build_environment.h"

#include <algorithm>

#include "base/fs.h"
#include "project/sync_environment.h"
#include "python/scheme.h"
#include "python/venv.h"
#include "resolve/python/dependency_rules.h"
#include "resolve/python/index_source.h"
#include "resolve/python/resolver.h"
#include "tags/filename.h"
#include "tags/ranking.h"

namespace roost::project {
namespace fs = std::filesystem;

namespace {

constexpr const char* kReadyFile = ".roost-ready";

bool is_ready(const fs::path& root) {
  std::error_code ec;
  return fs::exists(root / kReadyFile, ec);
}

// The best-ranked wheel of a resolved version (the resolver kept only versions with one).
const index::DistributionFile* best_wheel(const resolve::python::ResolvedPackage& p,
                                          const tags::TagRanking& ranking) {
  const index::DistributionFile* best = nullptr;
  uint32_t best_rank = 0;
  for (const index::DistributionFile& f : p.wheels) {
    Result<tags::WheelFilename> name = tags::WheelFilename::parse(f.filename);
    if (!name) continue;
    std::optional<uint32_t> rank = ranking.best_rank(name->tags);
    if (rank && (!best || *rank < best_rank)) best = &f, best_rank = *rank;
  }
  return best;
}

Result<std::vector<InstallItem>> resolve_build_requirements(
    const std::vector<std::string>& requirements, const BuildTools& tools,
    const std::vector<tags::Tag>& compatible) {
  resolve::python::ResolveInput input;
  for (const std::string& text : requirements) {
    ROOST_TRY(pep508::Requirement r, pep508::Requirement::parse(text));
    input.requirements.push_back({std::move(r), std::nullopt});
  }
  resolve::python::ResolveOptions options;
  options.target = resolve::python::TargetEnvironment{tools.interpreter->marker_environment(),
                                                      tools.interpreter->version, compatible};
  resolve::python::IndexPackageSource index_source(*tools.client);
  resolve::python::DependencyRules rules;
  for (const pep508::Requirement& c : tools.build_constraints) {
    rules.constraints[c.name.str()].push_back(c);
  }
  resolve::python::apply_to_input(rules, input);
  resolve::python::DependencyRulesSource source(index_source, rules);
  Result<resolve::python::Resolution> r = resolve::python::resolve(input, options, source);
  if (!r) return r.error();

  tags::TagRanking ranking(compatible);
  std::vector<InstallItem> items;
  for (const resolve::python::ResolvedPackage& p : r->packages) {
    const index::DistributionFile* wheel = best_wheel(p, ranking);
    // No wheel fits: the sdist, built in turn (cached_environment guards against cycles).
    const index::DistributionFile* chosen = wheel ? wheel : p.sdist ? &*p.sdist : nullptr;
    if (!chosen) {
      return Error(ErrorKind::kNotFound, "no wheel of `" + p.name + "==" + p.version.to_string() +
                                             "` fits " + tools.interpreter->path.string());
    }
    InstallItem item{.name = p.name, .version = p.version.to_string()};
    item.source = {lock::SourceKind::kRegistry, p.index_url, ""};
    if (!wheel) item.kind = InstallItem::Kind::kSdist;
    lock::Distribution file{.kind = lock::FileKind::kUrl, .location = chosen->url};
    if (auto sha = chosen->hashes.find("sha256"); sha != chosen->hashes.end()) {
      file.hash = "sha256:" + sha->second;
    }
    item.file = std::move(file);
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace

Result<CachedEnvironment> cached_environment(const CachedEnvironmentSpec& spec,
                                             const BuildTools& tools) {
  const std::vector<std::string>& requirements = spec.requirements;
  if (!tools.interpreter || !tools.client || !tools.fetch.cache) {
    return Error(ErrorKind::kUsage, "building needs an interpreter, the indexes and the cache");
  }
  const python::Interpreter& py = *tools.interpreter;
  ROOST_TRY(std::vector<tags::Tag> compatible, py.compatible_tags());
  Result<std::vector<InstallItem>> items =
      resolve_build_requirements(requirements, tools, compatible);
  if (!items) {
    std::string asked;
    for (const std::string& r : requirements) asked += (asked.empty() ? "" : ", ") + r;
    // Not the project's own resolution failing: a distinct kind, so it is not reported (or
    // exited) as the workspace's requirements being unsatisfiable.
    const Error& e = items.error();
    ErrorKind kind = e.kind() == ErrorKind::kUnsatisfiable ? ErrorKind::kUsage : e.kind();
    return Error(kind, "No solution found when resolving [" + asked + "]:\n" + e.message());
  }

  // Build requirements published only as sdists are built with build environments of their
  // own; one that needs itself on the way (a cycle) is an error, found before this
  // environment's lock is taken (the outer build holds it).
  BuildTools nested = tools;
  for (const InstallItem& item : *items) {
    if (item.kind != InstallItem::Kind::kSdist) continue;
    if (std::find(tools.building.begin(), tools.building.end(), item.name) !=
        tools.building.end()) {
      std::string chain;
      for (const std::string& n : tools.building) chain += "`" + n + "` -> ";
      return Error(ErrorKind::kUsage, "Cyclic build dependency: " + chain + "`" + item.name +
                                          "` (each needs the next to build)");
    }
    nested.building.push_back(item.name);
  }
  CachedEnvironment env;
  // Readable first (key_file_name keeps a prefix of it), then everything that makes it differ.
  std::string key, files;
  for (const InstallItem& item : *items) {
    env.pins.push_back(item.name + "==" + item.version);
    key += item.name + "-" + item.version + "_";
    files += item.file->location + "\n";
  }
  // The base interpreter's real file: /usr/bin/python3 and /usr/bin/python3.11 are one.
  std::error_code ec;
  fs::path base = fs::weakly_canonical(py.base_executable, ec);
  if (ec) base = py.base_executable;
  key += "\n" + py.implementation_name + "-" + py.version_text() + "\n" + base.string() + "\n" +
         files + spec.key_extra;
  fs::path bucket = tools.fetch.cache->bucket_dir(spec.bucket);
  env.root = bucket / cache::key_file_name(key);
  env.python = env.root / "bin" / "python";
  if (is_ready(env.root)) return env;

  // One builder prepares it; another waiting here then finds it ready.
  fs::create_directories(bucket, ec);
  ROOST_TRY(FileLock lock, FileLock::acquire(env.root.string() + ".lock", LockMode::kExclusive));
  if (is_ready(env.root)) return env;
  python::VenvOptions venv_options{.roost_version = tools.roost_version, .replace = true};
  ROOST_TRY(python::VenvResult venv, python::create_venv(env.root, py, venv_options));
  (void)venv;
  SyncEnvironment target{env.root, env.root, python::venv_scheme(py, env.root)};
  SyncOptions sync_options;
  sync_options.builds = &nested;
  Result<SyncReport> installed = sync_environment(*items, target, tools.fetch, sync_options);
  if (!installed) {
    Error e = installed.error();
    return std::move(e).with_context("while preparing the build environment " + env.root.string());
  }
  ROOST_CHECK(write_file_atomic(env.root / kReadyFile, key));
  env.created = true;
  return env;
}

}  // namespace roost::project
