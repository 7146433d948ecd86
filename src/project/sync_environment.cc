#include "project/sync_environment.h"

#include <algorithm>
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

namespace roost::project {
namespace fs = std::filesystem;
using install::DistSource;
using Kind = InstallItem::Kind;

namespace {

std::string file_url(const fs::path& p) {
  return index::file_url_from_path(p.string());
}

// What direct_url.json says for a package from this source (none for a registry).
std::optional<metadata::DirectUrl> direct_url_of(const InstallItem& item, const fs::path& root) {
  switch (item.kind) {
    case Kind::kRegistryWheel:
    case Kind::kSdist:
      if (item.source.kind == lock::SourceKind::kRegistry) return std::nullopt;
      break;
    default:
      break;
  }
  metadata::DirectUrl d;
  if (item.kind == Kind::kUrlWheel) {
    d.url = item.source.location;
    metadata::ArchiveInfo a;
    if (item.file && item.file->hash.starts_with("sha256:"))
      a.hashes["sha256"] = item.file->hash.substr(7);
    d.info = a;
  } else if (item.kind == Kind::kPathWheel) {
    fs::path wheel(item.source.location);
    d.url = file_url(wheel.is_relative() ? root / wheel : wheel);
    d.info = metadata::ArchiveInfo{};
  } else if (item.kind == Kind::kGit) {
    std::string location = item.source.location;
    size_t hash = location.rfind('#');
    std::string commit = hash == std::string::npos ? "" : location.substr(hash + 1);
    d.url = location.substr(0, std::min(location.find('?'), hash));
    d.info = metadata::VcsInfo{"git", commit, std::nullopt};
  } else {
    d.url = file_url(item.source_tree);
    d.info = metadata::DirInfo{item.kind == Kind::kEditable};
  }
  return d;
}

Result<install::WantedDist> wanted_of(const InstallItem& item, const fs::path& root) {
  ROOST_TRY(pep508::PackageName name, pep508::PackageName::parse(item.name));
  if (item.version.empty()) {
    return Error(ErrorKind::kUsage, "`" + item.name +
                                        "` has a dynamic version; installing it needs a PEP 517 "
                                        "build, which roost cannot run yet");
  }
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
                 "`" + item.name +
                     "` needs a PEP 660 editable build, which `roost sync` cannot "
                     "run yet: " +
                     done.error().message());
  }
  install::InstalledDist out{done->name, done->version, done->dist_info};
  return out;
}

SyncChange change_of(const install::InstalledDistribution& d) {
  return {d.name.str(), d.version.to_string()};
}

std::string sha256_of(const lock::Distribution& file) {
  return file.hash.starts_with("sha256:") ? file.hash.substr(7) : "";
}

}  // namespace

Result<SyncReport> sync_environment(const std::vector<InstallItem>& items,
                                    const SyncEnvironment& env, const SourceFetch& fetch,
                                    const SyncOptions& options) {
  SyncReport report;
  report.wanted = items.size();
  std::map<std::string, const InstallItem*> by_name;
  std::vector<install::WantedDist> wanted;
  for (const InstallItem& item : items) {
    ROOST_TRY(install::WantedDist w, wanted_of(item, env.workspace_root));
    by_name.emplace(w.name.str(), &item);
    wanted.push_back(std::move(w));
  }

  std::error_code ec;
  fs::create_directories(env.root, ec);
  // One installer at a time per environment: a second `roost sync` waits here.
  ROOST_TRY(FileLock lock, FileLock::acquire(env.root / ".lock", LockMode::kExclusive));
  ROOST_TRY(install::SiteScan scan, install::scan_site_packages(env.scheme.purelib));
  for (std::string& w : scan.warnings) report.warnings.push_back(std::move(w));
  ROOST_TRY(install::InstallPlan plan, install::plan_install(scan.dists, wanted, options.plan));

  // Removals first: a reinstall replaces files the new version may also ship.
  std::vector<const install::InstalledDistribution*> removals;
  for (const install::Reinstall& r : plan.reinstall) {
    for (const install::InstalledDistribution& d : r.installed) removals.push_back(&d);
  }
  if (options.exact) {
    for (const install::InstalledDistribution& d : plan.extraneous) removals.push_back(&d);
  }
  for (const install::InstalledDistribution* d : removals) {
    if (!d->has_record) {
      // An interrupted install: which files it wrote is unknown, so only its dist-info goes;
      // the reinstall overwrites the files it shares with the wheel.
      fs::remove_all(d->dist_info, ec);
    } else {
      ROOST_TRY(install::UninstallResult removed,
                install::uninstall_distribution(d->dist_info.parent_path(),
                                                d->dist_info.filename().string(), env.root));
      (void)removed;
    }
    report.uninstalled.push_back(change_of(*d));
  }

  std::vector<const InstallItem*> todo;
  for (const install::WantedDist& w : plan.install) todo.push_back(by_name.at(w.name.str()));
  for (const install::Reinstall& r : plan.reinstall)
    todo.push_back(by_name.at(r.wanted.name.str()));

  // Every wheel that is not on disk yet, in one download batch.
  std::vector<index::DistributionFile> downloads;
  std::vector<size_t> download_of(todo.size(), SIZE_MAX);
  for (size_t i = 0; i < todo.size(); ++i) {
    const InstallItem& item = *todo[i];
    if (item.kind != Kind::kRegistryWheel && item.kind != Kind::kUrlWheel) {
      if (is_wheel(item.kind) || item.kind == Kind::kEditable) continue;
      return Error(ErrorKind::kUsage,
                   "`" + item.name + "` (" + std::string(lock::to_string(item.source.kind)) +
                       " source) needs a PEP 517 build to be installed, which `roost sync` "
                       "cannot run yet");
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
    std::string path = index::strip_fragment(f.url, nullptr);
    f.filename = index::percent_decode(path.substr(path.rfind('/') + 1));
    if (std::string sha = sha256_of(*item.file); !sha.empty()) f.hashes["sha256"] = sha;
    download_of[i] = downloads.size();
    downloads.push_back(std::move(f));
  }
  std::vector<Result<fs::path>> fetched;
  if (!downloads.empty()) {
    fetched =
        index::download_distributions(*fetch.transport, *fetch.cache, downloads, fetch.offline);
  }

  // Unpack once into the cache and link into the environment, in parallel.
  fs::path archives = fetch.cache ? fetch.cache->bucket_dir(cache::Bucket::kArchives) : fs::path();
  ThreadPool pool(options.threads);
  std::vector<std::future<Result<install::InstalledDist>>> results;
  for (size_t i = 0; i < todo.size(); ++i) {
    const InstallItem& item = *todo[i];
    fs::path wheel;
    std::string filename;
    if (download_of[i] != SIZE_MAX) {
      Result<fs::path>& got = fetched[download_of[i]];
      if (!got.ok()) return got.error();
      wheel = *got;
      filename = downloads[download_of[i]].filename;
    } else if (item.kind == Kind::kPathWheel) {
      wheel = fs::path(item.source.location);
      if (wheel.is_relative()) wheel = env.workspace_root / wheel;
      filename = wheel.filename().string();
    }
    bool downloaded = download_of[i] != SIZE_MAX;
    results.push_back(pool.submit(
        [&, wheel, filename, downloaded, item_ptr = &item]() -> Result<install::InstalledDist> {
          if (!is_wheel(item_ptr->kind)) return install_editable(*item_ptr, env.scheme);
          // Unpacked trees are keyed by content: a downloaded blob is named by its SHA-256; a local
          // wheel (which may be rebuilt in place) is hashed.
          std::string key = wheel.filename().string();
          if (!downloaded) {
            ROOST_TRY(std::string bytes, read_file(wheel));
            key = to_hex(sha256(bytes));
          }
          fs::path dest = (archives.empty() ? env.root / ".roost-unpacked" : archives) / key;
          ROOST_TRY(install::UnpackedWheel unpacked,
                    install::unpack_wheel(wheel, dest, {.filename = filename}));
          install::InstallOptions o;
          o.link_mode = options.link_mode;
          o.direct_url = direct_url_of(*item_ptr, env.workspace_root);
          return install::install_wheel(unpacked, env.scheme, o);
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
