// install_wheel (see install_wheel.h), as a list of steps: plan every file (checking every
// destination), open the scheme directories, create directories, place files, write RECORD.
#include "install/install_wheel.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <set>
#include <unordered_map>

#include "base/fs.h"
#include "base/sha256.h"
#include "install/relative_path.h"
#include "install/scripts.h"
#include "metadata/entry_points.h"
#include "metadata/record.h"
#include "tags/text_span.h"

namespace roost::install {
namespace fs = std::filesystem;
namespace {

using tags::quote;

// The directories files go to: the root (purelib or platlib) and the scheme's five.
enum Target : size_t { kRoot, kPurelib, kPlatlib, kScripts, kHeaders, kData, kTargetCount };

Target target_of_data_key(std::string_view key) {
  if (key == "purelib") return kPurelib;
  if (key == "platlib") return kPlatlib;
  if (key == "scripts") return kScripts;
  if (key == "headers") return kHeaders;
  return kData;  // the only other key find_dist_info lets through
}

struct PlannedFile {
  enum class Kind { kLink, kScript, kGenerated };
  Kind kind = Kind::kLink;
  Target target = kRoot;
  std::string dest;                               // relative to the target directory
  std::string source;                             // kLink, kScript: relative to the unpacked tree
  std::string content;                            // kGenerated
  unsigned mode = 0644;                           // kScript, kGenerated
  const metadata::RecordEntry* record = nullptr;  // kLink: the wheel's row (hash, size)
};

Error unpacked_error(const UnpackedWheel& w, std::string_view path, std::string_view problem) {
  return make_error(ErrorKind::kIntegrity, "cannot install " + w.dir.string() + ": " + quote(path) +
                                               ": " + std::string(problem));
}

// Step 1: every file of the wheel, from its RECORD (which unpacking checked against the files).
Result<std::vector<PlannedFile>> plan_wheel_files(const UnpackedWheel& w) {
  const std::string info_prefix = w.dist_info + "/";
  const std::string data_prefix = w.data_dir + "/";
  std::vector<PlannedFile> files;
  files.reserve(w.record.entries.size());
  for (const metadata::RecordEntry& row : w.record.entries) {
    if (auto why = unsafe_path_reason(row.path)) return unpacked_error(w, row.path, *why);
    PlannedFile file;
    file.source = row.path;
    file.record = &row;
    std::string_view path = row.path;
    if (path.substr(0, info_prefix.size()) == info_prefix) {
      std::string_view name = path.substr(info_prefix.size());
      // Ours to write: the wheel's copies would be stale or wrong.
      if (name == "RECORD" || name == "INSTALLER" || name == "REQUESTED" ||
          name == "direct_url.json") {
        continue;
      }
      file.dest = row.path;
    } else if (path.substr(0, data_prefix.size()) == data_prefix) {
      std::string_view rest = path.substr(data_prefix.size());
      const size_t slash = rest.find('/');
      if (slash == std::string_view::npos || slash + 1 == rest.size()) {
        return unpacked_error(w, row.path, "not inside a .data scheme directory");
      }
      file.target = target_of_data_key(rest.substr(0, slash));
      file.dest = std::string(rest.substr(slash + 1));
      if (file.target == kScripts) {
        file.kind = PlannedFile::Kind::kScript;
        file.mode = 0755;
      }
    } else {
      file.dest = row.path;
    }
    files.push_back(std::move(file));
  }
  return files;
}

// Step 2: launchers for console_scripts and gui_scripts.
Result<void> plan_launchers(const UnpackedWheel& w, const Scheme& scheme,
                            std::vector<PlannedFile>& files) {
  const std::string what = w.dist_info + "/entry_points.txt";
  ROOST_TRY(std::optional<std::string> text, read_file_if_exists(w.dir / what));
  if (!text) return ok();
  ROOST_TRY_CONTEXT(metadata::EntryPoints entry_points, metadata::EntryPoints::parse(*text, what),
                    "while installing " + w.dir.string());
  for (const char* group : {"console_scripts", "gui_scripts"}) {
    for (const metadata::EntryPoint* entry : entry_points.group(group)) {
      if (!is_plain_file_name(entry->name)) {
        return unpacked_error(
            w, what, "the script name " + quote(entry->name) + " is not a plain file name");
      }
      ROOST_TRY_CONTEXT(std::string launcher, entry_point_launcher(*entry, scheme.python),
                        "while installing " + w.dir.string());
      PlannedFile file;
      file.kind = PlannedFile::Kind::kGenerated;
      file.target = kScripts;
      file.dest = entry->name;
      file.content = std::move(launcher);
      file.mode = 0755;
      files.push_back(std::move(file));
    }
  }
  return ok();
}

PlannedFile generated(std::string dest, std::string content) {
  PlannedFile file;
  file.kind = PlannedFile::Kind::kGenerated;
  file.dest = std::move(dest);
  file.content = std::move(content);
  return file;
}

// The scheme directories, opened once (O_PATH) so every file is placed by a short relative path.
class TargetDirs {
 public:
  TargetDirs() { fds_.fill(-1); }
  ~TargetDirs() {
    for (int fd : fds_) {
      if (fd >= 0) ::close(fd);
    }
  }
  TargetDirs(const TargetDirs&) = delete;
  TargetDirs& operator=(const TargetDirs&) = delete;

  Result<void> init(const UnpackedWheel& w, const Scheme& scheme) {
    const fs::path* given[] = {&scheme.purelib, &scheme.platlib, &scheme.scripts,
                               &scheme.include, &scheme.data,    &scheme.python};
    for (const fs::path* p : given) {
      if (!p->is_absolute()) {
        return make_error(ErrorKind::kUsage,
                          "install scheme paths must be absolute, not " + quote(p->string()));
      }
    }
    paths_[kRoot] = (w.wheel.root_is_purelib ? scheme.purelib : scheme.platlib).lexically_normal();
    paths_[kPurelib] = scheme.purelib.lexically_normal();
    paths_[kPlatlib] = scheme.platlib.lexically_normal();
    paths_[kScripts] = scheme.scripts.lexically_normal();
    paths_[kHeaders] = (scheme.include / w.name.str()).lexically_normal();
    paths_[kData] = scheme.data.lexically_normal();
    for (size_t t = 0; t < kTargetCount; ++t) {
      // RECORD paths are relative to the root ("../../../bin/x"), or absolute when they cannot be.
      fs::path relative = paths_[t].lexically_relative(paths_[kRoot]);
      record_prefix_[t] = relative.empty()  ? paths_[t].string() + "/"
                          : relative == "." ? std::string()
                                            : relative.generic_string() + "/";
    }
    return ok();
  }

  // The target's directory, created (with its parents) and opened on first use.
  Result<int> fd(Target t) {
    if (fds_[t] >= 0) return fds_[t];
    std::error_code ec;
    fs::create_directories(paths_[t], ec);
    if (ec) {
      return make_error(ErrorKind::kIo,
                        "cannot create directory " + paths_[t].string() + ": " + ec.message());
    }
    fds_[t] = ::open(paths_[t].c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fds_[t] < 0) {
      return make_error(ErrorKind::kIo,
                        "cannot open " + paths_[t].string() + ": " + errno_message(errno));
    }
    return fds_[t];
  }
  const fs::path& path(Target t) const { return paths_[t]; }
  const std::string& record_prefix(Target t) const { return record_prefix_[t]; }

 private:
  std::array<fs::path, kTargetCount> paths_;
  std::array<std::string, kTargetCount> record_prefix_;
  std::array<int, kTargetCount> fds_;
};

// Step 3: each directory once, parents first (a sorted set puts "a" before "a/b").
Result<void> create_directories(const std::vector<PlannedFile>& files, TargetDirs& dirs) {
  std::set<std::pair<Target, std::string_view>> needed;
  for (const PlannedFile& f : files) {
    std::string_view dest = f.dest;
    for (size_t slash = dest.find('/'); slash != std::string_view::npos;
         slash = dest.find('/', slash + 1)) {
      needed.emplace(f.target, dest.substr(0, slash));
    }
  }
  for (const auto& [target, dir] : needed) {
    ROOST_TRY(int fd, dirs.fd(target));
    const std::string name(dir);
    if (::mkdirat(fd, name.c_str(), 0755) != 0 && errno != EEXIST) {
      return make_error(ErrorKind::kIo, "cannot create directory " +
                                            (dirs.path(target) / name).string() + ": " +
                                            errno_message(errno));
    }
  }
  return ok();
}

// A new file with `content`: any file there is unlinked first, never truncated, since it may be
// a hardlink into the cache.
Result<void> write_new_file(int dir_fd, const std::string& name, std::string_view content,
                            unsigned mode, const fs::path& shown_dir) {
  auto fail = [&](std::string_view what, int err) {
    return make_error(ErrorKind::kIo, std::string(what) + " " + (shown_dir / name).string() + ": " +
                                          errno_message(err));
  };
  if (::unlinkat(dir_fd, name.c_str(), 0) != 0 && errno != ENOENT)
    return fail("cannot replace", errno);
  int fd = ::openat(dir_fd, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return fail("cannot create", errno);
  while (!content.empty()) {
    ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return fail("cannot write", err);
    }
    content.remove_prefix(static_cast<size_t>(n));
  }
  if (::close(fd) != 0) return fail("cannot write", errno);
  return ok();
}

metadata::RecordEntry record_row(std::string path, std::string_view content) {
  return {std::move(path), metadata::HashDigest::sha256(sha256(content)), content.size(), 0};
}

}  // namespace

Result<InstalledDist> install_wheel(const UnpackedWheel& wheel, const Scheme& scheme,
                                    const InstallOptions& options) {
  // Plan: every destination is known, and checked, before anything is written.
  ROOST_TRY(std::vector<PlannedFile> files, plan_wheel_files(wheel));
  ROOST_CHECK(plan_launchers(wheel, scheme, files));
  const std::string info = wheel.dist_info + "/";
  files.push_back(generated(info + "INSTALLER", options.installer + "\n"));
  if (options.requested) files.push_back(generated(info + "REQUESTED", ""));
  if (options.direct_url) {
    ROOST_CHECK(options.direct_url->validate());
    files.push_back(generated(info + "direct_url.json", options.direct_url->to_json()));
  }
  TargetDirs dirs;
  ROOST_CHECK(dirs.init(wheel, scheme));
  // Two files for one destination (a launcher named like a .data script; purelib/x and x when
  // purelib is the root): the later wins, as it would on disk, and RECORD lists it once.
  std::unordered_map<std::string, size_t> by_destination;
  std::vector<bool> superseded(files.size(), false);
  for (size_t i = 0; i < files.size(); ++i) {
    std::string key = (dirs.path(files[i].target) / files[i].dest).string();
    auto [it, fresh] = by_destination.emplace(std::move(key), i);
    if (!fresh) {
      superseded[it->second] = true;
      it->second = i;
    }
  }
  ROOST_CHECK(create_directories(files, dirs));

  // Place.
  ROOST_TRY(FileLinker linker, FileLinker::open(wheel.dir, options.link_mode));
  InstalledDist result{wheel.name, wheel.version, dirs.path(kRoot) / wheel.dist_info};
  metadata::Record record;
  record.entries.reserve(files.size() + 1);
  for (size_t i = 0; i < files.size(); ++i) {
    if (superseded[i]) continue;
    const PlannedFile& f = files[i];
    ROOST_TRY(int fd, dirs.fd(f.target));
    std::string record_path = dirs.record_prefix(f.target) + f.dest;
    if (f.kind == PlannedFile::Kind::kLink) {
      ROOST_CHECK(linker.place(f.source, fd, f.dest, dirs.path(f.target)));
      ++result.linked_files;
      if (f.record->hash && f.record->hash->algorithm == "sha256" && f.record->size) {
        record.entries.push_back({std::move(record_path), f.record->hash, f.record->size, 0});
      } else {  // RECORD.jws, or a wheel hashed with another algorithm: hash what is installed
        ROOST_TRY(std::string content, read_file(wheel.dir / f.source));
        record.entries.push_back(record_row(std::move(record_path), content));
      }
      continue;
    }
    std::string content = f.content;
    if (f.kind == PlannedFile::Kind::kScript) {
      ROOST_TRY(content, read_file(wheel.dir / f.source));
      if (auto fixed = rewrite_python_shebang(content, scheme.python)) content = std::move(*fixed);
    }
    ROOST_CHECK(write_new_file(fd, f.dest, content, f.mode, dirs.path(f.target)));
    ++result.written_files;
    record.entries.push_back(record_row(std::move(record_path), content));
  }

  // RECORD, last: its presence says the install completed.
  const std::string record_name = info + "RECORD";
  record.entries.push_back({record_name, std::nullopt, std::nullopt, 0});
  ROOST_TRY(int root_fd, dirs.fd(kRoot));
  ROOST_CHECK(write_new_file(root_fd, record_name, record.to_string(), 0644, dirs.path(kRoot)));
  ++result.written_files;
  result.link_mode = linker.mode();
  result.link_fallback = linker.fallback();
  return result;
}

}  // namespace roost::install
