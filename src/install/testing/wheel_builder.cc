// Test wheels written with libzip (see wheel_builder.h).
#include "install/testing/wheel_builder.h"

#include <sys/stat.h>
#include <zip.h>

#include <deque>

#include "base/fs.h"
#include "base/sha256.h"

namespace roost::install::testing {
namespace {

Error zip_failure(zip_t* zip, const std::string& what) {
  std::string message = "libzip: " + what + ": " + zip_strerror(zip);
  zip_discard(zip);
  return make_error(ErrorKind::kInternal, message);
}

}  // namespace

std::string record_row(const std::string& path, const std::string& data) {
  return path + ",sha256=" + to_base64url_nopad(sha256(data)) + "," + std::to_string(data.size());
}

Result<std::filesystem::path> write_test_wheel(const TestWheel& w,
                                               const std::filesystem::path& dir) {
  // Every buffer handed to libzip must live until zip_close.
  std::deque<TestEntry> entries(w.entries.begin(), w.entries.end());
  const std::string info = w.dist_info();
  entries.push_back(
      {info + "/METADATA", w.metadata.value_or("Metadata-Version: 2.1\nName: " + w.name +
                                               "\nVersion: " + w.version + "\n")});
  entries.push_back(
      {info + "/WHEEL",
       w.wheel_file.value_or("Wheel-Version: " + w.wheel_version +
                             "\nGenerator: roost-test\nRoot-Is-Purelib: " +
                             (w.root_is_purelib ? "true" : "false") + "\nTag: " + w.tag + "\n")});
  if (w.entry_points) entries.push_back({info + "/entry_points.txt", *w.entry_points});
  if (w.with_record) {
    std::string record;
    if (w.record) {
      record = *w.record;
    } else {
      for (const TestEntry& e : entries) {
        if (e.in_record && !e.directory) record += record_row(e.name, e.data) + "\n";
      }
      for (const std::string& row : w.extra_record_rows) record += row + "\n";
      record += info + "/RECORD,,\n";
    }
    entries.push_back({info + "/RECORD", record});
  }

  std::filesystem::path path = dir / w.filename();
  int err = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (zip == nullptr)
    return make_error(ErrorKind::kInternal, "libzip cannot create " + path.string());
  for (const TestEntry& e : entries) {
    zip_int64_t index = -1;
    uint32_t type = S_IFREG;
    if (e.directory) {
      index = zip_dir_add(zip, e.name.c_str(), ZIP_FL_ENC_UTF_8);
      type = S_IFDIR;
    } else {
      zip_source_t* source = zip_source_buffer(zip, e.data.data(), e.data.size(), 0);
      if (source == nullptr) return zip_failure(zip, e.name);
      index = zip_file_add(zip, e.name.c_str(), source, ZIP_FL_ENC_UTF_8);
      if (index < 0) zip_source_free(source);
      if (e.symlink) type = S_IFLNK;
    }
    if (index < 0) return zip_failure(zip, e.name);
    const uint32_t mode = type | (e.symlink ? 0777 : e.mode);
    if (zip_file_set_external_attributes(zip, static_cast<zip_uint64_t>(index), 0, ZIP_OPSYS_UNIX,
                                         mode << 16) != 0) {
      return zip_failure(zip, e.name);
    }
  }
  if (zip_close(zip) != 0) return zip_failure(zip, "close");

  if (w.patch_all.empty() && w.patch_first.empty()) return path;
  ROOST_TRY(std::string bytes, read_file(path));
  for (const auto& [from, to] : w.patch_all) {
    for (size_t at = bytes.find(from); at != std::string::npos; at = bytes.find(from, at + 1)) {
      bytes.replace(at, from.size(), to);
    }
  }
  for (const auto& [from, to] : w.patch_first) {
    size_t at = bytes.find(from);
    if (at == std::string::npos)
      return make_error(ErrorKind::kInternal, "no " + from + " to patch");
    bytes.replace(at, from.size(), to);
  }
  ROOST_CHECK(write_file_replace(path, bytes));
  return path;
}

}  // namespace roost::install::testing
