#include "index/curl_library.h"

#include <dlfcn.h>

#include <mutex>
#include <string>

namespace roost::index {
namespace {

// Fills `slot` with the address of `symbol`; false (and `missing` set) when absent.
template <typename Fn>
bool bind(void* handle, const char* symbol, Fn& slot, std::string& missing) {
  slot = reinterpret_cast<Fn>(::dlsym(handle, symbol));
  if (slot == nullptr && missing.empty()) missing = symbol;
  return slot != nullptr;
}

Result<const CurlLibrary*> open_library() {
  static CurlLibrary library;
  void* handle = nullptr;
  std::string why;
  for (const char* name : {"libcurl.so.4", "libcurl.so"}) {
    // RTLD_LOCAL: libcurl's dependencies (OpenSSL among them) stay out of the global scope, so
    // they cannot interpose on the copies linked into roost.
    handle = ::dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (handle != nullptr) break;
    if (why.empty()) why = ::dlerror();
  }
  if (handle == nullptr) {
    return make_error(ErrorKind::kInternal, "cannot load libcurl (" + why + ")")
        .with_hint("install libcurl 7.66 or newer (Debian: apt-get install libcurl4)");
  }
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
    return make_error(ErrorKind::kInternal, "the libcurl found lacks " + missing)
        .with_hint("install libcurl 7.66 or newer (Debian: apt-get install libcurl4)");
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
  // The one piece of process-wide state here: libcurl's global init must run once, before any
  // handle exists, and the library stays loaded until exit.
  static std::once_flag once;
  static Result<const CurlLibrary*> loaded = make_error(ErrorKind::kInternal, "unreachable");
  std::call_once(once, [] { loaded = open_library(); });
  return loaded;
}

}  // namespace roost::index
