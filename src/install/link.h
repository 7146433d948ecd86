// Placing files from an unpacked wheel (the cache) into an environment: clone (copy-on-write,
// FICLONE), hardlink, copy or symlink, with uv's fallback chain (reference/uv.md §4.3).
//
// Why the chain, decided once: clone is free where the file system supports it (btrfs, XFS) and
// keeps the environment independent of the cache; a hardlink is as fast but shares the inode
// with the cache; a copy always works but costs the bytes. Whether clone or hardlink works
// depends on the file systems of the cache and the environment, the same for every file, so the
// first failure moves the linker to the next mode for good (clone → hardlink → copy; hardlink or
// symlink → copy) and later files do not pay for failing attempts again.
//
//   ROOST_TRY(FileLinker linker, FileLinker::open(unpacked.dir, LinkMode::kClone));
//   ROOST_CHECK(linker.place("hello/__init__.py", site_packages_fd, "hello/__init__.py",
//                            site_packages));
//   if (auto warning = fallback_warning(*linker.fallback())) reporter.warn(...);
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace roost::install {

enum class LinkMode { kClone, kHardlink, kCopy, kSymlink };

std::string_view to_string(LinkMode mode);  // "clone", "hardlink", "copy", "symlink"
std::optional<LinkMode> parse_link_mode(std::string_view text);

// The linker gave up on the mode asked for.
struct LinkFallback {
  LinkMode requested = LinkMode::kClone;
  LinkMode failed = LinkMode::kClone;  // the last mode that failed
  LinkMode used = LinkMode::kCopy;     // what files are placed with from then on
  std::string reason;                  // the system's words for the failure that decided it
};

// What to tell the user about a fallback, once (the CLI prints it as a warning): only when it
// ended in a full copy, since clone → hardlink costs nothing. uv's wording:
//   "Failed to hardlink files; falling back to full copy. This may lead to degraded performance."
struct LinkWarning {
  std::string message;
  std::string hint;  // why it happens, and `--link-mode=copy` to silence it
};
std::optional<LinkWarning> fallback_warning(const LinkFallback& fallback);

// Places files of one source tree. One FileLinker per installation (one thread); it holds the
// source directory open so every call walks only the relative paths.
class FileLinker {
 public:
  static Result<FileLinker> open(const std::filesystem::path& source_root, LinkMode mode);

  // Places source_root/`source` at `dest` relative to the open directory `dest_dir_fd`, replacing
  // a file already there (two wheels may ship the same file; the later one wins, as in pip).
  // The destination's parent must exist. Copies and clones keep the source's mode. Errors
  // (kIo) name the destination as `dest_dir_shown`/`dest` (built only then: this is the hot
  // path).
  Result<void> place(const std::string& source, int dest_dir_fd, const std::string& dest,
                     const std::filesystem::path& dest_dir_shown);

  LinkMode mode() const { return mode_; }  // the current mode (after any fallback)
  const std::optional<LinkFallback>& fallback() const { return fallback_; }

  FileLinker(FileLinker&& other) noexcept;
  FileLinker& operator=(FileLinker&& other) noexcept;
  FileLinker(const FileLinker&) = delete;
  FileLinker& operator=(const FileLinker&) = delete;
  ~FileLinker();

 private:
  FileLinker(int source_fd, std::filesystem::path source_root, LinkMode mode)
      : source_fd_(source_fd),
        source_root_(std::move(source_root)),
        mode_(mode),
        requested_(mode) {}
  // 0 on success, else the errno of the attempt with the current mode.
  int attempt(const std::string& source, int dest_dir_fd, const std::string& dest);

  int source_fd_ = -1;
  std::filesystem::path source_root_;
  LinkMode mode_;
  LinkMode requested_;
  std::optional<LinkFallback> fallback_;
};

// Copies the open file `in` to the new file `out` (copy_file_range, then read/write where the
// kernel cannot). 0 or an errno.
int copy_file_contents(int in, int out);

}  // namespace roost::install
