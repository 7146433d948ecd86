// Internal to src/pyproject/: one reader per table, each collecting its errors in Diagnostics
// and filling what it could.
#pragma once

#include <optional>
#include <string_view>

#include "pyproject/dependency_groups.h"
#include "pyproject/dg_config.h"
#include "pyproject/project.h"
#include "pyproject/toml_reader.h"
#include "pyproject/tool_uv.h"
#include "toml/value.h"

namespace roost::pyproject::detail {

// [project] (PEP 621). `out` stays empty when the name is missing or invalid.
void parse_project(Diagnostics& d, const toml::Value& node, std::optional<Project>& out);
// [build-system] (PEP 518).
void parse_build_system(Diagnostics& d, const toml::Value& node, std::optional<BuildSystem>& out);
// [dependency-groups] (PEP 735); include targets are checked afterwards, with the whole file.
void parse_dependency_groups(Diagnostics& d, const toml::Value& node, DependencyGroups& out);
// [tool.uv].
void parse_tool_uv(Diagnostics& d, const toml::Value& node, ToolUv& out);
// [tool.uv.sources].
void parse_sources(Diagnostics& d, const toml::Value& node,
                   std::map<pep508::PackageName, SourceEntry>& out);
// A dg config table: the root of dg.toml (prefix "") or [tool.dg] (prefix "tool.dg").
// Returns false when the config is unusable (no valid directory_type).
bool parse_dg(Diagnostics& d, const toml::Table& table, std::string_view prefix, DgConfig& out);

}  // namespace roost::pyproject::detail
