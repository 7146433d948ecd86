// Git sources with the system `git`: a bare mirror of each repository in the cache, fetched when
// the requested reference is not already there, and a read-only checkout per commit that
// resolution and builds read from. A full commit id that the mirror already holds needs no
// network at all, which is how a locked git dependency stays usable offline.
//
//   ROOST_TRY(GitCheckout c, checkout_git({.repository = "https://github.com/o/r",
//                                          .reference = GitReference::branch("main")},
//                                         cache_root / "git-v1"));
//   read(c.directory / "pyproject.toml");  // c.commit is the full 40-hex id
#pragma once

#include <filesystem>
#include <string>

#include "base/result.h"

namespace roost::git {

struct GitReference {
  enum class Kind { kDefault, kBranch, kTag, kRev };
  Kind kind = Kind::kDefault;
  std::string name;  // branch / tag name, or a commit (full or abbreviated) or any ref for kRev

  static GitReference branch(std::string n) { return {Kind::kBranch, std::move(n)}; }
  static GitReference tag(std::string n) { return {Kind::kTag, std::move(n)}; }
  static GitReference rev(std::string n) { return {Kind::kRev, std::move(n)}; }
};

struct GitRequest {
  std::string repository;  // as `git fetch` takes it: https://, ssh, file:// or a path
  GitReference reference;
  // The commit an existing lock pinned: used without fetching when the mirror has it.
  std::string locked_commit;
  bool offline = false;
  int timeout_ms = 10 * 60 * 1000;
};

struct GitCheckout {
  std::string commit;               // full 40-hex id
  std::filesystem::path directory;  // the work tree at that commit (shared; do not modify)
};

// `root` is the cache's git bucket; mirrors live in root/db/<key>, checkouts in
// root/checkouts/<key>/<commit>. Errors: kSubprocess when git is missing or fails (its stderr
// included), kNotFound for a reference the repository does not have, or offline and not cached.
Result<GitCheckout> checkout_git(const GitRequest& request, const std::filesystem::path& root);

// Whether `text` is a full commit id (40 lowercase hex digits; SHA-256 repositories: 64).
bool is_full_commit(std::string_view text);

}  // namespace roost::git
