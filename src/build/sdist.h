// Source distributions (the source distribution format spec): unpacking a `.tar.gz` (or legacy
// `.zip`, `.tar.bz2`, `.tar.xz`) safely, then building a wheel from the tree with the PEP 517
// frontend.
//
//   ROOST_TRY(UnpackedSdist s, unpack_sdist(cache_dir / "foo-1.0.tar.gz", work / "foo-1.0"));
//   s.source_tree;  // work/foo-1.0/foo-1.0, holding PKG-INFO and pyproject.toml
//   ROOST_TRY(BuildResult b, build_sdist_wheel(archive, work / "foo-1.0", request));
#pragma once

#include <filesystem>
#include <string>

#include "base/result.h"
#include "build/frontend.h"

namespace roost::build {

struct UnpackedSdist {
  std::filesystem::path dir;          // where it was unpacked (`dest`)
  std::string top_level;              // "<name>-<version>", the archive's one top directory
  std::filesystem::path source_tree;  // dir / top_level
};

// Unpacks `archive` into `dest`, which appears whole or not at all: entries go to a temporary
// directory beside it, renamed to `dest` once every check passed; an existing `dest` (unpacked
// before, or by a concurrent unpacker) is used as it is.
//
// Refused (kIntegrity, "invalid sdist <archive>: entry `<name>`: <why>"), removing everything
// written: absolute names, `..` and other unsafe names (install/relative_path.h), entries
// outside the one top-level directory or a second top-level directory, a name given twice,
// device files, FIFOs and sockets, symbolic links that are absolute or point (lexically or,
// checked again after extraction, through other links) outside the top-level directory,
// entries inside a symbolic link, hard links to anything but an earlier regular file. The
// top-level directory must hold PKG-INFO and, when the file name parses as an sdist name
// (tags/filename.h), be named after it (names compared normalised). File modes are 0755 when
// any execute bit is set, else 0644; owners, times, ACLs and setuid bits are not restored.
// Not capped: total size and entry count (a decompression bomb fills the disk).
Result<UnpackedSdist> unpack_sdist(const std::filesystem::path& archive,
                                   const std::filesystem::path& dest);

// unpack_sdist(archive, unpack_dest), then build_wheel(request) with the unpacked tree as the
// source directory. `request.kind` must be kWheel (an editable install of an sdist is kUsage).
Result<BuildResult> build_sdist_wheel(const std::filesystem::path& archive,
                                      const std::filesystem::path& unpack_dest,
                                      BuildRequest request);

}  // namespace roost::build
