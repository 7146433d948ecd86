// Interpreter's derived views: marker environment and packaging.tags' inputs (interpreter.h).
#include "python/interpreter.h"

#include <string_view>

namespace roost::python {
namespace {

std::string value_or_empty(const std::map<std::string, std::string, std::less<>>& values,
                           std::string_view key) {
  auto it = values.find(key);
  return it == values.end() ? std::string() : it->second;
}

// packaging's interpreter_name(): the short name that prefixes an interpreter's tags.
std::string short_interpreter_name(std::string_view implementation) {
  if (implementation == "cpython") return "cp";
  if (implementation == "pypy") return "pp";
  if (implementation == "ironpython") return "ip";
  if (implementation == "jython") return "jy";
  return std::string(implementation);
}

// sysconfig.get_platform() minus its "<os>-" (and macOS's version) prefix: the machine part.
std::string platform_arch(std::string_view sysconfig_platform) {
  size_t dash = sysconfig_platform.rfind('-');
  if (dash == std::string_view::npos) return std::string(sysconfig_platform);
  return std::string(sysconfig_platform.substr(dash + 1));
}

}  // namespace

std::string Interpreter::major_minor() const {
  return std::to_string(major) + "." + std::to_string(minor);
}

std::string Interpreter::implementation_display_name() const {
  std::string name = value_or_empty(markers, "platform_python_implementation");
  if (!name.empty()) return name;
  if (implementation_name == "cpython") return "CPython";
  if (implementation_name == "pypy") return "PyPy";
  if (implementation_name == "graalpy") return "GraalVM";
  return implementation_name;
}

pep508::MarkerEnvironment Interpreter::marker_environment() const {
  pep508::MarkerEnvironment env;
  for (const auto& [key, value] : markers) env.values.emplace(key, value);
  return env;
}

tags::Interpreter Interpreter::tag_interpreter() const {
  if (implementation_name == "cpython") {
    tags::CPythonBuild build{.debug = debug, .free_threaded = gil_disabled, .pymalloc = pymalloc};
    return tags::Interpreter::cpython(major, minor, build);
  }
  tags::Interpreter out;
  out.implementation =
      implementation_name == "pypy" ? tags::Implementation::kPyPy : tags::Implementation::kOther;
  out.name = short_interpreter_name(implementation_name);
  out.major = major;
  out.minor = minor;
  // packaging's _generic_abi reads the ABI out of EXT_SUFFIX (".pypy310-pp73-x86_64-linux-gnu.so").
  if (Result<std::vector<std::string>> abis = tags::abis_from_ext_suffix(ext_suffix); abis.ok()) {
    out.abis = std::move(abis).value();
  }
  if (out.abis.empty() && out.implementation == tags::Implementation::kPyPy) {
    return tags::Interpreter::pypy(major, minor);
  }
  return out;
}

tags::Platform Interpreter::tag_platform() const {
  tags::Platform platform;
  std::string sys_platform = value_or_empty(markers, "sys_platform");
  std::string arch = platform_arch(sysconfig_platform);
  bool is_32bit = pointer_size == 32;
  if (sys_platform.starts_with("linux")) {
    platform.os = tags::Os::kLinux;
    // packaging's _linux_platforms: a 32-bit interpreter on a 64-bit kernel uses its own arch.
    if (is_32bit && arch == "x86_64") arch = "i686";
    if (is_32bit && arch == "aarch64") arch = "armv8l";
    platform.arch = tags::normalize_platform_string(arch);
    platform.glibc = glibc;
    platform.musl = musl;
  } else if (sys_platform == "darwin") {
    platform.os = tags::Os::kMacOS;
    platform.arch = tags::mac_arch(value_or_empty(markers, "platform_machine"), is_32bit);
    platform.os_version = mac_version.value_or(tags::OsVersion{});
  } else if (sys_platform == "win32") {
    platform.os = tags::Os::kWindows;
    platform.arch = sysconfig_platform == "win32" ? "x86" : arch;
  } else {
    platform.os = tags::Os::kOther;
    platform.other_platform = sysconfig_platform;
  }
  return platform;
}

Result<std::vector<tags::Tag>> Interpreter::compatible_tags() const {
  return tags::supported_tags(tag_interpreter(), tag_platform());
}

}  // namespace roost::python
