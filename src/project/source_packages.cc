#include "project/source_packages.h"

#include <cctype>
#include <deque>
#include <filesystem>

#include "base/fs.h"
#include "base/sha256.h"
#include "git/git_checkout.h"
#include "index/download.h"
#include "index/remote_zip.h"
#include "index/url.h"
#include "metadata/core_metadata.h"
#include "project/source_builds.h"
#include "project/url_source.h"
#include "tags/filename.h"

namespace roost::project {
namespace fs = std::filesystem;
using lock::SourceKind;

namespace {

// What a requirement asked for: kind, location (git: without the commit) and subdirectory.
std::string source_key(SourceKind kind, const std::string& location,
                       const std::string& subdirectory) {
  return std::string(lock::to_string(kind)) + " " + location + " " + subdirectory;
}

std::string describe(const LoweredRequirement& r) {
  std::string where = r.location;
  if (!r.subdirectory.empty()) where += " (subdirectory " + r.subdirectory + ")";
  return "`" + r.requirement.name.str() + "` from " + std::string(lock::to_string(r.kind)) + " " +
         where;
}

// Only a build can tell `subject`'s metadata, and the caller gave no way to build.
Error build_needed_error(const std::string& subject) {
  return Error(ErrorKind::kUsage, subject + "; reading it needs a PEP 517 build")
      .with_hint(
          "declare the project's version and dependencies statically in its "
          "pyproject.toml, or depend on a built wheel");
}

Error build_needed_error(const LoweredRequirement& r, const std::string& what) {
  return build_needed_error(describe(r) + " " + what);
}

// An sdist's PKG-INFO when PEP 643 lets an installer trust it: Metadata-Version 2.2 or later
// and neither the version nor Requires-Dist marked Dynamic. nullopt otherwise.
Result<std::optional<std::string>> static_sdist_metadata(const fs::path& tree,
                                                         const std::string& what) {
  ROOST_TRY(std::optional<std::string> text, read_file_if_exists(tree / "PKG-INFO"));
  if (!text) return std::optional<std::string>();
  ROOST_TRY(metadata::CoreMetadata md, metadata::CoreMetadata::parse(*text, what + " PKG-INFO"));
  if (md.metadata_version < metadata::MetadataVersion{2, 2}) return std::optional<std::string>();
  for (const std::string& field : md.dynamic) {
    std::string lower;
    for (char c : field) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "version" || lower == "requires-dist" || lower == "provides-extra") {
      return std::optional<std::string>();
    }
  }
  return text;
}

// An unpacked sdist's METADATA text: its PKG-INFO when PEP 643 makes it reliable, else the
// backend's answer. `what` names the sdist in errors.
Result<std::string> sdist_tree_metadata(const fs::path& tree, const SourceFetch& fetch,
                                        const std::string& what) {
  ROOST_TRY(std::optional<std::string> text, static_sdist_metadata(tree, what));
  if (text) return std::move(*text);
  if (!fetch.built_metadata) return build_needed_error(what + " is a source archive");
  return fetch.built_metadata(tree);
}

Result<LoweredPackage> lowered_from_wheel(std::string_view bytes, const std::string& what) {
  ROOST_TRY(std::string text, index::read_wheel_metadata(bytes, what));
  return lowered_from_metadata(text, what);
}

class Gatherer {
 public:
  Gatherer(const LoweredWorkspace& w, const SourceFetch& fetch)
      : w_(w), fetch_(fetch), projects_(w.root) {}

  Result<SourcedPackages> run() {
    for (const LoweredPackage& m : w_.members) {
      queue(m.requires_dist);
      for (const auto& [group, reqs] : m.groups) queue(reqs);
    }
    for (const auto& [group, reqs] : w_.root_groups) queue(reqs);
    while (!pending_.empty()) {
      LoweredRequirement r = std::move(pending_.front());
      pending_.pop_front();
      std::string key = source_key(r.kind, r.location, r.subdirectory);
      if (out_.by_key.count(key)) continue;
      ROOST_TRY(SourcedPackage p, fetch_one(r));
      if (p.lowered.name != r.requirement.name) {
        return Error(ErrorKind::kUsage, describe(r) + " is a package named `" +
                                            p.lowered.name.str() + "`, not `" +
                                            r.requirement.name.str() + "`");
      }
      queue(p.lowered.requires_dist);
      out_.by_key.emplace(key, out_.packages.size());
      out_.packages.push_back(std::move(p));
    }
    return std::move(out_);
  }

 private:
  void queue(const std::vector<LoweredRequirement>& reqs) {
    for (const LoweredRequirement& r : reqs) {
      if (r.kind == SourceKind::kRegistry || r.workspace_member) continue;
      if (w_.find(r.requirement.name) &&
          (r.kind == SourceKind::kEditable || r.kind == SourceKind::kDirectory ||
           r.kind == SourceKind::kVirtual)) {
        continue;  // a path to a member is the member
      }
      pending_.push_back(r);
    }
  }

  Result<SourcedPackage> fetch_one(const LoweredRequirement& r) {
    switch (r.kind) {
      case SourceKind::kDirectory:
      case SourceKind::kEditable:
      case SourceKind::kVirtual:
        return source_tree(r, absolute(r.location), lock::Source{r.kind, r.location, {}});
      case SourceKind::kGit:
        return git(r);
      case SourceKind::kUrl:
        return url(r);
      case SourceKind::kPath:
        return path_archive(r);
      case SourceKind::kRegistry:
        break;
    }
    return Error(ErrorKind::kInternal, "not a source package: " + describe(r));
  }

  fs::path absolute(const std::string& location) const {
    fs::path p(location);
    return (p.is_relative() ? w_.root / p : p).lexically_normal();
  }

  Result<SourcedPackage> source_tree(const LoweredRequirement& r, const fs::path& dir,
                                     lock::Source source) {
    if (!fs::exists(dir / "pyproject.toml")) {
      if (fs::exists(dir / "setup.py") || fs::exists(dir / "setup.cfg")) {
        return build_needed_error(r, "has no pyproject.toml [project] table");
      }
      return Error(ErrorKind::kNotFound,
                   describe(r) + ": " + (dir / "pyproject.toml").string() + " does not exist");
    }
    ROOST_TRY(std::optional<LoweredPackage> project, projects_.lower(dir));
    if (!project && fetch_.built_metadata) {
      ROOST_TRY(std::string text, fetch_.built_metadata(dir));
      ROOST_TRY(LoweredPackage built, lowered_from_metadata(text, describe(r)));
      project = std::move(built);
    }
    if (!project) return build_needed_error(r, "declares its version or dependencies as dynamic");
    SourcedPackage p{std::move(*project)};
    p.lowered.source = std::move(source);
    p.lowered.groups.clear();  // a dependency's groups are its own business
    p.writes_metadata = p.lowered.source.kind != SourceKind::kGit;
    return p;
  }

  Result<SourcedPackage> git(const LoweredRequirement& r) {
    if (!fetch_.cache) return Error(ErrorKind::kUsage, describe(r) + " needs the cache");
    GitLocation where = parse_git_location(r.location);
    git::GitRequest request;
    request.repository = where.repository;
    if (where.reference_kind == "branch")
      request.reference = git::GitReference::branch(where.reference);
    if (where.reference_kind == "tag") request.reference = git::GitReference::tag(where.reference);
    if (where.reference_kind == "rev") request.reference = git::GitReference::rev(where.reference);
    auto locked = fetch_.locked_commits.find(r.location);
    if (locked != fetch_.locked_commits.end()) request.locked_commit = locked->second;
    request.offline = fetch_.offline;
    ROOST_TRY(git::GitCheckout checkout,
              git::checkout_git(request, fetch_.cache->bucket_dir(cache::Bucket::kGit)));
    fs::path dir = checkout.directory;
    if (!where.subdirectory.empty()) dir /= where.subdirectory;
    ROOST_TRY(SourcedPackage p,
              source_tree(r, dir,
                          lock::Source{SourceKind::kGit, r.location + "#" + checkout.commit, {}}));
    // Its own path requirements point into the checkout; the lock cannot name them.
    for (const LoweredRequirement& dep : p.lowered.requires_dist) {
      if (dep.kind != SourceKind::kRegistry && dep.kind != SourceKind::kGit &&
          dep.kind != SourceKind::kUrl) {
        return Error(ErrorKind::kUsage, describe(r) + " depends on `" + dep.requirement.name.str() +
                                            "` by a path inside the repository; roost cannot "
                                            "lock that yet");
      }
    }
    return p;
  }

  Result<SourcedPackage> url(const LoweredRequirement& r) {
    std::string filename = index::url_filename(r.location);
    if (!fetch_.cache || !fetch_.transport) {
      return Error(ErrorKind::kUsage, describe(r) + " needs the cache and the network");
    }
    index::DistributionFile file;
    file.filename = filename;
    file.url = r.location;
    if (auto locked = fetch_.locked_hashes.find(r.location); locked != fetch_.locked_hashes.end()) {
      file.hashes["sha256"] = locked->second;
    }
    ROOST_TRY(fs::path blob,
              index::download_distribution(*fetch_.transport, *fetch_.cache, file, fetch_.offline));
    // Blobs are content addressed: the file name is the SHA-256.
    if (!filename.ends_with(".whl")) {
      return sdist_archive(r, blob, blob.filename().string(),
                           lock::Source{SourceKind::kUrl, r.location, r.subdirectory});
    }
    ROOST_TRY(std::string bytes, read_file(blob));
    return archive(r, bytes, blob.filename().string(),
                   lock::Distribution{lock::FileKind::kUrl, r.location, "", {}, "", {}},
                   lock::Source{SourceKind::kUrl, r.location, r.subdirectory});
  }

  Result<SourcedPackage> path_archive(const LoweredRequirement& r) {
    fs::path file = absolute(r.location);
    std::string filename = file.filename().string();
    ROOST_TRY(std::string bytes, read_file(file));
    if (!filename.ends_with(".whl")) {
      return sdist_archive(r, file, to_hex(sha256(bytes)),
                           lock::Source{SourceKind::kPath, r.location, {}});
    }
    return archive(r, bytes, to_hex(sha256(bytes)),
                   lock::Distribution{lock::FileKind::kFilename, filename, "", {}, "", {}},
                   lock::Source{SourceKind::kPath, r.location, {}});
  }

  // An sdist: unpacked once into the cache; its PKG-INFO when PEP 643 makes it reliable
  // (metadata 2.2+, neither version nor requirements dynamic), else its backend's answer.
  Result<SourcedPackage> sdist_archive(const LoweredRequirement& r, const fs::path& file,
                                       const std::string& sha256_hex, lock::Source source) {
    if (!fetch_.cache) return Error(ErrorKind::kUsage, describe(r) + " needs the cache");
    ROOST_TRY(fs::path tree, unpacked_sdist(file, sha256_hex, *fetch_.cache));
    if (!source.subdirectory.empty()) tree /= source.subdirectory;
    ROOST_TRY(std::string text, sdist_tree_metadata(tree, fetch_, describe(r)));
    ROOST_TRY(LoweredPackage lowered, lowered_from_metadata(text, describe(r)));
    SourcedPackage p{std::move(lowered)};
    p.lowered.source = std::move(source);
    p.writes_metadata = true;
    p.sdist = lock::Distribution{.kind = lock::FileKind::kNone, .hash = "sha256:" + sha256_hex};
    return p;
  }

  Result<SourcedPackage> archive(const LoweredRequirement& r, const std::string& bytes,
                                 const std::string& sha256_hex, lock::Distribution file,
                                 lock::Source source) {
    ROOST_TRY(LoweredPackage lowered, lowered_from_wheel(bytes, r.location));
    auto name = tags::WheelFilename::parse(index::url_filename(r.location));
    if (name.ok() && name->name != lowered.name.str()) {
      return Error(ErrorKind::kParse, describe(r) + ": the wheel's METADATA names `" +
                                          lowered.name.str() + "`, its file name `" + name->name +
                                          "`");
    }
    SourcedPackage p{std::move(lowered)};
    p.lowered.source = std::move(source);
    p.writes_metadata = true;  // uv records the requirements of every non-immutable source
    file.hash = "sha256:" + sha256_hex;
    p.wheels.push_back(std::move(file));
    return p;
  }

  const LoweredWorkspace& w_;
  const SourceFetch& fetch_;
  PathProjects projects_;
  std::deque<LoweredRequirement> pending_;
  SourcedPackages out_;
};

}  // namespace

std::optional<size_t> SourcedPackages::index_of(const LoweredRequirement& r) const {
  auto it = by_key.find(source_key(r.kind, r.location, r.subdirectory));
  if (it == by_key.end()) return std::nullopt;
  return it->second;
}

Result<LoweredPackage> lowered_from_metadata(const std::string& text, const std::string& what) {
  ROOST_TRY(metadata::CoreMetadata md, metadata::CoreMetadata::parse(text, what + " METADATA"));
  LoweredPackage p{.name = md.name};
  p.version = md.version.to_string();
  for (const pep508::Requirement& r : md.requires_dist) p.requires_dist.push_back({r});
  for (const pep508::ExtraName& e : md.provides_extra) p.provides_extras.push_back(e.str());
  return p;
}

Result<std::string> registry_sdist_metadata(const index::DistributionFile& sdist,
                                            const SourceFetch& fetch) {
  if (!fetch.cache || !fetch.transport) {
    return Error(ErrorKind::kUsage,
                 "reading " + sdist.filename + " needs the cache and the network");
  }
  ROOST_TRY(fs::path blob,
            index::download_distribution(*fetch.transport, *fetch.cache, sdist, fetch.offline));
  // Blobs are content addressed: the file name is the SHA-256.
  ROOST_TRY(fs::path tree, unpacked_sdist(blob, blob.filename().string(), *fetch.cache));
  return sdist_tree_metadata(tree, fetch, sdist.filename);
}

Result<SourcedPackages> gather_source_packages(const LoweredWorkspace& w,
                                               const SourceFetch& fetch) {
  return Gatherer(w, fetch).run();
}

}  // namespace roost::project
