// Test-only: writes wheels with libzip, with a correct RECORD unless told to lie, and with byte
// patches for the archive structures libzip refuses to write (duplicate names, local headers
// that disagree with the central directory).
//
//   TestWheel w;                                   // hello-1.0-py3-none-any.whl
//   w.entries.push_back({"hello/__init__.py", "X = 1\n"});
//   ROOST_TRY(std::filesystem::path whl, write_test_wheel(w, dir));
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"

namespace roost::install::testing {

struct TestEntry {
  std::string name;
  std::string data;
  uint32_t mode = 0644;    // Unix permission bits, stored in the external attributes
  bool symlink = false;    // S_IFLNK in the mode (data is the link target)
  bool directory = false;  // a directory entry ("name/")
  bool in_record = true;   // listed (with its real hash and size) in the generated RECORD
};

struct TestWheel {
  std::string name = "hello";  // as written in the file name and the dist-info name
  std::string version = "1.0";
  std::string tag = "py3-none-any";
  std::string wheel_version = "1.0";
  bool root_is_purelib = true;
  std::vector<TestEntry> entries;  // the payload, written first, in order

  std::optional<std::string> metadata;      // default: Metadata-Version 2.1, Name, Version
  std::optional<std::string> wheel_file;    // default: from the fields above
  std::optional<std::string> entry_points;  // entry_points.txt, when set
  bool with_record = true;
  std::optional<std::string> record;           // replaces the generated RECORD text
  std::vector<std::string> extra_record_rows;  // appended to the generated RECORD
  // Same-length byte replacements applied to the finished archive: every occurrence, or only the
  // first (an entry's local header comes before its central directory record).
  std::vector<std::pair<std::string, std::string>> patch_all;
  std::vector<std::pair<std::string, std::string>> patch_first;

  std::string dist_info() const { return name + "-" + version + ".dist-info"; }
  std::string data_dir() const { return name + "-" + version + ".data"; }
  std::string filename() const { return name + "-" + version + "-" + tag + ".whl"; }
};

// "path,sha256=<base64>,<size>" for `data`.
std::string record_row(const std::string& path, const std::string& data);

// Writes dir/<w.filename()> and returns its path.
Result<std::filesystem::path> write_test_wheel(const TestWheel& w,
                                               const std::filesystem::path& dir);

}  // namespace roost::install::testing
