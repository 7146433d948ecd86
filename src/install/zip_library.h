// libzip, loaded with dlopen the first time a wheel is opened rather than linked.
//
// Why: linking libzip makes the dynamic loader map libzip.so.4 and its own dependencies
// (libcrypto.so.3, libbz2, libz) before main() of every process that links roost_install:
// ~1.1 ms per start (a trivial binary: 1.62 ms with libzip, 0.50 ms without), paid on every
// `roost run`. Loading on demand keeps that cost on the commands that open wheels.
//
//   ROOST_TRY(const ZipLibrary* zip, ZipLibrary::load());
//   zip_t* archive = zip->fdopen(fd, ZIP_RDONLY, &error);
//
// Only install/ uses this; the types and constants still come from <zip.h> there, and
// zip_library.cc checks at compile time that each pointer has the type <zip.h> declares. The
// library is looked up as "libzip.so.4" (the ABI of the <zip.h> roost builds against) and kept
// loaded for the life of the process.
#pragma once

#include <cstdint>

#include "base/result.h"

// libzip's handle types (zip_t, zip_file_t, zip_error_t in <zip.h>), declared here so that this
// header does not pull <zip.h> into its includers.
struct zip;
struct zip_file;
struct zip_error;

namespace roost::install {

// The libzip functions wheel_reader.cc calls, named without their "zip_" prefix.
struct ZipLibrary {
  ::zip* (*fdopen)(int fd, int flags, int* error);
  void (*discard)(::zip* archive);
  int64_t (*get_num_entries)(::zip* archive, uint32_t flags);
  const char* (*get_name)(::zip* archive, uint64_t index, uint32_t flags);
  ::zip_error* (*get_error)(::zip* archive);
  ::zip_file* (*fopen_index)(::zip* archive, uint64_t index, uint32_t flags);
  int64_t (*fread)(::zip_file* file, void* buffer, uint64_t size);
  int (*fclose)(::zip_file* file);
  ::zip_error* (*file_get_error)(::zip_file* file);
  void (*error_init_with_code)(::zip_error* error, int code);
  void (*error_fini)(::zip_error* error);
  const char* (*error_strerror)(::zip_error* error);
  int (*error_code_zip)(const ::zip_error* error);
  int (*compression_method_supported)(int32_t method, int compress);

  // Loads libzip once per process (thread-safe: behind a std::call_once). kInternal, naming the
  // library and dlerror(), when libzip is missing or lacks a function; the same answer on every
  // call.
  static Result<const ZipLibrary*> load();
};

}  // namespace roost::install
