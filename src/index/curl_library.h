// libcurl, loaded with dlopen the first time a transport is created rather than linked.
//
// Why: libcurl pulls ~30 shared libraries (TLS, Kerberos, LDAP, IDN, SSH, ...) into the process,
// and the dynamic loader mapping them cost every roost command ~5 ms before main() (a 4.4 ms
// workspace discovery became 9.5 ms), including the commands that never touch the network
// (`roost run`, `roost workspace ...`). Loading on demand keeps that cost on network commands.
//
//   ROOST_TRY(const CurlLibrary* curl, CurlLibrary::load());
//   CURL* easy = curl->easy_init();
//
// The compile-time API (types, constants) still comes from <curl/curl.h>; only the calls go
// through these pointers. The library is looked up as "libcurl.so.4" (the ABI every libcurl 7.x
// and 8.x ships), then "libcurl.so", and kept loaded for the life of the process.
#pragma once

#include <curl/curl.h>

#include "base/result.h"

namespace roost::index {

struct CurlLibrary {
  CURLcode (*global_init)(long flags);
  const char* (*easy_strerror)(CURLcode code);
  CURL* (*easy_init)();
  void (*easy_cleanup)(CURL* easy);
  CURLcode (*easy_setopt)(CURL* easy, CURLoption option, ...);
  CURLcode (*easy_getinfo)(CURL* easy, CURLINFO info, ...);
  curl_slist* (*slist_append)(curl_slist* list, const char* text);
  void (*slist_free_all)(curl_slist* list);
  CURLM* (*multi_init)();
  CURLMcode (*multi_cleanup)(CURLM* multi);
  CURLMcode (*multi_setopt)(CURLM* multi, CURLMoption option, ...);
  CURLMcode (*multi_add_handle)(CURLM* multi, CURL* easy);
  CURLMcode (*multi_remove_handle)(CURLM* multi, CURL* easy);
  CURLMcode (*multi_perform)(CURLM* multi, int* running);
  CURLMsg* (*multi_info_read)(CURLM* multi, int* queued);
  CURLMcode (*multi_poll)(CURLM* multi, curl_waitfd extra[], unsigned count, int timeout_ms,
                          int* ready);

  // Loads libcurl and runs curl_global_init once per process (neither is thread-safe, so both
  // sit behind one std::call_once). kInternal, naming what failed, when libcurl is missing, too
  // old (curl_multi_poll needs 7.66) or fails to initialise; the same answer on every call.
  static Result<const CurlLibrary*> load();
};

}  // namespace roost::index
