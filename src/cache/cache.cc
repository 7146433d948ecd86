// The on-disk cache (cache.h): layout, content-addressed blobs, keyed entries, clean and prune.
// Only std::filesystem's error_code overloads are used: our code does not throw.
#include "cache/cache.h"

#include <array>
#include <charconv>
#include <chrono>
#include <system_error>
#include <vector>

#include "base/sha256.h"

// Header-only: xxhash needs no library of its own at run time.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace roost::cache {
namespace fs = std::filesystem;

namespace {

struct BucketInfo {
  Bucket bucket;
  std::string_view name;
  int version;
};

// Bump a version whenever the format of what the bucket holds changes.
constexpr std::array<BucketInfo, 9> kBuckets = {{
    {Bucket::kSimple, "simple", 1},
    {Bucket::kMetadata, "metadata", 1},
    {Bucket::kWheels, "wheels", 1},
    {Bucket::kArchives, "archives", 1},
    {Bucket::kInterpreters, "interpreters", 1},
    {Bucket::kBuilds, "builds", 1},
    {Bucket::kGit, "git", 1},
    {Bucket::kBuildEnvs, "build-envs", 1},
    {Bucket::kEnvironments, "environments", 1},
}};

constexpr std::string_view kTagFile = "CACHEDIR.TAG";
constexpr std::string_view kGitignoreFile = ".gitignore";
constexpr std::string_view kTagText =
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by roost.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n";
constexpr auto kStaleTempAge = std::chrono::hours(1);

const BucketInfo& info(Bucket bucket) {
  for (const BucketInfo& b : kBuckets) {
    if (b.bucket == bucket) return b;
  }
  return kBuckets[0];  // unreachable: every enumerator is listed
}

Error fs_error(std::string what, const fs::path& path, const std::error_code& ec) {
  return make_error(ErrorKind::kIo, what + " " + path.string() + ": " + ec.message());
}

bool is_hex_digest(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Result<void> make_dirs(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return fs_error("cannot create directory", dir, ec);
  return ok();
}

// Whether `root` carries the CACHEDIR.TAG that roost writes (signature and our name), so that a
// tag written by another tool (uv's cache) does not make clean() wipe that tool's cache.
bool has_roost_tag(const fs::path& root) {
  Result<std::optional<std::string>> tag = read_file_if_exists(root / kTagFile);
  if (!tag.ok() || !tag->has_value()) return false;
  const std::string& text = **tag;
  return text.starts_with(kCacheDirTagSignature) && text.find("roost") != std::string::npos;
}

bool is_temp_file_name(const std::string& name) {
  // base/fs.h write_file_atomic names its temp files ".<name>.tmp-<pid>-<n>-<t>".
  return name.starts_with(".") && name.find(".tmp-") != std::string::npos;
}

// Counts what lies under `path` (not following symlinks), then removes it.
Result<void> remove_counted(const fs::path& path, CacheStats& stats) {
  std::error_code ec;
  fs::file_status st = fs::symlink_status(path, ec);
  if (ec) return fs_error("cannot stat", path, ec);
  CacheStats found;
  if (fs::is_directory(st)) {
    found.dirs = 1;
    fs::recursive_directory_iterator it(path, ec), end;
    if (ec) return fs_error("cannot list", path, ec);
    for (; it != end; it.increment(ec)) {
      if (ec) return fs_error("cannot list", path, ec);
      fs::file_status s = it->symlink_status(ec);
      if (ec) return fs_error("cannot stat", it->path(), ec);
      if (fs::is_directory(s)) {
        ++found.dirs;
      } else {
        ++found.files;
        if (fs::is_regular_file(s)) found.bytes += it->file_size(ec);
      }
    }
    if (ec) return fs_error("cannot list", path, ec);
  } else {
    found.files = 1;
    if (fs::is_regular_file(st)) found.bytes = fs::file_size(path, ec);
  }
  fs::remove_all(path, ec);
  if (ec) return fs_error("cannot remove", path, ec);
  stats.files += found.files;
  stats.dirs += found.dirs;
  stats.bytes += found.bytes;
  return ok();
}

// Splits "simple-v0" into ("simple", 0); nullopt for names not of that shape.
std::optional<std::pair<std::string_view, int>> split_versioned(std::string_view name) {
  size_t dash = name.rfind("-v");
  if (dash == std::string_view::npos || dash + 2 >= name.size()) return std::nullopt;
  int version = 0;
  const char* first = name.data() + dash + 2;
  const char* last = name.data() + name.size();
  auto [ptr, ec] = std::from_chars(first, last, version);
  if (ec != std::errc() || ptr != last) return std::nullopt;
  return std::make_pair(name.substr(0, dash), version);
}

}  // namespace

fs::path default_cache_dir(const CacheDirInputs& in) {
  auto set = [](const std::optional<std::string>& v) { return v.has_value() && !v->empty(); };
  if (set(in.flag)) return fs::path(*in.flag);
  if (set(in.roost_cache_dir)) return fs::path(*in.roost_cache_dir);
  // The XDG spec: a relative XDG_CACHE_HOME is invalid and must be ignored.
  if (set(in.xdg_cache_home) && fs::path(*in.xdg_cache_home).is_absolute()) {
    return fs::path(*in.xdg_cache_home) / "roost";
  }
  if (set(in.home)) return fs::path(*in.home) / ".cache" / "roost";
  return {};
}

std::string bucket_dir_name(Bucket bucket) {
  const BucketInfo& b = info(bucket);
  return std::string(b.name) + "-v" + std::to_string(b.version);
}

std::string key_file_name(std::string_view key) {
  // The prefix is for humans browsing the cache; uniqueness comes from the hash of the full key.
  std::string prefix;
  for (char c : key) {
    if (prefix.size() >= 64) break;
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '-' || c == '_';
    if (safe) {
      // A leading '.' would make "." / ".." or a hidden file that prune() could take for a temp.
      if (c == '.' && prefix.empty()) continue;
      prefix += c;
    } else if (!prefix.empty() && prefix.back() != '_') {
      prefix += '_';  // runs of "://", "/" or UTF-8 bytes collapse to one '_'
    }
  }
  if (prefix.empty()) prefix = "key";
  return prefix + "-" + key_hash_hex(key);
}

std::string key_hash_hex(std::string_view key) {
  // XXH3, not SHA-256: a name needs no cryptographic strength (entries that matter store their
  // full key and compare it), and SHA-256 would initialise OpenSSL's provider tables (~0.5 ms)
  // in every command that reads the cache, `roost sync` with nothing to do included.
  static constexpr char kDigits[] = "0123456789abcdef";
  uint64_t h = XXH3_64bits(key.data(), key.size());
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<size_t>(i)] = kDigits[h & 0xF];
  return out;
}

namespace {

// Empty, or holding only what another roost process creates while it initialises the same new
// cache (the .gitignore and the temp files of the two marker writes): two processes starting on
// one new cache must not refuse each other (found by the two-process end-to-end test).
bool holds_only_init_files(const fs::path& root, std::error_code& ec) {
  for (const fs::directory_entry& entry : fs::directory_iterator(root, ec)) {
    std::string name = entry.path().filename().string();
    bool init = name == kGitignoreFile ||
                name.rfind("." + std::string(kGitignoreFile) + ".tmp-", 0) == 0 ||
                name.rfind("." + std::string(kTagFile) + ".tmp-", 0) == 0;
    if (!init) return false;
  }
  return true;
}

}  // namespace

Result<Cache> Cache::open(const fs::path& root) {
  if (root.empty()) return make_error(ErrorKind::kUsage, "no cache directory given");
  std::error_code ec;
  bool exists = fs::exists(root, ec);
  if (ec) return fs_error("cannot stat", root, ec);
  if (exists && !has_roost_tag(root)) {
    bool empty = holds_only_init_files(root, ec);
    if (ec) return fs_error("cannot use cache directory", root, ec);
    // Another process may have finished initialising between the two looks: its tag (and then
    // its buckets) appear only after the tag is in place, so look for the tag once more.
    if (!empty && !has_roost_tag(root)) {
      return make_error(ErrorKind::kUsage, "refusing to use " + root.string() +
                                               " as the cache: it is not empty and has no "
                                               "roost CACHEDIR.TAG")
          .with_hint("point --cache-dir at an empty or new directory");
    }
  }
  ROOST_CHECK(make_dirs(root));
  if (!has_roost_tag(root)) {
    // .gitignore first: once the tag exists the directory counts as a roost cache.
    ROOST_CHECK(write_file_atomic(root / kGitignoreFile, "*\n"));
    ROOST_CHECK(write_file_atomic(root / kTagFile, kTagText));
  }
  return Cache(root);
}

fs::path Cache::bucket_dir(Bucket bucket) const {
  return root_ / bucket_dir_name(bucket);
}

fs::path Cache::entry_path(Bucket bucket, std::string_view key) const {
  return bucket_dir(bucket) / key_file_name(key);
}

fs::path Cache::blob_path(Bucket bucket, std::string_view sha256_hex) const {
  // Two-digit shards keep directories small once the cache holds thousands of wheels.
  std::string hex = lower(sha256_hex);
  return bucket_dir(bucket) / hex.substr(0, 2) / hex;
}

Result<fs::path> Cache::put_blob(Bucket bucket, std::string_view sha256_hex,
                                 std::string_view data) const {
  if (!is_hex_digest(sha256_hex)) {
    return make_error(ErrorKind::kParse,
                      "not a SHA-256 hex digest: \"" + std::string(sha256_hex) + "\"");
  }
  std::string expected = lower(sha256_hex);
  std::string actual = to_hex(sha256(data));
  if (actual != expected) {
    return make_error(ErrorKind::kIntegrity,
                      "hash mismatch: expected sha256 " + expected + ", got " + actual);
  }
  fs::path path = blob_path(bucket, expected);
  // Immutable: the same hash means the same bytes, so an existing blob is never rewritten. Two
  // racing writers both rename identical bytes into place, which readers cannot tell apart.
  if (find_blob(bucket, expected)) return path;
  ROOST_CHECK(make_dirs(path.parent_path()));
  ROOST_CHECK(write_file_atomic(path, data));
  return path;
}

std::optional<fs::path> Cache::find_blob(Bucket bucket, std::string_view sha256_hex) const {
  if (!is_hex_digest(sha256_hex)) return std::nullopt;
  fs::path path = blob_path(bucket, sha256_hex);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  return path;
}

Result<void> Cache::write_entry(Bucket bucket, std::string_view key, std::string_view data) const {
  ROOST_CHECK(make_dirs(bucket_dir(bucket)));
  // Without fsync (see write_file_replace): entries are re-fetchable, and an fsync per index page
  // dominated cold fetches. What a power cut can leave, an empty file, read_entry treats as absent.
  return write_file_replace(entry_path(bucket, key), data);
}

Result<std::optional<std::string>> Cache::read_entry(Bucket bucket, std::string_view key) const {
  ROOST_TRY(std::optional<std::string> data, read_file_if_exists(entry_path(bucket, key)));
  if (data && data->empty()) return std::optional<std::string>();  // see write_entry
  return data;
}

Result<FileLock> Cache::lock_bucket(Bucket bucket) const {
  ROOST_CHECK(make_dirs(bucket_dir(bucket)));
  return FileLock::acquire(bucket_dir(bucket) / ".lock", LockMode::kExclusive);
}

Result<CacheStats> Cache::clean() const {
  if (!has_roost_tag(root_)) {
    return make_error(ErrorKind::kUsage, "refusing to clean " + root_.string() +
                                             ": it has no roost CACHEDIR.TAG, so it may not be "
                                             "roost's cache");
  }
  CacheStats stats;
  std::error_code ec;
  std::vector<fs::path> victims;
  for (fs::directory_iterator it(root_, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name != kTagFile && name != kGitignoreFile) victims.push_back(it->path());
  }
  if (ec) return fs_error("cannot list", root_, ec);
  for (const fs::path& p : victims) ROOST_CHECK(remove_counted(p, stats));
  return stats;
}

Result<CacheStats> Cache::prune() const {
  if (!has_roost_tag(root_)) {
    return make_error(ErrorKind::kUsage,
                      "refusing to prune " + root_.string() + ": it has no roost CACHEDIR.TAG");
  }
  CacheStats stats;
  std::error_code ec;
  // 1. Bucket directories of versions older than the current one.
  std::vector<fs::path> old_buckets;
  for (fs::directory_iterator it(root_, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_directory(ec)) continue;
    std::string name = it->path().filename().string();
    auto split = split_versioned(name);
    if (!split) continue;
    for (const BucketInfo& b : kBuckets) {
      if (b.name == split->first && split->second < b.version) old_buckets.push_back(it->path());
    }
  }
  if (ec) return fs_error("cannot list", root_, ec);
  for (const fs::path& p : old_buckets) ROOST_CHECK(remove_counted(p, stats));

  // 2. Temp files left by writers that died between create and rename. An hour is far longer
  // than any write takes, so a live writer's temp file is never removed under it.
  auto cutoff = fs::file_time_type::clock::now() - kStaleTempAge;
  std::vector<fs::path> stale;
  fs::recursive_directory_iterator it(root_, ec), end;
  if (ec) return fs_error("cannot list", root_, ec);
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    if (!it->is_regular_file(ec) || !is_temp_file_name(it->path().filename().string())) continue;
    fs::file_time_type mtime = it->last_write_time(ec);
    if (!ec && mtime < cutoff) stale.push_back(it->path());
    ec.clear();
  }
  if (ec) return fs_error("cannot list", root_, ec);
  for (const fs::path& p : stale) ROOST_CHECK(remove_counted(p, stats));
  return stats;
}

}  // namespace roost::cache
