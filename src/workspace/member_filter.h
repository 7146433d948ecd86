// The members / exclude globs of one `[tool.uv.workspace]` table, normalised as uv does: a glob
// is resolved lexically against the root (leading `./` dropped, `..` climbing above it), so the
// root's own path is never read as a pattern.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/result.h"
#include "pyproject/tool_uv.h"
#include "workspace/glob.h"

namespace roost::workspace {

struct MemberGlob {
  std::string written;          // as in the file, for error messages
  std::filesystem::path base;   // the directory the pattern is relative to (root, or above it)
  GlobPattern pattern;          // relative to base, normalised
};

class MemberFilter {
 public:
  // Errors name the bad glob with uv's text: "Failed to find directories for glob: `g`".
  static Result<MemberFilter> create(const std::filesystem::path& root,
                                     const pyproject::WorkspaceTable& table);

  const std::vector<MemberGlob>& members() const { return members_; }
  // The paths a members glob matches on disk, component by component, sorted.
  Result<std::vector<std::filesystem::path>> expand(const MemberGlob& glob) const;
  // Whole-path matches (where `*` may cross '/'), as uv checks membership and exclusion.
  bool matches_member(const std::filesystem::path& dir) const;
  bool is_excluded(const std::filesystem::path& dir) const;

 private:
  std::vector<MemberGlob> members_;
  std::vector<MemberGlob> exclude_;
};

// A glob-matched directory without a pyproject.toml that uv skips silently instead of failing:
// hidden (name starts with '.'), holding no files at all (empty, or only empty folders), or
// holding only files git ignores.
bool is_skippable_without_pyproject(const std::filesystem::path& dir);

}  // namespace roost::workspace
