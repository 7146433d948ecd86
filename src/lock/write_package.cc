// Writing `[[package]]` tables (uv-resolver's lock/serialize.rs, write_package and friends) and
// the requirement lists shared with `[manifest]`.
#include "lock/writer.h"

namespace roost::lock::detail {
namespace {

void write_source(Writer& w, const Source& source) {
  bool first = true;
  w.start_inline();
  w.inline_string(first, to_string(source.kind), source.location);
  if (source.kind == SourceKind::kUrl && !source.subdirectory.empty()) {
    w.inline_string(first, "subdirectory", source.subdirectory);
  }
  w.finish_inline(first);
}

void write_dependency(Writer& w, const Dependency& dependency) {
  bool first = true;
  w.start_inline();
  w.inline_string(first, "name", dependency.name);
  if (!dependency.version.empty()) w.inline_string(first, "version", dependency.version);
  if (dependency.source) {
    w.inline_key(first, "source");
    write_source(w, *dependency.source);
  }
  if (!dependency.extra.empty()) {
    w.inline_key(first, "extra");
    w.inline_strings(dependency.extra);
  }
  if (!dependency.marker.empty()) w.inline_string(first, "marker", dependency.marker);
  w.finish_inline(first);
}

// `key = [\n    { ... },\n]\n`: edges are always one per line.
void write_dependencies(Writer& w, std::string_view key, const std::vector<Dependency>& list) {
  w.key_start(key);
  w.raw("[\n");
  for (const Dependency& dependency : list) {
    w.raw("    ");
    write_dependency(w, dependency);
    w.raw(",\n");
  }
  w.raw("]\n");
}

// `[package.optional-dependencies]` / `[package.dev-dependencies]`; uv leaves empty lists out.
void write_dependency_lists(Writer& w, std::string_view table,
                            const std::vector<DependencyList>& lists) {
  bool any = false;
  for (const DependencyList& list : lists) any = any || !list.dependencies.empty();
  if (!any) return;
  w.header({"package", table});
  for (const DependencyList& list : lists) {
    if (!list.dependencies.empty()) write_dependencies(w, list.name, list.dependencies);
  }
}

void write_distribution(Writer& w, const Distribution& file) {
  bool first = true;
  w.start_inline();
  switch (file.kind) {
    case FileKind::kNone:
      break;
    case FileKind::kUrl:
      w.inline_string(first, "url", file.location);
      break;
    case FileKind::kPath:
      w.inline_string(first, "path", file.location);
      break;
    case FileKind::kFilename:
      w.inline_string(first, "filename", file.location);
      break;
  }
  if (!file.hash.empty()) w.inline_string(first, "hash", file.hash);
  if (file.size) {
    w.inline_key(first, "size");
    w.number(*file.size);
  }
  if (!file.upload_time.empty()) w.inline_string(first, "upload-time", file.upload_time);
  if (file.zstd) {
    w.inline_key(first, "zstd");
    bool zstd_first = true;
    w.start_inline();
    if (!file.zstd->hash.empty()) w.inline_string(zstd_first, "hash", file.zstd->hash);
    if (file.zstd->size) {
      w.inline_key(zstd_first, "size");
      w.number(*file.zstd->size);
    }
    w.finish_inline(zstd_first);
  }
  w.finish_inline(first);
}

void write_metadata(Writer& w, const PackageMetadata& metadata) {
  if (metadata.empty()) return;
  w.header({"package", "metadata"});
  write_requirements(w, "requires-dist", metadata.requires_dist);
  if (!metadata.provides_extras.empty()) {
    w.key_start("provides-extras");
    w.inline_strings(metadata.provides_extras);
    w.raw("\n");
  }
  if (!metadata.requires_dev.empty()) {
    w.header({"package", "metadata", "requires-dev"});
    for (const RequirementGroup& group : metadata.requires_dev) {
      write_requirements(w, group.name, group.requirements, true);
    }
  }
}

}  // namespace

void write_conflict_item(Writer& w, const ConflictItem& item) {
  bool first = true;
  w.start_inline();
  w.inline_string(first, "package", item.package);
  if (!item.extra.empty()) w.inline_string(first, "extra", item.extra);
  if (!item.group.empty()) w.inline_string(first, "group", item.group);
  w.finish_inline(first);
}

void write_requirement(Writer& w, const Requirement& r) {
  bool first = true;
  w.start_inline();
  w.inline_string(first, "name", r.name);
  if (!r.extras.empty()) {
    w.inline_key(first, "extras");
    w.inline_strings(r.extras);
  }
  if (!r.groups.empty()) {
    w.inline_key(first, "groups");
    w.inline_strings(r.groups);
  }
  if (!r.marker.empty()) w.inline_string(first, "marker", r.marker);
  if (r.kind == SourceKind::kRegistry) {
    if (!r.specifier.empty()) w.inline_string(first, "specifier", r.specifier);
    if (!r.index.empty()) w.inline_string(first, "index", r.index);
    if (r.conflict) {
      w.inline_key(first, "conflict");
      write_conflict_item(w, *r.conflict);
    }
  } else {
    w.inline_string(first, to_string(r.kind), r.location);
    if (r.kind == SourceKind::kUrl && !r.subdirectory.empty()) {
      w.inline_string(first, "subdirectory", r.subdirectory);
    }
  }
  w.finish_inline(first);
}

void write_requirements(Writer& w, std::string_view key, const std::vector<Requirement>& list,
                        bool keep_empty) {
  if (list.empty() && !keep_empty) return;
  w.key_start(key);
  if (list.size() <= 1) {
    w.raw("[");
    if (!list.empty()) write_requirement(w, list.front());
    w.raw("]\n");
    return;
  }
  w.raw("[\n");
  for (const Requirement& requirement : list) {
    w.raw("    ");
    write_requirement(w, requirement);
    w.raw(",\n");
  }
  w.raw("]\n");
}

void write_package(Writer& w, const Package& p) {
  w.header({"package"}, true);
  w.key_string("name", p.name);
  if (!p.version.empty()) w.key_string("version", p.version);
  w.key_start("source");
  write_source(w, p.source);
  w.raw("\n");
  if (!p.resolution_markers.empty())
    w.multiline_strings("resolution-markers", p.resolution_markers);
  if (!p.dependencies.empty()) write_dependencies(w, "dependencies", p.dependencies);
  if (p.sdist) {
    w.key_start("sdist");
    write_distribution(w, *p.sdist);
    w.raw("\n");
  }
  if (!p.wheels.empty()) {
    w.key_start("wheels");
    w.raw("[\n");
    for (const Distribution& wheel : p.wheels) {
      w.raw("    ");
      write_distribution(w, wheel);
      w.raw(",\n");
    }
    w.raw("]\n");
  }
  write_dependency_lists(w, "optional-dependencies", p.optional_dependencies);
  write_dependency_lists(w, "dev-dependencies", p.dev_dependencies);
  write_metadata(w, p.metadata);
}

}  // namespace roost::lock::detail
