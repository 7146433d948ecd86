// The checks on a wheel's contents that need only its entry list and its dist-info files (binary
// distribution format spec): the one .dist-info directory and its name, the .data directory's
// layout, WHEEL, METADATA's name and version, and RECORD against the entries. Pure functions, so
// everything here runs before a single byte is written.
//
//   ROOST_TRY(WheelLayout layout, find_dist_info(reader.entries(), filename, reader.shown()));
//   ROOST_TRY(CheckedRecord record, check_record(record_text, reader.entries(), layout, shown));
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "install/wheel_reader.h"
#include "metadata/hash_digest.h"
#include "metadata/record.h"
#include "metadata/wheel_info.h"
#include "pep440/version.h"
#include "pep508/names.h"
#include "tags/filename.h"

namespace roost::install {

struct WheelLayout {
  pep508::PackageName name;  // from the file name
  pep440::Version version;
  std::string dist_info;  // "foo_bar-1.0.dist-info", as written in the wheel
  std::string data_dir;   // "foo_bar-1.0.data": the dist-info's stem + ".data" (may be absent)
};

// The single top-level "*.dist-info" directory. Errors (naming the wheel): none or several
// (kParse), a dist-info name whose name and version do not match the file name's (normalised;
// kIntegrity), a file directly in the .data directory or in a subdirectory other than purelib,
// platlib, scripts, headers and data (kParse), a .dist-info directory in .data/purelib or
// .data/platlib (it would install another distribution's metadata; kIntegrity).
Result<WheelLayout> find_dist_info(const std::vector<WheelEntry>& entries,
                                   const tags::WheelFilename& filename, std::string_view wheel);

// RECORD checked against the entries. `hashes[i]` is what entry i must hash to (nullopt for
// directories and for RECORD, RECORD.jws and RECORD.p7s, which RECORD cannot or need not hash).
struct CheckedRecord {
  metadata::Record record;
  std::vector<std::optional<metadata::HashDigest>> hashes;
  std::vector<std::string> warnings;
};

// Errors (naming the wheel and the entry): a malformed RECORD or an unsafe path in it (kParse);
// the same path twice, a file without hash or size, md5 / sha1 / a too-short digest (the spec
// forbids them), a path that is a directory or not in the wheel, a size that differs from the
// archive's, a file in the wheel that RECORD does not list (kIntegrity). Hashes other than
// sha256 are accepted (the spec allows sha384, sha512, blake2b, ...) but only their sizes are
// checked: `warnings` says so once per algorithm.
Result<CheckedRecord> check_record(std::string_view record_text,
                                   const std::vector<WheelEntry>& entries,
                                   const WheelLayout& layout, std::string_view wheel);

// WHEEL parsed (Wheel-Version 1.x; metadata::WheelInfo refuses other majors). A newer minor
// adds a warning to `warnings`, as the spec asks.
Result<metadata::WheelInfo> check_wheel_file(std::string_view text, std::string_view wheel,
                                             std::vector<std::string>& warnings);

// The Name and Version fields of a METADATA file, as written (only the header block is read).
// kParse, naming `what`, when the headers are malformed or either field is missing.
struct NameAndVersion {
  std::string name;
  std::string version;
};
Result<NameAndVersion> read_name_and_version(std::string_view metadata_text, std::string_view what);

// METADATA's Name and Version must be the file name's (normalised): otherwise what the resolver
// chose and what gets installed could differ. Only those two fields are read.
Result<void> check_metadata_identity(std::string_view metadata_text, const WheelLayout& layout,
                                     std::string_view wheel);

// The "<dist-info>/<file>" path of a dist-info file.
inline std::string dist_info_path(const WheelLayout& layout, std::string_view file) {
  return layout.dist_info + "/" + std::string(file);
}

}  // namespace roost::install
