// The uv.lock model (format version 1, revisions 0-4): what uv writes, field for field, so a
// lockfile read by parse_lock() and written by write_lock() comes back byte for byte.
//
//   ROOST_TRY(lock::Lockfile lock, lock::read_lock("uv.lock"));
//   for (const lock::Package& p : lock.packages) use(p.name, p.version, p.source);
//   std::string text = lock::write_lock(lock);
//
// Lists keep the order they were read in (uv writes them sorted); the writer writes them in that
// order. Strings are kept as uv wrote them: versions, specifiers and markers are not parsed
// here (uv writes markers already simplified and canonical; consumers parse what they use).
// An empty string means "not written" for every optional text field.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace roost::lock {

// Where a package comes from: the one key of a `source = { ... }` table. The order is uv's
// (packages of one name and version sort by it).
enum class SourceKind : uint8_t { kRegistry, kGit, kUrl, kPath, kDirectory, kEditable, kVirtual };

// The key: "registry", "git", "url", "path", "directory", "editable", "virtual".
std::string_view to_string(SourceKind kind);
// The kind named by `key`, or nullopt.
std::optional<SourceKind> source_kind_from_key(std::string_view key);

struct Source {
  SourceKind kind = SourceKind::kRegistry;
  // The registry's URL (or a relative path for a local flat index), the git URL (query: the
  // requested ref and subdirectory; fragment: the locked commit), the direct URL, or a
  // `/`-separated path relative to the workspace root.
  std::string location;
  std::string subdirectory;  // kUrl only
  friend bool operator==(const Source&, const Source&) = default;
};

// A `{ package = "...", extra = "..." }` entry of a conflict set (at most one of extra / group;
// neither means the whole project).
struct ConflictItem {
  std::string package;
  std::string extra;
  std::string group;
  friend bool operator==(const ConflictItem&, const ConflictItem&) = default;
};

// One edge of `dependencies`, `[package.optional-dependencies]` or `[package.dev-dependencies]`.
struct Dependency {
  std::string name;
  // Written by uv only when more than one package of this name is in the lock; kept as read.
  std::string version;
  std::optional<Source> source;
  std::vector<std::string> extra;
  std::string marker;  // simplified against requires-python and the forks; empty = always
  friend bool operator==(const Dependency&, const Dependency&) = default;
};

// An extra's or a dependency group's edges.
struct DependencyList {
  std::string name;
  std::vector<Dependency> dependencies;
  friend bool operator==(const DependencyList&, const DependencyList&) = default;
};

// How a distribution file is named: `url = ...`, `path = ...` or (wheels of a `--find-links`
// style registry) `filename = ...`. kNone: an sdist known only by its hash (uv's metadata form).
enum class FileKind : uint8_t { kNone, kUrl, kPath, kFilename };

struct Zstd {
  std::string hash;
  std::optional<uint64_t> size;
  friend bool operator==(const Zstd&, const Zstd&) = default;
};

// `sdist = { ... }` or one element of `wheels = [ ... ]`.
struct Distribution {
  FileKind kind = FileKind::kUrl;
  std::string location;
  std::string hash;  // "sha256:<hex>"
  std::optional<uint64_t> size;
  std::string upload_time;   // RFC 3339, as uv wrote it ("2024-01-01T00:00:00.000Z"); rev >= 2
  std::optional<Zstd> zstd;  // wheels only
  friend bool operator==(const Distribution&, const Distribution&) = default;
};

// A requirement as declared (uv's `Requirement` wire form): `[package.metadata]` and the
// manifest's lists. `kind` says which source keys it has; kRegistry uses specifier / index /
// conflict, the others `location` (and kUrl `subdirectory`).
struct Requirement {
  std::string name;
  std::vector<std::string> extras;
  std::vector<std::string> groups;
  std::string marker;
  SourceKind kind = SourceKind::kRegistry;
  std::string specifier;                 // kRegistry; empty = any version
  std::string index;                     // kRegistry: the pinned index URL
  std::optional<ConflictItem> conflict;  // kRegistry
  std::string location;                  // kGit, kUrl, kPath, kDirectory, kEditable, kVirtual
  std::string subdirectory;              // kUrl
  friend bool operator==(const Requirement&, const Requirement&) = default;
};

// A named list of requirements: a dependency group (`requires-dev`, `manifest.dependency-groups`).
struct RequirementGroup {
  std::string name;
  std::vector<Requirement> requirements;
  friend bool operator==(const RequirementGroup&, const RequirementGroup&) = default;
};

// `[package.metadata]`: the declared requirements of a mutable source (editable, virtual,
// directory, path, direct URL), used to tell whether the lock is still fresh.
struct PackageMetadata {
  std::vector<Requirement> requires_dist;
  std::vector<std::string> provides_extras;
  std::vector<RequirementGroup> requires_dev;  // empty groups are kept (uv writes `dev = []`)
  bool empty() const {
    return requires_dist.empty() && provides_extras.empty() && requires_dev.empty();
  }
  friend bool operator==(const PackageMetadata&, const PackageMetadata&) = default;
};

struct Package {
  std::string name;
  std::string version;  // empty: a source tree with a dynamic version
  Source source;
  std::vector<std::string> resolution_markers;  // the forks it exists in, when not all
  std::vector<Dependency> dependencies;
  std::optional<Distribution> sdist;
  std::vector<Distribution> wheels;
  std::vector<DependencyList> optional_dependencies;  // by extra
  std::vector<DependencyList> dev_dependencies;       // by dependency group
  PackageMetadata metadata;
  friend bool operator==(const Package&, const Package&) = default;
};

// `[[manifest.dependency-metadata]]`: metadata the user declared for a package
// (`tool.uv.dependency-metadata`). Requirements stay PEP 508 strings here.
struct DependencyMetadata {
  std::string name;
  std::string version;
  std::vector<std::string> requires_dist;
  std::string requires_python;
  std::vector<std::string> provides_extras;
  friend bool operator==(const DependencyMetadata&, const DependencyMetadata&) = default;
};

// `[manifest]`: the workspace's inputs to the resolution.
struct Manifest {
  std::vector<std::string> members;  // omitted by uv for a single-project workspace
  std::vector<Requirement> requirements;
  std::vector<Requirement> constraints;
  std::vector<Requirement> overrides;
  std::vector<std::string> excludes;
  std::vector<Requirement> build_constraints;
  std::vector<RequirementGroup> dependency_groups;  // of a virtual root
  std::vector<DependencyMetadata> dependency_metadata;
  // True when uv writes no `[manifest]` (a group without requirements does not count).
  bool empty() const;
  friend bool operator==(const Manifest&, const Manifest&) = default;
};

// A `[options.exclude-newer-package]` entry: `name = "<timestamp>"`, `name = false` (disabled),
// or `name = { timestamp = "...", span = "P3D" }` (a relative value).
struct ExcludeNewerPackage {
  std::string name;
  bool disabled = false;
  std::string timestamp;
  std::string span;
  friend bool operator==(const ExcludeNewerPackage&, const ExcludeNewerPackage&) = default;
};

struct PrereleasePackage {
  std::string name;
  std::string mode;
  friend bool operator==(const PrereleasePackage&, const PrereleasePackage&) = default;
};

// `[options]`: resolver settings that differ from the defaults.
struct Options {
  std::string resolution_mode;  // "lowest", "lowest-direct"
  std::string prerelease_mode;  // "allow", "disallow", "if-necessary", "explicit"
  std::string fork_strategy;    // "fewest"
  std::string exclude_newer;    // a timestamp (a placeholder when exclude_newer_span is set)
  // The comment uv writes after a placeholder `exclude-newer` ("# This has no effect ..."),
  // verbatim from `#` to the end of the line. The only comment uv writes; others are dropped.
  std::string exclude_newer_comment;
  std::string exclude_newer_span;  // "P7D", for a relative exclude-newer
  std::vector<PrereleasePackage> prerelease_package;
  std::vector<ExcludeNewerPackage> exclude_newer_package;
  bool empty() const;
  friend bool operator==(const Options&, const Options&) = default;
};

struct Lockfile {
  int64_t version = 1;   // the schema; only 1 is read
  int64_t revision = 0;  // 0: not written (locks from before revisions); see README.md
  std::string requires_python;
  std::vector<std::string> resolution_markers;  // one per fork, when the resolution forked
  std::vector<std::string> supported_markers;   // tool.uv.environments
  std::vector<std::string> required_markers;    // tool.uv.required-environments
  std::vector<std::vector<ConflictItem>> conflicts;
  Options options;
  Manifest manifest;
  std::vector<Package> packages;
  friend bool operator==(const Lockfile&, const Lockfile&) = default;
};

}  // namespace roost::lock
