// Writing uv.lock's top level, `[options]` and `[manifest]` in uv's order (uv-resolver's
// lock/serialize.rs: write_lock, write_options, write_manifest); packages: write_package.cc.
#include "lock/write_lock.h"

#include "lock/writer.h"

namespace roost::lock {
namespace detail {

void Writer::header(std::initializer_list<std::string_view> path, bool array_of_tables) {
  out_ += array_of_tables ? "\n[[" : "\n[";
  bool first = true;
  for (std::string_view key : path) {
    if (!first) out_ += '.';
    first = false;
    append_toml_key(out_, key);
  }
  out_ += array_of_tables ? "]]\n" : "]\n";
}

void Writer::multiline_strings(std::string_view key, const std::vector<std::string>& values) {
  key_start(key);
  out_ += "[\n";
  for (const std::string& value : values) {
    out_ += "    ";
    string(value);
    out_ += ",\n";
  }
  out_ += "]\n";
}

void Writer::inline_strings(const std::vector<std::string>& values) {
  out_ += '[';
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out_ += ", ";
    string(values[i]);
  }
  out_ += ']';
}

}  // namespace detail

namespace {

using detail::Writer;

// `conflicts = [[\n    { ... },\n], [\n    { ... },\n]]\n`
void write_conflicts(Writer& w, const std::vector<std::vector<ConflictItem>>& conflicts) {
  w.key_start("conflicts");
  w.raw("[");
  for (size_t i = 0; i < conflicts.size(); ++i) {
    if (i > 0) w.raw(", ");
    w.raw("[\n");
    for (const ConflictItem& item : conflicts[i]) {
      w.raw("    ");
      detail::write_conflict_item(w, item);
      w.raw(",\n");
    }
    w.raw("]");
  }
  w.raw("]\n");
}

void write_options(Writer& w, const Options& options) {
  if (options.empty()) return;
  w.header({"options"});
  if (!options.resolution_mode.empty()) w.key_string("resolution-mode", options.resolution_mode);
  if (!options.prerelease_mode.empty()) w.key_string("prerelease-mode", options.prerelease_mode);
  if (!options.fork_strategy.empty()) w.key_string("fork-strategy", options.fork_strategy);
  if (!options.exclude_newer.empty()) {
    w.key_start("exclude-newer");
    w.string(options.exclude_newer);
    if (!options.exclude_newer_comment.empty()) {
      w.raw(" ");
      w.raw(options.exclude_newer_comment);
    }
    w.raw("\n");
  }
  if (!options.exclude_newer_span.empty()) {
    w.key_string("exclude-newer-span", options.exclude_newer_span);
  }
  if (!options.prerelease_package.empty()) {
    w.header({"options", "prerelease-package"});
    for (const PrereleasePackage& p : options.prerelease_package) w.key_string(p.name, p.mode);
  }
  if (!options.exclude_newer_package.empty()) {
    w.header({"options", "exclude-newer-package"});
    for (const ExcludeNewerPackage& p : options.exclude_newer_package) {
      w.key_start(p.name);
      if (p.disabled) {
        w.raw("false");
      } else if (!p.span.empty()) {
        bool first = true;
        w.start_inline();
        w.inline_string(first, "timestamp", p.timestamp);
        w.inline_string(first, "span", p.span);
        w.finish_inline(first);
      } else {
        w.string(p.timestamp);
      }
      w.raw("\n");
    }
  }
}

// uv's "serialized" string arrays: one line up to one element, else one per line.
void write_serialized_strings(Writer& w, std::string_view key,
                              const std::vector<std::string>& values) {
  if (values.empty()) return;
  if (values.size() == 1) {
    w.key_start(key);
    w.inline_strings(values);
    w.raw("\n");
  } else {
    w.multiline_strings(key, values);
  }
}

void write_dependency_metadata(Writer& w, const DependencyMetadata& m) {
  w.header({"manifest", "dependency-metadata"}, true);
  w.key_string("name", m.name);
  if (!m.version.empty()) w.key_string("version", m.version);
  if (!m.requires_dist.empty()) {
    w.key_start("requires-dist");
    w.inline_strings(m.requires_dist);
    w.raw("\n");
  }
  if (!m.requires_python.empty()) w.key_string("requires-python", m.requires_python);
  if (!m.provides_extras.empty()) {
    w.key_start("provides-extras");
    w.inline_strings(m.provides_extras);
    w.raw("\n");
  }
}

void write_manifest(Writer& w, const Manifest& manifest) {
  if (manifest.empty()) return;
  w.header({"manifest"});
  if (!manifest.members.empty()) w.multiline_strings("members", manifest.members);
  detail::write_requirements(w, "requirements", manifest.requirements);
  detail::write_requirements(w, "constraints", manifest.constraints);
  detail::write_requirements(w, "overrides", manifest.overrides);
  write_serialized_strings(w, "excludes", manifest.excludes);
  detail::write_requirements(w, "build-constraints", manifest.build_constraints);
  bool any_group = false;
  for (const RequirementGroup& group : manifest.dependency_groups) {
    any_group = any_group || !group.requirements.empty();
  }
  if (any_group) {
    w.header({"manifest", "dependency-groups"});
    for (const RequirementGroup& group : manifest.dependency_groups) {
      detail::write_requirements(w, group.name, group.requirements);
    }
  }
  for (const DependencyMetadata& m : manifest.dependency_metadata) write_dependency_metadata(w, m);
}

// A first guess at the output's size (uv.lock files run to megabytes), so the text is not
// copied a dozen times while it grows.
size_t estimate_size(const Lockfile& lock) {
  size_t size = 4096;
  for (const Package& p : lock.packages) {
    size += 256 + 64 * p.dependencies.size() + 256 * p.wheels.size();
  }
  return size;
}

}  // namespace

std::string write_lock(const Lockfile& lock) {
  std::string out;
  out.reserve(estimate_size(lock));
  Writer w(out);
  w.key_start("version");
  w.number(static_cast<uint64_t>(lock.version));
  w.raw("\n");
  if (lock.revision > 0) {
    w.key_start("revision");
    w.number(static_cast<uint64_t>(lock.revision));
    w.raw("\n");
  }
  w.key_string("requires-python", lock.requires_python);
  if (!lock.resolution_markers.empty()) {
    w.multiline_strings("resolution-markers", lock.resolution_markers);
  }
  if (!lock.supported_markers.empty()) {
    w.multiline_strings("supported-markers", lock.supported_markers);
  }
  if (!lock.required_markers.empty())
    w.multiline_strings("required-markers", lock.required_markers);
  if (!lock.conflicts.empty()) write_conflicts(w, lock.conflicts);
  write_options(w, lock.options);
  write_manifest(w, lock.manifest);
  for (const Package& package : lock.packages) detail::write_package(w, package);
  return out;
}

}  // namespace roost::lock
