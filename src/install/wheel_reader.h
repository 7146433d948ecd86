// Reading a wheel (.whl, a ZIP archive; binary distribution format spec) through libzip, with
// the archive-level checks that must pass before any of its names reaches the file system.
//
//   ROOST_TRY(WheelReader wheel, WheelReader::open("dist/hello-1.0-py3-none-any.whl"));
//   for (const WheelEntry& e : wheel.entries()) ...;
//   ROOST_TRY(std::string metadata, wheel.read("hello-1.0.dist-info/METADATA"));
//
// A WheelReader is for one thread at a time (libzip's archive handle is not thread-safe); open
// one per thread to read a wheel from several.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace roost::install {

struct WheelEntry {
  std::string name;   // "pkg/mod.py"; directories end with "/"
  uint64_t size = 0;  // uncompressed bytes (from the central directory, checked while reading)
  uint64_t compressed_size = 0;
  bool is_directory = false;
  bool executable = false;  // made on Unix with an execute bit in its mode
};

class WheelReader {
 public:
  // Opens and checks the archive. `shown` names the wheel in error messages (default: the
  // path). Errors are "invalid wheel <shown>: ..." and, for a bad entry, name it:
  //   kParse      not a ZIP archive, or a malformed one (zip_directory.h), or one libzip reads
  //               differently from our own reader (another entry count, name or order)
  //   kIntegrity  an entry whose name is unsafe (relative_path.h: "..", absolute, drive letter,
  //               backslash, ...), a symlink or other special file (Unix mode in the external
  //               attributes), a directory entry with data, an encrypted entry, a compression
  //               method libzip cannot read, the same name twice, a name that is both a file and
  //               a directory ("a" and "a/b"), a local header that disagrees with the central
  //               directory, overlapping entries
  //   kNotFound / kIo  the file cannot be opened or read
  static Result<WheelReader> open(const std::filesystem::path& path, std::string shown = "");

  const std::string& shown() const;
  const std::vector<WheelEntry>& entries() const;
  std::optional<size_t> find(std::string_view name) const;

  // Streams entry `index` to `sink` in chunks of up to 64 KiB. The byte count must match the
  // central directory and libzip checks the CRC-32 (kIntegrity otherwise, naming the entry).
  // A sink error stops the read and is returned as is.
  Result<void> read_chunks(size_t index, const std::function<Result<void>(std::string_view)>& sink);
  // The whole entry in memory, for the small dist-info files. kNotFound for a missing name.
  Result<std::string> read(size_t index);
  Result<std::string> read(std::string_view name);

  WheelReader(WheelReader&&) noexcept;
  WheelReader& operator=(WheelReader&&) noexcept;
  ~WheelReader();

 private:
  struct Impl;  // holds the libzip handle, kept out of this header
  explicit WheelReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// "invalid wheel <wheel>: <detail>", the prefix of every wheel validation error.
Error wheel_error(ErrorKind kind, std::string_view wheel, std::string_view detail);
// "invalid wheel <wheel>: entry '<entry>': <problem>".
Error entry_error(ErrorKind kind, std::string_view wheel, std::string_view entry,
                  std::string_view problem);

}  // namespace roost::install
