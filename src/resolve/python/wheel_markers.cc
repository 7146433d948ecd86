#include "resolve/python/wheel_markers.h"

#include <string>
#include <string_view>

namespace roost::resolve::python {
namespace {

using pep508::Marker;

Marker parsed(const std::string& text) {
  auto m = Marker::parse(text);
  return m.ok() ? *m : Marker::always_true();
}

Marker on(std::string_view sys_platform, std::vector<std::string_view> machines) {
  std::string text;
  for (std::string_view machine : machines) {
    if (!text.empty()) text += " or ";
    text += "platform_machine == '" + std::string(machine) + "'";
  }
  return parsed("sys_platform == '" + std::string(sys_platform) + "' and (" + text + ")");
}

// The architecture after a Linux tag's prefix: "manylinux_2_17_x86_64" -> "x86_64".
std::string_view linux_arch(std::string_view tag) {
  for (std::string_view prefix : {"manylinux1_", "manylinux2010_", "manylinux2014_", "linux_"}) {
    if (tag.starts_with(prefix)) return tag.substr(prefix.size());
  }
  // manylinux_X_Y_arch, musllinux_X_Y_arch: the arch follows the second number.
  size_t first = tag.find('_');
  size_t second = tag.find('_', first + 1);
  size_t third = tag.find('_', second + 1);
  if (third == std::string_view::npos) return {};
  return tag.substr(third + 1);
}

// macOS binary formats (the last part of macosx_X_Y_format) and the machines they run on.
// Apple-silicon Pythons report "arm64"; uv also accepts "aarch64" for them.
std::vector<std::string_view> macos_machines(std::string_view format) {
  if (format == "x86_64") return {"x86_64"};
  if (format == "arm64") return {"arm64", "aarch64"};
  if (format == "universal2") return {"x86_64", "arm64", "aarch64"};
  if (format == "intel") return {"x86_64", "i386"};
  if (format == "universal") return {"x86_64", "i386", "ppc", "ppc64"};
  if (format == "fat") return {"i386", "ppc"};
  if (format == "fat3") return {"x86_64", "i386", "ppc"};
  if (format == "fat64") return {"x86_64", "ppc64"};
  if (format == "i386" || format == "ppc" || format == "ppc64") return {format};
  return {};
}

Marker implied_by(std::string_view tag) {
  if (tag == "win32") return on("win32", {"x86"});
  if (tag == "win_amd64") return on("win32", {"AMD64"});
  if (tag == "win_arm64") return on("win32", {"ARM64"});
  if (tag.starts_with("manylinux") || tag.starts_with("musllinux") || tag.starts_with("linux_")) {
    std::string_view arch = linux_arch(tag);
    if (arch.empty()) return Marker::always_true();
    if (arch == "i686" || arch == "i386") return on("linux", {"i686", "i386"});
    return on("linux", {arch});
  }
  if (tag.starts_with("macosx_")) {
    // macosx_<major>_<minor>_<format>; the format itself may hold '_' (x86_64).
    size_t major_end = tag.find('_', 7);
    size_t minor_end =
        major_end == std::string_view::npos ? major_end : tag.find('_', major_end + 1);
    if (minor_end == std::string_view::npos) return Marker::always_true();
    std::vector<std::string_view> machines = macos_machines(tag.substr(minor_end + 1));
    if (machines.empty()) return Marker::always_true();
    return on("darwin", machines);
  }
  return Marker::always_true();
}

}  // namespace

Marker implied_platform_marker(const std::vector<std::string>& platforms) {
  Marker any = Marker::always_false();
  for (const std::string& tag : platforms) {
    any = any.or_(implied_by(tag));
    if (any.is_true()) break;
  }
  return platforms.empty() ? Marker::always_true() : any;
}

}  // namespace roost::resolve::python
