// File-system helpers: whole-file reads, atomic writes (temp file, fsync, rename) and advisory
// file locks. Atomic writes are how lockfiles and environment state change without ever being
// seen half-written.
//
//   ROOST_CHECK(write_file_atomic("uv.lock", text));
//   ROOST_TRY(FileLock lock, FileLock::acquire(".venv/.lock", LockMode::kExclusive));
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace roost {

// The whole file. A missing file is a kNotFound error.
Result<std::string> read_file(const std::filesystem::path& path);
// Like read_file, but nullopt when there is no such file (ENOENT) or a parent is not a
// directory (ENOTDIR): one open() both probes and reads, for discovery's hot loop.
Result<std::optional<std::string>> read_file_if_exists(const std::filesystem::path& path);
// The same for a path already held as text: discovery reads a thousand files, and building a
// std::filesystem::path for each (split into components, allocated) only to open it showed.
Result<std::optional<std::string>> read_file_if_exists(const char* path);

// A directory held open (O_PATH) for reading files below it by relative name, so the kernel
// walks only the relative part of each path: discovery reads a thousand
// `<member>/pyproject.toml` under one `packages/`. Measured here: ~2-7% of a small file's
// open-fstat-read-close (the components that stay are the ones whose lookups cost).
//
//   ROOST_TRY(OpenDirectory packages, OpenDirectory::open("/ws/packages"));
//   packages.read_file_if_exists("seeds/pyproject.toml", "/ws/packages/seeds/pyproject.toml");
class OpenDirectory {
 public:
  // A missing directory is kNotFound; other failures are kIo.
  static Result<OpenDirectory> open(const std::filesystem::path& path);

  // read_file_if_exists() of `relative` below this directory; `shown` (the whole path) names
  // the file in errors. Usable from several threads at once.
  Result<std::optional<std::string>> read_file_if_exists(const char* relative,
                                                         std::string_view shown) const;

  OpenDirectory(OpenDirectory&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  OpenDirectory& operator=(OpenDirectory&& other) noexcept;
  OpenDirectory(const OpenDirectory&) = delete;
  OpenDirectory& operator=(const OpenDirectory&) = delete;
  ~OpenDirectory();

 private:
  explicit OpenDirectory(int fd) : fd_(fd) {}
  int fd_ = -1;
};

// Writes `data` to a temporary file beside `path`, fsyncs it, renames it over `path` and fsyncs
// the directory. Readers see the old contents or the new, never a mix; a crash leaves at most a
// stray temporary file (named `.<name>.tmp-*`). `mode` is applied to a new file.
Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view data,
                               unsigned mode = 0644);

// The same temp-file-and-rename, without the fsyncs: readers still see the old contents or the
// new, never a mix, but a power cut may lose (or empty) the new file. For caches, whose readers
// validate what they read and treat a bad entry as a miss; an fsync per cached index page made a
// cold 300-project metadata fetch ~8x slower.
Result<void> write_file_replace(const std::filesystem::path& path, std::string_view data,
                                unsigned mode = 0644);

enum class LockMode { kShared, kExclusive };

// An advisory lock (flock) on a file, created if missing; released on destruction. Locks are
// per open file description, so two FileLocks in one process exclude each other too.
class FileLock {
 public:
  // Blocks until the lock is held.
  static Result<FileLock> acquire(const std::filesystem::path& path, LockMode mode);
  // Does not wait: nullopt when another holder has the lock.
  static Result<std::optional<FileLock>> try_acquire(const std::filesystem::path& path,
                                                     LockMode mode);

  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

  const std::filesystem::path& path() const { return path_; }

 private:
  FileLock(int fd, std::filesystem::path path) : fd_(fd), path_(std::move(path)) {}
  void release();
  int fd_ = -1;
  std::filesystem::path path_;
};

// "strerror(errno)" phrased for messages: "No such file or directory".
std::string errno_message(int err);

// A regular file (after symlinks) at `path`; false for anything else, or when it cannot be told.
bool is_file(const std::filesystem::path& path);

}  // namespace roost
