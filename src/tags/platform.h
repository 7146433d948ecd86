// Platform tags, best first, for a described machine: manylinux (PEP 600, with the PEP 513/571/599
// aliases), musllinux (PEP 656), linux_<arch>, macOS, Windows, iOS and Android. Follows the order
// of packaging.tags.platform_tags(), computed from facts instead of the running host.
//
//   Platform p{.os = Os::kLinux, .arch = "x86_64", .glibc = LibcVersion{2, 35}};
//   ROOST_TRY(auto plats, platform_tags(p));  // linux_x86_64, manylinux_2_35_x86_64, ...
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace roost::tags {

// A (major, minor) pair for macOS / iOS versions and libc versions.
struct OsVersion {
  int major = 0;
  int minor = 0;
  auto operator<=>(const OsVersion&) const = default;
};
using AppleVersion = OsVersion;
using LibcVersion = OsVersion;

enum class Os : uint8_t { kLinux, kMacOS, kWindows, kIos, kAndroid, kOther };

struct Platform {
  Os os = Os::kLinux;
  // The interpreter's architecture, as the platform tags spell it: Linux "x86_64", "aarch64",
  // "i686", "armv7l", "armv8l", "ppc64le", "s390x", ...; macOS "arm64", "x86_64", "i386", "ppc";
  // Windows "x86_64"/"amd64", "x86"/"win32", "arm64"/"aarch64"; Android the ABI ("arm64_v8a");
  // iOS the multiarch ("arm64-iphoneos"). A 32-bit interpreter on a 64-bit kernel uses its own
  // 32-bit arch (i686 / armv8l), as packaging does.
  std::string arch;
  // Linux: the C library the interpreter runs on (at most one is set). Without either, only
  // linux_<arch> is compatible.
  std::optional<LibcVersion> glibc;
  std::optional<LibcVersion> musl;
  OsVersion os_version;       // macOS / iOS version
  int android_api_level = 0;  // Android
  std::string
      other_platform;  // kOther: sysconfig.get_platform(), e.g. "freebsd-14.0-release-amd64"
};

// Best first; an error only for an arch the OS cannot have (Windows on "sparc").
Result<std::vector<std::string>> platform_tags(const Platform& platform);

// The building blocks, each as packaging.tags spells it.
// _mac_arch: the arch a 32-bit interpreter reports on a 64-bit Mac.
std::string mac_arch(std::string_view arch, bool is_32bit);
// _mac_binary_formats: the binary format suffixes usable for a macOS version and arch.
std::vector<std::string> mac_binary_formats(AppleVersion version, std::string_view arch);
std::vector<std::string> mac_platforms(AppleVersion version, std::string_view arch);
std::vector<std::string> ios_platforms(AppleVersion version, std::string_view multiarch);
std::vector<std::string> android_platforms(int api_level, std::string_view abi);
// manylinux_<glibc>_<arch> from `glibc` down to 2.5 (x86) or 2.17 (others), each legacy alias
// (manylinux2014 = 2.17, manylinux2010 = 2.12, manylinux1 = 2.5) right after its PEP 600 name.
std::vector<std::string> manylinux_platforms(std::span<const std::string> archs, LibcVersion glibc);
std::vector<std::string> musllinux_platforms(std::span<const std::string> archs, LibcVersion musl);
std::vector<std::string> linux_platforms(std::string_view arch, std::optional<LibcVersion> glibc,
                                         std::optional<LibcVersion> musl);

// "." "-" and " " become "_", as packaging normalises sysconfig platform strings.
std::string normalize_platform_string(std::string_view text);

}  // namespace roost::tags
