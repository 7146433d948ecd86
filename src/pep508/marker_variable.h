// The PEP 508 marker variables (plus the lock-file sets "extras" and "dependency_groups" of PEP 751)
// and how each compares: as a version, as a plain string, as a normalised name, or as a set.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace roost::pep508::detail {

enum class Variable : uint8_t {
  kPythonVersion,
  kPythonFullVersion,
  kImplementationVersion,
  kPlatformRelease,
  kImplementationName,
  kPlatformPythonImplementation,
  kOsName,
  kSysPlatform,
  kPlatformSystem,
  kPlatformMachine,
  kPlatformVersion,
  kExtra,
  kExtras,
  kDependencyGroups,
};
inline constexpr size_t kVariableCount = 14;

// How packaging compares a variable (markers.py: MARKERS_REQUIRING_VERSION and friends).
enum class VariableKind : uint8_t {
  kVersion,  // try a PEP 440 specifier first, fall back to string rules
  kString,   // string rules only
  kExtra,    // string rules on PEP 685-normalised names
  kSet,      // set of normalised names; only "<name>" in / not in <variable>
};

VariableKind kind_of(Variable v);
// The canonical spelling ("platform_python_implementation" for "python_implementation" too).
std::string_view name_of(Variable v);
// Accepts canonical names and the legacy spellings: os.name, sys.platform, platform.version,
// platform.machine, platform.python_implementation and python_implementation.
std::optional<Variable> variable_from_name(std::string_view name);

}  // namespace roost::pep508::detail
