#include "index/curl_library.h"

#include <mutex>
#include <string>

#include "base/dynamic_library.h"

namespace roost::index {
namespace {

constexpr const char* kHint = "install libcurl 7.66 or newer (Debian: apt-get install libcurl4)";

template <typename Fn>
bool bind(void* handle, const char* symbol, Fn& slot, std::string& missing) {
  return bind_symbol<Fn>(handle, symbol, slot, missing);
}

Result<const CurlLibrary*> open_library() {
  static CurlLibrary library;
  ROOST_TRY(void* handle, open_dynamic_library({"libcurl.so.4", "libcurl.so"}, "libcurl", kHint));
  std::string missing;
  CurlLibrary& l = library;
  bool ok = bind(handle, "curl_global_init", l.global_init, missing) &
            bind(handle, "curl_easy_strerror", l.easy_strerror, missing) &
            bind(handle, "curl_easy_init", l.easy_init, missing) &
            bind(handle, "curl_easy_cleanup", l.easy_cleanup, missing) &
            bind(handle, "curl_easy_setopt", l.easy_setopt, missing) &
            bind(handle, "curl_easy_getinfo", l.easy_getinfo, missing) &
            bind(handle, "curl_slist_append", l.slist_append, missing) &
            bind(handle, "curl_slist_free_all", l.slist_free_all, missing) &
            bind(handle, "curl_multi_init", l.multi_init, missing) &
            bind(handle, "curl_multi_cleanup", l.multi_cleanup, missing) &
            bind(handle, "curl_multi_setopt", l.multi_setopt, missing) &
            bind(handle, "curl_multi_add_handle", l.multi_add_handle, missing) &
            bind(handle, "curl_multi_remove_handle", l.multi_remove_handle, missing) &
            bind(handle, "curl_multi_perform", l.multi_perform, missing) &
            bind(handle, "curl_multi_info_read", l.multi_info_read, missing) &
            bind(handle, "curl_multi_poll", l.multi_poll, missing);
  if (!ok) {
    return make_error(ErrorKind::kInternal, "the libcurl found lacks " + missing).with_hint(kHint);
  }
  CURLcode init = l.global_init(CURL_GLOBAL_DEFAULT);
  if (init != CURLE_OK) {
    return make_error(ErrorKind::kInternal,
                      std::string("libcurl failed to initialise: ") + l.easy_strerror(init));
  }
  return static_cast<const CurlLibrary*>(&library);
}

}  // namespace

Result<const CurlLibrary*> CurlLibrary::load() {
  return load_once<CurlLibrary>(open_library);
}

}  // namespace roost::index
