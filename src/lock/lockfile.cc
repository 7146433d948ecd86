// Names of source kinds, and the emptiness tests the writer uses to leave tables out.
#include "lock/lockfile.h"

#include <array>

namespace roost::lock {
namespace {

constexpr std::array<std::string_view, 7> kSourceKeys = {"registry",  "git",      "url",    "path",
                                                         "directory", "editable", "virtual"};

}  // namespace

std::string_view to_string(SourceKind kind) {
  return kSourceKeys[static_cast<size_t>(kind)];
}

std::optional<SourceKind> source_kind_from_key(std::string_view key) {
  for (size_t i = 0; i < kSourceKeys.size(); ++i) {
    if (kSourceKeys[i] == key) return static_cast<SourceKind>(i);
  }
  return std::nullopt;
}

bool Manifest::empty() const {
  // uv leaves empty groups out, so only groups with requirements make a manifest.
  for (const RequirementGroup& group : dependency_groups) {
    if (!group.requirements.empty()) return false;
  }
  return members.empty() && requirements.empty() && constraints.empty() && overrides.empty() &&
         excludes.empty() && build_constraints.empty() && dependency_metadata.empty();
}

bool Options::empty() const {
  return resolution_mode.empty() && prerelease_mode.empty() && fork_strategy.empty() &&
         exclude_newer.empty() && exclude_newer_span.empty() && prerelease_package.empty() &&
         exclude_newer_package.empty();
}

}  // namespace roost::lock
