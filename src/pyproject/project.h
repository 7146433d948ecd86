// The PEP 621 `[project]` table and the PEP 518 `[build-system]` table of a pyproject.toml
// (https://packaging.python.org/en/latest/specifications/pyproject-toml/).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pep440/specifier.h"
#include "pep440/version.h"
#include "pep508/names.h"
#include "pep508/requirement.h"
#include "pyproject/source_file.h"

namespace roost::pyproject {

// A PEP 508 requirement and where its string was written.
struct Dependency {
  pep508::Requirement requirement;
  Location location;
};

// `name = "module:attr"` in scripts, gui-scripts or an entry-points group.
struct EntryPoint {
  std::string name;
  std::string value;
  Location location;
};

struct EntryPointGroup {
  std::string group;  // e.g. "dagster_dg.plugin", as written
  std::vector<EntryPoint> entries;
};

struct Person {
  std::optional<std::string> name;
  std::optional<std::string> email;
};

struct Project {
  std::string name_as_written;
  pep508::PackageName name;
  Location location;  // the `[project]` header

  std::optional<pep440::Version> version;  // absent when dynamic
  std::vector<std::string> dynamic;        // as written
  std::optional<pep440::SpecifierSet> requires_python;
  std::vector<Dependency> dependencies;
  std::map<pep508::ExtraName, std::vector<Dependency>> optional_dependencies;
  std::vector<EntryPoint> scripts;
  std::vector<EntryPoint> gui_scripts;
  std::vector<EntryPointGroup> entry_points;

  // Kept loosely: taken when well-typed, silently ignored otherwise (uv does not read them).
  std::optional<std::string> description;
  std::optional<std::string> readme;   // the file name, or the table's `file` / `text`
  std::optional<std::string> license;  // SPDX expression, or the table's `file` / `text`
  std::vector<std::string> license_files;
  std::vector<std::string> keywords;
  std::vector<std::string> classifiers;
  std::vector<std::pair<std::string, std::string>> urls;
  std::vector<Person> authors;
  std::vector<Person> maintainers;

  // Whether `field` (e.g. "version") is listed in `dynamic`.
  bool is_dynamic(std::string_view field) const;
  // The requirements of one extra, or nullptr when the project does not declare it.
  const std::vector<Dependency>* extra(const pep508::ExtraName& name) const;
};

struct BuildSystem {
  std::vector<Dependency> requirements;  // `requires`
  std::optional<std::string> build_backend;
  std::vector<std::string> backend_path;
  Location location;
};

}  // namespace roost::pyproject
