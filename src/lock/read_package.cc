// Reading `[[package]]` tables and the requirement lists of `[package.metadata]` and
// `[manifest]`: sources, dependency edges, distribution files, declared requirements.
#include <string>

#include "lock/reader.h"

namespace roost::lock::detail {
namespace {

constexpr std::string_view kSourceKinds =
    "`registry`, `git`, `url`, `path`, `directory`, `editable` or `virtual`";

// `{ registry = "..." }`, `{ url = "...", subdirectory = "..." }`, ...: exactly one kind.
Result<void> read_source(const Reader& r, const toml::Value& value, const KeyPath& path,
                         Source& out) {
  ROOST_TRY(const toml::Table* table, r.table(value, path));
  const toml::Entry* kind_entry = nullptr;
  const toml::Entry* subdirectory = nullptr;
  for (const toml::Entry& e : *table) {
    if (e.key == "subdirectory") {
      ROOST_CHECK(r.optional_text(e.value, path.child(e.key), out.subdirectory));
      subdirectory = &e;
      continue;
    }
    std::optional<SourceKind> kind = source_kind_from_key(e.key);
    if (!kind) {
      return r.error(e.key_range, "unknown source kind " + quoted(e.key) + " in " + path.str() +
                                      ", expected " + std::string(kSourceKinds));
    }
    if (kind_entry != nullptr) {
      return r.error(e.key_range, path.str() + " names two sources: " + quoted(kind_entry->key) +
                                      " and " + quoted(e.key));
    }
    kind_entry = &e;
    out.kind = *kind;
    ROOST_CHECK(r.optional_text(e.value, path.child(e.key), out.location));
  }
  if (kind_entry == nullptr) {
    return r.error(table->range(),
                   path.str() + " names no source, expected " + std::string(kSourceKinds));
  }
  if (subdirectory != nullptr && out.kind != SourceKind::kUrl) {
    return r.error(subdirectory->key_range,
                   "`subdirectory` in " + path.str() + " goes only with `url`");
  }
  return {};
}

Result<void> read_dependency(const Reader& r, const toml::Value& value, const KeyPath& path,
                             Dependency& out) {
  ROOST_TRY(const toml::Table* table, r.table(value, path));
  bool has_name = false;
  for (const toml::Entry& e : *table) {
    KeyPath at = path.child(e.key);
    if (e.key == "name") {
      ROOST_CHECK(r.name(e.value, at, out.name));
      has_name = true;
    } else if (e.key == "marker") {
      ROOST_CHECK(r.optional_text(e.value, at, out.marker));
    } else if (e.key == "extra") {
      ROOST_CHECK(r.name_array(e.value, at, out.extra));
    } else if (e.key == "version") {
      ROOST_CHECK(r.optional_text(e.value, at, out.version));
    } else if (e.key == "source") {
      ROOST_CHECK(read_source(r, e.value, at, out.source.emplace()));
    } else {
      return r.unknown_key(e, path);
    }
  }
  if (!has_name) return r.missing(table->range(), path, "name");
  return {};
}

Result<void> read_dependencies(const Reader& r, const toml::Value& value, const KeyPath& path,
                               std::vector<Dependency>& out) {
  ROOST_TRY(const toml::Array* items, r.array(value, path));
  out.resize(items->size());
  for (size_t i = 0; i < items->size(); ++i) {
    ROOST_CHECK(read_dependency(r, (*items)[i], path.at(i), out[i]));
  }
  return {};
}

// `[package.optional-dependencies]` / `[package.dev-dependencies]`: name -> edges.
Result<void> read_dependency_lists(const Reader& r, const toml::Value& value, const KeyPath& path,
                                   std::vector<DependencyList>& out) {
  ROOST_TRY(const toml::Table* table, r.table(value, path));
  out.resize(table->size());
  size_t i = 0;
  for (const toml::Entry& e : *table) {
    DependencyList& list = out[i++];
    ROOST_CHECK(r.key_name(e, path, list.name));
    ROOST_CHECK(read_dependencies(r, e.value, path.child(e.key), list.dependencies));
  }
  return {};
}

Result<void> read_zstd(const Reader& r, const toml::Value& value, const KeyPath& path, Zstd& out) {
  ROOST_TRY(const toml::Table* table, r.table(value, path));
  for (const toml::Entry& e : *table) {
    if (e.key == "hash") {
      ROOST_CHECK(r.optional_text(e.value, path.child(e.key), out.hash));
    } else if (e.key == "size") {
      ROOST_CHECK(r.size(e.value, path.child(e.key), out.size));
    } else {
      return r.unknown_key(e, path);
    }
  }
  return {};
}

// `sdist = { url = ..., hash = ..., size = ..., upload-time = ... }` or one wheel.
Result<void> read_distribution(const Reader& r, const toml::Value& value, const KeyPath& path,
                               bool wheel, Distribution& out) {
  ROOST_TRY(const toml::Table* table, r.table(value, path));
  out.kind = FileKind::kNone;
  const toml::Entry* file = nullptr;
  for (const toml::Entry& e : *table) {
    KeyPath at = path.child(e.key);
    FileKind kind = FileKind::kNone;
    if (e.key == "url") {
      kind = FileKind::kUrl;
    } else if (e.key == "path") {
      kind = FileKind::kPath;
    } else if (e.key == "filename" && wheel) {
      kind = FileKind::kFilename;
    } else if (e.key == "hash") {
      ROOST_CHECK(r.optional_text(e.value, at, out.hash));
    } else if (e.key == "size") {
      ROOST_CHECK(r.size(e.value, at, out.size));
    } else if (e.key == "upload-time") {
      ROOST_CHECK(r.optional_text(e.value, at, out.upload_time));
    } else if (e.key == "zstd" && wheel) {
      ROOST_CHECK(read_zstd(r, e.value, at, out.zstd.emplace()));
    } else {
      return r.unknown_key(e, path);
    }
    if (kind == FileKind::kNone) continue;
    if (file != nullptr) {
      return r.error(e.key_range, path.str() + " names two files: " + quoted(file->key) + " and " +
                                      quoted(e.key));
    }
    file = &e;
    out.kind = kind;
    ROOST_CHECK(r.optional_text(e.value, at, out.location));
  }
  if (wheel && file == nullptr) {
    return r.error(table->range(), path.str() +
                                       " names no file, expected `url`, `path` or "
                                       "`filename`");
  }
  return {};
}

Result<void> read_wheels(const Reader& r, const toml::Value& value, const KeyPath& path,
                         std::vector<Distribution>& out) {
  ROOST_TRY(const toml::Array* items, r.array(value, path));
  out.resize(items->size());
  for (size_t i = 0; i < items->size(); ++i) {
    ROOST_CHECK(read_distribution(r, (*items)[i], path.at(i), true, out[i]));
  }
  return {};
}

Result<void> read_requirement(const Reader& r, const toml::Value& value, const KeyPath& path,
                              Requirement& out) {
  ROOST_TRY(const toml::Table* table, r.table(value, path));
  bool has_name = false;
  const toml::Entry* source = nullptr;    // git, url, path, ... (not registry)
  const toml::Entry* registry = nullptr;  // specifier, index or conflict
  const toml::Entry* subdirectory = nullptr;
  for (const toml::Entry& e : *table) {
    KeyPath at = path.child(e.key);
    std::optional<SourceKind> kind;
    if (e.key == "name") {
      ROOST_CHECK(r.name(e.value, at, out.name));
      has_name = true;
    } else if (e.key == "extras") {
      ROOST_CHECK(r.name_array(e.value, at, out.extras));
    } else if (e.key == "groups") {
      ROOST_CHECK(r.name_array(e.value, at, out.groups));
    } else if (e.key == "marker") {
      ROOST_CHECK(r.optional_text(e.value, at, out.marker));
    } else if (e.key == "specifier") {
      ROOST_CHECK(r.optional_text(e.value, at, out.specifier));
      registry = &e;
    } else if (e.key == "index") {
      ROOST_CHECK(r.optional_text(e.value, at, out.index));
      registry = &e;
    } else if (e.key == "conflict") {
      ROOST_CHECK(read_conflict_item(r, e.value, at, out.conflict.emplace()));
      registry = &e;
    } else if (e.key == "subdirectory") {
      ROOST_CHECK(r.optional_text(e.value, at, out.subdirectory));
      subdirectory = &e;
    } else if ((kind = source_kind_from_key(e.key)) && *kind != SourceKind::kRegistry) {
      if (source != nullptr) {
        return r.error(e.key_range, path.str() + " names two sources: " + quoted(source->key) +
                                        " and " + quoted(e.key));
      }
      source = &e;
      out.kind = *kind;
      ROOST_CHECK(r.optional_text(e.value, at, out.location));
    } else {
      return r.unknown_key(e, path);
    }
  }
  if (!has_name) return r.missing(table->range(), path, "name");
  if (source != nullptr && registry != nullptr) {
    return r.error(registry->key_range, quoted(registry->key) + " in " + path.str() +
                                            " does not go with " + quoted(source->key));
  }
  if (subdirectory != nullptr && out.kind != SourceKind::kUrl) {
    return r.error(subdirectory->key_range,
                   "`subdirectory` in " + path.str() + " goes only with `url`");
  }
  return {};
}

Result<void> read_metadata(const Reader& r, const toml::Value& value, const KeyPath& path,
                           PackageMetadata& out) {
  ROOST_TRY(const toml::Table* table, r.table(value, path));
  for (const toml::Entry& e : *table) {
    KeyPath at = path.child(e.key);
    if (e.key == "requires-dist") {
      ROOST_CHECK(read_requirements(r, e.value, at, out.requires_dist));
    } else if (e.key == "provides-extras") {
      ROOST_CHECK(r.name_array(e.value, at, out.provides_extras));
    } else if (e.key == "requires-dev") {
      ROOST_CHECK(read_requirement_groups(r, e.value, at, out.requires_dev));
    } else {
      return r.unknown_key(e, path);
    }
  }
  return {};
}

}  // namespace

Result<void> read_requirements(const Reader& r, const toml::Value& value, const KeyPath& path,
                               std::vector<Requirement>& out) {
  ROOST_TRY(const toml::Array* items, r.array(value, path));
  out.resize(items->size());
  for (size_t i = 0; i < items->size(); ++i) {
    ROOST_CHECK(read_requirement(r, (*items)[i], path.at(i), out[i]));
  }
  return {};
}

Result<void> read_requirement_groups(const Reader& r, const toml::Value& value, const KeyPath& path,
                                     std::vector<RequirementGroup>& out) {
  ROOST_TRY(const toml::Table* table, r.table(value, path));
  out.resize(table->size());
  size_t i = 0;
  for (const toml::Entry& e : *table) {
    RequirementGroup& group = out[i++];
    ROOST_CHECK(r.key_name(e, path, group.name));
    ROOST_CHECK(read_requirements(r, e.value, path.child(e.key), group.requirements));
  }
  return {};
}

Result<void> read_conflict_item(const Reader& r, const toml::Value& value, const KeyPath& path,
                                ConflictItem& out) {
  ROOST_TRY(const toml::Table* table, r.table(value, path));
  bool has_package = false;
  for (const toml::Entry& e : *table) {
    KeyPath at = path.child(e.key);
    if (e.key == "package") {
      ROOST_CHECK(r.name(e.value, at, out.package));
      has_package = true;
    } else if (e.key == "extra" && out.group.empty()) {
      ROOST_CHECK(r.name(e.value, at, out.extra));
    } else if (e.key == "group" && out.extra.empty()) {
      ROOST_CHECK(r.name(e.value, at, out.group));
    } else if (e.key == "extra" || e.key == "group") {
      return r.error(e.key_range, path.str() + " names both an extra and a group");
    } else {
      return r.unknown_key(e, path);
    }
  }
  if (!has_package) return r.missing(table->range(), path, "package");
  return {};
}

Result<void> read_package(const Reader& r, const toml::Value& value, const KeyPath& path,
                          Package& out) {
  ROOST_TRY(const toml::Table* table, r.table(value, path));
  bool has_name = false;
  bool has_source = false;
  for (const toml::Entry& e : *table) {
    KeyPath at = path.child(e.key);
    if (e.key == "name") {
      ROOST_CHECK(r.name(e.value, at, out.name));
      has_name = true;
    } else if (e.key == "version") {
      ROOST_CHECK(r.optional_text(e.value, at, out.version));
    } else if (e.key == "source") {
      ROOST_CHECK(read_source(r, e.value, at, out.source));
      has_source = true;
    } else if (e.key == "dependencies") {
      ROOST_CHECK(read_dependencies(r, e.value, at, out.dependencies));
    } else if (e.key == "sdist") {
      ROOST_CHECK(read_distribution(r, e.value, at, false, out.sdist.emplace()));
    } else if (e.key == "wheels") {
      ROOST_CHECK(read_wheels(r, e.value, at, out.wheels));
    } else if (e.key == "resolution-markers") {
      ROOST_CHECK(r.text_array(e.value, at, out.resolution_markers));
    } else if (e.key == "optional-dependencies") {
      ROOST_CHECK(read_dependency_lists(r, e.value, at, out.optional_dependencies));
    } else if (e.key == "dev-dependencies") {
      ROOST_CHECK(read_dependency_lists(r, e.value, at, out.dev_dependencies));
    } else if (e.key == "metadata") {
      ROOST_CHECK(read_metadata(r, e.value, at, out.metadata));
    } else {
      return r.unknown_key(e, path);
    }
  }
  if (!has_name) return r.missing(table->range(), path, "name");
  if (!has_source) return r.missing(table->range(), path, "source");
  return {};
}

}  // namespace roost::lock::detail
