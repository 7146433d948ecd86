// Readers for the standard tables: [project] (PEP 621), [build-system] (PEP 518) and
// [dependency-groups] (PEP 735). Required-field errors use uv's texts.
#include <map>

#include "pyproject/parsers.h"

namespace roost::pyproject::detail {
namespace {

std::vector<EntryPoint> read_entry_points(Diagnostics& d, const toml::Value& node,
                                          std::string_view path) {
  std::vector<EntryPoint> out;
  const toml::Table* table = read_table(d, node, path);
  if (table == nullptr) return out;
  for (const auto& [key, key_range, value] : *table) {
    if (const auto* s = value.as_string()) {
      out.push_back({std::string(key), *s, d.location(key_range)});
    } else {
      d.error(value.range(),
              cat({"`", join_key(path, key), "` must be a string, found ", describe(value)}));
    }
  }
  return out;
}

// `readme` / `license`: a string, or a table with `file` or `text`. Loose: anything else is
// ignored (uv does not read these).
std::optional<std::string> loose_file_or_text(const toml::Value& node) {
  if (const auto* s = node.as_string()) return *s;
  if (const auto* t = node.as_table()) {
    for (std::string_view key : {"file", "text"}) {
      if (const auto* v = t->get(key); v != nullptr && v->is_string()) return *v->as_string();
    }
  }
  return std::nullopt;
}

std::vector<std::string> loose_strings(const toml::Value& node) {
  std::vector<std::string> out;
  if (const auto* a = node.as_array()) {
    for (const toml::Value& e : *a) {
      if (const auto* s = e.as_string()) out.push_back(*s);
    }
  }
  return out;
}

std::vector<Person> loose_people(const toml::Value& node) {
  std::vector<Person> out;
  const auto* array = node.as_array();
  if (array == nullptr) return out;
  for (const toml::Value& e : *array) {
    const auto* t = e.as_table();
    if (t == nullptr) continue;
    Person person;
    if (const auto* n = t->get("name"); n != nullptr && n->is_string())
      person.name = *n->as_string();
    if (const auto* m = t->get("email"); m != nullptr && m->is_string())
      person.email = *m->as_string();
    out.push_back(std::move(person));
  }
  return out;
}

void read_optional_dependencies(Diagnostics& d, const toml::Value& node, Project& project) {
  const toml::Table* table = read_table(d, node, "project.optional-dependencies");
  if (table == nullptr) return;
  std::map<pep508::ExtraName, std::string_view> written;
  for (const auto& [key, key_range, value] : *table) {
    std::string path = join_key("project.optional-dependencies", key);
    Result<pep508::ExtraName> extra = pep508::ExtraName::parse(key);
    if (!extra) {
      d.inner_error(key_range, key, extra.error(), path);
      read_requirements(d, value, path);  // still report its problems
      continue;
    }
    auto [it, inserted] = written.emplace(*extra, key);
    if (!inserted) {
      d.error(key_range, cat({"duplicate extra `", extra->str(),
                              "` in `project.optional-dependencies` (written `", it->second,
                              "` and `", key, "`)"}));
      continue;
    }
    project.optional_dependencies.emplace(std::move(extra).value(),
                                          read_requirements(d, value, path));
  }
}

void read_project_fields(Diagnostics& d, const toml::Table& table, Project& project) {
  for (const auto& [key, key_range, value] : table) {
    std::string_view k = key;
    if (k == "name") {
      continue;  // read first, by the caller
    } else if (k == "version") {
      const std::string* text = read_string(d, value, "project.version");
      if (text == nullptr) continue;
      Result<pep440::Version> version = pep440::Version::parse(*text);
      if (version) {
        project.version = std::move(version).value();
      } else {
        d.inner_error(value.range(), *text, version.error(), "project.version");
      }
    } else if (k == "dynamic") {
      project.dynamic = read_plain_string_array(d, value, "project.dynamic");
    } else if (k == "requires-python") {
      const std::string* text = read_string(d, value, "project.requires-python");
      if (text == nullptr) continue;
      Result<pep440::SpecifierSet> specifiers = pep440::SpecifierSet::parse(*text);
      if (specifiers) {
        project.requires_python = std::move(specifiers).value();
      } else {
        d.inner_error(value.range(), *text, specifiers.error(), "project.requires-python");
      }
    } else if (k == "dependencies") {
      project.dependencies = read_requirements(d, value, "project.dependencies");
    } else if (k == "optional-dependencies") {
      read_optional_dependencies(d, value, project);
    } else if (k == "scripts") {
      project.scripts = read_entry_points(d, value, "project.scripts");
    } else if (k == "gui-scripts") {
      project.gui_scripts = read_entry_points(d, value, "project.gui-scripts");
    } else if (k == "entry-points") {
      const toml::Table* groups = read_table(d, value, "project.entry-points");
      if (groups == nullptr) continue;
      for (const auto& [group, group_range, entries] : *groups) {
        project.entry_points.push_back(
            {std::string(group),
             read_entry_points(d, entries, join_key("project.entry-points", group))});
      }
    } else if (k == "description") {
      if (const auto* s = value.as_string()) project.description = *s;
    } else if (k == "readme") {
      project.readme = loose_file_or_text(value);
    } else if (k == "license") {
      project.license = loose_file_or_text(value);
    } else if (k == "license-files") {
      project.license_files = loose_strings(value);
    } else if (k == "keywords") {
      project.keywords = loose_strings(value);
    } else if (k == "classifiers") {
      project.classifiers = loose_strings(value);
    } else if (k == "urls") {
      if (const auto* urls = value.as_table()) {
        for (const auto& [label, label_range, url] : *urls) {
          if (const auto* s = url.as_string()) project.urls.emplace_back(label, *s);
        }
      }
    } else if (k == "authors") {
      project.authors = loose_people(value);
    } else if (k == "maintainers") {
      project.maintainers = loose_people(value);
    }
    // Other keys (import-names, ...) are not ours to judge: uv ignores them too.
  }
}

}  // namespace

void parse_project(Diagnostics& d, const toml::Value& node, std::optional<Project>& out) {
  const toml::Table* table = read_table(d, node, "project");
  if (table == nullptr) return;

  std::optional<pep508::PackageName> name;
  std::string name_as_written;
  const toml::Value* name_node = table->get("name");
  if (name_node == nullptr) {
    d.error(table->range(),
            "`pyproject.toml` is using the `[project]` table, but the required `project.name` "
            "field is not set");
  } else if (const std::string* text = read_string(d, *name_node, "project.name")) {
    Result<pep508::PackageName> parsed = pep508::PackageName::parse(*text);
    if (parsed) {
      name = std::move(parsed).value();
      name_as_written = *text;
    } else {
      d.inner_error(name_node->range(), *text, parsed.error(), "project.name");
    }
  }

  // Without a valid name there is no Project to return, but the other fields are still read so
  // that check mode reports their problems too.
  if (!name) {
    Result<pep508::PackageName> placeholder = pep508::PackageName::parse("unnamed");
    if (!placeholder) return;
    Project scratch{.name_as_written = {}, .name = std::move(placeholder).value()};
    read_project_fields(d, *table, scratch);
    return;
  }
  // Built where it stays: moving a filled Project (~0.6 KB) cost as much as reading a field.
  Project& project = out.emplace(std::move(name_as_written), std::move(*name));
  project.location = d.location(table->range());
  read_project_fields(d, *table, project);
  // A version or dynamic list of the wrong type has been reported already.
  const toml::Value* dynamic = table->get("dynamic");
  if (table->get("version") == nullptr && !project.is_dynamic("version") &&
      (dynamic == nullptr || dynamic->is_array())) {
    d.error(table->range(),
            "`pyproject.toml` is using the `[project]` table, but the required `project.version` "
            "field is neither set nor present in the `project.dynamic` list");
  }
}

void parse_build_system(Diagnostics& d, const toml::Value& node, std::optional<BuildSystem>& out) {
  const toml::Table* table = read_table(d, node, "build-system");
  if (table == nullptr) return;
  BuildSystem& build = out.emplace();  // built in place, as [project]
  build.location = d.location(table->range());
  for (const auto& [key, key_range, value] : *table) {
    std::string_view k = key;
    if (k == "requires") {
      build.requirements = read_requirements(d, value, "build-system.requires");
    } else if (k == "build-backend") {
      if (const std::string* s = read_string(d, value, "build-system.build-backend")) {
        build.build_backend = *s;
      }
    } else if (k == "backend-path") {
      build.backend_path = read_plain_string_array(d, value, "build-system.backend-path");
    }
  }
}

void parse_dependency_groups(Diagnostics& d, const toml::Value& node, DependencyGroups& out) {
  const toml::Table* table = read_table(d, node, "dependency-groups");
  if (table == nullptr) return;
  for (const auto& [key, key_range, value] : *table) {
    // `dependency-groups.<key>`, built only for messages (and include-group items).
    auto path = [&key = key] { return join_key("dependency-groups", key); };
    Result<pep508::GroupName> name = pep508::GroupName::parse(key);
    if (!name) {
      d.inner_error(key_range, key, name.error(), path());
      continue;
    }
    if (auto it = out.find(*name); it != out.end()) {
      d.error(key_range, cat({"duplicate dependency group `", name->str(), "` (written `",
                              it->second.name_as_written, "` and `", key, "`)"}));
      continue;
    }
    DependencyGroup group;
    group.name_as_written = std::string(key);
    group.location = d.location(key_range);
    const toml::Array* items = value.as_array();
    if (items == nullptr) {
      read_array(d, value, path());  // reports the type
      continue;
    }
    group.items.reserve(items->size());
    for (size_t i = 0; i < items->size(); ++i) {
      const toml::Value& item = (*items)[i];
      if (const auto* text = item.as_string()) {
        Result<pep508::Requirement> requirement = pep508::Requirement::parse(*text);
        if (requirement) {
          group.items.emplace_back(std::in_place_type<Dependency>, std::move(*requirement),
                                   d.location(item.range()));
        } else {
          d.inner_error(item.range(), *text, requirement.error(), index_key(path(), i));
        }
        continue;
      }
      const toml::Table* object = item.as_table();
      if (object == nullptr) {
        d.error(item.range(), cat({"`", index_key(path(), i),
                                   "` must be a string or an `{include-group = \"...\"}` table, "
                                   "found ",
                                   describe(item)}));
        continue;
      }
      const toml::Value* include = nullptr;
      bool unknown = false;
      for (const auto& [field, field_range, field_value] : *object) {
        if (field == "include-group") {
          include = &field_value;
        } else {
          // uv: DependencyObjectSpecifierNotSupported
          d.error(field_range,
                  cat({"Group `", name->str(),
                       "` contains an unknown dependency object specifier: `", field, "`"}));
          unknown = true;
        }
      }
      if (unknown) continue;
      if (include == nullptr) {
        d.error(item.range(),
                "Group `" + name->str() + "` contains an empty dependency object specifier");
        continue;
      }
      std::string include_path = index_key(path(), i) + ".include-group";
      const std::string* target = read_string(d, *include, include_path);
      if (target == nullptr) continue;
      Result<pep508::GroupName> target_name = pep508::GroupName::parse(*target);
      if (!target_name) {
        d.inner_error(include->range(), *target, target_name.error(), include_path);
        continue;
      }
      group.items.emplace_back(
          IncludeGroup{std::move(target_name).value(), *target, d.location(include->range())});
    }
    out.emplace(std::move(name).value(), std::move(group));
  }
}

}  // namespace roost::pyproject::detail
