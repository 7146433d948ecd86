#include "git/git_checkout.h"

#include <unistd.h>

#include <optional>
#include <system_error>
#include <vector>

#include "base/fs.h"
#include "base/sha256.h"
#include "base/subprocess.h"

namespace roost::git {
namespace fs = std::filesystem;

namespace {

struct Git {
  int timeout_ms;

  // git with a clean, predictable setup: no prompts for credentials (a hang in CI is worse than
  // an error), no user or system config that could change fetch refspecs or hooks.
  Result<SubprocessResult> run(std::vector<std::string> args, const fs::path& cwd = {}) const {
    std::vector<std::string> argv = {"git",
                                     "-c",
                                     "core.hooksPath=/dev/null",
                                     "-c",
                                     "advice.detachedHead=false",
                                     "-c",
                                     "protocol.file.allow=always"};
    argv.insert(argv.end(), args.begin(), args.end());
    SubprocessOptions o{.argv = std::move(argv), .cwd = cwd, .timeout_ms = timeout_ms};
    // The inherited environment (ssh agents, proxies), but never a prompt.
    o.env_overrides = {"GIT_TERMINAL_PROMPT=0", "GIT_ASKPASS=true"};
    return run_subprocess(o);
  }

  Result<std::string> output(std::vector<std::string> args, const fs::path& cwd = {}) const {
    std::string shown = "git";
    for (const std::string& a : args) shown += " " + a;
    ROOST_TRY(SubprocessResult r, run(std::move(args), cwd));
    if (r.timed_out) return Error(ErrorKind::kSubprocess, "`" + shown + "` timed out");
    if (r.exit_code != 0) {
      std::string err = r.stderr_data;
      while (!err.empty() && (err.back() == '\n' || err.back() == ' ')) err.pop_back();
      return Error(ErrorKind::kSubprocess, "`" + shown + "` failed: " + err);
    }
    std::string out = r.stdout_data;
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
  }
};

// The commit `spec` names in the mirror, or nullopt.
std::optional<std::string> resolve_in(const Git& git, const fs::path& db, const std::string& spec) {
  auto r =
      git.run({"--git-dir", db.string(), "rev-parse", "--verify", "--quiet", spec + "^{commit}"});
  if (!r.ok() || r->exit_code != 0) return std::nullopt;
  std::string out = r->stdout_data;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// What to try, in order, for a reference inside the mirror after a fetch.
std::vector<std::string> candidates(const GitReference& ref) {
  switch (ref.kind) {
    case GitReference::Kind::kDefault:
      return {"refs/remotes/origin/HEAD"};
    case GitReference::Kind::kBranch:
      return {"refs/remotes/origin/" + ref.name};
    case GitReference::Kind::kTag:
      return {"refs/tags/" + ref.name};
    case GitReference::Kind::kRev:
      // uv's order for `rev`: a branch, then a tag, then a commit (prefix).
      return {"refs/remotes/origin/" + ref.name, "refs/tags/" + ref.name, ref.name};
  }
  return {};
}

Result<void> ensure_mirror(const Git& git, const fs::path& db) {
  if (fs::exists(db / "HEAD")) return {};
  std::error_code ec;
  fs::create_directories(db.parent_path(), ec);
  fs::path tmp = db.string() + ".tmp-" + std::to_string(::getpid());
  fs::remove_all(tmp, ec);
  ROOST_TRY(std::string ignored, git.output({"init", "--quiet", "--bare", tmp.string()}));
  (void)ignored;
  fs::rename(tmp, db, ec);
  if (ec && !fs::exists(db / "HEAD")) {
    return Error(ErrorKind::kIo, "cannot create git cache " + db.string() + ": " + ec.message());
  }
  fs::remove_all(tmp, ec);
  return {};
}

Result<void> fetch(const Git& git, const fs::path& db, const std::string& repository,
                   const GitReference& ref) {
  std::vector<std::string> args = {"--git-dir",
                                   db.string(),
                                   "fetch",
                                   "--quiet",
                                   "--force",
                                   "--tags",
                                   repository,
                                   "+refs/heads/*:refs/remotes/origin/*",
                                   "+HEAD:refs/remotes/origin/HEAD"};
  // A commit id that no branch or tag reaches must be asked for by name.
  if (ref.kind == GitReference::Kind::kRev && is_full_commit(ref.name)) args.push_back(ref.name);
  ROOST_TRY(std::string ignored, git.output(std::move(args)));
  (void)ignored;
  return {};
}

Result<fs::path> ensure_checkout(const Git& git, const fs::path& db, const fs::path& dir,
                                 const std::string& commit) {
  if (fs::exists(dir / ".roost-checkout-ok")) return dir;
  std::error_code ec;
  fs::create_directories(dir.parent_path(), ec);
  fs::path tmp = dir.string() + ".tmp-" + std::to_string(::getpid());
  fs::remove_all(tmp, ec);
  ROOST_TRY(std::string cloned, git.output({"clone", "--quiet", "--no-checkout", "--shared",
                                            db.string(), tmp.string()}));
  ROOST_TRY(std::string checked, git.output({"checkout", "--quiet", "--detach", commit}, tmp));
  (void)cloned, (void)checked;
  ROOST_CHECK(write_file_atomic(tmp / ".roost-checkout-ok", commit + "\n"));
  // Another process may have finished the same checkout first; theirs is as good as ours.
  fs::rename(tmp, dir, ec);
  if (ec) {
    fs::remove_all(tmp, ec);
    if (!fs::exists(dir / ".roost-checkout-ok")) {
      return Error(ErrorKind::kIo, "cannot create git checkout " + dir.string());
    }
  }
  return dir;
}

}  // namespace

bool is_full_commit(std::string_view text) {
  if (text.size() != 40 && text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Result<GitCheckout> checkout_git(const GitRequest& request, const fs::path& root) {
  Git git{request.timeout_ms};
  std::string key = to_hex(sha256(request.repository)).substr(0, 16);
  fs::path db = root / "db" / key;
  ROOST_CHECK(ensure_mirror(git, db));

  std::optional<std::string> commit;
  // A pinned commit (the lock's, or a full id as `rev`) the mirror has needs no fetch.
  std::string pinned = request.locked_commit;
  if (pinned.empty() && request.reference.kind == GitReference::Kind::kRev &&
      is_full_commit(request.reference.name)) {
    pinned = request.reference.name;
  }
  if (!pinned.empty()) commit = resolve_in(git, db, pinned);
  if (!commit) {
    if (request.offline) {
      return Error(ErrorKind::kNotFound, "offline: git repository " + request.repository +
                                             " is not in the cache at the needed commit");
    }
    ROOST_CHECK(fetch(git, db, request.repository, request.reference));
    if (!pinned.empty()) commit = resolve_in(git, db, pinned);
    for (const std::string& spec : candidates(request.reference)) {
      if (commit) break;
      commit = resolve_in(git, db, spec);
    }
  }
  if (!commit) {
    return Error(ErrorKind::kNotFound, "git repository " + request.repository +
                                           " has no reference `" + request.reference.name + "`");
  }
  ROOST_TRY(fs::path dir, ensure_checkout(git, db, root / "checkouts" / key / *commit, *commit));
  return GitCheckout{*commit, dir};
}

}  // namespace roost::git
