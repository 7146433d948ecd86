#include "resolve/python/target.h"

#include <charconv>
#include <span>

#include "tags/compatible.h"

namespace roost::resolve::python {
namespace {

struct Named {
  tags::Platform platform;
  std::string sys_platform, platform_system, os_name, machine;
};

bool parse_int(std::string_view text, int& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

Result<Named> named_platform(std::string_view name) {
  auto unknown = [&] {
    return Error(ErrorKind::kUsage,
                 "unknown --python-platform `" + std::string(name) +
                     "` (e.g. linux, macos, windows, x86_64-unknown-linux-gnu, "
                     "x86_64-manylinux_2_28, aarch64-apple-darwin, x86_64-pc-windows-msvc)");
  };
  if (name == "linux") name = "x86_64-unknown-linux-gnu";
  if (name == "macos") name = "aarch64-apple-darwin";
  if (name == "windows") name = "x86_64-pc-windows-msvc";
  size_t dash = name.find('-');
  if (dash == std::string_view::npos) return unknown();
  std::string arch(name.substr(0, dash));
  std::string_view rest = name.substr(dash + 1);
  Named n;
  if (rest == "pc-windows-msvc") {
    n.platform.os = tags::Os::kWindows;
    n.platform.arch = arch;
    n.sys_platform = "win32", n.platform_system = "Windows", n.os_name = "nt";
    n.machine = arch == "x86_64" ? "AMD64" : arch == "aarch64" ? "ARM64" : "x86";
    return n;
  }
  if (rest == "apple-darwin") {
    n.platform.os = tags::Os::kMacOS;
    n.platform.arch = arch == "aarch64" ? "arm64" : arch;
    n.platform.os_version = arch == "aarch64" ? tags::OsVersion{11, 0} : tags::OsVersion{10, 12};
    n.sys_platform = "darwin", n.platform_system = "Darwin", n.os_name = "posix";
    n.machine = n.platform.arch;
    return n;
  }
  n.platform.os = tags::Os::kLinux;
  n.platform.arch = arch;
  n.sys_platform = "linux", n.platform_system = "Linux", n.os_name = "posix", n.machine = arch;
  if (rest == "unknown-linux-gnu" || rest == "manylinux2014") {
    n.platform.glibc = tags::LibcVersion{2, 17};
  } else if (rest == "unknown-linux-musl") {
    n.platform.musl = tags::LibcVersion{1, 2};
  } else if (rest.starts_with("manylinux_2_")) {
    int minor = 0;
    if (!parse_int(rest.substr(12), minor)) return unknown();
    n.platform.glibc = tags::LibcVersion{2, minor};
  } else if (rest.starts_with("musllinux_1_")) {
    int minor = 0;
    if (!parse_int(rest.substr(12), minor)) return unknown();
    n.platform.musl = tags::LibcVersion{1, minor};
  } else {
    return unknown();
  }
  return n;
}

}  // namespace

Result<TargetEnvironment> target_environment(std::string_view python_version,
                                             std::optional<std::string_view> platform) {
  auto bad_version = [&] {
    return Error(ErrorKind::kUsage, "--python-version must look like 3.12 or 3.12.1, not `" +
                                        std::string(python_version) + "`");
  };
  Result<pep440::Version> version = pep440::Version::parse(python_version);
  if (!version.ok() || version->release().size() < 2 || version->release()[0] != 3) {
    return bad_version();
  }
  std::span<const uint64_t> written = version->release();
  // X.Y means X.Y.0; further components (X.Y.Z.W) are not Python versions.
  std::vector<uint64_t> release{written[0], written[1], written.size() > 2 ? written[2] : 0};
  TargetEnvironment env;
  env.python = pep440::Version::from_release(release);
  std::string x_y = std::to_string(release[0]) + "." + std::to_string(release[1]);
  std::string full = env.python.to_string();
  Named named;
  if (platform) {
    ROOST_TRY(named, named_platform(*platform));
    tags::Interpreter py =
        tags::Interpreter::cpython(static_cast<int>(release[0]), static_cast<int>(release[1]));
    ROOST_TRY(env.tags, tags::supported_tags(py, named.platform));
  } else {
    named.sys_platform = "linux", named.platform_system = "Linux", named.os_name = "posix";
    named.machine = "x86_64";
  }
  env.markers.values = {{"python_version", x_y},
                        {"python_full_version", full},
                        {"implementation_name", "cpython"},
                        {"implementation_version", full},
                        {"platform_python_implementation", "CPython"},
                        {"os_name", named.os_name},
                        {"sys_platform", named.sys_platform},
                        {"platform_system", named.platform_system},
                        {"platform_machine", named.machine},
                        {"platform_release", ""},
                        {"platform_version", ""},
                        {"extra", ""}};
  return env;
}

}  // namespace roost::resolve::python
