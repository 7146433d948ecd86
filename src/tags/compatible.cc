// Supported-tag generation in packaging.tags.sys_tags order (see compatible.h).
#include "tags/compatible.h"

#include <algorithm>

#include "tags/text_span.h"

namespace roost::tags {
namespace {

using std::to_string;

// packaging's _is_threaded_cpython: the first ABI is "cp<digits><flags>" with a "t" flag.
bool is_threaded_cpython(const std::vector<std::string>& abis) {
  if (abis.empty()) return false;
  std::string_view abi = abis[0];
  if (!abi.starts_with("cp")) return false;
  size_t i = 2;
  while (i < abi.size() && abi[i] >= '0' && abi[i] <= '9') ++i;
  if (i == 2) return false;
  return abi.substr(i).find('t') != std::string_view::npos;
}

// Python's list.remove: only the first occurrence goes.
void remove_first(std::vector<std::string>& items, std::string_view value) {
  auto it = std::find(items.begin(), items.end(), value);
  if (it != items.end()) items.erase(it);
}

bool at_least_3_2(const PythonVersion& v) {
  return v.minor.has_value() && (v.major > 3 || (v.major == 3 && *v.minor >= 2));
}

// packaging's _py_interpreter_range: pyXY, pyX, then pyX(Y-1) ... pyX0.
std::vector<std::string> py_interpreter_range(const PythonVersion& v) {
  std::vector<std::string> out;
  if (v.minor) out.push_back("py" + v.nodot());
  out.push_back("py" + to_string(v.major));
  if (v.minor) {
    for (int minor = *v.minor - 1; minor >= 0; --minor)
      out.push_back("py" + to_string(v.major) + to_string(minor));
  }
  return out;
}

}  // namespace

std::string PythonVersion::nodot() const {
  return to_string(major) + (minor ? to_string(*minor) : "");
}

std::vector<std::string> cpython_abis(int major, int minor, const CPythonBuild& build) {
  auto at_least = [&](int ma, int mi) { return major > ma || (major == ma && minor >= mi); };
  std::string version = to_string(major) + to_string(minor);
  std::string threading = at_least(3, 13) && build.free_threaded ? "t" : "";
  std::string debug = build.debug ? "d" : "";
  std::string pymalloc = !at_least(3, 8) && build.pymalloc ? "m" : "";
  std::string ucs4 = !at_least(3, 3) && build.wide_unicode ? "u" : "";
  std::vector<std::string> abis = {"cp" + version + threading + debug + pymalloc + ucs4};
  // A 3.8+ debug build also loads release-build extension modules.
  if (at_least(3, 8) && build.debug) abis.push_back("cp" + version + threading);
  return abis;
}

std::string pypy_abi(int major, int minor, int pypy_major, int pypy_minor) {
  return "pypy" + to_string(major) + to_string(minor) + "_pp" + to_string(pypy_major) +
         to_string(pypy_minor);
}

Result<std::vector<std::string>> abis_from_ext_suffix(std::string_view ext_suffix) {
  auto invalid = [&] {
    return make_error(
        ErrorKind::kParse,
        "invalid EXT_SUFFIX " + quote(ext_suffix) +
            ": expected '.<abi>-<platform>.<ext>', like '.cpython-311-x86_64-linux-gnu.so'");
  };
  if (!ext_suffix.starts_with('.')) return invalid();
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    size_t dot = ext_suffix.find('.', start);
    parts.push_back(ext_suffix.substr(
        start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (parts.size() < 3) return std::vector<std::string>{};  // ".pyd": no ABI in the suffix
  std::string_view soabi = parts[1];
  auto first_fields = [&](size_t n) {
    size_t end = 0;
    for (size_t i = 0; i < n && end != std::string_view::npos; ++i) {
      end = soabi.find('-', i == 0 ? 0 : end + 1);
    }
    return soabi.substr(0, end);
  };
  std::string abi;
  if (soabi.starts_with("cpython")) {
    size_t dash = soabi.find('-');
    if (dash == std::string_view::npos) return invalid();
    std::string_view version = soabi.substr(dash + 1, soabi.find('-', dash + 1) - dash - 1);
    if (version.empty()) return invalid();
    abi = "cp" + std::string(version);
  } else if (soabi.starts_with("cp")) {
    abi = first_fields(1);
  } else if (soabi.starts_with("pypy")) {
    abi = first_fields(2);
  } else if (soabi.starts_with("graalpy")) {
    abi = first_fields(3);
  } else if (!soabi.empty()) {
    abi = soabi;
  } else {
    return std::vector<std::string>{};
  }
  return std::vector<std::string>{normalize_platform_string(abi)};
}

Interpreter Interpreter::cpython(int major, int minor, const CPythonBuild& build) {
  return Interpreter{Implementation::kCPython, "", major, minor, cpython_abis(major, minor, build)};
}

Interpreter Interpreter::pypy(int major, int minor, int pypy_major, int pypy_minor) {
  return Interpreter{
      Implementation::kPyPy, "", major, minor, {pypy_abi(major, minor, pypy_major, pypy_minor)}};
}

std::string Interpreter::interpreter_tag() const {
  std::string version = to_string(major) + to_string(minor);
  switch (implementation) {
    case Implementation::kCPython:
      return "cp" + version;
    case Implementation::kPyPy:
      return "pp" + version;
    case Implementation::kOther:
      return name + version;
  }
  return name + version;
}

std::vector<Tag> cpython_tags(PythonVersion version, std::vector<std::string> abis,
                              std::span<const std::string> platforms) {
  std::vector<Tag> out;
  const std::string interpreter = "cp" + version.nodot();
  const bool threading = is_threaded_cpython(abis);
  // The stable ABIs and "none" get their own places below.
  remove_first(abis, "abi3");
  if (threading) remove_first(abis, "abi3t");
  remove_first(abis, "none");

  for (const std::string& abi : abis) {
    for (const std::string& p : platforms) out.emplace_back(interpreter, abi, p);
  }
  // abi3 (PEP 384) exists from 3.2; free-threaded builds use abi3t (PEP 803) instead.
  const bool stable = at_least_3_2(version);
  const std::string stable_abi = threading ? "abi3t" : "abi3";
  if (stable) {
    for (const std::string& p : platforms) out.emplace_back(interpreter, stable_abi, p);
  }
  for (const std::string& p : platforms) out.emplace_back(interpreter, "none", p);
  if (stable) {
    for (int minor = *version.minor - 1; minor > 1; --minor) {
      std::string older = "cp" + to_string(version.major) + to_string(minor);
      for (const std::string& p : platforms) out.emplace_back(older, stable_abi, p);
    }
  }
  return out;
}

std::vector<Tag> generic_tags(std::string_view interpreter, std::vector<std::string> abis,
                              std::span<const std::string> platforms) {
  if (std::find(abis.begin(), abis.end(), "none") == abis.end()) abis.emplace_back("none");
  std::vector<Tag> out;
  out.reserve(abis.size() * platforms.size());
  for (const std::string& abi : abis) {
    for (const std::string& p : platforms) out.emplace_back(interpreter, abi, p);
  }
  return out;
}

std::vector<Tag> pure_python_tags(PythonVersion version) {
  std::vector<Tag> out;
  for (const std::string& py : py_interpreter_range(version)) out.emplace_back(py, "none", "any");
  return out;
}

std::vector<Tag> compatible_tags(PythonVersion version, std::optional<std::string_view> interpreter,
                                 std::span<const std::string> platforms) {
  std::vector<Tag> out;
  for (const std::string& py : py_interpreter_range(version)) {
    for (const std::string& p : platforms) out.emplace_back(py, "none", p);
  }
  if (interpreter && !interpreter->empty()) out.emplace_back(*interpreter, "none", "any");
  for (Tag& t : pure_python_tags(version)) out.push_back(std::move(t));
  return out;
}

std::vector<Tag> supported_tags(const Interpreter& interpreter,
                                std::span<const std::string> platforms) {
  PythonVersion version{interpreter.major, interpreter.minor};
  std::vector<Tag> out;
  std::optional<std::string> compatible_interpreter;
  switch (interpreter.implementation) {
    case Implementation::kCPython:
      out = cpython_tags(version, interpreter.abis, platforms);
      compatible_interpreter = interpreter.interpreter_tag();
      break;
    case Implementation::kPyPy:
      out = generic_tags(interpreter.interpreter_tag(), interpreter.abis, platforms);
      // packaging added pp3-none-any for PyPy (its issue #311).
      compatible_interpreter = "pp3";
      break;
    case Implementation::kOther:
      out = generic_tags(interpreter.interpreter_tag(), interpreter.abis, platforms);
      break;
  }
  for (Tag& t : compatible_tags(version, compatible_interpreter, platforms))
    out.push_back(std::move(t));
  return out;
}

Result<std::vector<Tag>> supported_tags(const Interpreter& interpreter, const Platform& platform) {
  ROOST_TRY(std::vector<std::string> platforms, platform_tags(platform));
  return supported_tags(interpreter, platforms);
}

}  // namespace roost::tags
