// The single environment `pip compile --python-version X.Y --python-platform NAME` resolves for:
// marker values and wheel tags of a CPython on a named platform, using uv's target names
// (`linux`, `macos`, `windows`, `x86_64-unknown-linux-gnu`, `x86_64-manylinux_2_28`,
// `aarch64-apple-darwin`, `x86_64-pc-windows-msvc`, ...).
#pragma once

#include <optional>
#include <string_view>

#include "base/result.h"
#include "resolve/python/model.h"

namespace roost::resolve::python {

// `platform` nullopt: markers of an x86_64 Linux (glibc) CPython, and no wheel-tag filter (uv
// compiles for "any wheel" unless a platform is named). kUsage for an unknown name or version.
Result<TargetEnvironment> target_environment(std::string_view python_version,
                                             std::optional<std::string_view> platform);

}  // namespace roost::resolve::python
