// URLs as uv.lock records them in requirements: git repositories with the requested reference in
// the query, direct archive URLs, and `file://` URLs turned into root-relative paths.
//
//   git_location("https://github.com/o/r", {.subdirectory = "a/b", .reference = {"tag", "v1"}})
//     == "https://github.com/o/r?subdirectory=a%2Fb&tag=v1"
//   ROOST_TRY(DirectUrl u, parse_direct_url("git+https://github.com/o/r@v1#subdirectory=x", dir,
//   root));
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "base/result.h"
#include "lock/lockfile.h"

namespace roost::project {

struct GitQuery {
  std::optional<std::string> subdirectory;
  std::optional<std::string> path;
  bool lfs = false;
  std::optional<std::pair<std::string, std::string>> reference;  // {"rev"|"tag"|"branch", value}
};

// uv's wire form of a git requirement (`RequirementSourceWire::Git`): the repository URL without
// credentials, query or fragment, then `subdirectory`, `path`, `lfs=true` and the reference as
// form-encoded query pairs (so "/" is written "%2F").
std::string git_location(std::string_view repository, const GitQuery& query);

// `location` of a lowered git requirement ("https://host/repo?subdirectory=a%2Fb&tag=v1") split
// into the repository, the subdirectory and the reference ("rev" / "tag" / "branch", value).
struct GitLocation {
  std::string repository;
  std::string subdirectory;
  std::string reference_kind;  // empty: the default branch
  std::string reference;
};
GitLocation parse_git_location(std::string_view location);

// The URL with `user:password@` removed (a bare `git@` user of ssh URLs stays, as in uv).
std::string without_credentials(std::string_view url);

// application/x-www-form-urlencoded, as the url crate's query_pairs_mut writes values.
std::string form_urlencode(std::string_view value);

// A PEP 508 `name @ url` requirement's source.
struct DirectUrl {
  lock::SourceKind kind = lock::SourceKind::kUrl;
  std::string location;      // as in LoweredRequirement::location
  std::string subdirectory;  // kUrl
};

// `git+...` (reference after the path's last '@', `#subdirectory=`), `file://` or a plain path
// (relative to `base_dir`; a directory or an archive, recorded relative to `root`), or an
// archive URL (`#subdirectory=` split off, other fragments such as hashes dropped).
Result<DirectUrl> parse_direct_url(std::string_view url, const std::filesystem::path& base_dir,
                                   const std::filesystem::path& root);

}  // namespace roost::project
