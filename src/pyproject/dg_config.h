// Dagster `dg` configuration: a workspace's `dg.toml`, or `[tool.dg]` in a project's
// pyproject.toml (../shared/reference/dg.md §1). Validation follows dg's: unknown keys are
// errors, with dg's wording ("Unrecognized field at ...", "Missing required value for ...",
// "Invalid value for ..."), on one line each and with a caret.
//
//   ROOST_TRY(DgConfig dg, read_dg_toml(root / "dg.toml"));
//   for (const DgProjectSpec& p : dg.workspace->projects) ... p.path relative to dg.directory()
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "pyproject/source_file.h"

namespace roost::pyproject {

// dg accepts "workspace" and "project"; "deployment" is what create-dagster's current template
// writes into deployments/local/pyproject.toml, so it is accepted too (with only `cli`).
enum class DgDirectoryType : uint8_t { kWorkspace, kProject, kDeployment };

struct DgProjectSpec {
  std::string path;  // relative to the workspace root, as written
  Location location;
};

struct DgWorkspace {
  std::vector<DgProjectSpec> projects;
  bool use_editable_dagster = false;  // [workspace.scaffold_project_options]
};

struct DgCli {
  std::optional<bool> verbose;
  std::vector<std::string> use_component_modules;
  std::vector<std::string> suppress_warnings;
  std::optional<bool> telemetry_enabled;
  Location location;  // dg drops a project's own `cli` inside a workspace, with a warning
};

struct DgProject {
  std::string root_module;
  std::optional<std::string> defs_module;                  // default <root_module>.defs
  std::optional<std::string> code_location_target_module;  // default <root_module>.definitions
  std::optional<std::string> code_location_name;           // default: the project directory name
  std::vector<std::string> registry_modules;               // patterns, `*` wildcards allowed
  std::optional<std::string> agent_queue;                  // Dagster+
  std::optional<std::string> image;                        // Dagster+
  bool had_python_environment = false;                     // deprecated, dropped with a warning
};

struct DgConfig {
  std::shared_ptr<const SourceFile> source;
  bool from_pyproject = false;  // [tool.dg] rather than dg.toml
  DgDirectoryType directory_type = DgDirectoryType::kWorkspace;
  std::optional<DgWorkspace> workspace;  // set for kWorkspace
  std::optional<DgProject> project;      // set for kProject
  std::optional<DgCli> cli;
  std::vector<Warning> warnings;

  // The directory the file's relative paths are relative to.
  std::filesystem::path directory() const {
    return source ? source->directory() : std::filesystem::path();
  }
  // The documented defaults, for a project config.
  std::string defs_module() const;
  std::string code_location_target_module() const;
  std::string code_location_name() const;  // the directory's name unless set
};

std::string_view to_string(DgDirectoryType type);

// Every problem of a file in one run (for `roost workspace check`): `config` is filled as far
// as it could be (absent when the TOML does not parse).
struct DgCheck {
  std::optional<DgConfig> config;
  std::vector<Error> errors;
  std::vector<Warning> warnings;
};

// `file` names the file in errors and gives its directory; `text` is the whole dg.toml.
DgCheck check_dg_toml(std::string_view text, std::string_view file);
// The first error of check_dg_toml(), or the config (its warnings inside).
Result<DgConfig> parse_dg_toml(std::string_view text, std::string_view file);
// Reads and parses; an unreadable file is kNotFound / kIo.
Result<DgConfig> read_dg_toml(const std::filesystem::path& path);

}  // namespace roost::pyproject
