// Unpacking sdists (see sdist.h): one pass over the archive, every entry checked before it is
// written into a private temporary directory, links checked again once all are in place.
#include "build/sdist.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <set>
#include <system_error>
#include <vector>

#include "base/fs.h"
#include "build/archive_library.h"
#include "install/relative_path.h"
#include "pep508/names.h"
#include "tags/filename.h"

namespace roost::build {
namespace fs = std::filesystem;
namespace {

// Removes a temporary directory unless released.
class TempTree {
 public:
  explicit TempTree(fs::path path) : path_(std::move(path)) {}
  ~TempTree() {
    if (path_.empty()) return;
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;
  const fs::path& path() const { return path_; }
  void release() { path_.clear(); }

 private:
  fs::path path_;
};

// Owns an archive handle.
struct ArchiveReader {
  const ArchiveLibrary* la;
  archive* a;
  ~ArchiveReader() { la->read_free(a); }
};

// Whether `child` (lexically normal, relative) is `parent` or below it.
bool is_within(const fs::path& child, const fs::path& parent) {
  auto c = child.begin();
  for (auto p = parent.begin(); p != parent.end(); ++p, ++c) {
    if (c == child.end() || *c != *p) return false;
  }
  return true;
}

// The entry name without leading "./" and a trailing "/".
std::string clean_name(std::string name) {
  while (name.size() >= 2 && name[0] == '.' && name[1] == '/') name.erase(0, 2);
  while (!name.empty() && name.back() == '/') name.pop_back();
  return name;
}

class Unpacker {
 public:
  Unpacker(const fs::path& archive, const fs::path& root) : archive_(archive), root_(root) {}

  Error invalid(std::string_view entry, std::string_view why) const {
    std::string message = "invalid sdist " + archive_.string();
    if (!entry.empty()) message += ": entry `" + std::string(entry) + "`";
    return make_error(ErrorKind::kIntegrity, message + ": " + std::string(why));
  }

  Result<void> entry(const ArchiveLibrary& la, archive* a, archive_entry* e) {
    const char* raw = la.entry_pathname(e);
    if (raw == nullptr) return invalid("", "an entry has no name");
    const std::string name = clean_name(raw);
    if (name.empty() || name == ".") return ok();  // the archive's root
    if (auto why = install::unsafe_path_reason(name)) return invalid(raw, *why);
    const std::string top = name.substr(0, name.find('/'));
    if (top_.empty()) top_ = top;
    if (top != top_) {
      return invalid(name, "a second top-level directory (an sdist has one: `" + top_ + "`)");
    }
    // Nothing is written through a link the archive made (a later `link/x` would land wherever
    // the link points).
    for (size_t slash = name.find('/'); slash != std::string::npos;
         slash = name.find('/', slash + 1)) {
      if (links_.count(name.substr(0, slash))) {
        return invalid(name, "it is inside the symbolic link `" + name.substr(0, slash) + "`");
      }
    }
    const fs::path dest = root_ / name;
    const char* hardlink = la.entry_hardlink(e);
    const auto type = la.entry_filetype(e);
    if (type == AE_IFDIR && hardlink == nullptr) {
      if (seen_.count(name)) return invalid(name, "given twice");
      dirs_.insert(name);
      return make_dirs(name, dest);
    }
    if (name == top_) return invalid(name, "a file at the top level (an sdist has one directory)");
    if (!seen_.insert(name).second || dirs_.count(name)) return invalid(name, "given twice");
    ROOST_CHECK(make_dirs(name, dest.parent_path()));
    if (hardlink != nullptr) {
      const std::string target = clean_name(hardlink);
      if (!files_.count(target)) {
        return invalid(name, "a hard link to `" + target + "`, which is not an earlier file");
      }
      if (::link((root_ / target).c_str(), dest.c_str()) != 0) {
        return invalid(name, "cannot link: " + errno_message(errno));
      }
      files_.insert(name);
      return ok();
    }
    if (type == AE_IFLNK) return symlink(name, la.entry_symlink(e), dest);
    if (type != AE_IFREG) {
      return invalid(name, type == AE_IFCHR || type == AE_IFBLK ? "a device file"
                           : type == AE_IFIFO                   ? "a FIFO"
                           : type == AE_IFSOCK                  ? "a socket"
                                                                : "not a file or directory");
    }
    files_.insert(name);
    return write_file(la, a, name, dest, (la.entry_perm(e) & 0111) ? 0755 : 0644);
  }

  // After the last entry: the layout, then every link resolved through the others.
  Result<void> finish() const {
    if (top_.empty()) return invalid("", "the archive is empty");
    if (!files_.count(top_ + "/PKG-INFO")) {
      return invalid("", "no PKG-INFO file in `" + top_ + "/`");
    }
    std::error_code ec;
    const fs::path top_real = fs::canonical(root_ / top_, ec);
    if (ec) return invalid(top_, ec.message());
    for (const std::string& link : links_) {
      fs::path resolved = fs::weakly_canonical(root_ / link, ec);
      if (ec) return invalid(link, "the symbolic link cannot be resolved: " + ec.message());
      if (!is_within(resolved, top_real)) {
        return invalid(link, "a symbolic link that resolves outside the sdist");
      }
    }
    return ok();
  }

  const std::string& top() const { return top_; }

 private:
  Result<void> make_dirs(const std::string& name, const fs::path& dir) const {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return invalid(name, "cannot create " + dir.string() + ": " + ec.message());
    return ok();
  }

  Result<void> symlink(const std::string& name, const char* target, const fs::path& dest) {
    if (target == nullptr || *target == '\0') return invalid(name, "a symbolic link to nothing");
    const fs::path to(target);
    const fs::path lexical = (fs::path(name).parent_path() / to).lexically_normal();
    if (to.is_absolute() || !is_within(lexical, top_)) {
      return invalid(
          name, "a symbolic link to `" + std::string(target) + "`, outside the sdist's directory");
    }
    if (::symlink(target, dest.c_str()) != 0) {
      return invalid(name, "cannot create the link: " + errno_message(errno));
    }
    links_.insert(name);
    return ok();
  }

  Result<void> write_file(const ArchiveLibrary& la, archive* a, const std::string& name,
                          const fs::path& dest, unsigned mode) const {
    int fd = ::open(dest.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) return invalid(name, "cannot create: " + errno_message(errno));
    char buffer[64 * 1024];
    while (true) {
      la_ssize_t n = la.read_data(a, buffer, sizeof buffer);
      if (n == 0) break;
      if (n < 0) {
        ::close(fd);
        return invalid(name, std::string("cannot read: ") + la.error_string(a));
      }
      for (la_ssize_t done = 0; done < n;) {
        ssize_t w = ::write(fd, buffer + done, static_cast<size_t>(n - done));
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) {
          int err = errno;
          ::close(fd);
          return invalid(name, "cannot write: " + errno_message(err));
        }
        done += w;
      }
    }
    if (::close(fd) != 0) return invalid(name, "cannot write: " + errno_message(errno));
    return ok();
  }

  fs::path archive_;
  fs::path root_;
  std::string top_;
  std::set<std::string> seen_;   // every non-directory entry
  std::set<std::string> dirs_;   // directory entries
  std::set<std::string> files_;  // regular files (hard-link targets)
  std::set<std::string> links_;  // symbolic links
};

// The top-level directory against the file name "<name>-<version>.tar.gz", when it is one.
Result<void> check_top_level(const fs::path& archive, const std::string& top) {
  Result<tags::SdistFilename> file = tags::SdistFilename::parse(archive.filename().string());
  if (!file.ok()) return ok();  // a cache blob, or a name only legacy tools wrote
  const size_t dash = top.rfind('-');
  Result<pep440::Version> version = dash == std::string::npos
                                        ? Result<pep440::Version>(make_error(ErrorKind::kParse, ""))
                                        : pep440::Version::parse(top.substr(dash + 1));
  if (!version.ok() || *version != file->version ||
      pep508::PackageName::normalize(top.substr(0, dash)) != file->name) {
    return make_error(ErrorKind::kIntegrity, "invalid sdist " + archive.string() +
                                                 ": its directory `" + top +
                                                 "` does not match the file name");
  }
  return ok();
}

// The one directory inside an already unpacked `dest`.
Result<UnpackedSdist> open_unpacked(const fs::path& dest) {
  std::error_code ec;
  std::vector<std::string> names;
  for (const fs::directory_entry& e : fs::directory_iterator(dest, ec)) {
    names.push_back(e.path().filename().string());
  }
  if (ec || names.size() != 1) {
    return make_error(ErrorKind::kIntegrity,
                      dest.string() + " is not an unpacked sdist (one directory expected)");
  }
  return UnpackedSdist{dest, names[0], dest / names[0]};
}

}  // namespace

Result<UnpackedSdist> unpack_sdist(const fs::path& archive, const fs::path& dest) {
  std::error_code ec;
  if (fs::is_directory(dest, ec)) return open_unpacked(dest);
  ROOST_TRY(const ArchiveLibrary* la, ArchiveLibrary::load());
  fs::create_directories(dest.parent_path(), ec);
  std::string pattern =
      (dest.parent_path() / ("." + dest.filename().string() + ".tmp-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return make_error(ErrorKind::kIo, "cannot create a directory beside " + dest.string() + ": " +
                                          errno_message(errno));
  }
  TempTree temp{fs::path(pattern)};

  ArchiveReader reader{la, la->read_new()};
  la->read_support_filter_all(reader.a);
  la->read_support_format_tar(reader.a);
  la->read_support_format_zip(reader.a);
  if (la->read_open_filename(reader.a, archive.c_str(), 64 * 1024) != ARCHIVE_OK) {
    return make_error(ErrorKind::kIo,
                      "cannot open sdist " + archive.string() + ": " + la->error_string(reader.a));
  }
  Unpacker unpacker(archive, temp.path());
  while (true) {
    archive_entry* e = nullptr;
    const int status = la->read_next_header(reader.a, &e);
    if (status == ARCHIVE_EOF) break;
    if (status < ARCHIVE_WARN) {
      return make_error(ErrorKind::kIntegrity,
                        "invalid sdist " + archive.string() + ": " + la->error_string(reader.a));
    }
    ROOST_CHECK(unpacker.entry(*la, reader.a, e));
  }
  ROOST_CHECK(unpacker.finish());
  ROOST_CHECK(check_top_level(archive, unpacker.top()));

  if (::rename(temp.path().c_str(), dest.c_str()) != 0) {
    if (errno == EEXIST || errno == ENOTEMPTY) return open_unpacked(dest);  // another unpacker won
    return make_error(ErrorKind::kIo, "cannot move the unpacked sdist to " + dest.string() + ": " +
                                          errno_message(errno));
  }
  temp.release();
  return UnpackedSdist{dest, unpacker.top(), dest / unpacker.top()};
}

Result<BuildResult> build_sdist_wheel(const fs::path& archive, const fs::path& unpack_dest,
                                      BuildRequest request) {
  if (request.kind != BuildKind::kWheel) {
    return make_error(ErrorKind::kUsage,
                      "an sdist builds a wheel, not an editable install: " + archive.string());
  }
  ROOST_TRY(UnpackedSdist sdist, unpack_sdist(archive, unpack_dest));
  request.source_dir = sdist.source_tree;
  return build_wheel(request);
}

}  // namespace roost::build
