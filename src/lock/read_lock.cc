// Reading uv.lock's top level: schema version and revision, requires-python, fork markers,
// conflicts, `[options]` and `[manifest]`; packages are read by read_package.cc.
#include "lock/read_lock.h"

#include <string>

#include "base/fs.h"
#include "lock/reader.h"
#include "toml/parse.h"

namespace roost::lock {
namespace {

using detail::KeyPath;
using detail::Reader;

Result<void> read_conflicts(const Reader& r, const toml::Value& value, const KeyPath& path,
                            std::vector<std::vector<ConflictItem>>& out) {
  ROOST_TRY(const toml::Array* sets, r.array(value, path));
  out.resize(sets->size());
  for (size_t i = 0; i < sets->size(); ++i) {
    KeyPath set_path = path.at(i);
    ROOST_TRY(const toml::Array* items, r.array((*sets)[i], set_path));
    out[i].resize(items->size());
    for (size_t j = 0; j < items->size(); ++j) {
      ROOST_CHECK(detail::read_conflict_item(r, (*items)[j], set_path.at(j), out[i][j]));
    }
  }
  return {};
}

// `name = "<timestamp>"`, `name = false` or `name = { timestamp = "...", span = "..." }`.
Result<void> read_exclude_newer_package(const Reader& r, const toml::Value& value,
                                        const KeyPath& path,
                                        std::vector<ExcludeNewerPackage>& out) {
  ROOST_TRY(const toml::Table* table, r.table(value, path));
  out.resize(table->size());
  size_t i = 0;
  for (const toml::Entry& e : *table) {
    ExcludeNewerPackage& package = out[i++];
    ROOST_CHECK(r.key_name(e, path, package.name));
    KeyPath at = path.child(e.key);
    if (e.value.is_string()) {
      ROOST_CHECK(r.optional_text(e.value, at, package.timestamp));
    } else if (const bool* enabled = e.value.as_boolean(); enabled && !*enabled) {
      package.disabled = true;
    } else if (const toml::Table* inline_table = e.value.as_table()) {
      for (const toml::Entry& f : *inline_table) {
        if (f.key == "timestamp") {
          ROOST_CHECK(r.optional_text(f.value, at.child(f.key), package.timestamp));
        } else if (f.key == "span") {
          ROOST_CHECK(r.optional_text(f.value, at.child(f.key), package.span));
        } else {
          return r.unknown_key(f, at);
        }
      }
      if (package.timestamp.empty()) return r.missing(e.value.range(), at, "timestamp");
      if (package.span.empty()) return r.missing(e.value.range(), at, "span");
    } else {
      return r.type_error(e.value, at, "a timestamp, `false` or a table");
    }
  }
  return {};
}

Result<void> read_prerelease_package(const Reader& r, const toml::Value& value, const KeyPath& path,
                                     std::vector<PrereleasePackage>& out) {
  ROOST_TRY(const toml::Table* table, r.table(value, path));
  out.resize(table->size());
  size_t i = 0;
  for (const toml::Entry& e : *table) {
    PrereleasePackage& package = out[i++];
    ROOST_CHECK(r.key_name(e, path, package.name));
    ROOST_CHECK(r.optional_text(e.value, path.child(e.key), package.mode));
  }
  return {};
}

Result<void> read_options(const Reader& r, const toml::Value& value, const KeyPath& path,
                          Options& out) {
  ROOST_TRY(const toml::Table* table, r.table(value, path));
  for (const toml::Entry& e : *table) {
    KeyPath at = path.child(e.key);
    if (e.key == "resolution-mode") {
      ROOST_CHECK(r.optional_text(e.value, at, out.resolution_mode));
    } else if (e.key == "prerelease-mode") {
      ROOST_CHECK(r.optional_text(e.value, at, out.prerelease_mode));
    } else if (e.key == "fork-strategy") {
      ROOST_CHECK(r.optional_text(e.value, at, out.fork_strategy));
    } else if (e.key == "exclude-newer") {
      ROOST_CHECK(r.optional_text(e.value, at, out.exclude_newer));
      out.exclude_newer_comment = r.trailing_comment(e.value);
    } else if (e.key == "exclude-newer-span") {
      ROOST_CHECK(r.optional_text(e.value, at, out.exclude_newer_span));
    } else if (e.key == "prerelease-package") {
      ROOST_CHECK(read_prerelease_package(r, e.value, at, out.prerelease_package));
    } else if (e.key == "exclude-newer-package") {
      ROOST_CHECK(read_exclude_newer_package(r, e.value, at, out.exclude_newer_package));
    } else {
      return r.unknown_key(e, path);
    }
  }
  return {};
}

Result<void> read_dependency_metadata(const Reader& r, const toml::Value& value,
                                      const KeyPath& path, DependencyMetadata& out) {
  ROOST_TRY(const toml::Table* table, r.table(value, path));
  bool has_name = false;
  for (const toml::Entry& e : *table) {
    KeyPath at = path.child(e.key);
    if (e.key == "name") {
      ROOST_CHECK(r.name(e.value, at, out.name));
      has_name = true;
    } else if (e.key == "version") {
      ROOST_CHECK(r.optional_text(e.value, at, out.version));
    } else if (e.key == "requires-dist") {
      ROOST_CHECK(r.text_array(e.value, at, out.requires_dist));
    } else if (e.key == "requires-python") {
      ROOST_CHECK(r.optional_text(e.value, at, out.requires_python));
    } else if (e.key == "provides-extras") {
      ROOST_CHECK(r.name_array(e.value, at, out.provides_extras));
    } else {
      return r.unknown_key(e, path);
    }
  }
  if (!has_name) return r.missing(table->range(), path, "name");
  return {};
}

Result<void> read_manifest(const Reader& r, const toml::Value& value, const KeyPath& path,
                           Manifest& out) {
  ROOST_TRY(const toml::Table* table, r.table(value, path));
  for (const toml::Entry& e : *table) {
    KeyPath at = path.child(e.key);
    if (e.key == "members") {
      ROOST_CHECK(r.name_array(e.value, at, out.members));
    } else if (e.key == "requirements") {
      ROOST_CHECK(detail::read_requirements(r, e.value, at, out.requirements));
    } else if (e.key == "constraints") {
      ROOST_CHECK(detail::read_requirements(r, e.value, at, out.constraints));
    } else if (e.key == "overrides") {
      ROOST_CHECK(detail::read_requirements(r, e.value, at, out.overrides));
    } else if (e.key == "excludes") {
      ROOST_CHECK(r.name_array(e.value, at, out.excludes));
    } else if (e.key == "build-constraints") {
      ROOST_CHECK(detail::read_requirements(r, e.value, at, out.build_constraints));
    } else if (e.key == "dependency-groups") {
      ROOST_CHECK(detail::read_requirement_groups(r, e.value, at, out.dependency_groups));
    } else if (e.key == "dependency-metadata") {
      ROOST_TRY(const toml::Array* items, r.array(e.value, at));
      out.dependency_metadata.resize(items->size());
      for (size_t i = 0; i < items->size(); ++i) {
        ROOST_CHECK(read_dependency_metadata(r, (*items)[i], at.at(i), out.dependency_metadata[i]));
      }
    } else {
      return r.unknown_key(e, path);
    }
  }
  return {};
}

// uv reads the schema version before anything else, so a lock from a newer format fails on its
// version, not on some key this reader does not know.
Result<void> check_version(const Reader& r, const toml::Table& root, Lockfile& out) {
  const toml::Value* version = root.get("version");
  if (version == nullptr) return r.missing(root.range(), KeyPath(), "version");
  const int64_t* number = version->as_integer();
  if (number == nullptr) return r.type_error(*version, KeyPath().child("version"), "an integer");
  if (*number != 1) {
    return r.error(version->range(), "unsupported uv.lock schema version " +
                                         std::to_string(*number) + " (roost reads version 1)");
  }
  out.version = *number;
  return {};
}

Result<void> read_document(const Reader& r, const toml::Table& root, Lockfile& out) {
  ROOST_CHECK(check_version(r, root, out));
  KeyPath top;
  bool has_requires_python = false;
  for (const toml::Entry& e : root) {
    KeyPath at = top.child(e.key);
    if (e.key == "version") {
      continue;  // checked above
    } else if (e.key == "revision") {
      std::optional<uint64_t> revision;
      ROOST_CHECK(r.size(e.value, at, revision));
      out.revision = static_cast<int64_t>(*revision);
    } else if (e.key == "requires-python") {
      ROOST_CHECK(r.optional_text(e.value, at, out.requires_python));
      has_requires_python = true;
    } else if (e.key == "resolution-markers") {
      ROOST_CHECK(r.text_array(e.value, at, out.resolution_markers));
    } else if (e.key == "supported-markers") {
      ROOST_CHECK(r.text_array(e.value, at, out.supported_markers));
    } else if (e.key == "required-markers") {
      ROOST_CHECK(r.text_array(e.value, at, out.required_markers));
    } else if (e.key == "conflicts") {
      ROOST_CHECK(read_conflicts(r, e.value, at, out.conflicts));
    } else if (e.key == "options") {
      ROOST_CHECK(read_options(r, e.value, at, out.options));
    } else if (e.key == "manifest") {
      ROOST_CHECK(read_manifest(r, e.value, at, out.manifest));
    } else if (e.key == "package") {
      ROOST_TRY(const toml::Array* packages, r.array(e.value, at));
      out.packages.resize(packages->size());
      for (size_t i = 0; i < packages->size(); ++i) {
        ROOST_CHECK(detail::read_package(r, (*packages)[i], at.at(i), out.packages[i]));
      }
    } else {
      return r.unknown_key(e, top);
    }
  }
  if (!has_requires_python) return r.missing(root.range(), top, "requires-python");
  return {};
}

}  // namespace

Result<Lockfile> parse_lock(std::string_view text, std::string_view file) {
  Result<toml::Table> document = toml::parse(text, file);
  if (!document) {
    const Error& error = document.error();
    Error wrapped(ErrorKind::kParse, "invalid TOML: " + error.message());
    if (error.span()) return std::move(wrapped).with_span(*error.span());
    return wrapped;
  }
  Reader reader(text, file);
  Lockfile lock;
  ROOST_CHECK(read_document(reader, *document, lock));
  return lock;
}

Result<Lockfile> read_lock(const std::filesystem::path& path) {
  ROOST_TRY(std::string text, read_file(path));
  return parse_lock(text, path.string());
}

}  // namespace roost::lock
