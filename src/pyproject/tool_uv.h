// The `[tool.uv]` table of a pyproject.toml as uv 0.12 reads it: workspace, sources, indexes,
// legacy dev-dependencies, resolution settings (../shared/reference/uv.md §1.5, §1.6).
//
// Strictness follows uv: a source table, `tool.uv.workspace` and conflict entries reject
// unknown keys (errors); an unknown key directly under [tool.uv] only makes uv warn ("Failed to
// parse `pyproject.toml` during settings discovery") and go on, so it is a warning here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "pep440/specifier.h"
#include "pep508/marker.h"
#include "pep508/names.h"
#include "pyproject/project.h"
#include "pyproject/source_file.h"

namespace roost::pyproject {

// `[tool.uv.workspace]`: glob patterns, as written (relative to the declaring file's directory).
struct WorkspaceTable {
  std::vector<Located<std::string>> members;
  std::vector<Located<std::string>> exclude;
  Location location;
};

// `{ workspace = true }` or (newer uv) `{ workspace = "<path to another workspace root>" }`.
struct WorkspaceSource {
  std::optional<std::string> path;  // set for the string form
  std::optional<bool> editable;
};

// `{ path = "..", editable?, package? }`: a wheel, sdist or directory, path as written.
struct PathSource {
  std::string path;
  std::optional<bool> editable;
  std::optional<bool> package;
};

// `{ git = "url", rev | tag | branch, subdirectory?, path?, lfs? }`. A leading `git+` is
// stripped from the URL, as uv does.
struct GitSource {
  std::string url;
  std::optional<std::string> rev;
  std::optional<std::string> tag;
  std::optional<std::string> branch;
  std::optional<std::string> subdirectory;
  std::optional<std::string> path;
  std::optional<bool> lfs;
};

// `{ url = "https://...whl|tar.gz|zip", subdirectory? }`.
struct UrlSource {
  std::string url;
  std::optional<std::string> subdirectory;
};

// `{ index = "<name of a [[tool.uv.index]]>" }` (checked against the indexes by the caller:
// the root's indexes count too).
struct IndexSource {
  std::string index;
};

struct Source {
  std::variant<WorkspaceSource, PathSource, GitSource, UrlSource, IndexSource> kind;
  std::optional<pep508::Marker> marker;
  std::optional<pep508::ExtraName> extra;
  std::optional<pep508::GroupName> group;
  Location location;  // the source's table
};

// One `tool.uv.sources` entry: a single source or a list with pairwise-disjoint markers.
struct SourceEntry {
  std::string name_as_written;
  std::vector<Source> sources;  // never empty
  Location location;            // the key
};

enum class IndexFormat : uint8_t { kSimple, kFlat };
enum class AuthPolicy : uint8_t { kAuto, kAlways, kNever };

// `[[tool.uv.index]]`.
struct Index {
  std::optional<std::string> name;
  std::string url;  // URL or local path, as written
  bool is_explicit = false;
  bool is_default = false;
  IndexFormat format = IndexFormat::kSimple;
  std::optional<std::string> publish_url;
  AuthPolicy authenticate = AuthPolicy::kAuto;
  std::optional<std::vector<int64_t>> ignore_error_codes;
  std::optional<std::string> cache_control_api;
  std::optional<std::string> cache_control_files;
  Location location;
};

// `default-groups = ["a", "b"]` or `"all"`.
struct DefaultGroups {
  bool all = false;
  std::vector<pep508::GroupName> groups;
};

// One entry of a `conflicts` set: an extra or a group, of this project or of `package`.
struct ConflictItem {
  std::optional<pep508::PackageName> package;
  std::optional<pep508::ExtraName> extra;  // exactly one of extra / group
  std::optional<pep508::GroupName> group;
  Location location;
};

// `[tool.uv.dependency-groups] <group>`: settings of a group declared in [dependency-groups].
struct GroupSettings {
  std::optional<pep440::SpecifierSet> requires_python;
  Location location;  // the group's key
};

// A value kept as TOML data (for settings this layer does not interpret).
struct RawEntry;
struct RawValue {
  using Array = std::vector<RawValue>;
  using Table = std::vector<RawEntry>;
  // Dates and times are kept as their TOML text.
  std::variant<bool, int64_t, double, std::string, Array, Table> value;
  Location location;
};
struct RawEntry {
  std::string key;
  RawValue value;
};

struct ToolUv {
  std::optional<WorkspaceTable> workspace;
  std::map<pep508::PackageName, SourceEntry> sources;
  std::vector<Index> index;
  std::optional<bool> managed;
  std::optional<bool> package;
  std::optional<DefaultGroups> default_groups;
  // `[tool.uv.dependency-groups] <g> = { requires-python = ".." }`.
  std::map<pep508::GroupName, GroupSettings> group_settings;
  // Deprecated alias of the `dev` group (merged into it; uv warns, see dev_dependencies_warning).
  std::optional<std::vector<Dependency>> dev_dependencies;
  Location dev_dependencies_location;
  std::vector<Dependency> override_dependencies;
  std::vector<Dependency> constraint_dependencies;
  std::vector<Dependency> build_constraint_dependencies;
  std::vector<Located<pep508::PackageName>> exclude_dependencies;
  std::optional<std::vector<pep508::Marker>> environments;
  std::optional<std::vector<pep508::Marker>> required_environments;
  std::vector<std::vector<ConflictItem>> conflicts;
  // The other settings uv accepts in [tool.uv] (index-url, resolution, prerelease, no-build,
  // cache-keys, pip, build-backend, ...), uninterpreted, in file order.
  std::vector<RawEntry> settings;

  const SourceEntry* source(const pep508::PackageName& name) const;
  const Index* find_index(std::string_view name) const;
  const RawValue* setting(std::string_view key) const;
};

// uv's warning for the deprecated field, naming every file that uses it (uv lists the
// workspace's member files, each in backticks, joined by ", "):
// The `tool.uv.dev-dependencies` field (used in `a/pyproject.toml`) is deprecated and will be
// removed in a future release; use `dependency-groups.dev` instead
std::string dev_dependencies_warning(const std::vector<std::string>& paths);

}  // namespace roost::pyproject
