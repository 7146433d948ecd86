// Platform tag generation (see platform.h); the orders are those of packaging.tags, _manylinux
// and _musllinux, with host probing replaced by the facts in Platform.
#include "tags/platform.h"

#include <algorithm>
#include <array>

#include "tags/text_span.h"

namespace roost::tags {
namespace {

using std::to_string;

bool contains(std::span<const std::string> items, std::string_view x) {
  return std::find(items.begin(), items.end(), x) != items.end();
}

// _manylinux._have_compatible_abi. armv7l and i686 need ELF checks of the interpreter there; a
// Platform saying "armv7l" is taken to be hard-float and "i686" to be an i386 ELF, since those are
// the only ABIs a manylinux wheel for them can have.
bool manylinux_arch(std::span<const std::string> archs) {
  static constexpr std::array<std::string_view, 9> kAllowed = {
      "x86_64", "aarch64", "ppc64", "ppc64le", "s390x", "loongarch64", "riscv64", "armv7l", "i686"};
  return std::any_of(archs.begin(), archs.end(), [](const std::string& a) {
    return std::find(kAllowed.begin(), kAllowed.end(), a) != kAllowed.end();
  });
}

// If glibc ever bumps its major version, packaging assumes the previous major ended at minor 50.
constexpr int kLastGlibcMinor = 50;

}  // namespace

std::string normalize_platform_string(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '.' || c == '-' || c == ' ') c = '_';
  }
  return out;
}

std::string mac_arch(std::string_view arch, bool is_32bit) {
  if (!is_32bit) return std::string(arch);
  if (arch.starts_with("ppc")) return "ppc";
  return "i386";
}

std::vector<std::string> mac_binary_formats(AppleVersion version, std::string_view arch) {
  std::vector<std::string> formats = {std::string(arch)};
  if (arch == "x86_64") {
    if (version < AppleVersion{10, 4}) return {};
    formats.insert(formats.end(), {"intel", "fat64", "fat3"});
  } else if (arch == "i386") {
    if (version < AppleVersion{10, 4}) return {};
    formats.insert(formats.end(), {"intel", "fat3", "fat"});
  } else if (arch == "ppc64") {
    if (version > AppleVersion{10, 5} || version < AppleVersion{10, 4}) return {};
    formats.emplace_back("fat64");
  } else if (arch == "ppc") {
    if (version > AppleVersion{10, 6}) return {};
    formats.insert(formats.end(), {"fat3", "fat"});
  }
  if (arch == "arm64" || arch == "x86_64") formats.emplace_back("universal2");
  if (arch == "x86_64" || arch == "i386" || arch == "ppc64" || arch == "ppc" || arch == "intel") {
    formats.emplace_back("universal");
  }
  return formats;
}

std::vector<std::string> mac_platforms(AppleVersion version, std::string_view arch) {
  std::vector<std::string> out;
  auto add = [&](int major, int minor, const std::string& format) {
    out.push_back("macosx_" + to_string(major) + "_" + to_string(minor) + "_" + format);
  };
  if (AppleVersion{10, 0} <= version && version < AppleVersion{11, 0}) {
    // Before macOS 11 each yearly release bumped the minor version; the major was always 10.
    for (int minor = version.minor; minor >= 0; --minor) {
      for (const std::string& f : mac_binary_formats({10, minor}, arch)) add(10, minor, f);
    }
  }
  if (version >= AppleVersion{11, 0}) {
    // From macOS 11 the major version is yearly and minors are mid-year updates, so only X.0
    // names are generated.
    for (int major = version.major; major > 10; --major) {
      for (const std::string& f : mac_binary_formats({major, 0}, arch)) add(major, 0, f);
    }
    // x86_64 runs binaries for earlier releases; arm64 started at 11.0, so only universal2
    // binaries (whose x86_64 half may target 10.x) qualify.
    for (int minor = 16; minor > 3; --minor) {
      if (arch == "x86_64") {
        for (const std::string& f : mac_binary_formats({10, minor}, arch)) add(10, minor, f);
      } else {
        add(10, minor, "universal2");
      }
    }
  }
  return out;
}

std::vector<std::string> ios_platforms(AppleVersion version, std::string_view multiarch) {
  std::vector<std::string> out;
  std::string arch(multiarch);
  std::replace(arch.begin(), arch.end(), '-', '_');
  // iOS 12.0 is the first with enough features for CPython; every minor up to .9 is generated
  // so no list of released iOS versions is needed.
  if (version.major < 12) return out;
  auto add = [&](int major, int minor) {
    out.push_back("ios_" + to_string(major) + "_" + to_string(minor) + "_" + arch);
  };
  add(version.major, version.minor);
  for (int minor = version.minor - 1; minor >= 0; --minor) add(version.major, minor);
  for (int major = version.major - 1; major >= 12; --major) {
    for (int minor = 9; minor >= 0; --minor) add(major, minor);
  }
  return out;
}

std::vector<std::string> android_platforms(int api_level, std::string_view abi) {
  // API level 16 is the oldest known to run CPython without major patching.
  constexpr int kMinApiLevel = 16;
  std::vector<std::string> out;
  std::string normalized = normalize_platform_string(abi);
  for (int level = api_level; level >= kMinApiLevel; --level) {
    out.push_back("android_" + to_string(level) + "_" + normalized);
  }
  return out;
}

std::vector<std::string> manylinux_platforms(std::span<const std::string> archs,
                                             LibcVersion glibc) {
  std::vector<std::string> out;
  if (!manylinux_arch(archs)) return out;
  // The oldest glibc with manylinux wheels is 2.17, or 2.5 on x86 (manylinux1).
  LibcVersion too_old{2, 16};
  if (contains(archs, "x86_64") || contains(archs, "i686")) too_old = {2, 4};
  // Compatibility holds across glibc majors, so older majors are listed in full.
  std::vector<LibcVersion> maxima = {glibc};
  for (int major = glibc.major - 1; major > 1; --major) maxima.push_back({major, kLastGlibcMinor});
  for (const std::string& arch : archs) {
    for (const LibcVersion& max : maxima) {
      int min_minor = max.major == too_old.major ? too_old.minor : -1;
      for (int minor = max.minor; minor > min_minor; --minor) {
        out.push_back("manylinux_" + to_string(max.major) + "_" + to_string(minor) + "_" + arch);
        if (max.major != 2) continue;
        if (minor == 17) out.push_back("manylinux2014_" + arch);
        if (minor == 12) out.push_back("manylinux2010_" + arch);
        if (minor == 5) out.push_back("manylinux1_" + arch);
      }
    }
  }
  return out;
}

std::vector<std::string> musllinux_platforms(std::span<const std::string> archs, LibcVersion musl) {
  std::vector<std::string> out;
  for (const std::string& arch : archs) {
    for (int minor = musl.minor; minor >= 0; --minor) {
      out.push_back("musllinux_" + to_string(musl.major) + "_" + to_string(minor) + "_" + arch);
    }
  }
  return out;
}

std::vector<std::string> linux_platforms(std::string_view arch, std::optional<LibcVersion> glibc,
                                         std::optional<LibcVersion> musl) {
  std::string normalized = normalize_platform_string(arch);
  // A 32-bit ARM interpreter on a 64-bit kernel (armv8l) also runs armv7l binaries.
  std::vector<std::string> archs = {normalized};
  if (normalized == "armv8l") archs.emplace_back("armv7l");
  std::vector<std::string> out;
  for (const std::string& a : archs) out.push_back("linux_" + a);
  if (glibc) {
    for (std::string& p : manylinux_platforms(archs, *glibc)) out.push_back(std::move(p));
  }
  if (musl) {
    for (std::string& p : musllinux_platforms(archs, *musl)) out.push_back(std::move(p));
  }
  return out;
}

Result<std::vector<std::string>> platform_tags(const Platform& platform) {
  switch (platform.os) {
    case Os::kLinux:
      return linux_platforms(platform.arch, platform.glibc, platform.musl);
    case Os::kMacOS:
      return mac_platforms(platform.os_version, platform.arch);
    case Os::kIos:
      return ios_platforms(platform.os_version, platform.arch);
    case Os::kAndroid:
      return android_platforms(platform.android_api_level, platform.arch);
    case Os::kWindows: {
      const std::string& a = platform.arch;
      if (a == "x86_64" || a == "amd64" || a == "AMD64")
        return std::vector<std::string>{"win_amd64"};
      if (a == "x86" || a == "i386" || a == "i686" || a == "win32")
        return std::vector<std::string>{"win32"};
      if (a == "arm64" || a == "aarch64" || a == "ARM64")
        return std::vector<std::string>{"win_arm64"};
      return make_error(ErrorKind::kUsage, "unsupported Windows architecture " + quote(a) +
                                               " (expected x86_64, x86 or arm64)");
    }
    case Os::kOther:
      if (platform.other_platform.empty()) {
        return make_error(ErrorKind::kUsage,
                          "a platform of kind 'other' needs its sysconfig platform name");
      }
      return std::vector<std::string>{normalize_platform_string(platform.other_platform)};
  }
  return make_error(ErrorKind::kInternal, "unknown operating system kind");
}

}  // namespace roost::tags
