// Unpacking a validated wheel once into a cache directory: the tree every environment links its
// files from (uv's archive-v0; roost's cache bucket `archives`).
//
//   ROOST_TRY(UnpackedWheel w, unpack_wheel(blob_path, cache.bucket_dir(Bucket::kArchives) / id,
//                                           {.filename = "hello-1.0-py3-none-any.whl"}));
//   ROOST_TRY(InstalledDist d, install_wheel(w, scheme, options));   // install_wheel.h
//
// Every function here is safe to call from several threads and processes at once.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/result.h"
#include "metadata/record.h"
#include "metadata/wheel_info.h"
#include "pep440/version.h"
#include "pep508/names.h"

namespace roost::install {

struct UnpackedWheel {
  std::filesystem::path dir;  // the unpacked tree
  pep508::PackageName name;
  pep440::Version version;
  std::string dist_info;  // "hello-1.0.dist-info", a directory in `dir`
  std::string data_dir;   // "hello-1.0.data" (present in `dir` only when the wheel has one)
  metadata::WheelInfo wheel;
  metadata::Record record;            // the wheel's RECORD: every file, checked at unpack time
  std::vector<std::string> warnings;  // from validation; empty for an already-unpacked tree
};

struct UnpackOptions {
  // The wheel's file name, when the path does not end in it (a content-addressed cache blob).
  // It is what the .dist-info name and METADATA are checked against, and names the wheel in
  // errors. Empty: the path's last component, and the path names the wheel.
  std::string filename;
};

// Validates the wheel and unpacks it into `dest`, which appears whole or not at all: the files
// go to a temporary directory beside it, renamed to `dest` at the end. If `dest` already exists
// (unpacked before, or by a concurrent unpacker that won the rename), that tree is used as is.
//
// Every check of WheelReader::open, find_dist_info, check_wheel_file, check_metadata_identity
// and check_record runs before anything is written. File hashes (and libzip's CRC-32s) are
// checked while extracting, so the archive is decompressed once; a mismatch removes the
// temporary directory, so a bad wheel never leaves anything behind. Unix execute bits are kept
// (0755, else 0644).
Result<UnpackedWheel> unpack_wheel(const std::filesystem::path& wheel,
                                   const std::filesystem::path& dest,
                                   const UnpackOptions& options = {});

// Loads a tree unpack_wheel() wrote, reading its WHEEL, METADATA (Name, Version) and RECORD.
Result<UnpackedWheel> open_unpacked_wheel(const std::filesystem::path& dir);

// Every check unpack_wheel() makes, including all hashes, without writing anything (the
// result's `dir` is empty).
Result<UnpackedWheel> verify_wheel(const std::filesystem::path& wheel,
                                   const UnpackOptions& options = {});

}  // namespace roost::install
