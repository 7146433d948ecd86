// What uv writes of a lowered workspace: requirements in their wire form (uv-distribution-types
// requirement.rs `RequirementWire`), `[package.metadata]` and `[manifest]` (uv-resolver lock).
#include <algorithm>

#include "project/lowering.h"
#include "project/requires_python.h"
#include "project/uv_marker.h"

namespace roost::project {
namespace {

// uv's RequirementSource variant order (Registry, Url, Git, Path, Directory); editable and
// virtual are directories with flags.
int source_rank(lock::SourceKind kind) {
  switch (kind) {
    case lock::SourceKind::kRegistry:
      return 0;
    case lock::SourceKind::kUrl:
      return 1;
    case lock::SourceKind::kGit:
      return 2;
    case lock::SourceKind::kPath:
      return 3;
    case lock::SourceKind::kDirectory:
    case lock::SourceKind::kEditable:
    case lock::SourceKind::kVirtual:
      return 4;
  }
  return 5;
}

// uv's BTreeSet<Requirement> order and de-duplication: name, extras (as written), groups,
// marker (compare_uv_markers: uv's structural order, not the text), then the source.
std::vector<lock::Requirement> lock_set(const std::vector<LoweredRequirement>& in) {
  struct Item {
    lock::Requirement r;
    const LoweredRequirement* from;
  };
  std::vector<Item> items;
  items.reserve(in.size());
  for (const LoweredRequirement& r : in) items.push_back({to_lock_requirement(r), &r});
  auto less = [](const Item& a, const Item& b) {
    if (a.r.name != b.r.name) return a.r.name < b.r.name;
    if (a.r.extras != b.r.extras) return a.r.extras < b.r.extras;
    if (a.r.groups != b.r.groups) return a.r.groups < b.r.groups;
    if (a.r.marker != b.r.marker) {
      if (a.r.marker.empty() || b.r.marker.empty()) return a.r.marker.empty();
      const auto& ma = a.from->requirement.marker;
      const auto& mb = b.from->requirement.marker;
      if (ma && mb) {
        if (int c = compare_uv_markers(*ma, *mb); c != 0) return c < 0;
      }
      return a.r.marker < b.r.marker;
    }
    return lock_requirement_less(a.r, b.r);
  };
  std::sort(items.begin(), items.end(), less);
  std::vector<lock::Requirement> out;
  out.reserve(items.size());
  for (Item& item : items) {
    if (out.empty() || !(out.back() == item.r)) out.push_back(std::move(item.r));
  }
  return out;
}

}  // namespace

bool lock_requirement_less(const lock::Requirement& a, const lock::Requirement& b) {
  if (a.name != b.name) return a.name < b.name;
  if (a.extras != b.extras) return a.extras < b.extras;
  if (a.groups != b.groups) return a.groups < b.groups;
  if (a.marker != b.marker) {
    // uv compares marker trees structurally: the always-true marker first.
    if (a.marker.empty() || b.marker.empty()) return a.marker.empty();
    return a.marker < b.marker;
  }
  if (source_rank(a.kind) != source_rank(b.kind)) return source_rank(a.kind) < source_rank(b.kind);
  return std::tie(a.specifier, a.index, a.location, a.subdirectory) <
         std::tie(b.specifier, b.index, b.location, b.subdirectory);
}

lock::Requirement to_lock_requirement(const LoweredRequirement& r) {
  lock::Requirement out;
  out.name = r.requirement.name.str();
  if (!r.extras_order.empty()) {
    out.extras = r.extras_order;
  } else {
    for (const pep508::ExtraName& e : r.requirement.extras) out.extras.push_back(e.str());
  }
  if (r.requirement.marker) out.marker = uv_marker_text(*r.requirement.marker);
  out.kind = r.kind;
  if (r.kind == lock::SourceKind::kRegistry) {
    if (!r.requirement.url) out.specifier = uv_specifiers_text(r.requirement.specifier, ",");
    out.index = r.index;
    out.conflict = r.conflict;
  } else {
    out.location = r.location;
    if (r.kind == lock::SourceKind::kUrl) out.subdirectory = r.subdirectory;
  }
  return out;
}

lock::PackageMetadata lock_metadata(const LoweredPackage& p) {
  lock::PackageMetadata out;
  out.requires_dist = lock_set(p.requires_dist);
  out.provides_extras = p.provides_extras;
  for (const auto& [name, requirements] : p.groups)
    out.requires_dev.push_back({name, lock_set(requirements)});
  return out;
}

lock::Manifest lock_manifest(const LoweredWorkspace& w) {
  lock::Manifest out;
  if (!w.single_project) {
    for (const LoweredPackage& p : w.members) out.members.push_back(p.name.str());
  }
  out.constraints = lock_set(w.constraints);
  out.overrides = lock_set(w.overrides);
  out.build_constraints = lock_set(w.build_constraints);
  out.excludes = w.excludes;
  for (const auto& [name, requirements] : w.root_groups) {
    if (!requirements.empty()) out.dependency_groups.push_back({name, lock_set(requirements)});
  }
  out.dependency_metadata = w.dependency_metadata;
  return out;
}

}  // namespace roost::project
