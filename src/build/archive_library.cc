// Loading libarchive on demand (see archive_library.h).
#include "build/archive_library.h"

#include <mutex>
#include <string>

#include "base/dynamic_library.h"

namespace roost::build {
namespace {

template <typename Fn>
bool bind(void* handle, const char* symbol, Fn& slot, std::string& missing) {
  return bind_symbol<Fn>(handle, symbol, slot, missing);
}

Result<const ArchiveLibrary*> open_library() {
  static ArchiveLibrary library;
  const std::string hint = "install libarchive 3 (Debian: apt-get install libarchive13)";
  ROOST_TRY(void* handle,
            open_dynamic_library({"libarchive.so.13", "libarchive.so"}, "libarchive", hint));
  std::string missing;
  ArchiveLibrary& l = library;
  bool ok = bind(handle, "archive_read_new", l.read_new, missing) &
            bind(handle, "archive_read_support_filter_all", l.read_support_filter_all, missing) &
            bind(handle, "archive_read_support_format_tar", l.read_support_format_tar, missing) &
            bind(handle, "archive_read_support_format_zip", l.read_support_format_zip, missing) &
            bind(handle, "archive_read_open_filename", l.read_open_filename, missing) &
            bind(handle, "archive_read_next_header", l.read_next_header, missing) &
            bind(handle, "archive_read_data", l.read_data, missing) &
            bind(handle, "archive_read_free", l.read_free, missing) &
            bind(handle, "archive_error_string", l.error_string, missing) &
            bind(handle, "archive_entry_pathname", l.entry_pathname, missing) &
            bind(handle, "archive_entry_symlink", l.entry_symlink, missing) &
            bind(handle, "archive_entry_hardlink", l.entry_hardlink, missing) &
            bind(handle, "archive_entry_filetype", l.entry_filetype, missing) &
            bind(handle, "archive_entry_perm", l.entry_perm, missing);
  if (!ok) {
    return make_error(ErrorKind::kInternal, "the libarchive found lacks " + missing)
        .with_hint(hint);
  }
  return static_cast<const ArchiveLibrary*>(&library);
}

}  // namespace

Result<const ArchiveLibrary*> ArchiveLibrary::load() {
  return load_once<ArchiveLibrary>(open_library);
}

}  // namespace roost::build
