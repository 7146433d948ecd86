// POSIX implementation of the file helpers in fs.h.
#include "base/fs.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <system_error>

namespace roost {
namespace {

Error io_error(std::string what, std::string_view path, int err) {
  return make_error(ErrorKind::kIo, what + " " + std::string(path) + ": " + errno_message(err));
}
Error io_error(std::string what, const std::filesystem::path& path, int err) {
  return io_error(std::move(what), std::string_view(path.native()), err);
}

// Writes all of `data`, retrying short writes and EINTR.
bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::string temp_name_for(const std::filesystem::path& path) {
  // pid + a per-process counter + time keep concurrent writers (threads or processes) apart.
  static std::atomic<unsigned> counter{0};
  auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  return "." + path.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
         std::to_string(counter.fetch_add(1)) + "-" + std::to_string(now & 0xffffff);
}

}  // namespace

std::string errno_message(int err) {
  return std::strerror(err);
}

bool is_file(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

namespace {

// Reads an open file to its end and closes it. Regular files are read in one call when their
// size is known (one read() instead of a read() and a second one to see the end).
Result<std::string> read_and_close(int fd, std::string_view path) {
  std::string out;
  struct stat st {};
  size_t expected =
      ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) : 0;
  size_t filled = 0;
  out.resize(expected > 0 ? expected : 65536);
  while (true) {
    if (filled == out.size()) {
      if (expected > 0 && filled == expected) break;  // the size fstat gave: done
      out.resize(out.size() * 2);
    }
    ssize_t n = ::read(fd, out.data() + filled, out.size() - filled);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return io_error("cannot read", path, err);
    }
    if (n == 0) break;
    filled += static_cast<size_t>(n);
  }
  ::close(fd);
  out.resize(filled);
  return out;
}

}  // namespace

Result<std::string> read_file(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    Error e = io_error("cannot read", path, err);
    if (err == ENOENT) return Error(ErrorKind::kNotFound, e.message());
    return e;
  }
  return read_and_close(fd, path.native());
}

Result<std::optional<std::string>> read_file_if_exists(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT || err == ENOTDIR) return std::optional<std::string>();
    return io_error("cannot read", path, err);
  }
  ROOST_TRY(std::string text, read_and_close(fd, path.native()));
  return std::optional<std::string>(std::move(text));
}

Result<std::optional<std::string>> read_file_if_exists(const char* path) {
  int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT || err == ENOTDIR) return std::optional<std::string>();
    return io_error("cannot read", std::string_view(path), err);
  }
  ROOST_TRY(std::string text, read_and_close(fd, path));
  return std::optional<std::string>(std::move(text));
}

Result<OpenDirectory> OpenDirectory::open(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    Error e = io_error("cannot open directory", path, err);
    if (err == ENOENT) return Error(ErrorKind::kNotFound, e.message());
    return e;
  }
  return OpenDirectory(fd);
}

Result<std::optional<std::string>> OpenDirectory::read_file_if_exists(
    const char* relative, std::string_view shown) const {
  int fd = ::openat(fd_, relative, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT || err == ENOTDIR) return std::optional<std::string>();
    return io_error("cannot read", shown, err);
  }
  ROOST_TRY(std::string text, read_and_close(fd, shown));
  return std::optional<std::string>(std::move(text));
}

OpenDirectory& OpenDirectory::operator=(OpenDirectory&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

OpenDirectory::~OpenDirectory() {
  if (fd_ >= 0) ::close(fd_);
}

namespace {

Result<void> replace_file(const std::filesystem::path& path, std::string_view data, unsigned mode,
                          bool durable) {
  std::filesystem::path dir = path.parent_path();
  if (dir.empty()) dir = ".";
  std::filesystem::path temp = dir / temp_name_for(path);
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return io_error("cannot create", temp, errno);
  if (!write_all(fd, data) || (durable && ::fsync(fd) != 0)) {
    int err = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    return io_error("cannot write", temp, err);
  }
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    return io_error("cannot write", temp, err);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    return io_error("cannot replace", path, err);
  }
  if (!durable) return ok();
  // The rename is durable only once the directory entry is on disk.
  int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return ok();
}

}  // namespace

Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view data,
                               unsigned mode) {
  return replace_file(path, data, mode, true);
}

Result<void> write_file_replace(const std::filesystem::path& path, std::string_view data,
                                unsigned mode) {
  return replace_file(path, data, mode, false);
}

Result<FileLock> FileLock::acquire(const std::filesystem::path& path, LockMode mode) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return io_error("cannot open lock file", path, errno);
  int op = mode == LockMode::kExclusive ? LOCK_EX : LOCK_SH;
  while (::flock(fd, op) != 0) {
    if (errno == EINTR) continue;
    int err = errno;
    ::close(fd);
    return io_error("cannot lock", path, err);
  }
  return FileLock(fd, path);
}

Result<std::optional<FileLock>> FileLock::try_acquire(const std::filesystem::path& path,
                                                      LockMode mode) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return io_error("cannot open lock file", path, errno);
  int op = (mode == LockMode::kExclusive ? LOCK_EX : LOCK_SH) | LOCK_NB;
  while (::flock(fd, op) != 0) {
    if (errno == EINTR) continue;
    int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) return std::optional<FileLock>();
    return io_error("cannot lock", path, err);
  }
  return std::optional<FileLock>(FileLock(fd, path));
}

FileLock::FileLock(FileLock&& other) noexcept : fd_(other.fd_), path_(std::move(other.path_)) {
  other.fd_ = -1;
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    release();
    fd_ = other.fd_;
    path_ = std::move(other.path_);
    other.fd_ = -1;
  }
  return *this;
}

FileLock::~FileLock() {
  release();
}

void FileLock::release() {
  if (fd_ >= 0) {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
    fd_ = -1;
  }
}

}  // namespace roost
