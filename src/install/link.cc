// Link modes and the fallback chain (see link.h).
#include "install/link.h"

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "base/fs.h"

namespace roost::install {
namespace {

// Errors that say "this mode does not work here", as opposed to a problem with this one file
// (a missing source, a full disk), which no other mode would fix.
bool mode_unsupported(LinkMode mode, int err) {
  switch (mode) {
    case LinkMode::kClone:  // EXDEV across file systems, EOPNOTSUPP / EINVAL / ENOTTY without
                            // reflink support (ext4, tmpfs), EPERM on some FUSE mounts
      return err == EXDEV || err == EOPNOTSUPP || err == EINVAL || err == ENOTTY || err == EPERM ||
             err == ENOSYS || err == ETXTBSY;
    case LinkMode::kHardlink:  // EMLINK: the inode has as many links as the file system allows
      return err == EXDEV || err == EPERM || err == EOPNOTSUPP || err == EMLINK || err == ENOSYS;
    case LinkMode::kSymlink:
      return err == EPERM || err == EOPNOTSUPP || err == ENOSYS;
    case LinkMode::kCopy:
      return false;
  }
  return false;
}

LinkMode next_mode(LinkMode mode) {
  return mode == LinkMode::kClone ? LinkMode::kHardlink : LinkMode::kCopy;
}

// Opens the source, creates the destination with the source's mode and fills it with `fill`.
template <typename Fill>
int write_from_source(int source_fd, const std::string& source, int dest_dir_fd,
                      const std::string& dest, Fill fill) {
  int in = ::openat(source_fd, source.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return errno;
  struct stat st {};
  if (::fstat(in, &st) != 0) {
    int err = errno;
    ::close(in);
    return err;
  }
  int out = ::openat(dest_dir_fd, dest.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                     st.st_mode & 07777);
  if (out < 0) {
    int err = errno;
    ::close(in);
    return err;
  }
  int err = fill(in, out);
  if (::close(out) != 0 && err == 0) err = errno;
  ::close(in);
  if (err != 0) ::unlinkat(dest_dir_fd, dest.c_str(), 0);  // no half-written file stays
  return err;
}

}  // namespace

std::string_view to_string(LinkMode mode) {
  switch (mode) {
    case LinkMode::kClone:
      return "clone";
    case LinkMode::kHardlink:
      return "hardlink";
    case LinkMode::kCopy:
      return "copy";
    case LinkMode::kSymlink:
      return "symlink";
  }
  return "?";
}

std::optional<LinkMode> parse_link_mode(std::string_view text) {
  for (LinkMode mode :
       {LinkMode::kClone, LinkMode::kHardlink, LinkMode::kCopy, LinkMode::kSymlink}) {
    if (text == to_string(mode)) return mode;
  }
  return std::nullopt;
}

std::optional<LinkWarning> fallback_warning(const LinkFallback& fallback) {
  if (fallback.used != LinkMode::kCopy) return std::nullopt;
  const char* verb = "hardlink";
  const char* technique = "hardlinking";
  if (fallback.requested == LinkMode::kClone) {
    verb = "clone";
    technique = "reflinking";
  } else if (fallback.requested == LinkMode::kSymlink) {
    verb = "symlink";
    technique = "symlinking";
  }
  return LinkWarning{
      std::string("Failed to ") + verb +
          " files; falling back to full copy. This may lead to degraded performance.",
      std::string("If the cache and target directories are on different filesystems, ") +
          technique +
          " may not be supported. If this is intentional, use `--link-mode=copy` to suppress "
          "this warning."};
}

int copy_file_contents(int in, int out) {
  bool kernel_copy = true;
  while (kernel_copy) {
    ssize_t n = ::copy_file_range(in, nullptr, out, nullptr, size_t{1} << 30, 0);
    if (n == 0) return 0;
    if (n > 0) continue;
    if (errno == EINTR) continue;
    // Older kernels, some file systems and cross-device copies refuse: fall back to read/write
    // from where the kernel stopped (offsets advanced with whatever it copied).
    if (errno != EXDEV && errno != ENOSYS && errno != EINVAL && errno != EOPNOTSUPP) return errno;
    kernel_copy = false;
  }
  char buffer[64 * 1024];
  while (true) {
    ssize_t n = ::read(in, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (n == 0) return 0;
    for (ssize_t done = 0; done < n;) {
      ssize_t w = ::write(out, buffer + done, static_cast<size_t>(n - done));
      if (w < 0) {
        if (errno == EINTR) continue;
        return errno;
      }
      done += w;
    }
  }
}

Result<FileLinker> FileLinker::open(const std::filesystem::path& source_root, LinkMode mode) {
  int fd = ::open(source_root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return make_error(ErrorKind::kIo,
                      "cannot open " + source_root.string() + ": " + errno_message(errno));
  }
  return FileLinker(fd, source_root, mode);
}

FileLinker::FileLinker(FileLinker&& other) noexcept
    : source_fd_(other.source_fd_),
      source_root_(std::move(other.source_root_)),
      mode_(other.mode_),
      requested_(other.requested_),
      fallback_(std::move(other.fallback_)) {
  other.source_fd_ = -1;
}

FileLinker& FileLinker::operator=(FileLinker&& other) noexcept {
  if (this != &other) {
    if (source_fd_ >= 0) ::close(source_fd_);
    source_fd_ = other.source_fd_;
    source_root_ = std::move(other.source_root_);
    mode_ = other.mode_;
    requested_ = other.requested_;
    fallback_ = std::move(other.fallback_);
    other.source_fd_ = -1;
  }
  return *this;
}

FileLinker::~FileLinker() {
  if (source_fd_ >= 0) ::close(source_fd_);
}

int FileLinker::attempt(const std::string& source, int dest_dir_fd, const std::string& dest) {
  switch (mode_) {
    case LinkMode::kHardlink:
      return ::linkat(source_fd_, source.c_str(), dest_dir_fd, dest.c_str(), 0) == 0 ? 0 : errno;
    case LinkMode::kSymlink: {
      const std::string target = (source_root_ / source).string();
      return ::symlinkat(target.c_str(), dest_dir_fd, dest.c_str()) == 0 ? 0 : errno;
    }
    case LinkMode::kClone:
      return write_from_source(source_fd_, source, dest_dir_fd, dest, [](int in, int out) {
        return ::ioctl(out, FICLONE, in) == 0 ? 0 : errno;
      });
    case LinkMode::kCopy:
      return write_from_source(source_fd_, source, dest_dir_fd, dest, copy_file_contents);
  }
  return EINVAL;
}

Result<void> FileLinker::place(const std::string& source, int dest_dir_fd, const std::string& dest,
                               const std::filesystem::path& dest_dir_shown) {
  bool replaced = false;
  while (true) {
    const int err = attempt(source, dest_dir_fd, dest);
    if (err == 0) return ok();
    if (err == EEXIST && !replaced) {
      // Another distribution's file (or a leftover): replace it, once.
      if (::unlinkat(dest_dir_fd, dest.c_str(), 0) != 0 && errno != ENOENT) {
        return make_error(ErrorKind::kIo, "cannot replace " + (dest_dir_shown / dest).string() +
                                              ": " + errno_message(errno));
      }
      replaced = true;
      continue;
    }
    if (mode_unsupported(mode_, err)) {
      const LinkMode next = next_mode(mode_);
      fallback_ = LinkFallback{requested_, mode_, next, errno_message(err)};
      mode_ = next;
      continue;
    }
    return make_error(ErrorKind::kIo, "cannot " + std::string(to_string(mode_)) + " " +
                                          (source_root_ / source).string() + " to " +
                                          (dest_dir_shown / dest).string() + ": " +
                                          errno_message(err));
  }
}

}  // namespace roost::install
