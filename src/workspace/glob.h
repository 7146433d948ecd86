// Glob patterns with the semantics uv uses for `tool.uv.workspace` members and exclude (the Rust
// `glob` crate): `*`, `?`, `**` (a whole path component), `[abc]`, `[a-z]`, `[!abc]`; case
// sensitive; `*` matches names starting with a dot; no escape character (write `[*]`).
//
//   ROOST_TRY(GlobPattern p, GlobPattern::parse("packages/*"));
//   p.matches_path("packages/seeds");            // whole-path match: `*` may cross '/'
//   expand_glob(root, p);                         // filesystem expansion, component by component
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace roost::workspace {

class GlobPattern {
 public:
  // Errors are kParse with the glob crate's wording: "Pattern syntax error near position N: ...".
  static Result<GlobPattern> parse(std::string_view pattern);

  const std::string& text() const { return text_; }

  // Whole-string match where `*` and `?` may match '/' (glob::Pattern::matches).
  bool matches_path(std::string_view path) const;

  // Match of one path component (used by expansion; '/' never occurs in `name`).
  bool matches_component(size_t component, std::string_view name) const;

  // The pattern split at '/', e.g. "packages/*" -> {"packages", "*"}.
  const std::vector<std::string>& components() const { return components_; }

 private:
  std::string text_;
  std::vector<std::string> components_;
};

// Expands `pattern` (relative to `base`, or absolute) against the file system one component at a
// time, as the glob crate does: `*` never crosses '/', `**` matches zero or more directories.
// Returns matching paths (files and directories) sorted, without duplicates.
Result<std::vector<std::filesystem::path>> expand_glob(const std::filesystem::path& base,
                                                       const GlobPattern& pattern);

}  // namespace roost::workspace
