#include "project/source_builds.h"

#include "base/fs.h"
#include "base/sha256.h"
#include "build/frontend.h"
#include "build/native_eligibility.h"
#include "build/sdist.h"
#include "git/git_checkout.h"
#include "index/download.h"
#include "index/url.h"
#include "project/url_source.h"

namespace roost::project {
namespace fs = std::filesystem;
using Kind = InstallItem::Kind;

namespace {

std::string describe(const InstallItem& item) {
  std::string where = item.kind == Kind::kEditable || item.kind == Kind::kDirectory
                          ? item.source_tree.string()
                          : item.source.location;
  return "`" + item.name + (item.version.empty() ? "" : "==" + item.version) + "` (" +
         std::string(lock::to_string(item.source.kind)) + " " + where + ")";
}

// The sdist archive on disk and its SHA-256 (hex): a local path as it is (hashed here), anything
// else downloaded into the cache (verified against the lock's hash; a blob is named by its hash).
struct SdistArchive {
  fs::path path;
  std::string sha256_hex;
};

Result<SdistArchive> sdist_archive(const InstallItem& item, const fs::path& workspace_root,
                                   const BuildTools& tools) {
  if (item.source.kind == lock::SourceKind::kPath) {
    fs::path archive(item.source.location);
    if (archive.is_relative()) archive = workspace_root / archive;
    ROOST_TRY(std::string bytes, read_file(archive));
    return SdistArchive{archive, to_hex(sha256(bytes))};
  }
  if (!tools.fetch.transport) return Error(ErrorKind::kUsage, "downloading needs the network");
  index::DistributionFile file;
  file.url = item.file && item.file->kind == lock::FileKind::kUrl
                 ? item.file->location
                 : index::strip_fragment(item.source.location, nullptr);
  file.filename = index::url_filename(file.url);
  if (item.file && item.file->hash.starts_with("sha256:")) {
    file.hashes["sha256"] = item.file->hash.substr(7);
  }
  ROOST_TRY(fs::path blob, index::download_distribution(*tools.fetch.transport, *tools.fetch.cache,
                                                        file, tools.fetch.offline));
  return SdistArchive{blob, blob.filename().string()};
}

// The tree to build: the workspace's own directory, the locked commit's checkout, or the sdist
// unpacked once into the cache (by the archive's content).
Result<fs::path> source_tree(const InstallItem& item, const fs::path& workspace_root,
                             const BuildTools& tools) {
  const cache::Cache& cache = *tools.fetch.cache;
  switch (item.kind) {
    case Kind::kEditable:
    case Kind::kDirectory:
      return item.source_tree;
    case Kind::kGit: {
      std::string commit;
      std::string location = index::strip_fragment(item.source.location, &commit);
      if (!git::is_full_commit(commit)) {
        return Error(ErrorKind::kParse, "uv.lock gives " + describe(item) + " no locked commit");
      }
      GitLocation where = parse_git_location(location);
      git::GitRequest request{.repository = where.repository,
                              .reference = git::GitReference::rev(commit),
                              .locked_commit = commit,
                              .offline = tools.fetch.offline};
      ROOST_TRY(git::GitCheckout checkout,
                git::checkout_git(request, cache.bucket_dir(cache::Bucket::kGit)));
      return where.subdirectory.empty() ? checkout.directory
                                        : checkout.directory / where.subdirectory;
    }
    case Kind::kSdist: {
      ROOST_TRY(SdistArchive archive, sdist_archive(item, workspace_root, tools));
      ROOST_TRY(fs::path tree, unpacked_sdist(archive.path, archive.sha256_hex, cache));
      if (item.source.kind == lock::SourceKind::kUrl && !item.source.subdirectory.empty()) {
        tree /= item.source.subdirectory;
      }
      return tree;
    }
    default:
      return Error(ErrorKind::kUsage, describe(item) + " is a wheel; it is not built");
  }
}

Result<std::vector<std::string>> requirements_of(const fs::path& tree) {
  fs::path file = tree / "pyproject.toml";
  std::error_code ec;
  if (!fs::exists(file, ec)) return std::vector<std::string>{"setuptools>=40.8.0"};
  ROOST_TRY(pyproject::PyProject project, pyproject::read_pyproject(file));
  return build::build_requirements(project);
}

// The build request for `tree` in the environment its build requirements (and the backend's
// extra ones) are installed in.
Result<build::BuildRequest> prepared_request(build::BuildRequest request, const BuildTools& tools) {
  ROOST_TRY(std::vector<std::string> requirements, requirements_of(request.source_dir));
  ROOST_TRY(CachedEnvironment env, build_environment(requirements, tools));
  request.python = env.python;
  ROOST_TRY(std::vector<std::string> more, build::extra_build_requirements(request));
  if (!more.empty()) {
    requirements.insert(requirements.end(), more.begin(), more.end());
    ROOST_TRY(CachedEnvironment fuller, build_environment(requirements, tools));
    request.python = fuller.python;
  }
  return request;
}

Result<BuiltWheel> build_tree(const InstallItem& item, const fs::path& tree,
                              const BuildTools& tools, const fs::path& scratch) {
  build::BuildRequest request{
      .source_dir = tree,
      .kind = item.kind == Kind::kEditable ? build::BuildKind::kEditable : build::BuildKind::kWheel,
      .python_version = tools.interpreter->version_text(),
      .output_dir = scratch,
      .config_settings = tools.config_settings,
      .timeout_ms = tools.timeout_ms,
      .cache = tools.fetch.cache,
      .env_overrides = tools.env_overrides};
  ROOST_TRY(std::optional<build::BuildResult> cached, build::find_built_wheel(request));
  if (cached) return BuiltWheel{cached->wheel, true};

  ROOST_TRY(request, prepared_request(std::move(request), tools));
  ROOST_TRY(build::BuildResult built, build::build_wheel(request));
  return BuiltWheel{built.wheel, built.from_cache};
}

// Where a tree's built metadata is kept: keyed by uv's default cache-keys (not by interpreter:
// uv does not either, and a lookup must not need one).
Result<fs::path> metadata_cache_path(const fs::path& tree, const cache::Cache& cache) {
  std::string key = "metadata-v1\n" + tree.string();
  for (const char* name : {"pyproject.toml", "setup.py", "setup.cfg"}) {
    ROOST_TRY(std::optional<std::string> text, read_file_if_exists(tree / name));
    key += std::string("\n") + name + (text ? " " + to_hex(sha256(*text)) : " -");
  }
  return cache.bucket_dir(cache::Bucket::kBuilds) / "metadata" / cache::key_file_name(key);
}

}  // namespace

Result<fs::path> unpacked_sdist(const fs::path& archive, const std::string& sha256_hex,
                                const cache::Cache& cache) {
  fs::path dest = cache.bucket_dir(cache::Bucket::kBuilds) / "sdists" / sha256_hex;
  ROOST_TRY(build::UnpackedSdist unpacked, build::unpack_sdist(archive, dest));
  return unpacked.source_tree;
}

Result<std::optional<std::string>> cached_metadata(const fs::path& tree,
                                                   const cache::Cache& cache) {
  ROOST_TRY(fs::path cached, metadata_cache_path(tree, cache));
  return read_file_if_exists(cached);
}

Result<std::string> build_metadata(const fs::path& tree, const BuildTools& tools) {
  if (!tools.interpreter || !tools.fetch.cache) {
    return Error(ErrorKind::kUsage, "building the metadata of " + tree.string() +
                                        " needs an interpreter and the cache");
  }
  ROOST_TRY(fs::path cached, metadata_cache_path(tree, *tools.fetch.cache));
  ROOST_TRY(std::optional<std::string> hit, read_file_if_exists(cached));
  if (hit) return std::move(*hit);

  fs::path scratch = tools.fetch.cache->bucket_dir(cache::Bucket::kBuilds) / "scratch";
  build::BuildRequest request{.source_dir = tree,
                              .python_version = tools.interpreter->version_text(),
                              .output_dir = scratch,
                              .config_settings = tools.config_settings,
                              .timeout_ms = tools.timeout_ms,
                              .env_overrides = tools.env_overrides};
  Result<build::BuildRequest> ready = prepared_request(std::move(request), tools);
  Result<std::string> text = ready ? build::prepare_metadata(*ready) : ready.error();
  if (!text) {
    Error e = text.error();
    return std::move(e).with_context("while building the metadata of " + tree.string());
  }
  std::error_code ec;
  fs::create_directories(cached.parent_path(), ec);
  ROOST_CHECK(write_file_atomic(cached, *text));
  return text;
}

Result<bool> needs_build(const InstallItem& item) {
  switch (item.kind) {
    case Kind::kRegistryWheel:
    case Kind::kUrlWheel:
    case Kind::kPathWheel:
      return false;
    case Kind::kEditable: {
      fs::path file = item.source_tree / "pyproject.toml";
      std::error_code ec;
      if (!fs::exists(file, ec)) return true;  // setup.py alone: only its backend knows
      ROOST_TRY(pyproject::PyProject project, pyproject::read_pyproject(file));
      return !build::can_install_natively(project, item.source_tree);
    }
    default:
      return true;
  }
}

Result<BuiltWheel> build_install_item(const InstallItem& item, const fs::path& workspace_root,
                                      const BuildTools& tools, const fs::path& scratch) {
  if (!tools.interpreter || !tools.fetch.cache) {
    return Error(ErrorKind::kUsage, "building " + describe(item) + " needs the cache");
  }
  Result<fs::path> tree = source_tree(item, workspace_root, tools);
  Result<BuiltWheel> built =
      tree ? build_tree(item, *tree, tools, scratch) : Result<BuiltWheel>(tree.error());
  if (!built) {
    Error e = built.error();
    return std::move(e).with_context("while building " + describe(item));
  }
  return built;
}

}  // namespace roost::project
