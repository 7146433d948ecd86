// `roost lock`'s work on a discovered uv workspace, shared by the commands that lock first
// (`roost sync`, `roost run`): keep a fresh uv.lock, else resolve and write it, printing
// `Resolved N packages in X ms` and the changes.
#pragma once

#include <memory>
#include <optional>

#include "cli/index_session.h"
#include "cli/output.h"
#include "cli/resolver_flags.h"
#include "lock/lockfile.h"
#include "project/uv_config.h"
#include "workspace/workspace.h"

namespace roost::cli {

struct LockOptions {
  bool check = false;   // --check / --locked: a lock that must change is exit 1
  bool frozen = false;  // --frozen / --check-exists: use uv.lock as it is
  bool dry_run = false;
  ResolverFlags resolver;
  IndexOptions index;
  // Set once the options are settled: uv's configuration they were completed from.
  std::shared_ptr<const project::UvConfig> config;
};

// The options completed from uv's environment variables and configuration files
// (uv_settings.h); options already settled come back as they are.
Result<LockOptions> settled_lock_options(const GlobalOptions& globals,
                                         const workspace::Workspace& ws, LockOptions options);

// The exit code (`options` settled): kExitOk, kExitFailure (no solution, stale under --check),
// kExitError. With `lock_out`, the lock in force on success (parsed once, for the caller to install
// from).
int lock_step(Output& output, const GlobalOptions& globals, const workspace::Workspace& ws,
              const LockOptions& options, std::optional<lock::Lockfile>* lock_out = nullptr);

}  // namespace roost::cli
