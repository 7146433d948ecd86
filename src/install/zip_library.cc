#include "install/zip_library.h"

#include <dlfcn.h>
#include <zip.h>

#include <mutex>
#include <string>

#include "base/dynamic_library.h"

namespace roost::install {
namespace {

constexpr const char* kSoname = "libzip.so.4";

// decltype only: naming zip_<member> here creates no link-time reference to libzip. The type is
// the one <zip.h> gives, so a table entry of another type does not compile.
#define ROOST_BIND_ZIP(member) \
  bind_symbol<decltype(&::zip_##member)>(handle, "zip_" #member, library.member, missing)

Result<const ZipLibrary*> open_library() {
  static ZipLibrary library;
  ROOST_TRY(void* handle, open_dynamic_library({kSoname}, "libzip", "install the libzip4 package"));
  std::string missing;
  bool ok = ROOST_BIND_ZIP(fdopen) & ROOST_BIND_ZIP(discard) & ROOST_BIND_ZIP(get_num_entries) &
            ROOST_BIND_ZIP(get_name) & ROOST_BIND_ZIP(get_error) & ROOST_BIND_ZIP(fopen_index) &
            ROOST_BIND_ZIP(fread) & ROOST_BIND_ZIP(fclose) & ROOST_BIND_ZIP(file_get_error) &
            ROOST_BIND_ZIP(error_init_with_code) & ROOST_BIND_ZIP(error_fini) &
            ROOST_BIND_ZIP(error_strerror) & ROOST_BIND_ZIP(error_code_zip) &
            ROOST_BIND_ZIP(compression_method_supported);
  if (!ok) {
    ::dlclose(handle);
    return make_error(ErrorKind::kInternal, std::string("the libzip found (") + kSoname +
                                                ") lacks " + missing +
                                                "; install the libzip4 package (1.7 or newer)");
  }
  return static_cast<const ZipLibrary*>(&library);
}

#undef ROOST_BIND_ZIP

}  // namespace

Result<const ZipLibrary*> ZipLibrary::load() {
  return load_once<ZipLibrary>(open_library);
}

}  // namespace roost::install
