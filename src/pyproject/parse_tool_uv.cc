// Reader for `[tool.uv]` (uv 0.12): workspace, indexes, groups settings, dev-dependencies,
// resolution inputs, conflicts; the remaining settings kept raw. Sources: parse_sources.cc.
#include <algorithm>
#include <iterator>

#include "pyproject/parsers.h"

namespace roost::pyproject::detail {
namespace {

// uv's other [tool.uv] settings (crates/uv-settings OptionsWire), kept as raw values.
// clang-format off
constexpr std::string_view kRawSettings[] = {
    "required-version", "system-certs", "native-tls", "offline", "no-cache", "cache-dir",
    "preview", "python-preference", "python-downloads", "concurrent-downloads",
    "concurrent-builds", "concurrent-installs", "index-url", "extra-index-url", "no-index",
    "find-links", "index-strategy", "keyring-provider", "http-proxy", "https-proxy", "no-proxy",
    "allow-insecure-host", "resolution", "prerelease", "fork-strategy", "dependency-metadata",
    "config-settings", "config-settings-package", "no-build-isolation",
    "no-build-isolation-package", "extra-build-dependencies", "extra-build-variables",
    "exclude-newer", "exclude-newer-package", "link-mode", "compile-bytecode", "no-sources",
    "no-sources-package", "upgrade", "upgrade-package", "reinstall", "reinstall-package",
    "no-build", "no-build-package", "no-binary", "no-binary-package", "torch-backend",
    "python-install-mirror", "pypy-install-mirror", "python-downloads-json-url", "publish-url",
    "trusted-publishing", "check-url", "add-bounds", "audit", "pip", "cache-keys",
    "build-backend",
};
// clang-format on

bool is_raw_setting(std::string_view key) {
  return std::find(std::begin(kRawSettings), std::end(kRawSettings), key) != std::end(kRawSettings);
}

RawValue to_raw(Diagnostics& d, const toml::Value& node) {
  RawValue raw;
  raw.location = d.location(node.range());
  switch (node.type()) {
    case toml::Type::kString:
      raw.value = *node.as_string();
      break;
    case toml::Type::kInteger:
      raw.value = *node.as_integer();
      break;
    case toml::Type::kFloat:
      raw.value = *node.as_float();
      break;
    case toml::Type::kBoolean:
      raw.value = *node.as_boolean();
      break;
    case toml::Type::kArray: {
      RawValue::Array array;
      for (const toml::Value& e : *node.as_array()) array.push_back(to_raw(d, e));
      raw.value = std::move(array);
      break;
    }
    case toml::Type::kTable: {
      RawValue::Table table;
      for (const toml::Entry& e : *node.as_table()) table.push_back({e.key, to_raw(d, e.value)});
      raw.value = std::move(table);
      break;
    }
    case toml::Type::kDatetime:
      raw.value = node.as_datetime()->to_string();  // RFC 3339, as uv reads it
      break;
  }
  return raw;
}

void read_workspace(Diagnostics& d, const toml::Value& node, ToolUv& out) {
  const toml::Table* table = read_table(d, node, "tool.uv.workspace");
  if (table == nullptr) return;
  WorkspaceTable workspace;
  workspace.location = d.location(table->range());
  for (const auto& [key, key_range, value] : *table) {
    if (key == "members") {
      workspace.members = read_string_array(d, value, "tool.uv.workspace.members");
    } else if (key == "exclude") {
      workspace.exclude = read_string_array(d, value, "tool.uv.workspace.exclude");
    } else {
      d.error(key_range, unknown_field_message(key, "tool.uv.workspace", {"members", "exclude"}));
    }
  }
  out.workspace = std::move(workspace);
}

bool valid_index_name(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

std::optional<Index> read_index(Diagnostics& d, const toml::Table& table, const std::string& path) {
  size_t errors_before = d.error_count();
  Index index;
  index.location = d.location(table.range());
  bool has_url = false;
  for (const auto& [key, key_range, value] : table) {
    std::string_view k = key;
    std::string field = join_key(path, k);
    if (k == "name") {
      if (const std::string* s = read_string(d, value, field)) {
        if (valid_index_name(*s)) {
          index.name = *s;
        } else {
          d.error(value.range(), "invalid index name `" + *s +
                                     "`: index names may only contain "
                                     "ASCII letters, digits, hyphens, underscores, and periods");
        }
      }
    } else if (k == "url") {
      if (const std::string* s = read_string(d, value, field)) {
        index.url = *s;
        has_url = true;
      }
    } else if (k == "explicit") {
      index.is_explicit = read_bool(d, value, field).value_or(false);
    } else if (k == "default") {
      index.is_default = read_bool(d, value, field).value_or(false);
    } else if (k == "format") {
      if (const std::string* s = read_string(d, value, field)) {
        if (*s == "simple") {
          index.format = IndexFormat::kSimple;
        } else if (*s == "flat") {
          index.format = IndexFormat::kFlat;
        } else {
          d.error(value.range(),
                  "`" + field + "` must be \"simple\" or \"flat\", found \"" + *s + "\"");
        }
      }
    } else if (k == "publish-url") {
      if (const std::string* s = read_string(d, value, field)) index.publish_url = *s;
    } else if (k == "authenticate") {
      if (const std::string* s = read_string(d, value, field)) {
        if (*s == "auto") {
          index.authenticate = AuthPolicy::kAuto;
        } else if (*s == "always") {
          index.authenticate = AuthPolicy::kAlways;
        } else if (*s == "never") {
          index.authenticate = AuthPolicy::kNever;
        } else {
          d.error(
              value.range(),
              "`" + field + "` must be \"auto\", \"always\" or \"never\", found \"" + *s + "\"");
        }
      }
    } else if (k == "ignore-error-codes") {
      if (const toml::Array* codes = read_array(d, value, field, "an array of integers")) {
        index.ignore_error_codes.emplace();
        for (size_t i = 0; i < codes->size(); ++i) {
          if (const auto* n = (*codes)[i].as_integer()) {
            index.ignore_error_codes->push_back(*n);
          } else {
            d.error((*codes)[i].range(),
                    cat({"`", index_key(field, i), "` must be an integer, found ",
                         describe((*codes)[i])}));
          }
        }
      }
    } else if (k == "cache-control") {
      if (const toml::Table* cache = read_table(d, value, field)) {
        for (const auto& [ck, ck_range, cv] : *cache) {
          std::string sub = join_key(field, ck);
          if (ck == "api") {
            if (const std::string* s = read_string(d, cv, sub)) index.cache_control_api = *s;
          } else if (ck == "files") {
            if (const std::string* s = read_string(d, cv, sub)) index.cache_control_files = *s;
          } else {
            d.error(ck_range, unknown_field_message(ck, field, {"api", "files"}));
          }
        }
      }
    } else {
      // uv's Index does not reject unknown keys; it ignores them. Say so.
      d.warn(WarningKind::kUnknownToolUvField, key_range,
             cat({"unknown field `", k, "` in `", path, "` is ignored"}));
    }
  }
  if (!has_url && table.get("url") == nullptr) {
    d.error(table.range(), "missing field `url` in `" + path + "`");
  }
  if (d.error_count() != errors_before) return std::nullopt;
  return index;
}

void read_indexes(Diagnostics& d, const toml::Value& node, ToolUv& out) {
  const toml::Array* array = read_array(d, node, "tool.uv.index", "an array of tables");
  if (array == nullptr) return;
  bool seen_default = false;
  for (size_t i = 0; i < array->size(); ++i) {
    std::string path = index_key("tool.uv.index", i);
    const toml::Table* table = read_table(d, (*array)[i], path);
    if (table == nullptr) continue;
    std::optional<Index> index = read_index(d, *table, path);
    if (!index) continue;
    if (index->name && out.find_index(*index->name) != nullptr) {
      d.error(table->get("name")->range(), "duplicate index name `" + *index->name + "`");
      continue;
    }
    if (index->is_default) {
      if (seen_default) {
        d.error(table->get("default")->range(),
                "found multiple indexes with `default = true`; only one index may be marked as "
                "default");
        continue;
      }
      seen_default = true;
    }
    out.index.push_back(std::move(*index));
  }
}

void read_default_groups(Diagnostics& d, const toml::Value& node, ToolUv& out) {
  constexpr std::string_view kMessage =
      "default-groups must be \"all\" or a [\"list\", \"of\", \"groups\"]";
  DefaultGroups groups;
  if (const auto* s = node.as_string()) {
    if (*s != "all") {
      d.error(node.range(), std::string(kMessage));
      return;
    }
    groups.all = true;
  } else if (const auto* array = node.as_array()) {
    for (size_t i = 0; i < array->size(); ++i) {
      const toml::Value& element = (*array)[i];
      const auto* name = element.as_string();
      if (name == nullptr) {
        d.error(element.range(), std::string(kMessage));
        continue;
      }
      Result<pep508::GroupName> group = pep508::GroupName::parse(*name);
      if (group) {
        groups.groups.push_back(std::move(group).value());
      } else {
        d.inner_error(element.range(), *name, group.error(),
                      index_key("tool.uv.default-groups", i));
      }
    }
  } else {
    d.error(node.range(), std::string(kMessage));
    return;
  }
  out.default_groups = std::move(groups);
}

void read_group_settings(Diagnostics& d, const toml::Value& node, ToolUv& out) {
  const toml::Table* table = read_table(d, node, "tool.uv.dependency-groups");
  if (table == nullptr) return;
  for (const auto& [key, key_range, value] : *table) {
    std::string path = join_key("tool.uv.dependency-groups", key);
    Result<pep508::GroupName> name = pep508::GroupName::parse(key);
    if (!name) {
      d.inner_error(key_range, key, name.error(), path);
      continue;
    }
    const toml::Table* settings = read_table(d, value, path);
    if (settings == nullptr) continue;
    GroupSettings& group = out.group_settings[*name];
    group.location = d.location(key_range);
    for (const auto& [sk, sk_range, sv] : *settings) {
      std::string field = join_key(path, sk);
      if (sk != "requires-python") {
        d.warn(WarningKind::kUnknownToolUvField, sk_range,
               cat({"unknown field `", sk, "` in `", path, "` is ignored"}));
        continue;
      }
      const std::string* text = read_string(d, sv, field);
      if (text == nullptr) continue;
      Result<pep440::SpecifierSet> specifiers = pep440::SpecifierSet::parse(*text);
      if (specifiers) {
        group.requires_python = std::move(specifiers).value();
      } else {
        d.inner_error(sv.range(), *text, specifiers.error(), field);
      }
    }
  }
}

std::optional<std::vector<pep508::Marker>> read_environments(Diagnostics& d,
                                                             const toml::Value& node,
                                                             std::string_view path) {
  std::vector<pep508::Marker> markers;
  auto one = [&](const toml::Value& element, std::string_view where) {
    const std::string* text = read_string(d, element, where);
    if (text == nullptr) return;
    Result<pep508::Marker> marker = pep508::Marker::parse(*text);
    if (marker) {
      markers.push_back(std::move(marker).value());
    } else {
      d.inner_error(element.range(), *text, marker.error(), where);
    }
  };
  if (node.is_string()) {
    one(node, path);
  } else if (const toml::Array* array =
                 read_array(d, node, path, "a string or an array of strings")) {
    for (size_t i = 0; i < array->size(); ++i) one((*array)[i], index_key(path, i));
  } else {
    return std::nullopt;
  }
  return markers;
}

void read_conflicts(Diagnostics& d, const toml::Value& node, ToolUv& out) {
  const toml::Array* sets =
      read_array(d, node, "tool.uv.conflicts", "an array of arrays of tables");
  if (sets == nullptr) return;
  for (size_t i = 0; i < sets->size(); ++i) {
    std::string set_path = index_key("tool.uv.conflicts", i);
    const toml::Array* items = read_array(d, (*sets)[i], set_path, "an array of tables");
    if (items == nullptr) continue;
    if (items->size() < 2) {
      d.error(items->range(),
              items->empty()
                  ? "Each set of conflicts must have at least two entries, but found none"
                  : "Each set of conflicts must have at least two entries, but found only one");
      continue;
    }
    std::vector<ConflictItem> set;
    size_t errors_before = d.error_count();
    for (size_t j = 0; j < items->size(); ++j) {
      std::string item_path = index_key(set_path, j);
      const toml::Table* table = read_table(d, (*items)[j], item_path);
      if (table == nullptr) continue;
      ConflictItem item;
      item.location = d.location(table->range());
      bool unknown = false;
      for (const auto& [key, key_range, value] : *table) {
        std::string field = join_key(item_path, key);
        if (key != "package" && key != "extra" && key != "group") {
          d.error(key_range, unknown_field_message(key, item_path, {"package", "extra", "group"}));
          unknown = true;
          continue;
        }
        const std::string* text = read_string(d, value, field);
        if (text == nullptr) continue;
        if (key == "package") {
          Result<pep508::PackageName> name = pep508::PackageName::parse(*text);
          if (name)
            item.package = std::move(name).value();
          else
            d.inner_error(value.range(), *text, name.error(), field);
        } else {
          Result<pep508::ExtraName> name = pep508::ExtraName::parse(*text);
          if (!name) {
            d.inner_error(value.range(), *text, name.error(), field);
          } else if (key == "extra") {
            item.extra = std::move(name).value();
          } else {
            item.group = std::move(name).value();
          }
        }
      }
      bool has_extra = table->get("extra") != nullptr, has_group = table->get("group") != nullptr;
      if (unknown) {
        // As in uv, an unknown field is the one problem reported for the entry.
      } else if (!has_extra && !has_group) {
        d.error(table->range(), "Expected `extra` or `group` field in conflicting entry");
      } else if (has_extra && has_group) {
        d.error(table->range(),
                "Expected one of `extra` or `group` in conflicting entry, but found both");
      }
      set.push_back(std::move(item));
    }
    if (d.error_count() == errors_before) out.conflicts.push_back(std::move(set));
  }
}

}  // namespace

void parse_tool_uv(Diagnostics& d, const toml::Value& node, ToolUv& out) {
  const toml::Table* table = read_table(d, node, "tool.uv");
  if (table == nullptr) return;
  for (const auto& [key, key_range, value] : *table) {
    std::string_view k = key;
    if (k == "workspace") {
      read_workspace(d, value, out);
    } else if (k == "sources") {
      parse_sources(d, value, out.sources);
    } else if (k == "index") {
      read_indexes(d, value, out);
    } else if (k == "managed") {
      out.managed = read_bool(d, value, "tool.uv.managed");
    } else if (k == "package") {
      out.package = read_bool(d, value, "tool.uv.package");
    } else if (k == "default-groups") {
      read_default_groups(d, value, out);
    } else if (k == "dependency-groups") {
      read_group_settings(d, value, out);
    } else if (k == "dev-dependencies") {
      out.dev_dependencies = read_requirements(d, value, "tool.uv.dev-dependencies");
      out.dev_dependencies_location = d.location(key_range);
      std::string file = d.file().path().empty() ? "pyproject.toml" : d.file().path();
      d.warn(WarningKind::kDeprecatedDevDependencies, key_range, dev_dependencies_warning({file}));
    } else if (k == "override-dependencies") {
      out.override_dependencies = read_requirements(d, value, "tool.uv.override-dependencies");
    } else if (k == "constraint-dependencies") {
      out.constraint_dependencies = read_requirements(d, value, "tool.uv.constraint-dependencies");
    } else if (k == "build-constraint-dependencies") {
      out.build_constraint_dependencies =
          read_requirements(d, value, "tool.uv.build-constraint-dependencies");
    } else if (k == "exclude-dependencies") {
      for (const auto& name : read_string_array(d, value, "tool.uv.exclude-dependencies")) {
        Result<pep508::PackageName> parsed = pep508::PackageName::parse(name.value);
        if (parsed) {
          out.exclude_dependencies.push_back({std::move(parsed).value(), name.location});
        } else {
          d.error_at(name.location, static_cast<int>(name.value.size()) + 2,
                     "`tool.uv.exclude-dependencies`: " + parsed.error().message());
        }
      }
    } else if (k == "environments") {
      out.environments = read_environments(d, value, "tool.uv.environments");
    } else if (k == "required-environments") {
      out.required_environments = read_environments(d, value, "tool.uv.required-environments");
    } else if (k == "conflicts") {
      read_conflicts(d, value, out);
    } else if (is_raw_setting(k)) {
      out.settings.push_back({std::string(k), to_raw(d, value)});
    } else {
      // uv reads [tool.uv] settings with unknown keys denied, but only warns ("Failed to parse
      // `pyproject.toml` during settings discovery") and goes on with the project.
      d.warn(WarningKind::kUnknownToolUvField, key_range,
             cat({"unknown field `", k, "` in `tool.uv` is ignored"}));
    }
  }
}

}  // namespace roost::pyproject::detail
