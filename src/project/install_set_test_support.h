// Environments and small locks for the install_set() tests: CPython 3.12 on a few platforms,
// described by hand (what Interpreter::marker_environment() / compatible_tags() would give).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "lock/read_lock.h"
#include "project/install_set.h"
#include "tags/compatible.h"

namespace roost::project::testing {

// CPython 3.<minor>.<micro> on `sys_platform` ("linux", "win32", "darwin").
inline pep508::MarkerEnvironment cpython_env(std::string_view sys_platform, int minor = 12,
                                             int micro = 4) {
  std::string version = "3." + std::to_string(minor);
  std::string full = version + "." + std::to_string(micro);
  bool windows = sys_platform == "win32";
  bool mac = sys_platform == "darwin";
  return {.values = {{"implementation_name", "cpython"},
                     {"implementation_version", full},
                     {"os_name", windows ? "nt" : "posix"},
                     {"platform_machine", windows ? "AMD64"
                                          : mac   ? "arm64"
                                                  : "x86_64"},
                     {"platform_python_implementation", "CPython"},
                     {"platform_release", "6.1.0"},
                     {"platform_system", windows ? "Windows"
                                         : mac   ? "Darwin"
                                                 : "Linux"},
                     {"platform_version", "#1 SMP"},
                     {"python_full_version", full},
                     {"python_version", version},
                     {"sys_platform", std::string(sys_platform)}}};
}

inline pep508::MarkerEnvironment linux_env() {
  return cpython_env("linux");
}
inline pep508::MarkerEnvironment windows_env() {
  return cpython_env("win32");
}

inline std::vector<tags::Tag> cpython_tags(const tags::Platform& platform, int minor = 12) {
  Result<std::vector<tags::Tag>> t =
      tags::supported_tags(tags::Interpreter::cpython(3, minor), platform);
  EXPECT_TRUE(t.ok());
  return t.ok() ? *t : std::vector<tags::Tag>{};
}

inline std::vector<tags::Tag> manylinux_tags(int minor = 12) {
  return cpython_tags({.os = tags::Os::kLinux, .arch = "x86_64", .glibc = tags::LibcVersion{2, 36}},
                      minor);
}
inline std::vector<tags::Tag> musllinux_tags() {
  return cpython_tags({.os = tags::Os::kLinux, .arch = "x86_64", .musl = tags::LibcVersion{1, 2}});
}
inline std::vector<tags::Tag> windows_tags() {
  return cpython_tags({.os = tags::Os::kWindows, .arch = "x86_64"});
}
inline std::vector<tags::Tag> macos_tags() {
  return cpython_tags({.os = tags::Os::kMacOS, .arch = "arm64", .os_version = {14, 0}});
}

inline lock::Lockfile parse(std::string_view text) {
  Result<lock::Lockfile> lock = lock::parse_lock(text, "uv.lock");
  EXPECT_TRUE(lock.ok()) << lock.error().render();
  return lock.ok() ? std::move(lock).value() : lock::Lockfile{};
}

// "name==version" per item, in order ("name" for a dynamic version).
inline std::vector<std::string> names(const std::vector<InstallItem>& items) {
  std::vector<std::string> out;
  for (const InstallItem& i : items)
    out.push_back(i.version.empty() ? i.name : i.name + "==" + i.version);
  return out;
}

// A registry package with one pure-Python wheel, for graph tests where the file does not matter.
inline std::string registry_package(std::string_view name, std::string_view version,
                                    std::string_view rest = "") {
  std::string n(name), v(version);
  return "\n[[package]]\nname = \"" + n + "\"\nversion = \"" + v +
         "\"\nsource = { registry = \"https://pypi.org/simple\" }\n" + std::string(rest) +
         "wheels = [\n    { url = \"https://files.example/" + n + "-" + v +
         "-py3-none-any.whl\", hash = \"sha256:00\" },\n]\n";
}

}  // namespace roost::project::testing
