// Creating a venv (venv.h): decide keep / create / replace, build the tree in a temporary
// directory beside the target, then rename or swap it into place.
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <system_error>

#include "base/fs.h"
#include "cache/cache.h"
#include "python/activators.h"
#include "python/pyvenv_cfg.h"
#include "python/venv.h"

namespace roost::python {
namespace fs = std::filesystem;

namespace {

Error io_error(std::string what, const fs::path& path, int err) {
  return make_error(ErrorKind::kIo, what + " " + path.string() + ": " + errno_message(err));
}

Error fs_error(std::string what, const fs::path& path, const std::error_code& ec) {
  return make_error(ErrorKind::kIo, what + " " + path.string() + ": " + ec.message());
}

Result<void> make_dirs(const fs::path& path) {
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) return fs_error("cannot create", path, ec);
  return ok();
}

Result<void> make_symlink(const fs::path& target, const fs::path& link) {
  if (::symlink(target.c_str(), link.c_str()) != 0) return io_error("cannot create", link, errno);
  return ok();
}

Result<void> write_new_file(const fs::path& path, std::string_view text, unsigned mode = 0644) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return io_error("cannot create", path, errno);
  size_t written = 0;
  while (written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return io_error("cannot write", path, err);
    }
    written += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) return io_error("cannot write", path, errno);
  return ok();
}

// Where things stand at `path` before we start.
enum class Existing { kNothing, kEmptyDirectory, kFitting, kStale };

bool same_directory(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  return fs::equivalent(a, b, ec) && !ec;
}

Result<Existing> inspect(const fs::path& path, const Interpreter& py, const VenvOptions& options,
                         VenvInfo* info) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Existing::kNothing;
    return io_error("cannot inspect", path, errno);
  }
  if (!S_ISDIR(st.st_mode)) {
    return make_error(ErrorKind::kUsage, "cannot create a virtual environment at " + path.string() +
                                             ": a file of that name exists");
  }
  std::error_code ec;
  if (fs::is_empty(path, ec) && !ec) return Existing::kEmptyDirectory;
  Result<VenvInfo> venv = read_venv(path);
  if (!venv.ok() && venv.error().kind() == ErrorKind::kNotFound) {
    return std::move(make_error(ErrorKind::kUsage, "The directory " + path.string() +
                                                       " exists, but it is not a virtual "
                                                       "environment (it has no pyvenv.cfg)"))
        .with_hint("remove it, or choose another path for the environment");
  }
  if (!venv.ok() || options.replace) return Existing::kStale;  // a damaged pyvenv.cfg is ours
  bool fits = venv_fits(*venv, options.request, options.requires_python);
  // A path request names one installation: /usr/bin/python3.11 and pyenv's 3.11 both say 3.11.
  if (fits && options.request && options.request->kind == RequestKind::kPath) {
    fits = same_directory(venv->home, py.base_executable.parent_path());
  }
  if (!fits) return Existing::kStale;
  *info = std::move(venv).value();
  return Existing::kFitting;
}

// Everything inside the venv, written under `tmp` but naming `final_path` wherever a path is
// embedded (activators), since `tmp` is renamed to it.
Result<void> populate(const fs::path& tmp, const fs::path& final_path, const Interpreter& py,
                      const VenvOptions& options) {
  Scheme scheme = venv_scheme(py, tmp);
  std::string prompt = options.prompt.value_or(final_path.filename().string());

  // bin/python points at the base interpreter's real executable (never a shim, never another
  // venv's link); the versioned names point at bin/python, as CPython's venv does.
  ROOST_CHECK(make_dirs(scheme.scripts));
  ROOST_CHECK(make_symlink(py.base_executable, scheme.scripts / "python"));
  ROOST_CHECK(make_symlink("python", scheme.scripts / ("python" + std::to_string(py.major))));
  ROOST_CHECK(make_symlink("python", scheme.scripts / ("python" + py.major_minor())));

  // lib64 -> lib first, so a platlib under lib64 (a distribution's platlibdir) lands in lib.
  ROOST_CHECK(make_dirs(tmp / "lib"));
  auto marker = [&](std::string_view key) {
    auto it = py.markers.find(key);
    return it == py.markers.end() ? std::string() : it->second;
  };
  if (py.pointer_size == 64 && marker("os_name") == "posix" && marker("sys_platform") != "darwin") {
    ROOST_CHECK(make_symlink("lib", tmp / "lib64"));
  }
  ROOST_CHECK(make_dirs(scheme.purelib));
  ROOST_CHECK(make_dirs(scheme.platlib));

  PyvenvCfgValues cfg;
  cfg.home = py.base_executable.parent_path().string();
  cfg.implementation = py.implementation_display_name();
  cfg.roost_version = options.roost_version;
  std::string full_version = marker("python_full_version");
  cfg.version_info = full_version.empty() ? py.version_text() : full_version;
  cfg.prompt = options.prompt;
  ROOST_CHECK(write_new_file(tmp / "pyvenv.cfg", write_pyvenv_cfg(cfg)));

  for (const ActivationScript& script : activation_scripts(final_path, prompt)) {
    ROOST_CHECK(write_new_file(scheme.scripts / script.file_name, script.text));
  }
  // Keep the venv out of git and out of backups (https://bford.info/cachedir/).
  ROOST_CHECK(write_new_file(tmp / ".gitignore", "*"));
  ROOST_CHECK(write_new_file(tmp / "CACHEDIR.TAG",
                             std::string(cache::kCacheDirTagSignature) +
                                 "\n# This file is a cache directory tag created by roost.\n"
                                 "# For information about cache directory tags see "
                                 "https://bford.info/cachedir/\n"));
  return ok();
}

// Swaps two directories in one step where the kernel can; otherwise two renames (a reader may
// see no venv between them, never a half-built one).
Result<void> swap_into_place(const fs::path& tmp, const fs::path& path) {
#ifdef RENAME_EXCHANGE
  if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_EXCHANGE) == 0) return ok();
  if (errno != EINVAL && errno != ENOSYS) return io_error("cannot replace", path, errno);
#endif
  fs::path old = tmp.string() + ".old";
  if (::rename(path.c_str(), old.c_str()) != 0) return io_error("cannot move aside", path, errno);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::rename(old.c_str(), path.c_str());  // put the old one back rather than leave nothing
    return io_error("cannot replace", path, err);
  }
  if (::rename(old.c_str(), tmp.c_str()) != 0) return io_error("cannot move", old, errno);
  return ok();
}

void remove_tree(const fs::path& path) {
  std::error_code ec;
  fs::remove_all(path, ec);  // leftovers are harmless dot-directories beside the venv
}

}  // namespace

Result<VenvResult> create_venv(const fs::path& requested, const Interpreter& py,
                               const VenvOptions& options) {
  if (!requested.is_absolute()) {
    return make_error(ErrorKind::kUsage,
                      "a virtual environment needs an absolute path, not " + requested.string());
  }
  if (!py.base_executable.is_absolute()) {
    return make_error(ErrorKind::kUsage,
                      "cannot create a virtual environment for the interpreter at " +
                          py.path.string() + ": it did not report its executable");
  }
  fs::path path = requested.lexically_normal();
  if (path.filename().empty()) path = path.parent_path();  // "/p/.venv/"
  // A venv reached through a symlink is replaced where it really lives, keeping the link.
  std::error_code ec;
  if (fs::is_symlink(path, ec)) {
    fs::path target = fs::canonical(path, ec);
    if (!ec) path = target;
  }

  VenvResult result;
  ROOST_TRY(Existing existing, inspect(path, py, options, &result.venv));
  if (existing == Existing::kFitting) {
    result.outcome = VenvOutcome::kKept;
    return result;
  }

  ROOST_CHECK(make_dirs(path.parent_path()));
  std::string pattern =
      (path.parent_path() / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) return io_error("cannot create", pattern, errno);
  fs::path tmp = pattern;
  ::chmod(tmp.c_str(), 0755);  // mkdtemp makes it 0700
  if (Result<void> built = populate(tmp, path, py, options); !built.ok()) {
    remove_tree(tmp);
    return std::move(built).error().with_context("while creating the virtual environment at " +
                                                 path.string());
  }

  if (existing != Existing::kStale) {
    // rename() over nothing or over an empty directory is atomic.
    if (::rename(tmp.c_str(), path.c_str()) == 0) {
      result.outcome = VenvOutcome::kCreated;
      ROOST_TRY(result.venv, read_venv(path));
      result.venv.scheme = venv_scheme(py, path);  // the probe's paths, not a guess from lib/
      return result;
    }
    if (errno != EEXIST && errno != ENOTEMPTY) {
      int err = errno;
      remove_tree(tmp);
      return io_error("cannot create", path, err);
    }
    // Another process created it meanwhile: keep theirs if it fits.
    Result<Existing> again = inspect(path, py, options, &result.venv);
    if (!again.ok() || *again == Existing::kFitting) remove_tree(tmp);
    if (!again.ok()) return std::move(again).error();
    if (*again == Existing::kFitting) {
      result.outcome = VenvOutcome::kKept;
      return result;
    }
  }

  {
    // Installers hold <venv>/.lock while they write into it: wait for them, then swap.
    Result<FileLock> lock = FileLock::acquire(path / ".lock", LockMode::kExclusive);
    Result<void> swapped = swap_into_place(tmp, path);
    if (!swapped.ok()) {
      remove_tree(tmp);
      return std::move(swapped).error();
    }
  }
  remove_tree(tmp);  // now the old environment
  result.outcome = VenvOutcome::kReplaced;
  ROOST_TRY(result.venv, read_venv(path));
  result.venv.scheme = venv_scheme(py, path);
  return result;
}

}  // namespace roost::python
