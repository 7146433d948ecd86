#include "base/dynamic_library.h"

#include <dlfcn.h>

namespace roost {

Result<void*> open_dynamic_library(std::initializer_list<const char*> sonames,
                                   std::string_view what, std::string_view hint) {
  std::string why;
  for (const char* name : sonames) {
    void* handle = ::dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (handle != nullptr) return handle;
    if (why.empty()) why = ::dlerror();
  }
  return make_error(ErrorKind::kInternal, "cannot load " + std::string(what) + " (" + why + ")")
      .with_hint(std::string(hint));
}

void* find_symbol(void* handle, const char* symbol, std::string& missing) {
  void* address = ::dlsym(handle, symbol);
  if (address == nullptr && missing.empty()) missing = symbol;
  return address;
}

}  // namespace roost
