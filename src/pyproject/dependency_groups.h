// PEP 735 `[dependency-groups]`: named lists of requirements that may include other groups
// (`{include-group = "test"}`), and the resolver that flattens the includes.
//
//   ROOST_TRY(auto flat, resolve_dependency_groups(pyproject.dependency_groups));
//   for (const Dependency& d : flat.at(dev)) ...
#pragma once

#include <map>
#include <string>
#include <variant>
#include <vector>

#include "base/result.h"
#include "pep508/names.h"
#include "pyproject/project.h"
#include "pyproject/source_file.h"

namespace roost::pyproject {

// `{include-group = "name"}`.
struct IncludeGroup {
  pep508::GroupName name;
  std::string name_as_written;
  Location location;  // the quoted group name
};

using GroupItem = std::variant<Dependency, IncludeGroup>;

struct DependencyGroup {
  std::string name_as_written;
  std::vector<GroupItem> items;
  Location location;  // the group's key
};

// Keyed by normalised name (PEP 735: names that normalise alike are duplicates, an error).
using DependencyGroups = std::map<pep508::GroupName, DependencyGroup>;

// Every group with its includes expanded in place, in order (duplicates kept, as uv does).
using ResolvedGroups = std::map<pep508::GroupName, std::vector<Dependency>>;

// Flattens every group. `dev_dependencies` (the deprecated `tool.uv.dev-dependencies`, may be
// null) is appended to the `dev` group after expansion, as uv does, so including "dev" sees
// only `[dependency-groups].dev`. Errors carry uv's texts and, given the file, a span at the
// offending include:
//   Failed to find group `x` included by `y`
//   Detected a cycle in `dependency-groups`: `a` -> `b` -> `a`
//   Group `y` includes the `dev` group (`include = "dev"`), but only
//     `tool.uv.dev-dependencies` was found. ... (when `dev` exists only as dev-dependencies)
Result<ResolvedGroups> resolve_dependency_groups(
    const DependencyGroups& groups, const std::vector<Dependency>* dev_dependencies = nullptr,
    const SourceFile* file = nullptr);

// One group, flattened. Unknown `name` is a kNotFound error.
Result<std::vector<Dependency>> resolve_dependency_group(const DependencyGroups& groups,
                                                         const pep508::GroupName& name,
                                                         const SourceFile* file = nullptr);

// Every include problem of the table at once (each unknown include, each distinct cycle), for
// the parser's collect-all mode. `has_dev_dependencies` selects uv's dev-dependencies wording.
std::vector<Error> check_dependency_groups(const DependencyGroups& groups,
                                           bool has_dev_dependencies, const SourceFile* file);

}  // namespace roost::pyproject
