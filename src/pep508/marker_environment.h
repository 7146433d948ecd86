// Read access to a PreparedEnvironment for the evaluators, indexed by marker variable.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "pep440/version.h"
#include "pep508/marker.h"
#include "pep508/marker_variable.h"

namespace roost::pep508::detail {

struct EnvironmentView {
  const PreparedEnvironment& env;

  const std::string* string(Variable v) const {
    const auto& slot = env.strings_[static_cast<size_t>(v)];
    return slot ? &*slot : nullptr;
  }
  // The value parsed as a PEP 440 version; null when absent or not a version.
  const pep440::Version* version(Variable v) const {
    const auto& slot = env.versions_[static_cast<size_t>(v)];
    return slot ? &*slot : nullptr;
  }
  // The normalised names of "extras" / "dependency_groups"; null when absent.
  const std::set<std::string>* set(Variable v) const {
    const auto& slot = v == Variable::kExtras ? env.extras_ : env.dependency_groups_;
    return slot ? &*slot : nullptr;
  }
};

// "the marker environment has no 'os_name'": the error for a variable a marker needs.
Error missing_variable(Variable v);

}  // namespace roost::pep508::detail
