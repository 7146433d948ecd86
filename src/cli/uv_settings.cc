// Flags over UV_* variables over uv's configuration files (see uv_settings.h).
#include "cli/uv_settings.h"

#include <algorithm>
#include <cctype>
#include <system_error>

#include "cli/cache_dir.h"
#include "cli/project_discovery.h"
#include "project/index_settings.h"

namespace roost::cli {
namespace {

namespace fs = std::filesystem;
using project::ConfigLevel;
using project::UvConfig;
using pyproject::RawValue;

constexpr const char* kVariables[] = {
    "UV_DEFAULT_INDEX", "UV_INDEX_URL",        "UV_INDEX",          "UV_EXTRA_INDEX_URL",
    "UV_FIND_LINKS",    "UV_NO_INDEX",         "UV_INDEX_STRATEGY", "UV_NO_CACHE",
    "UV_OFFLINE",       "UV_PRERELEASE",       "UV_RESOLUTION",     "UV_EXCLUDE_NEWER",
    "UV_LINK_MODE",     "UV_COMPILE_BYTECODE", "UV_PYTHON",         "UV_LOCKED",
    "UV_FROZEN",        "UV_NO_SYNC",          "UV_NO_CONFIG",      "UV_CONFIG_FILE",
    "XDG_CONFIG_HOME",  "XDG_CONFIG_DIRS"};

std::optional<std::string> non_empty(const char* name) {
  std::optional<std::string> v = environment_variable(name);
  if (v && v->empty()) return std::nullopt;
  return v;
}

// uv's lists in one variable: separated by spaces.
std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find_first_of(" \t\n", at);
    if (end == std::string::npos) end = text.size();
    if (end > at) out.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

// A path or URL written in a configuration file, made independent of the working directory.
std::string from_level(const ConfigLevel& level, const std::string& text) {
  if (text.find("://") != std::string::npos) return text;
  fs::path p(text);
  if (p.is_absolute()) return text;
  return (level.source->directory() / p).lexically_normal().string();
}

Result<std::optional<std::string>> text_setting(const UvConfig& config, std::string_view key,
                                                const ConfigLevel** from = nullptr) {
  auto [v, level] = config.setting(key);
  if (v == nullptr) return std::optional<std::string>();
  const std::string* text = std::get_if<std::string>(&v->value);
  if (text == nullptr)
    return config.error_at(*level, *v, "`" + std::string(key) + "` must be a string");
  if (from != nullptr) *from = level;
  return std::optional<std::string>(*text);
}

Result<std::optional<bool>> bool_setting(const UvConfig& config, std::string_view key) {
  auto [v, level] = config.setting(key);
  if (v == nullptr) return std::optional<bool>();
  const bool* b = std::get_if<bool>(&v->value);
  if (b == nullptr)
    return config.error_at(*level, *v, "`" + std::string(key) + "` must be a boolean");
  return std::optional<bool>(*b);
}

// Every level's list (a single string counts as a list of one), project level first, each
// entry made independent of the working directory.
Result<std::vector<std::string>> list_setting(const UvConfig& config, std::string_view key) {
  std::vector<std::string> out;
  for (const auto& [v, level] : config.all(key)) {
    if (const std::string* one = std::get_if<std::string>(&v->value)) {
      out.push_back(from_level(*level, *one));
      continue;
    }
    const auto* items = std::get_if<RawValue::Array>(&v->value);
    if (items == nullptr) {
      return config.error_at(*level, *v, "`" + std::string(key) + "` must be a list of strings");
    }
    for (const RawValue& item : *items) {
      const std::string* text = std::get_if<std::string>(&item.value);
      if (text == nullptr) {
        return config.error_at(*level, item, "`" + std::string(key) + "` must hold strings");
      }
      out.push_back(from_level(*level, *text));
    }
  }
  return out;
}

}  // namespace

bool env_flag(const char* name) {
  std::optional<std::string> v = environment_variable(name);
  if (!v) return false;
  std::string lower;
  for (char c : *v) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "1" || lower == "true" || lower == "yes" || lower == "on";
}

project::ConfigInputs config_inputs(const GlobalOptions& globals) {
  project::ConfigInputs in;
  in.start = discovery_options(globals).start;
  in.no_config = globals.no_config || env_flag("UV_NO_CONFIG");
  if (globals.config_file) {
    in.config_file = fs::path(*globals.config_file);
  } else if (std::optional<std::string> file = non_empty("UV_CONFIG_FILE")) {
    in.config_file = fs::path(*file);
  }
  if (std::optional<std::string> xdg = non_empty("XDG_CONFIG_HOME")) {
    in.user_files.push_back(fs::path(*xdg) / "uv" / "uv.toml");
  }
  if (std::optional<std::string> home = non_empty("HOME")) {
    fs::path file = fs::path(*home) / ".config" / "uv" / "uv.toml";
    if (in.user_files.empty() || in.user_files.front() != file) in.user_files.push_back(file);
  }
  std::string dirs = non_empty("XDG_CONFIG_DIRS").value_or("/etc/xdg");
  for (size_t at = 0; at <= dirs.size();) {
    size_t colon = dirs.find(':', at);
    if (colon == std::string::npos) colon = dirs.size();
    if (colon > at)
      in.system_files.push_back(fs::path(dirs.substr(at, colon - at)) / "uv" / "uv.toml");
    at = colon + 1;
  }
  in.system_files.push_back("/etc/uv/uv.toml");
  return in;
}

Result<UvConfig> load_uv_config(const GlobalOptions& globals, const workspace::Workspace* ws) {
  return UvConfig::load(ws, config_inputs(globals));
}

Result<void> settle_index_options(const UvConfig& config, IndexOptions& o) {
  if (!o.default_index) {
    if (std::optional<std::string> env = non_empty("UV_DEFAULT_INDEX")) {
      o.default_index = env;
    } else if (std::optional<std::string> legacy = non_empty("UV_INDEX_URL")) {
      o.default_index = legacy;
    } else {
      const ConfigLevel* level = nullptr;
      ROOST_TRY(std::optional<std::string> url, text_setting(config, "index-url", &level));
      if (url) o.default_index = from_level(*level, *url);
    }
  }
  if (o.indexes.empty()) o.indexes = words(non_empty("UV_INDEX").value_or(""));
  if (o.extra_index_urls.empty())
    o.extra_index_urls = words(non_empty("UV_EXTRA_INDEX_URL").value_or(""));
  ROOST_TRY(std::vector<std::string> extra, list_setting(config, "extra-index-url"));
  o.extra_index_urls.insert(o.extra_index_urls.end(), extra.begin(), extra.end());
  if (o.find_links.empty()) o.find_links = words(non_empty("UV_FIND_LINKS").value_or(""));
  ROOST_TRY(std::vector<std::string> links, list_setting(config, "find-links"));
  o.find_links.insert(o.find_links.end(), links.begin(), links.end());
  for (const ConfigLevel& level : config.levels()) {
    if (level.is_pyproject) continue;  // a pyproject's own tables are read by index_settings.h
    for (const pyproject::Index& index : level.tool->index) {
      o.configured_indexes.push_back({index, level.source->directory()});
    }
  }
  ROOST_TRY(std::optional<bool> no_index, bool_setting(config, "no-index"));
  o.no_index = o.no_index || env_flag("UV_NO_INDEX") || no_index.value_or(false);
  if (o.index_strategy.empty()) {
    if (std::optional<std::string> env = non_empty("UV_INDEX_STRATEGY")) {
      o.index_strategy = *env;
    } else {
      ROOST_TRY(std::optional<std::string> strategy, text_setting(config, "index-strategy"));
      o.index_strategy = strategy.value_or("first-index");
    }
  }
  // Not `cache-dir` / UV_CACHE_DIR: that directory holds uv's own cache, whose layout roost does
  // not share; roost's is set with --cache-dir or ROOST_CACHE_DIR.
  ROOST_TRY(std::optional<bool> no_cache, bool_setting(config, "no-cache"));
  o.no_cache = o.no_cache || env_flag("UV_NO_CACHE") || no_cache.value_or(false);
  ROOST_TRY(std::optional<bool> offline, bool_setting(config, "offline"));
  o.offline = o.offline || env_flag("UV_OFFLINE") || offline.value_or(false);
  return {};
}

Result<void> settle_resolver_flags(const UvConfig& config, ResolverFlags& f) {
  auto settle = [&](std::string& flag, const char* env, std::string_view key) -> Result<void> {
    if (!flag.empty()) return {};
    if (std::optional<std::string> v = non_empty(env)) {
      flag = *v;
      return {};
    }
    ROOST_TRY(std::optional<std::string> setting, text_setting(config, key));
    if (setting) flag = *setting;
    return {};
  };
  ROOST_CHECK(settle(f.prerelease, "UV_PRERELEASE", "prerelease"));
  ROOST_CHECK(settle(f.resolution, "UV_RESOLUTION", "resolution"));
  if (!f.exclude_newer) f.exclude_newer = non_empty("UV_EXCLUDE_NEWER");
  return {};
}

Result<void> settle_environment_settings(const UvConfig& config, const EnvironmentSettings& s) {
  if (s.link_mode != nullptr && s.link_mode->empty()) {
    if (std::optional<std::string> v = non_empty("UV_LINK_MODE")) {
      *s.link_mode = *v;
    } else {
      ROOST_TRY(std::optional<std::string> mode, text_setting(config, "link-mode"));
      *s.link_mode = mode.value_or("clone");
    }
  }
  if (s.compile_bytecode != nullptr && !*s.compile_bytecode) {
    ROOST_TRY(std::optional<bool> v, bool_setting(config, "compile-bytecode"));
    *s.compile_bytecode = env_flag("UV_COMPILE_BYTECODE") || v.value_or(false);
  }
  if (s.python != nullptr && !*s.python) *s.python = non_empty("UV_PYTHON");
  return {};
}

Result<BuildSettings> build_settings(const UvConfig* config, const workspace::Workspace* ws) {
  BuildSettings out;
  if (ws != nullptr && ws->root_pyproject && ws->root_pyproject->tool_uv) {
    for (const pyproject::Dependency& d :
         ws->root_pyproject->tool_uv->build_constraint_dependencies) {
      out.constraints.push_back(d.requirement);
    }
  }
  if (config == nullptr) return out;
  auto [v, level] = config->setting("config-settings");
  if (v == nullptr) return out;
  const auto* table = std::get_if<RawValue::Table>(&v->value);
  if (table == nullptr) return config->error_at(*level, *v, "`config-settings` must be a table");
  for (const pyproject::RawEntry& e : *table) {
    if (const std::string* one = std::get_if<std::string>(&e.value.value)) {
      out.config_settings.emplace_back(e.key, *one);
    } else if (const bool* b = std::get_if<bool>(&e.value.value)) {
      out.config_settings.emplace_back(e.key, *b ? "true" : "false");
    } else if (const auto* items = std::get_if<RawValue::Array>(&e.value.value)) {
      for (const RawValue& item : *items) {
        const std::string* text = std::get_if<std::string>(&item.value);
        if (text == nullptr) {
          return config->error_at(*level, item,
                                  "`config-settings." + e.key + "` must hold strings");
        }
        out.config_settings.emplace_back(e.key, *text);
      }
    } else {
      return config->error_at(
          *level, e.value, "`config-settings." + e.key + "` must be a string or a list of strings");
    }
  }
  return out;
}

void apply_build_settings(const BuildSettings& settings, project::BuildTools& tools) {
  tools.build_constraints = settings.constraints;
  tools.config_settings = settings.config_settings;
}

std::string settings_environment_text() {
  std::string out;
  for (const char* name : kVariables) {
    std::optional<std::string> v = environment_variable(name);
    out += std::string(name) + "=" + (v ? *v : "\x1f") + "\n";
  }
  return out;
}

void print_config_warnings(const UvConfig& config, Output& output) {
  for (const pyproject::Warning& w : config.warnings()) output.warn(w.render());
}

std::vector<fs::path> settings_files(const UvConfig& config, const fs::path& root) {
  const project::ConfigInputs& in = config.inputs();
  std::vector<fs::path> out = {root / "uv.toml"};
  for (const ConfigLevel& level : config.levels()) out.push_back(level.source->path());
  for (const std::vector<fs::path>* list : {&in.user_files, &in.system_files}) {
    out.insert(out.end(), list->begin(), list->end());
  }
  if (in.config_file) out.push_back(*in.config_file);
  return out;
}

}  // namespace roost::cli
