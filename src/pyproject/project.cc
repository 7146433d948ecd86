// Small queries over the [project] model.
#include "pyproject/project.h"

#include <algorithm>

namespace roost::pyproject {

bool Project::is_dynamic(std::string_view field) const {
  return std::find(dynamic.begin(), dynamic.end(), field) != dynamic.end();
}

const std::vector<Dependency>* Project::extra(const pep508::ExtraName& name) const {
  auto it = optional_dependencies.find(name);
  return it == optional_dependencies.end() ? nullptr : &it->second;
}

}  // namespace roost::pyproject
