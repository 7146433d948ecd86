// Loading a shared library at first use (dlopen) rather than linking it: every library the
// loader maps at startup costs every roost process ~0.5 ms, and `roost run` starts often, while
// libcurl, libzip and libarchive are needed only by the commands that download, unpack or build.
// Each user keeps a table of function pointers filled by bind_symbol() (index/curl_library.h,
// install/zip_library.h, build/archive_library.h).
//
//   ROOST_TRY(void* handle, open_dynamic_library({"libzip.so.4"}, "libzip", hint));
//   std::string missing;
//   bool ok = bind_symbol<decltype(&::zip_open)>(handle, "zip_open", table.open, missing);
#pragma once

#include <initializer_list>
#include <mutex>
#include <string>
#include <string_view>
#include <type_traits>

#include "base/result.h"

namespace roost {

// The first of `sonames` that loads, with RTLD_NOW | RTLD_LOCAL: the library's own dependencies
// (OpenSSL, zlib) stay out of the global scope, so they cannot interpose on the copies linked
// statically into roost. The library stays loaded for the process. Error (kInternal): "cannot
// load <what> (<the loader's first complaint>)" with `hint`.
Result<void*> open_dynamic_library(std::initializer_list<const char*> sonames,
                                   std::string_view what, std::string_view hint);

// The address of `symbol` in `handle` (nullptr when absent; the first absent name is kept in
// `missing`). `Fn` is given, not deduced, so callers can pin it to the header's declaration
// (decltype(&::fn)) and a table entry of another type does not compile.
void* find_symbol(void* handle, const char* symbol, std::string& missing);
template <typename Fn>
bool bind_symbol(void* handle, const char* symbol, std::type_identity_t<Fn>& slot,
                 std::string& missing) {
  slot = reinterpret_cast<Fn>(find_symbol(handle, symbol, missing));
  return slot != nullptr;
}

// `open()`'s answer, asked once per process: the library stays loaded until exit, so its table
// is filled once, and std::call_once makes a first use from several threads at the same moment
// safe (libcurl's global init, for one, must run exactly once). One instance per table type.
template <typename Table>
Result<const Table*> load_once(Result<const Table*> (*open)()) {
  static std::once_flag once;
  static Result<const Table*> loaded = Error(ErrorKind::kInternal, "unreachable");
  std::call_once(once, [open] { loaded = open(); });
  return loaded;
}

}  // namespace roost
