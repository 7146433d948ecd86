// `roost run`'s fast path: after a run that locked and synced successfully, the files whose
// change could change that outcome are recorded with their identity (mtime, size, inode); the
// next run with the same flags from the same directory stats them and, when none changed,
// execs the command at once, without discovering, parsing or planning anything.
//
// Watched: uv.lock, every member's pyproject.toml, the directories member globs list (a member
// added or removed changes its parent's mtime), every directory from the working directory up
// to `/` (a new pyproject.toml or .python-version changes one of them), the venv's pyvenv.cfg
// and its site-packages directory (an install or removal changes it).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "workspace/workspace.h"

namespace roost::cli {

struct RunTarget {
  std::filesystem::path venv;
  std::filesystem::path scripts;  // the venv's bin/, put first on PATH
};

// Where a run's fingerprint lives (<cache>/run-v1/<hash of cwd and flags>) and the key it must
// hold, compared in full.
struct RunFingerprint {
  std::filesystem::path path;
  std::string key;
};
RunFingerprint run_fingerprint(const std::filesystem::path& cache_root,
                               const std::filesystem::path& cwd, const std::string& flags_text);

// The recorded target when the key matches and every watched file is as recorded; nullopt
// otherwise (or when there is no fingerprint).
std::optional<RunTarget> fresh_run_target(const RunFingerprint& fingerprint);

// Records the fingerprint after a successful sync (best effort: a failure only costs the next
// run its fast path).
// `settings`: uv's configuration files and their candidates (uv_settings.h), watched too.
void record_run_fingerprint(const RunFingerprint& fingerprint, const workspace::Workspace& ws,
                            const std::filesystem::path& cwd, const RunTarget& target,
                            const std::filesystem::path& site_packages,
                            const std::vector<std::filesystem::path>& settings);

}  // namespace roost::cli
