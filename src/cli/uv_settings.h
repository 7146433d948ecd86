// uv's settings beyond the flags: its `UV_*` environment variables and its configuration files
// (project/uv_config.h: uv.toml or [tool.uv] at the project level, then the user's and the
// system's uv.toml), applied where the flags left a setting unset, in uv's order: flag,
// environment, configuration. Lists are merged: the flags' entries first, then the
// configuration's. Relative paths in a configuration file are taken from its directory.
// Not read: `cache-dir` / UV_CACHE_DIR (uv's own cache, in a layout roost does not share).
//
//   ROOST_TRY(project::UvConfig config, load_uv_config(globals, &ws));
//   ROOST_CHECK(settle_index_options(config, options.index));
//
// Read here: UV_DEFAULT_INDEX, UV_INDEX_URL, UV_INDEX, UV_EXTRA_INDEX_URL, UV_FIND_LINKS,
// UV_NO_INDEX, UV_INDEX_STRATEGY, UV_NO_CACHE, UV_OFFLINE, UV_PRERELEASE,
// UV_RESOLUTION, UV_EXCLUDE_NEWER, UV_LINK_MODE, UV_COMPILE_BYTECODE, UV_PYTHON, UV_LOCKED,
// UV_FROZEN, UV_NO_SYNC, UV_NO_CONFIG, UV_CONFIG_FILE (and XDG_CONFIG_HOME, XDG_CONFIG_DIRS,
// HOME for the user's and system's files).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "cli/index_session.h"
#include "cli/output.h"
#include "cli/resolver_flags.h"
#include "project/build_environment.h"
#include "project/uv_config.h"
#include "workspace/workspace.h"

namespace roost::cli {

project::ConfigInputs config_inputs(const GlobalOptions& globals);
Result<project::UvConfig> load_uv_config(const GlobalOptions& globals,
                                         const workspace::Workspace* ws);

Result<void> settle_index_options(const project::UvConfig& config, IndexOptions& options);
// --prerelease, --resolution, --exclude-newer (its per-package table is merged by
// project::exclude_newer_rules).
Result<void> settle_resolver_flags(const project::UvConfig& config, ResolverFlags& flags);

struct EnvironmentSettings {
  std::string* link_mode = nullptr;  // "" = unset
  bool* compile_bytecode = nullptr;
  std::optional<std::string>* python = nullptr;
};
Result<void> settle_environment_settings(const project::UvConfig& config,
                                         const EnvironmentSettings& settings);

// What builds take from the workspace and uv's configuration: the root's
// `build-constraint-dependencies` and `config-settings` (a list value passes the key once per
// item, which the backend sees as a list).
struct BuildSettings {
  std::vector<pep508::Requirement> constraints;
  std::vector<std::pair<std::string, std::string>> config_settings;
};
Result<BuildSettings> build_settings(const project::UvConfig* config,
                                     const workspace::Workspace* ws);
void apply_build_settings(const BuildSettings& settings, project::BuildTools& tools);

// UV_LOCKED / UV_FROZEN (lock, sync, run) and UV_NO_SYNC (run): flags that default from them.
bool env_flag(const char* name);

// Every UV_* value this file reads, for `roost run`'s fingerprint key.
std::string settings_environment_text();
// The files whose creation or change could change the settings: each level's file and every
// candidate path, for `roost run`'s fingerprint.
std::vector<std::filesystem::path> settings_files(const project::UvConfig& config,
                                                  const std::filesystem::path& root);

// uv.toml's warnings (a key uv does not know), with their files and lines.
void print_config_warnings(const project::UvConfig& config, Output& output);

}  // namespace roost::cli
