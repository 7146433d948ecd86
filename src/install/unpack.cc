// Validating and unpacking wheels (see unpack.h): inspect (every check that needs no file
// contents beyond the dist-info files), then extract into a temporary directory while hashing,
// then one rename.
#include "install/unpack.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <set>

#include "base/fs.h"
#include "base/sha256.h"
#include "install/wheel_layout.h"
#include "install/wheel_reader.h"
#include "metadata/headers.h"

namespace roost::install {
namespace fs = std::filesystem;
namespace {

struct Inspected {
  WheelReader reader;
  WheelLayout layout;
  CheckedRecord record;
  metadata::WheelInfo wheel;
  std::vector<std::string> warnings;
};

// Streams entry `index` to `sink`, checking its hash against RECORD's.
Result<void> read_verified(Inspected& w, size_t index, Sha256& hasher,
                           const std::function<Result<void>(std::string_view)>& sink) {
  const std::optional<metadata::HashDigest>& expected = w.record.hashes[index];
  const bool check = expected && expected->algorithm == "sha256";
  ROOST_CHECK(w.reader.read_chunks(index, [&](std::string_view chunk) -> Result<void> {
    if (check) hasher.update(chunk);
    return sink(chunk);
  }));
  if (!check) return ok();
  const metadata::HashDigest actual = metadata::HashDigest::sha256(hasher.finish());
  if (actual != *expected) {
    return entry_error(ErrorKind::kIntegrity, w.reader.shown(), w.reader.entries()[index].name,
                       "RECORD gives the hash " + expected->to_record_string() +
                           ", the content hashes to " + actual.to_record_string());
  }
  return ok();
}

Result<std::string> read_dist_info_file(Inspected& w, std::string_view file, Sha256& hasher) {
  const std::string path = dist_info_path(w.layout, file);
  std::optional<size_t> index = w.reader.find(path);
  if (!index) {
    return wheel_error(ErrorKind::kParse, w.reader.shown(), "no " + path + " in the wheel");
  }
  std::string text;
  ROOST_CHECK(read_verified(w, *index, hasher, [&](std::string_view chunk) -> Result<void> {
    text.append(chunk);
    return ok();
  }));
  return text;
}

Result<Inspected> inspect(const fs::path& path, const UnpackOptions& options, Sha256& hasher) {
  const std::string shown = options.filename.empty() ? path.string() : options.filename;
  const std::string file_name =
      options.filename.empty() ? path.filename().string() : options.filename;
  auto filename = tags::WheelFilename::parse(file_name);
  if (!filename) return wheel_error(ErrorKind::kParse, shown, filename.error().message());
  ROOST_TRY(WheelReader reader, WheelReader::open(path, shown));
  ROOST_TRY(WheelLayout layout, find_dist_info(reader.entries(), *filename, shown));
  const std::string record_path = dist_info_path(layout, "RECORD");
  std::optional<size_t> record_index = reader.find(record_path);
  if (!record_index) {
    return wheel_error(ErrorKind::kParse, shown, "no " + record_path + " in the wheel");
  }
  ROOST_TRY(std::string record_text, reader.read(*record_index));
  ROOST_TRY(CheckedRecord record, check_record(record_text, reader.entries(), layout, shown));
  Inspected w{std::move(reader), std::move(layout), std::move(record), {}, {}};
  w.warnings = w.record.warnings;
  ROOST_TRY(std::string wheel_text, read_dist_info_file(w, "WHEEL", hasher));
  ROOST_TRY(w.wheel, check_wheel_file(wheel_text, shown, w.warnings));
  ROOST_TRY(std::string metadata_text, read_dist_info_file(w, "METADATA", hasher));
  ROOST_CHECK(check_metadata_identity(metadata_text, w.layout, shown));
  return w;
}

UnpackedWheel to_unpacked(Inspected&& w, fs::path dir) {
  return UnpackedWheel{std::move(dir),
                       std::move(w.layout.name),
                       std::move(w.layout.version),
                       std::move(w.layout.dist_info),
                       std::move(w.layout.data_dir),
                       std::move(w.wheel),
                       std::move(w.record.record),
                       std::move(w.warnings)};
}

Error io_error(std::string_view what, const fs::path& path, int err) {
  return make_error(ErrorKind::kIo,
                    std::string(what) + " " + path.string() + ": " + errno_message(err));
}

Result<void> write_all(int fd, std::string_view data, const fs::path& shown) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error("cannot write", shown, errno);
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return ok();
}

// Writes every entry below `root` (an empty directory). Each directory is created once,
// parents first (a sorted set puts "a" before "a/b"), then files are written by relative name
// through the directory's descriptor.
Result<void> extract(Inspected& w, const fs::path& root, Sha256& hasher) {
  const std::vector<WheelEntry>& entries = w.reader.entries();
  std::set<std::string_view> dirs;
  for (const WheelEntry& e : entries) {
    std::string_view name = e.name;
    if (e.is_directory) name.remove_suffix(1);
    for (size_t slash = name.find('/'); slash != std::string_view::npos;
         slash = name.find('/', slash + 1)) {
      dirs.insert(name.substr(0, slash));
    }
    if (e.is_directory) dirs.insert(name);
  }
  int root_fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root_fd < 0) return io_error("cannot open", root, errno);
  auto fail = [&](Error e) {
    ::close(root_fd);
    return e;
  };
  for (std::string_view dir : dirs) {
    const std::string name(dir);
    if (::mkdirat(root_fd, name.c_str(), 0755) != 0 && errno != EEXIST) {
      return fail(io_error("cannot create directory", root / name, errno));
    }
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    const WheelEntry& e = entries[i];
    if (e.is_directory) continue;
    const fs::path shown = root / e.name;
    int fd = ::openat(root_fd, e.name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                      e.executable ? 0755 : 0644);
    if (fd < 0) return fail(io_error("cannot create", shown, errno));
    auto written = read_verified(
        w, i, hasher, [&](std::string_view chunk) { return write_all(fd, chunk, shown); });
    const int closed = ::close(fd);
    if (!written) return fail(std::move(written).error());
    if (closed != 0) return fail(io_error("cannot write", shown, errno));
  }
  ::close(root_fd);
  return ok();
}

void remove_tree(const fs::path& path) {
  std::error_code ignored;
  fs::remove_all(path, ignored);
}

}  // namespace

Result<UnpackedWheel> unpack_wheel(const fs::path& wheel, const fs::path& dest,
                                   const UnpackOptions& options) {
  struct stat st {};
  if (::stat(dest.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return open_unpacked_wheel(dest);

  Sha256 hasher;
  ROOST_TRY(Inspected w, inspect(wheel, options, hasher));

  const fs::path parent = dest.has_parent_path() ? dest.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) return io_error("cannot create directory", parent, ec.value());
  // mkdtemp picks a name no other unpacker (thread or process) has.
  std::string temp = (parent / ("." + dest.filename().string() + ".tmp-XXXXXX")).string();
  if (::mkdtemp(temp.data()) == nullptr) return io_error("cannot create", temp, errno);
  if (auto extracted = extract(w, temp, hasher); !extracted) {
    remove_tree(temp);
    return std::move(extracted).error();
  }
  if (::chmod(temp.c_str(), 0755) != 0) {  // mkdtemp made it 0700
    int err = errno;
    remove_tree(temp);
    return io_error("cannot change the mode of", temp, err);
  }
  if (::rename(temp.c_str(), dest.c_str()) != 0) {
    int err = errno;
    remove_tree(temp);
    // Another unpacker got there first: its tree holds the same validated files.
    if (err == EEXIST || err == ENOTEMPTY) return open_unpacked_wheel(dest);
    return io_error("cannot rename to", dest, err);
  }
  return to_unpacked(std::move(w), dest);
}

Result<UnpackedWheel> verify_wheel(const fs::path& wheel, const UnpackOptions& options) {
  Sha256 hasher;
  ROOST_TRY(Inspected w, inspect(wheel, options, hasher));
  for (size_t i = 0; i < w.reader.entries().size(); ++i) {
    if (w.reader.entries()[i].is_directory) continue;
    ROOST_CHECK(read_verified(w, i, hasher, [](std::string_view) { return ok(); }));
  }
  return to_unpacked(std::move(w), fs::path());
}

Result<UnpackedWheel> open_unpacked_wheel(const fs::path& dir) {
  auto fail = [&](ErrorKind kind, std::string message) {
    return make_error(kind, "unpacked wheel " + dir.string() + ": " + message);
  };
  std::vector<std::string> found;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() > 10 && name.compare(name.size() - 10, 10, ".dist-info") == 0) {
      found.push_back(name);
    }
  }
  if (ec) return fail(ErrorKind::kIo, ec.message());
  if (found.size() != 1) {
    return fail(ErrorKind::kParse,
                "expected one .dist-info directory, found " + std::to_string(found.size()));
  }
  const std::string& dist_info = found[0];
  ROOST_TRY(std::string wheel_text, read_file(dir / dist_info / "WHEEL"));
  ROOST_TRY(std::string metadata_text, read_file(dir / dist_info / "METADATA"));
  ROOST_TRY(std::string record_text, read_file(dir / dist_info / "RECORD"));
  auto wheel = metadata::WheelInfo::parse(wheel_text, dist_info + "/WHEEL");
  if (!wheel) return fail(ErrorKind::kParse, wheel.error().message());
  auto fields = read_name_and_version(metadata_text, dist_info + "/METADATA");
  if (!fields) return fail(ErrorKind::kParse, fields.error().message());
  auto name = pep508::PackageName::parse(fields->name);
  if (!name) return fail(ErrorKind::kParse, name.error().message());
  auto version = pep440::Version::parse(fields->version);
  if (!version) return fail(ErrorKind::kParse, version.error().message());
  auto record = metadata::Record::parse(record_text, dist_info + "/RECORD");
  if (!record) return fail(ErrorKind::kParse, record.error().message());
  std::string data_dir = dist_info.substr(0, dist_info.size() - 10) + ".data";
  return UnpackedWheel{dir,
                       std::move(*name),
                       std::move(*version),
                       dist_info,
                       std::move(data_dir),
                       std::move(*wheel),
                       std::move(*record),
                       {}};
}

}  // namespace roost::install
