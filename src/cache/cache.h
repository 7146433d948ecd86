// roost's on-disk cache: a root directory of versioned buckets ("simple-v1/", "wheels-v1/", ...)
// holding content-addressed blobs and keyed entries. Every write is a temp file + rename, so
// several roost processes can share one cache without readers ever seeing a partial file.
//
//   ROOST_TRY(Cache cache, Cache::open(default_cache_dir(inputs)));
//   ROOST_CHECK(cache.write_entry(Bucket::kSimple, url, page));
//   ROOST_TRY(auto wheel, cache.put_blob(Bucket::kWheels, sha256_hex, bytes));
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "base/fs.h"
#include "base/result.h"

namespace roost::cache {

// What the CLI knows about where the cache lives, as plain values: the library never reads the
// environment. An empty string counts as unset (the XDG spec says so for XDG_CACHE_HOME).
struct CacheDirInputs {
  std::optional<std::string> flag;             // --cache-dir
  std::optional<std::string> roost_cache_dir;  // $ROOST_CACHE_DIR
  std::optional<std::string> xdg_cache_home;   // $XDG_CACHE_HOME
  std::optional<std::string> home;             // $HOME
};

// --cache-dir, then $ROOST_CACHE_DIR, then $XDG_CACHE_HOME/roost (only if absolute, per the XDG
// spec), then $HOME/.cache/roost. An empty path when none is known: the caller decides (error
// out or use a temporary cache).
std::filesystem::path default_cache_dir(const CacheDirInputs& inputs);

// The buckets. Each maps to "<name>-v<version>"; bumping a version makes roost ignore the old
// directory (prune() removes it) instead of misreading an old format.
enum class Bucket {
  kSimple,        // index pages (HTTP cache entries, see http_cache.h)
  kMetadata,      // core metadata files (PEP 658 .metadata)
  kWheels,        // downloaded wheels, content addressed by SHA-256
  kArchives,      // unpacked wheels (later)
  kInterpreters,  // interpreter probe results
  kBuilds,        // wheels built from sdists / source trees
  kGit,           // bare repository mirrors and per-commit checkouts (git/git_checkout.h)
  kBuildEnvs,     // venvs holding build requirements (project/build_environment.h)
  kEnvironments,  // `roost run --with` overlays (project/overlay_environment.h)
};

// "simple-v1", "wheels-v1", ...
std::string bucket_dir_name(Bucket bucket);

// Maps an arbitrary key (an index URL + project name, ...) to one safe file name: a readable,
// sanitised prefix (at most 64 of [A-Za-z0-9._-], never starting with '.') plus "-" and
// key_hash_hex(key). One path component, so it can never escape its bucket.
std::string key_file_name(std::string_view key);

// 16 lowercase hex digits of the key's 64-bit XXH3 hash.
std::string key_hash_hex(std::string_view key);

// Totals from clean() and prune().
struct CacheStats {
  uint64_t files = 0;  // regular files (and symlinks) removed
  uint64_t dirs = 0;   // directories removed
  uint64_t bytes = 0;  // sizes of the removed regular files
};

class Cache {
 public:
  // Opens (creating if needed) the cache at `root`. A new or empty directory gets CACHEDIR.TAG and
  // a ".gitignore" of "*". A non-empty directory without roost's CACHEDIR.TAG is refused, so a
  // mistyped --cache-dir never adopts (and later clean()s) a user's folder.
  static Result<Cache> open(const std::filesystem::path& root);

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path bucket_dir(Bucket bucket) const;
  // bucket_dir(bucket) / key_file_name(key).
  std::filesystem::path entry_path(Bucket bucket, std::string_view key) const;
  // bucket_dir(bucket) / "ab" / "abcdef..." for a 64-digit hex SHA-256 (lowercased).
  std::filesystem::path blob_path(Bucket bucket, std::string_view sha256_hex) const;

  // Stores `data` under its SHA-256. The hash is checked before anything becomes visible
  // (mismatch: kIntegrity naming both digests); a blob already present is left untouched.
  Result<std::filesystem::path> put_blob(Bucket bucket, std::string_view sha256_hex,
                                         std::string_view data) const;
  // The blob's path when it is present; nullopt when absent or `sha256_hex` is malformed.
  std::optional<std::filesystem::path> find_blob(Bucket bucket, std::string_view sha256_hex) const;

  // Keyed entries, replaced atomically. Reads need no lock: a rename swaps the whole file, and an
  // open file keeps its old contents, so a reader sees the old entry or the new, never a mix.
  // Entries are written without fsync (they can be fetched again); an empty entry, all a power
  // cut can leave, reads as absent, so entries must never be legitimately empty. Blobs are
  // written durably.
  Result<void> write_entry(Bucket bucket, std::string_view key, std::string_view data) const;
  Result<std::optional<std::string>> read_entry(Bucket bucket, std::string_view key) const;

  // An exclusive lock on "<bucket>/.lock" for writers whose read-modify-write must not
  // interleave (e.g. unpacking an archive once). Plain puts/writes do not need it.
  Result<FileLock> lock_bucket(Bucket bucket) const;

  // Removes everything but CACHEDIR.TAG and .gitignore. Refuses (kUsage) a root that lacks
  // roost's CACHEDIR.TAG. Not to be run while other roost processes use the cache.
  Result<CacheStats> clean() const;
  // Removes temp files ".<name>.tmp-*" older than an hour (left by crashed writers) and bucket
  // directories of older versions ("simple-v0" when "simple-v1" is current). Current data and
  // newer versions (a newer roost sharing the cache) are kept.
  Result<CacheStats> prune() const;

 private:
  explicit Cache(std::filesystem::path root) : root_(std::move(root)) {}
  std::filesystem::path root_;
};

// The first line of CACHEDIR.TAG (https://bford.info/cachedir/).
inline constexpr std::string_view kCacheDirTagSignature =
    "Signature: 8a477f597d28d172789f06886806bc55";

}  // namespace roost::cache
