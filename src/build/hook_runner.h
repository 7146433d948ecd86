// Running one PEP 517 / 660 hook: the shim (hook_shim.h) and its request written to a scratch
// directory, the build environment's Python started with the source tree as its working
// directory, the answer file read back. Internal to build/; frontend.h is the public face.
//
//   ROOST_TRY(HookAnswer a, run_hook({.hook = "build_wheel", .source_dir = tree, ...}));
//   if (!a.ok) report(a.error_kind, a.message, a.output);
#pragma once

#include <atomic>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"

namespace roost::build {

// PEP 517 config_settings, in order; a key given twice reaches the backend as a list.
using ConfigSettings = std::vector<std::pair<std::string, std::string>>;

struct HookRequest {
  std::string hook;  // "build_wheel", "prepare_metadata_for_build_editable", ...
  std::filesystem::path source_dir;
  std::filesystem::path python;
  std::string backend;                              // "setuptools.build_meta:__legacy__"
  std::vector<std::filesystem::path> backend_path;  // absolute
  std::filesystem::path output_dir;                 // handed to the hook; must exist
  ConfigSettings config_settings;
  std::filesystem::path scratch_dir;  // holds the shim, request and answer; must exist
  int timeout_ms = 0;
  std::vector<std::string> env_overrides;  // NAME=VALUE for the backend's environment
  std::atomic<int>* runs = nullptr;        // incremented per Python started (tests)
};

struct HookAnswer {
  bool ok = false;
  std::vector<std::string> values;  // ok: the hook's result lines
  std::string error_kind;           // !ok: the shim's kind, or "no-answer" / "timeout"
  std::string message;              // !ok: the shim's message
  std::string output;               // everything the backend printed (stdout and stderr)
  int exit_code = 0;
};

// Errors only when the files cannot be written, a value cannot travel in the line protocol
// (a line break), or Python cannot be started; a backend that fails is an answer with !ok.
Result<HookAnswer> run_hook(const HookRequest& request);

// The last `lines` lines of `output`, without a trailing line break.
std::string output_tail(std::string_view output, size_t lines = 50);

}  // namespace roost::build
