// PreparedEnvironment: a marker environment parsed once (versions, normalised extras) for fast
// repeated evaluation.
#include "pep508/marker_environment.h"

#include "pep508/names.h"

namespace roost::pep508 {

static_assert(PreparedEnvironment::kSlots == detail::kVariableCount);

PreparedEnvironment::PreparedEnvironment(const MarkerEnvironment& env) {
  using detail::Variable;
  for (size_t i = 0; i < detail::kVariableCount; ++i) {
    auto variable = static_cast<Variable>(i);
    auto it = env.values.find(detail::name_of(variable));
    if (it != env.values.end()) strings_[i] = it->second;
  }
  auto slot = [](Variable v) { return static_cast<size_t>(v); };
  // platform.python_version() is "3.11.1+" for untagged builds; packaging reads it as a local
  // version so that comparisons keep working.
  auto& full = strings_[slot(Variable::kPythonFullVersion)];
  if (full && !full->empty() && full->back() == '+') *full += "local";
  auto& extra = strings_[slot(Variable::kExtra)];
  if (extra && !extra->empty()) *extra = PackageName::normalize(*extra);
  for (Variable v : {Variable::kPythonFullVersion, Variable::kPythonVersion,
                     Variable::kImplementationVersion, Variable::kPlatformRelease}) {
    const auto& text = strings_[slot(v)];
    if (!text) continue;
    auto parsed = pep440::Version::parse(*text);
    if (parsed) versions_[slot(v)] = std::move(parsed).value();
  }
  // python_version is defined as the first two parts of python_full_version.
  const auto& full_version = versions_[slot(Variable::kPythonFullVersion)];
  if (!strings_[slot(Variable::kPythonVersion)] && full_version && full_version->epoch() == 0) {
    auto release = full_version->release();
    uint64_t major = release.empty() ? 0 : release[0];
    uint64_t minor = release.size() > 1 ? release[1] : 0;
    strings_[slot(Variable::kPythonVersion)] = std::to_string(major) + "." + std::to_string(minor);
    versions_[slot(Variable::kPythonVersion)] = pep440::Version::from_release({major, minor});
  }
  auto normalize_set = [](const std::set<std::string>& names) {
    std::set<std::string> out;
    for (const std::string& name : names) out.insert(PackageName::normalize(name));
    return out;
  };
  if (env.extras) extras_ = normalize_set(*env.extras);
  if (env.dependency_groups) dependency_groups_ = normalize_set(*env.dependency_groups);
}

namespace detail {

Error missing_variable(Variable v) {
  return Error(ErrorKind::kNotFound,
               "the marker environment has no '" + std::string(name_of(v)) + "'");
}

}  // namespace detail
}  // namespace roost::pep508
