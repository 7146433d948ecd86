// Reader for dg's config (dg.toml, or [tool.dg]), following dagster-dg-core's validator
// (`_DgConfigValidator`): the same checks and wording, one line per problem, with a caret.
#include <algorithm>
#include <initializer_list>

#include "pyproject/parsers.h"

namespace roost::pyproject::detail {
namespace {

constexpr std::string_view kDirectoryTypes = "\"deployment\" | \"project\" | \"workspace\"";
constexpr std::string_view kModulePattern =
    "a pattern consisting of '.'-separated segments that are either valid Python identifiers or "
    "wildcards ('*')";

bool is_identifier(std::string_view s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;  // Python allows Unicode identifiers
  });
}

bool is_module_pattern(std::string_view pattern) {
  while (true) {
    size_t dot = pattern.find('.');
    std::string_view segment = pattern.substr(0, dot);
    if (segment != "*" && !is_identifier(segment)) return false;
    if (dot == std::string_view::npos) return true;
    pattern.remove_prefix(dot + 1);
  }
}

class DgReader {
 public:
  DgReader(Diagnostics& d, std::string_view prefix) : d_(d), prefix_(prefix) {}

  bool read(const toml::Table& root, DgConfig& out) {
    warn_python_environment(root);
    std::optional<DgDirectoryType> type = read_directory_type(root);
    if (const toml::Value* cli = root.get("cli")) read_cli(*cli, out);
    if (!type) return false;
    out.directory_type = *type;
    switch (*type) {
      case DgDirectoryType::kWorkspace: {
        DgWorkspace workspace;
        if (const toml::Value* w = root.get("workspace")) read_workspace(*w, workspace);
        out.workspace = std::move(workspace);
        no_extraneous_keys(root, "", {"directory_type", "workspace", "cli"});
        break;
      }
      case DgDirectoryType::kProject:
        read_project(root, out);
        no_extraneous_keys(root, "", {"directory_type", "project", "cli"});
        break;
      case DgDirectoryType::kDeployment:
        no_extraneous_keys(root, "", {"directory_type", "cli"});
        break;
    }
    return true;
  }

 private:
  std::string full(std::string_view key) const { return join_key(prefix_, key); }

  static Location known(Location location) {
    return location.line == 0 ? Location{1, 1} : location;
  }

  void missing(const toml::Table& parent, std::string_view key, std::string_view type) {
    d_.error_at(known(d_.location(parent.range())), 1,
                cat({"Missing required value for `", full(key), "`: expected ", type}));
  }

  void invalid(const toml::Value& node, std::string_view key, std::string_view type) {
    std::string received =
        node.is_string() ? cat({"\"", *node.as_string(), "\""}) : std::string(describe(node));
    d_.error(node.range(), cat({"Invalid value for `", full(key), "`: expected ", type,
                                ", received ", received}));
  }

  void no_extraneous_keys(const toml::Table& table, std::string_view section,
                          std::initializer_list<std::string_view> valid) {
    std::string parent =
        section.empty() ? (prefix_.empty() ? "<root>" : std::string(prefix_)) : full(section);
    for (const auto& [key, key_range, value] : table) {
      if (std::find(valid.begin(), valid.end(), key) != valid.end()) continue;
      d_.error(key_range, cat({"Unrecognized field at `", parent, "`: `", key, "`"}));
    }
  }

  const std::string* str(const toml::Table& table, std::string_view key, std::string_view path) {
    const toml::Value* node = table.get(key);
    if (node == nullptr) return nullptr;
    if (const auto* s = node->as_string()) return &*s;
    invalid(*node, join_key(path, key), "str");
    return nullptr;
  }

  std::optional<bool> boolean(const toml::Table& table, std::string_view key,
                              std::string_view path) {
    const toml::Value* node = table.get(key);
    if (node == nullptr) return std::nullopt;
    if (const auto* b = node->as_boolean()) return *b;
    invalid(*node, join_key(path, key), "bool");
    return std::nullopt;
  }

  std::vector<std::string> strings(const toml::Table& table, std::string_view key,
                                   std::string_view path) {
    std::vector<std::string> out;
    const toml::Value* node = table.get(key);
    if (node == nullptr) return out;
    const toml::Array* array = node->as_array();
    if (array == nullptr) {
      invalid(*node, join_key(path, key), "list[str]");
      return out;
    }
    for (const toml::Value& element : *array) {
      const auto* s = element.as_string();
      if (s == nullptr) {
        invalid(element, join_key(path, key), "list[str]");
        return {};
      }
      out.push_back(*s);
    }
    return out;
  }

  // dg drops the deprecated table before validating, with this warning.
  void warn_python_environment(const toml::Table& root) {
    const toml::Value* project = root.get("project");
    if (project == nullptr || !project->is_table()) return;
    const toml::Value* environment = project->as_table()->get("python_environment");
    if (environment == nullptr) return;
    d_.warn(WarningKind::kDgDeprecatedPythonEnvironment, environment->range(),
            cat({"Setting `", full("project.python_environment"),
                 "` is deprecated. This key can be removed."}));
  }

  std::optional<DgDirectoryType> read_directory_type(const toml::Table& root) {
    const toml::Value* node = root.get("directory_type");
    if (node == nullptr) {
      missing(root, "directory_type", kDirectoryTypes);
      return std::nullopt;
    }
    if (const auto* s = node->as_string()) {
      if (*s == "workspace") return DgDirectoryType::kWorkspace;
      if (*s == "project") return DgDirectoryType::kProject;
      if (*s == "deployment") return DgDirectoryType::kDeployment;
    }
    invalid(*node, "directory_type", kDirectoryTypes);
    return std::nullopt;
  }

  void read_cli(const toml::Value& node, DgConfig& out) {
    const toml::Table* table = node.as_table();
    if (table == nullptr) {
      invalid(node, "cli", "dict");
      return;
    }
    DgCli cli;
    cli.location = known(d_.location(table->range()));
    cli.verbose = boolean(*table, "verbose", "cli");
    cli.use_component_modules = strings(*table, "use_component_modules", "cli");
    cli.suppress_warnings = strings(*table, "suppress_warnings", "cli");
    if (const toml::Value* telemetry = table->get("telemetry")) {
      if (const toml::Table* t = telemetry->as_table()) {
        cli.telemetry_enabled = boolean(*t, "enabled", "cli.telemetry");
        no_extraneous_keys(*t, "cli.telemetry", {"enabled"});
      } else {
        invalid(*telemetry, "cli.telemetry", "dict");
      }
    }
    no_extraneous_keys(*table, "cli",
                       {"verbose", "use_component_modules", "suppress_warnings", "telemetry"});
    out.cli = std::move(cli);
  }

  void read_workspace(const toml::Value& node, DgWorkspace& out) {
    const toml::Table* table = node.as_table();
    if (table == nullptr) {
      invalid(node, "workspace", "dict");
      return;
    }
    if (const toml::Value* projects = table->get("projects")) {
      if (const toml::Array* array = projects->as_array()) {
        for (size_t i = 0; i < array->size(); ++i) {
          std::string path = index_key("workspace.projects", i);
          const toml::Value& spec = (*array)[i];
          const toml::Table* t = spec.as_table();
          if (t == nullptr) {
            invalid(spec, path, "dict");
            continue;
          }
          if (t->get("path") == nullptr) missing(*t, join_key(path, "path"), "str");
          if (const std::string* p = str(*t, "path", path)) {
            out.projects.push_back({*p, d_.location(t->get("path")->range())});
          }
          no_extraneous_keys(*t, path, {"path"});
        }
      } else {
        invalid(*projects, "workspace.projects", "list");
      }
    }
    if (const toml::Value* options = table->get("scaffold_project_options")) {
      if (const toml::Table* t = options->as_table()) {
        out.use_editable_dagster =
            boolean(*t, "use_editable_dagster", "workspace.scaffold_project_options")
                .value_or(false);
        no_extraneous_keys(*t, "workspace.scaffold_project_options", {"use_editable_dagster"});
      } else {
        invalid(*options, "workspace.scaffold_project_options", "dict");
      }
    }
    no_extraneous_keys(*table, "workspace", {"projects", "scaffold_project_options"});
  }

  void read_project(const toml::Table& root, DgConfig& out) {
    const toml::Value* node = root.get("project");
    const toml::Table* table = node ? node->as_table() : nullptr;
    if (node != nullptr && table == nullptr) {
      invalid(*node, "project", "dict");
      return;
    }
    if (table == nullptr) {  // dg validates a missing section as an empty one
      missing(root, "project.root_module", "str");
      return;
    }
    DgProject project;
    project.had_python_environment = table->get("python_environment") != nullptr;
    bool has_root = false;
    if (table->get("root_module") == nullptr) {
      missing(*table, "project.root_module", "str");
    } else if (const std::string* root_module = str(*table, "root_module", "project")) {
      project.root_module = *root_module;
      has_root = true;
    }
    auto optional_str = [&](std::string_view key) -> std::optional<std::string> {
      const std::string* s = str(*table, key, "project");
      return s ? std::optional<std::string>(*s) : std::nullopt;
    };
    project.defs_module = optional_str("defs_module");
    project.code_location_target_module = optional_str("code_location_target_module");
    project.code_location_name = optional_str("code_location_name");
    project.agent_queue = optional_str("agent_queue");
    project.image = optional_str("image");
    project.registry_modules = strings(*table, "registry_modules", "project");
    if (const toml::Value* modules = table->get("registry_modules");
        modules && modules->is_array()) {
      for (size_t i = 0; i < project.registry_modules.size(); ++i) {
        if (!is_module_pattern(project.registry_modules[i])) {
          invalid((*modules->as_array())[i], index_key("project.registry_modules", i),
                  kModulePattern);
        }
      }
    }
    no_extraneous_keys(
        *table, "project",
        {"root_module", "defs_module", "code_location_target_module", "code_location_name",
         "registry_modules", "agent_queue", "image", "python_environment"});
    if (has_root) out.project = std::move(project);
  }

  Diagnostics& d_;
  std::string_view prefix_;
};

}  // namespace

bool parse_dg(Diagnostics& d, const toml::Table& table, std::string_view prefix, DgConfig& out) {
  return DgReader(d, prefix).read(table, out);
}

}  // namespace roost::pyproject::detail
