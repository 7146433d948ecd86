// The marker variables of PEP 508 (and PEP 751's sets) with their legacy PEP 345 / setuptools names.
#include "pep508/marker_variable.h"

#include <array>

namespace roost::pep508::detail {
namespace {

struct VariableInfo {
  std::string_view name;
  VariableKind kind;
};

// Indexed by Variable.
constexpr std::array<VariableInfo, kVariableCount> kVariables = {{
    {"python_version", VariableKind::kVersion},
    {"python_full_version", VariableKind::kVersion},
    {"implementation_version", VariableKind::kVersion},
    {"platform_release", VariableKind::kVersion},
    {"implementation_name", VariableKind::kString},
    {"platform_python_implementation", VariableKind::kString},
    {"os_name", VariableKind::kString},
    {"sys_platform", VariableKind::kString},
    {"platform_system", VariableKind::kString},
    {"platform_machine", VariableKind::kString},
    {"platform_version", VariableKind::kString},
    {"extra", VariableKind::kExtra},
    {"extras", VariableKind::kSet},
    {"dependency_groups", VariableKind::kSet},
}};

struct Alias {
  std::string_view name;
  Variable variable;
};
constexpr std::array<Alias, 6> kAliases = {{
    {"os.name", Variable::kOsName},
    {"sys.platform", Variable::kSysPlatform},
    {"platform.version", Variable::kPlatformVersion},
    {"platform.machine", Variable::kPlatformMachine},
    {"platform.python_implementation", Variable::kPlatformPythonImplementation},
    {"python_implementation", Variable::kPlatformPythonImplementation},
}};

}  // namespace

VariableKind kind_of(Variable v) { return kVariables[static_cast<size_t>(v)].kind; }

std::string_view name_of(Variable v) { return kVariables[static_cast<size_t>(v)].name; }

std::optional<Variable> variable_from_name(std::string_view name) {
  for (size_t i = 0; i < kVariables.size(); ++i) {
    if (kVariables[i].name == name) return static_cast<Variable>(i);
  }
  for (const Alias& alias : kAliases) {
    if (alias.name == name) return alias.variable;
  }
  return std::nullopt;
}

}  // namespace roost::pep508::detail
