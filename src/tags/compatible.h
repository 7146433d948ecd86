// The ranked list of tags an interpreter supports, best first, exactly as packaging.tags.sys_tags
// orders them (cpython_tags / generic_tags, then compatible_tags), but computed from facts about
// an interpreter and a platform rather than from the running host.
//
//   Interpreter py = Interpreter::cpython(3, 12);
//   Platform linux{.os = Os::kLinux, .arch = "x86_64", .glibc = LibcVersion{2, 35}};
//   ROOST_TRY(std::vector<Tag> tags, supported_tags(py, linux));
//   // cp312-cp312-linux_x86_64, cp312-cp312-manylinux_2_35_x86_64, ..., py30-none-any
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "tags/platform.h"
#include "tags/tag.h"

namespace roost::tags {

// packaging's PythonVersion: a major version and, usually, a minor one.
struct PythonVersion {
  int major = 3;
  std::optional<int> minor;
  std::string nodot() const;  // "311", or "3" without a minor
};

// The build facts of a CPython interpreter that decide its ABI tag.
struct CPythonBuild {
  bool debug = false;          // Py_DEBUG: the "d" flag
  bool free_threaded = false;  // Py_GIL_DISABLED (3.13+): the "t" flag
  bool pymalloc = true;        // WITH_PYMALLOC before 3.8: the "m" flag
  bool wide_unicode = true;    // Py_UNICODE_SIZE == 4 before 3.3: the "u" flag
};

// packaging's _cpython_abis: "cp311", "cp313t", "cp37m", and for a 3.8+ debug build also the
// release ABI ("cp311d" then "cp311").
std::vector<std::string> cpython_abis(int major, int minor, const CPythonBuild& build = {});
// The ABI of PyPy for Python major.minor and PyPy's own ABI version: "pypy310_pp73".
std::string pypy_abi(int major, int minor, int pypy_major = 7, int pypy_minor = 3);
// packaging's _generic_abi: the ABI part of sysconfig's EXT_SUFFIX
// (".cpython-311-x86_64-linux-gnu.so" -> "cp311", ".pypy310-pp73-x86_64-linux-gnu.so" ->
// "pypy310_pp73", ".graalpy-38-native-x86_64-darwin.dylib" -> "graalpy_38_native"). An empty list
// when the suffix names no ABI (".pyd").
Result<std::vector<std::string>> abis_from_ext_suffix(std::string_view ext_suffix);

enum class Implementation : uint8_t { kCPython, kPyPy, kOther };

struct Interpreter {
  Implementation implementation = Implementation::kCPython;
  // kOther: the short interpreter name that prefixes its tags ("graalpy"); ignored otherwise.
  std::string name;
  int major = 3;
  int minor = 0;
  // Compatible ABI tags, most specific first (cpython_abis(), {pypy_abi()} or
  // abis_from_ext_suffix()). "abi3" / "none" need not be listed; they are added where they apply.
  std::vector<std::string> abis;

  static Interpreter cpython(int major, int minor, const CPythonBuild& build = {});
  static Interpreter pypy(int major, int minor, int pypy_major = 7, int pypy_minor = 3);

  // The most specific interpreter tag: "cp311", "pp310", "graalpy311".
  std::string interpreter_tag() const;
};

// packaging.tags.sys_tags for this interpreter on these platforms (best first).
std::vector<Tag> supported_tags(const Interpreter& interpreter,
                                std::span<const std::string> platforms);
Result<std::vector<Tag>> supported_tags(const Interpreter& interpreter, const Platform& platform);

// The building blocks, with packaging's argument conventions.
// cpXY-<abi>-<plat> for each abi, then abi3 (abi3t when free-threaded), none, and the stable ABI
// of every older minor down to 3.2.
std::vector<Tag> cpython_tags(PythonVersion version, std::vector<std::string> abis,
                              std::span<const std::string> platforms);
// <interpreter>-<abi>-<plat> for each abi, "none" added last when missing.
std::vector<Tag> generic_tags(std::string_view interpreter, std::vector<std::string> abis,
                              std::span<const std::string> platforms);
// py*-none-<plat>, then <interpreter>-none-any, then pure_python_tags(version).
std::vector<Tag> compatible_tags(PythonVersion version, std::optional<std::string_view> interpreter,
                                 std::span<const std::string> platforms);
// pyXY-none-any, pyX-none-any, then every older minor of X.
std::vector<Tag> pure_python_tags(PythonVersion version);

}  // namespace roost::tags
