// WheelReader on libzip (see wheel_reader.h). libzip is C: nothing here throws through it, and
// every libzip failure becomes an Error naming the wheel and, where there is one, the entry.
// libzip is dlopen'ed (zip_library.h says why): <zip.h> gives the types and constants, and every
// call goes through the ZipLibrary table, never to a zip_* symbol directly.
#include "install/wheel_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <unordered_map>
#include <unordered_set>

#include "base/fs.h"
#include "install/relative_path.h"
#include "install/zip_directory.h"
#include "install/zip_library.h"
#include "tags/text_span.h"

namespace roost::install {
namespace {

constexpr size_t kChunkSize = 64 * 1024;
// read() is for dist-info files; a RECORD of a 100,000-file wheel is ~10 MiB.
constexpr uint64_t kMaxInMemoryEntry = 64ull * 1024 * 1024;

// Closes a file descriptor on scope exit unless released.
class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  ~FdCloser() {
    if (fd_ >= 0) ::close(fd_);
  }
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;

 private:
  int fd_;
};

// Why this central directory entry may not be in a wheel, or nullopt.
std::optional<std::string> entry_problem(const ZipLibrary& lib, const ZipDirectoryEntry& e) {
  if (auto why = unsafe_path_reason(e.name, /*allow_directory=*/true)) return std::string(*why);
  const bool directory = e.name.back() == '/';
  const uint32_t type = e.unix_mode() & S_IFMT;
  if (type == S_IFLNK) return "symlinks are not allowed in wheels";
  if (type == S_IFDIR && !directory) return "marked as a directory but its name lacks a '/'";
  if (type != 0 && type != S_IFREG && type != S_IFDIR) {
    return "special files (devices, FIFOs, sockets) are not allowed in wheels";
  }
  if (directory && e.uncompressed_size != 0) return "a directory entry with data";
  if ((e.flags & 1) != 0) return "encrypted entries are not supported";
  if (lib.compression_method_supported(static_cast<zip_int32_t>(e.method), 0) == 0) {
    return "compression method " + std::to_string(e.method) + " is not supported";
  }
  return std::nullopt;
}

// The same name twice, or one name used as a file and as a directory: extracting either would
// make one entry silently replace (or fail on) another.
Result<void> check_unique_names(const std::vector<ZipDirectoryEntry>& entries,
                                std::string_view shown) {
  std::unordered_set<std::string_view> names, files, parents;
  names.reserve(entries.size());
  for (const ZipDirectoryEntry& e : entries) {
    if (!names.insert(e.name).second) {
      return entry_error(ErrorKind::kIntegrity, shown, e.name, "the name appears twice");
    }
    std::string_view name = e.name;
    if (name.back() == '/') {
      name.remove_suffix(1);
      parents.insert(name);
    } else {
      files.insert(name);
    }
    for (size_t slash = name.rfind('/'); slash != std::string_view::npos && slash > 0;
         slash = name.rfind('/', slash - 1)) {
      if (!parents.insert(name.substr(0, slash)).second) break;  // its parents are in already
    }
  }
  for (const ZipDirectoryEntry& e : entries) {
    if (e.name.back() != '/' && parents.count(e.name) != 0) {
      return entry_error(ErrorKind::kIntegrity, shown, e.name,
                         "the name is used both as a file and as a directory");
    }
  }
  return ok();
}

Error index_error(size_t index, size_t size) {
  return make_error(ErrorKind::kInternal, "wheel entry index " + std::to_string(index) +
                                              " out of range (" + std::to_string(size) +
                                              " entries)");
}

}  // namespace

Error wheel_error(ErrorKind kind, std::string_view wheel, std::string_view detail) {
  return make_error(kind, "invalid wheel " + std::string(wheel) + ": " + std::string(detail));
}

Error entry_error(ErrorKind kind, std::string_view wheel, std::string_view entry,
                  std::string_view problem) {
  return wheel_error(kind, wheel, "entry " + tags::quote(entry) + ": " + std::string(problem));
}

struct WheelReader::Impl {
  const ZipLibrary* lib = nullptr;  // set whenever `zip` is
  std::string shown;
  zip_t* zip = nullptr;
  std::vector<WheelEntry> entries;
  std::unordered_map<std::string_view, size_t> index_of;  // views into `entries`
  std::string buffer;

  ~Impl() {
    if (zip != nullptr) lib->discard(zip);  // read-only: nothing to write back
  }
};

WheelReader::WheelReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WheelReader::WheelReader(WheelReader&&) noexcept = default;
WheelReader& WheelReader::operator=(WheelReader&&) noexcept = default;
WheelReader::~WheelReader() = default;

Result<WheelReader> WheelReader::open(const std::filesystem::path& path, std::string shown) {
  ROOST_TRY(const ZipLibrary* lib, ZipLibrary::load());
  auto impl = std::make_unique<Impl>();
  impl->lib = lib;
  impl->shown = shown.empty() ? path.string() : std::move(shown);
  const std::string& name = impl->shown;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    return make_error(err == ENOENT ? ErrorKind::kNotFound : ErrorKind::kIo,
                      "cannot open wheel " + name + ": " + errno_message(err));
  }
  FdCloser closer(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    return make_error(ErrorKind::kIo, "cannot read wheel " + name + ": " + errno_message(errno));
  }
  if (!S_ISREG(st.st_mode)) return wheel_error(ErrorKind::kParse, name, "not a regular file");

  // Our own reading of the structure first (zip_directory.h says why), then libzip's.
  auto directory = read_zip_directory(fd, static_cast<uint64_t>(st.st_size));
  if (!directory) return wheel_error(directory.error().kind(), name, directory.error().message());
  for (const ZipDirectoryEntry& e : directory->entries) {
    if (auto problem = entry_problem(*lib, e)) {
      return entry_error(ErrorKind::kIntegrity, name, e.name, *problem);
    }
  }
  ROOST_CHECK(check_unique_names(directory->entries, name));
  if (auto local = check_local_headers(fd, *directory); !local) {
    return wheel_error(local.error().kind(), name, local.error().message());
  }

  int zip_fd = ::dup(fd);  // zip_fdopen owns its descriptor once it succeeds
  if (zip_fd < 0) {
    return make_error(ErrorKind::kIo, "cannot read wheel " + name + ": " + errno_message(errno));
  }
  int zip_err = 0;
  impl->zip = lib->fdopen(zip_fd, ZIP_RDONLY, &zip_err);
  if (impl->zip == nullptr) {
    ::close(zip_fd);
    zip_error_t error;
    lib->error_init_with_code(&error, zip_err);
    std::string message = lib->error_strerror(&error);
    lib->error_fini(&error);
    return wheel_error(ErrorKind::kParse, name, "libzip cannot open it: " + message);
  }
  // Two readers of one central directory must agree, entry by entry.
  const zip_int64_t count = lib->get_num_entries(impl->zip, 0);
  if (count < 0 || static_cast<uint64_t>(count) != directory->entries.size()) {
    return wheel_error(ErrorKind::kParse, name,
                       "libzip counts " + std::to_string(count) +
                           " entries where the central "
                           "directory has " +
                           std::to_string(directory->entries.size()));
  }
  impl->entries.reserve(directory->entries.size());
  for (size_t i = 0; i < directory->entries.size(); ++i) {
    const ZipDirectoryEntry& e = directory->entries[i];
    const char* seen = lib->get_name(impl->zip, i, ZIP_FL_ENC_RAW);
    if (seen == nullptr || e.name != seen) {
      return entry_error(
          ErrorKind::kParse, name, e.name,
          "libzip reads this entry's name as " + tags::quote(seen == nullptr ? "" : seen));
    }
    WheelEntry entry;
    entry.name = e.name;
    entry.size = e.uncompressed_size;
    entry.compressed_size = e.compressed_size;
    entry.is_directory = e.name.back() == '/';
    entry.executable = (e.unix_mode() & 0111) != 0;
    impl->entries.push_back(std::move(entry));
  }
  impl->index_of.reserve(impl->entries.size());
  for (size_t i = 0; i < impl->entries.size(); ++i) {
    impl->index_of.emplace(impl->entries[i].name, i);
  }
  return WheelReader(std::move(impl));
}

const std::string& WheelReader::shown() const {
  return impl_->shown;
}

const std::vector<WheelEntry>& WheelReader::entries() const {
  return impl_->entries;
}

std::optional<size_t> WheelReader::find(std::string_view name) const {
  auto it = impl_->index_of.find(name);
  if (it == impl_->index_of.end()) return std::nullopt;
  return it->second;
}

Result<void> WheelReader::read_chunks(size_t index,
                                      const std::function<Result<void>(std::string_view)>& sink) {
  if (index >= impl_->entries.size()) return index_error(index, impl_->entries.size());
  const WheelEntry& entry = impl_->entries[index];
  const ZipLibrary& lib = *impl_->lib;
  auto libzip_error = [&](zip_error_t* error) {
    const int code = lib.error_code_zip(error);
    const bool integrity = code == ZIP_ER_CRC || code == ZIP_ER_INCONS;
    return entry_error(integrity ? ErrorKind::kIntegrity : ErrorKind::kParse, impl_->shown,
                       entry.name, std::string("cannot read: ") + lib.error_strerror(error));
  };
  zip_file_t* file = lib.fopen_index(impl_->zip, index, 0);
  if (file == nullptr) return libzip_error(lib.get_error(impl_->zip));
  std::string& buffer = impl_->buffer;
  buffer.resize(kChunkSize);
  uint64_t total = 0;
  Result<void> outcome = ok();
  while (true) {
    const zip_int64_t n = lib.fread(file, buffer.data(), buffer.size());
    if (n < 0) {
      outcome = libzip_error(lib.file_get_error(file));
      break;
    }
    if (n == 0) break;
    total += static_cast<uint64_t>(n);
    if (total > entry.size) break;  // reported below; never read past the promised size
    outcome = sink(std::string_view(buffer.data(), static_cast<size_t>(n)));
    if (!outcome) break;
  }
  lib.fclose(file);
  if (!outcome) return outcome;
  if (total != entry.size) {
    return entry_error(ErrorKind::kIntegrity, impl_->shown, entry.name,
                       "holds more or fewer bytes than the " + std::to_string(entry.size) +
                           " the central directory gives");
  }
  return ok();
}

Result<std::string> WheelReader::read(size_t index) {
  if (index >= impl_->entries.size()) return index_error(index, impl_->entries.size());
  const WheelEntry& entry = impl_->entries[index];
  if (entry.size > kMaxInMemoryEntry) {
    return entry_error(ErrorKind::kIntegrity, impl_->shown, entry.name,
                       "too large (" + std::to_string(entry.size) + " bytes) for a metadata file");
  }
  std::string out;
  out.reserve(static_cast<size_t>(entry.size));
  ROOST_CHECK(read_chunks(index, [&](std::string_view chunk) -> Result<void> {
    out.append(chunk);
    return ok();
  }));
  return out;
}

Result<std::string> WheelReader::read(std::string_view name) {
  std::optional<size_t> index = find(name);
  if (!index) {
    return make_error(ErrorKind::kNotFound,
                      "invalid wheel " + impl_->shown + ": no entry " + tags::quote(name));
  }
  return read(*index);
}

}  // namespace roost::install
