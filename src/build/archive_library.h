// libarchive, loaded with dlopen the first time an sdist is unpacked rather than linked.
//
// Why: libarchive brings ~10 shared libraries (ICU, libxml2, nettle, zstd, lz4, bzip2, ...) and
// the dynamic loader mapping them cost every roost process ~2 ms before main() (measured: a
// trivial program linked to it starts in 2.5 ms instead of 0.5 ms), including `roost run`,
// which never reads an archive. The same trade as index/curl_library.h.
//
//   ROOST_TRY(const ArchiveLibrary* la, ArchiveLibrary::load());
//   archive* a = la->read_new();
//
// Types and constants come from <archive.h>; only the calls go through these pointers. Looked
// up as "libarchive.so.13" (the ABI of libarchive 3.x), then "libarchive.so". Internal to build/.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include "base/result.h"

namespace roost::build {

struct ArchiveLibrary {
  archive* (*read_new)();
  int (*read_support_filter_all)(archive*);
  int (*read_support_format_tar)(archive*);
  int (*read_support_format_zip)(archive*);
  int (*read_open_filename)(archive*, const char* filename, size_t block_size);
  int (*read_next_header)(archive*, archive_entry**);
  la_ssize_t (*read_data)(archive*, void* buffer, size_t size);
  int (*read_free)(archive*);
  const char* (*error_string)(archive*);
  const char* (*entry_pathname)(archive_entry*);
  const char* (*entry_symlink)(archive_entry*);
  const char* (*entry_hardlink)(archive_entry*);
  __LA_MODE_T (*entry_filetype)(archive_entry*);
  __LA_MODE_T (*entry_perm)(archive_entry*);

  // Loads the library once per process; kInternal (naming what is missing) when it cannot,
  // the same answer on every call. Thread-safe.
  static Result<const ArchiveLibrary*> load();
};

}  // namespace roost::build
