#include "project/sync_environment.h"

#include <algorithm>
#include <atomic>
#include <future>
#include <map>
#include <optional>

#include "base/fs.h"
#include "base/sha256.h"
#include "base/subprocess.h"
#include "base/thread_pool.h"
#include "build/native_editable.h"
#include "index/download.h"
#include "index/url.h"
#include "install/install_wheel.h"
#include "install/installed.h"
#include "install/uninstall.h"
#include "install/unpack.h"
#include "project/source_builds.h"
#include "project/url_source.h"
#include "tags/filename.h"

namespace roost::project {
namespace fs = std::filesystem;
using install::DistSource;
using Kind = InstallItem::Kind;

namespace {

std::string sha256_of(const lock::Distribution& file) {
  return file.hash.starts_with("sha256:") ? file.hash.substr(7) : "";
}

// A local wheel's path (the lock records it relative to the workspace root).
fs::path local_wheel(const InstallItem& item, const fs::path& root) {
  fs::path wheel(item.source.location);
  return wheel.is_relative() ? root / wheel : wheel;
}

// What direct_url.json says for a package from this source (none for a registry).
std::optional<metadata::DirectUrl> direct_url_of(const InstallItem& item, const fs::path& root) {
  metadata::DirectUrl d;
  switch (item.kind) {
    case Kind::kRegistryWheel:
      return std::nullopt;
    case Kind::kSdist:
      if (item.source.kind == lock::SourceKind::kRegistry) return std::nullopt;
      [[fallthrough]];
    case Kind::kUrlWheel: {
      d.url = item.source.location;
      metadata::ArchiveInfo archive;
      if (item.file && !sha256_of(*item.file).empty()) {
        archive.hashes["sha256"] = sha256_of(*item.file);
      }
      d.info = std::move(archive);
      return d;
    }
    case Kind::kPathWheel:
      d.url = index::file_url_from_path(local_wheel(item, root).string());
      d.info = metadata::ArchiveInfo{};
      return d;
    case Kind::kGit: {
      GitLocation where = parse_git_location(item.source.location);
      std::string fragment;
      index::strip_fragment(item.source.location, &fragment);  // the locked commit
      d.url = where.repository;
      d.info = metadata::VcsInfo{"git", fragment, std::nullopt};
      if (!where.subdirectory.empty()) d.subdirectory = where.subdirectory;
      return d;
    }
    case Kind::kEditable:
    case Kind::kDirectory:
      d.url = index::file_url_from_path(item.source_tree.string());
      d.info = metadata::DirInfo{item.kind == Kind::kEditable};
      return d;
  }
  return std::nullopt;
}

Result<install::WantedDist> wanted_of(const InstallItem& item, const fs::path& root) {
  ROOST_TRY(pep508::PackageName name, pep508::PackageName::parse(item.name));
  ROOST_TRY(pep440::Version version, pep440::Version::parse(item.version));
  return install::WantedDist{std::move(name), std::move(version),
                             DistSource::of(direct_url_of(item, root))};
}

bool is_wheel(Kind kind) {
  return kind == Kind::kRegistryWheel || kind == Kind::kUrlWheel || kind == Kind::kPathWheel;
}

// A workspace member (or an editable path dependency) whose backend roost can stand in for:
// a .pth to its source and a dist-info from its static pyproject (build/native_editable.h).
Result<install::InstalledDist> install_editable(const InstallItem& item,
                                                const python::Scheme& scheme) {
  ROOST_TRY(pyproject::PyProject project,
            pyproject::read_pyproject(item.source_tree / "pyproject.toml"));
  Result<build::InstalledEditable> done =
      build::install_editable_natively(project, item.source_tree, scheme, {});
  if (!done.ok()) {
    return Error(done.error().kind(),
                 "`" + item.name + "` cannot be installed natively: " + done.error().message());
  }
  install::InstalledDist out{done->name, done->version, done->dist_info};
  return out;
}

SyncChange change_of(const install::InstalledDistribution& d) {
  return {d.name.str(), d.version.to_string()};
}

// Where each package to install comes from: a wheel on disk (downloaded into the cache if it
// was not there, in one batch, or built from source) or, for a native editable, nothing. Runs
// before anything is removed, so a failed download or build leaves the environment as it was.
struct WheelFile {
  fs::path path;          // empty for a native editable
  std::string filename;   // the wheel's name (a cache blob's path is its hash)
  bool in_cache = false;  // a content-addressed blob: its file name is its SHA-256
};

// The scratch directory builds place their wheels in, inside the environment.
fs::path build_scratch(const SyncEnvironment& env) {
  return env.root / ".roost-builds";
}

Result<WheelFile> built_wheel(const InstallItem& item, const SyncEnvironment& env,
                              const SyncOptions& options) {
  if (!options.builds) {
    return Error(ErrorKind::kUsage, "`" + item.name + "` (" +
                                        std::string(lock::to_string(item.source.kind)) +
                                        " source) needs a PEP 517 build to be installed");
  }
  fs::path scratch = build_scratch(env) / item.name;
  ROOST_TRY(BuiltWheel built,
            build_install_item(item, env.workspace_root, *options.builds, scratch));
  return WheelFile{built.wheel, built.wheel.filename().string(), false};
}

Result<std::vector<WheelFile>> locate_wheels(const std::vector<const InstallItem*>& todo,
                                             const SyncEnvironment& env, const SourceFetch& fetch,
                                             const SyncOptions& options,
                                             const std::map<std::string, WheelFile>& prebuilt) {
  std::vector<WheelFile> out(todo.size());
  std::vector<index::DistributionFile> downloads;
  std::vector<size_t> download_of;
  for (size_t i = 0; i < todo.size(); ++i) {
    const InstallItem& item = *todo[i];
    if (item.kind == Kind::kPathWheel) {
      out[i].path = local_wheel(item, env.workspace_root);
      out[i].filename = out[i].path.filename().string();
      continue;
    }
    if (auto built = prebuilt.find(item.name); built != prebuilt.end()) {
      out[i] = built->second;
      continue;
    }
    if (!is_wheel(item.kind)) {
      ROOST_TRY(bool build, needs_build(item));
      if (!build) continue;  // a native editable
      ROOST_TRY(out[i], built_wheel(item, env, options));
      continue;
    }
    if (!item.file || item.file->kind != lock::FileKind::kUrl) {
      return Error(ErrorKind::kParse, "uv.lock gives `" + item.name + "==" + item.version +
                                          "` no wheel URL to download");
    }
    if (!fetch.cache || !fetch.transport) {
      return Error(ErrorKind::kUsage, "installing `" + item.name + "` needs the cache");
    }
    index::DistributionFile f;
    f.url = item.file->location;
    f.filename = index::url_filename(f.url);
    if (std::string sha = sha256_of(*item.file); !sha.empty()) f.hashes["sha256"] = sha;
    download_of.push_back(i);
    downloads.push_back(std::move(f));
  }
  if (downloads.empty()) return out;
  std::vector<Result<fs::path>> fetched =
      index::download_distributions(*fetch.transport, *fetch.cache, downloads, fetch.offline);
  for (size_t d = 0; d < downloads.size(); ++d) {
    if (!fetched[d].ok()) return fetched[d].error();
    out[download_of[d]] = {*fetched[d], downloads[d].filename, true};
  }
  return out;
}

Result<void> remove_distributions(const std::vector<const install::InstalledDistribution*>& dists,
                                  const fs::path& env_root) {
  for (const install::InstalledDistribution* d : dists) {
    if (!d->has_record) {
      // An interrupted install: which files it wrote is unknown, so only its dist-info goes;
      // the reinstall overwrites the files it shares with the wheel.
      std::error_code ec;
      fs::remove_all(d->dist_info, ec);
      continue;
    }
    ROOST_TRY(install::UninstallResult removed,
              install::uninstall_distribution(d->dist_info.parent_path(),
                                              d->dist_info.filename().string(), env_root));
    (void)removed;
  }
  return {};
}

// Unpacks a wheel once into the cache (keyed by content: a blob by its name, a local wheel,
// which may be rebuilt in place, by hashing it) and links it into the environment.
Result<install::InstalledDist> install_one(const InstallItem& item, const WheelFile& wheel,
                                           const SyncEnvironment& env, const fs::path& archives,
                                           install::LinkMode link_mode) {
  if (item.kind == Kind::kEditable && wheel.path.empty()) return install_editable(item, env.scheme);
  std::string key = wheel.path.filename().string();
  if (!wheel.in_cache) {
    ROOST_TRY(std::string bytes, read_file(wheel.path));
    key = to_hex(sha256(bytes));
  }
  fs::path dest = (archives.empty() ? env.root / ".roost-unpacked" : archives) / key;
  ROOST_TRY(install::UnpackedWheel unpacked,
            install::unpack_wheel(wheel.path, dest, {.filename = wheel.filename}));
  install::InstallOptions o;
  o.link_mode = link_mode;
  o.direct_url = direct_url_of(item, env.workspace_root);
  return install::install_wheel(unpacked, env.scheme, o);
}

}  // namespace

Result<SyncReport> sync_environment(const std::vector<InstallItem>& items,
                                    const SyncEnvironment& env, const SourceFetch& fetch,
                                    const SyncOptions& options) {
  SyncReport report;
  report.wanted = items.size();
  std::error_code ec;
  fs::create_directories(env.root, ec);
  // One installer at a time per environment: a second `roost sync` waits here.
  ROOST_TRY(FileLock lock, FileLock::acquire(env.root / ".lock", LockMode::kExclusive));
  // Built wheels are only needed until they are unpacked into the cache.
  struct RemoveScratch {
    fs::path dir;
    ~RemoveScratch() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  } scratch{build_scratch(env)};

  // A source tree with a dynamic version: only a build says which version it is, so it is
  // built before planning (a cache hit, without Python, when the tree is unchanged).
  // Only those items are copied (with the built version); the rest are used in place.
  std::vector<const InstallItem*> known;
  std::vector<InstallItem> versioned;
  versioned.reserve(static_cast<size_t>(std::count_if(
      items.begin(), items.end(), [](const InstallItem& i) { return i.version.empty(); })));
  std::map<std::string, WheelFile> prebuilt;
  for (const InstallItem& item : items) {
    if (!item.version.empty()) {
      known.push_back(&item);
      continue;
    }
    ROOST_TRY(WheelFile wheel, built_wheel(item, env, options));
    ROOST_TRY(tags::WheelFilename name, tags::WheelFilename::parse(wheel.filename));
    versioned.push_back(item);
    versioned.back().version = name.version.to_string();
    known.push_back(&versioned.back());
    prebuilt.emplace(item.name, std::move(wheel));
  }
  std::map<std::string, const InstallItem*> by_name;
  std::vector<install::WantedDist> wanted;
  for (const InstallItem* known_item : known) {
    const InstallItem& item = *known_item;
    ROOST_TRY(install::WantedDist w, wanted_of(item, env.workspace_root));
    by_name.emplace(w.name.str(), &item);
    wanted.push_back(std::move(w));
  }

  ROOST_TRY(install::SiteScan scan, install::scan_site_packages(env.scheme.purelib));
  for (std::string& w : scan.warnings) report.warnings.push_back(std::move(w));
  ROOST_TRY(install::InstallPlan plan, install::plan_install(scan.dists, wanted, options.plan));

  std::vector<const InstallItem*> todo;
  for (const install::WantedDist& w : plan.install) todo.push_back(by_name.at(w.name.str()));
  for (const install::Reinstall& r : plan.reinstall) {
    todo.push_back(by_name.at(r.wanted.name.str()));
  }
  ROOST_TRY(std::vector<WheelFile> wheels, locate_wheels(todo, env, fetch, options, prebuilt));

  // Removals before installs: a reinstall replaces files the new version may also ship.
  std::vector<const install::InstalledDistribution*> removals;
  for (const install::Reinstall& r : plan.reinstall) {
    for (const install::InstalledDistribution& d : r.installed) removals.push_back(&d);
  }
  if (options.exact) {
    for (const install::InstalledDistribution& d : plan.extraneous) removals.push_back(&d);
  }
  ROOST_CHECK(remove_distributions(removals, env.root));
  for (const install::InstalledDistribution* d : removals) {
    report.uninstalled.push_back(change_of(*d));
  }

  // Install in parallel; the link fallback is reported once. Every wheel links from the same
  // cache into the same environment, so a mode that failed once (no reflinks on ext4) is not
  // tried again for the other wheels: that is four system calls less per wheel.
  fs::path archives = fetch.cache ? fetch.cache->bucket_dir(cache::Bucket::kArchives) : fs::path();
  std::atomic<install::LinkMode> link_mode = options.link_mode;
  ThreadPool pool(options.threads);
  std::vector<std::future<Result<install::InstalledDist>>> results;
  for (size_t i = 0; i < todo.size(); ++i) {
    results.push_back(pool.submit([&, i] {
      Result<install::InstalledDist> done =
          install_one(*todo[i], wheels[i], env, archives, link_mode.load());
      if (done.ok() && done->link_fallback) link_mode.store(done->link_mode);
      return done;
    }));
  }
  bool warned = false;
  for (size_t i = 0; i < results.size(); ++i) {
    Result<install::InstalledDist> done = results[i].get();
    if (!done.ok()) {
      Error e = done.error();
      return std::move(e).with_context("while installing `" + todo[i]->name + "`");
    }
    report.installed.push_back({done->name.str(), done->version.to_string()});
    if (done->link_fallback && !warned) {
      if (auto w = install::fallback_warning(*done->link_fallback)) {
        report.warnings.push_back(w->message + " (" + w->hint + ")");
        warned = true;
      }
    }
  }
  if (options.compile_bytecode) {
    SubprocessOptions compile{.argv = {env.scheme.python.string(), "-m", "compileall", "-q", "-j",
                                       "0", env.scheme.purelib.string()}};
    ROOST_TRY(SubprocessResult done, run_subprocess(compile));
    if (done.exit_code != 0) {
      report.warnings.push_back(
          "compiling bytecode failed (compileall exit " + std::to_string(done.exit_code) +
          "): " + done.stdout_data.substr(0, 400) + done.stderr_data.substr(0, 400));
    }
  }
  auto by_change_name = [](const SyncChange& a, const SyncChange& b) { return a.name < b.name; };
  std::sort(report.installed.begin(), report.installed.end(), by_change_name);
  std::sort(report.uninstalled.begin(), report.uninstalled.end(), by_change_name);
  return report;
}

}  // namespace roost::project
