// `roost sync`'s last step as a use case: make an environment hold exactly (or at least) an
// install set. Under the environment's file lock it scans site-packages, plans against the
// wanted distributions (install/plan.h), removes what must go, fetches the missing wheels into
// the cache (verified against the lock's hashes), builds what only a PEP 517 backend can make
// into a wheel (source_builds.h), unpacks each wheel once, and installs them in parallel by
// linking from the cache; workspace members are installed as editables natively when their
// backend allows (build/native_editable.h), else through PEP 660.
//
//   ROOST_TRY(SyncReport r, sync_environment(items, env, fetch, options));
//   for (const SyncChange& c : r.installed) print(" + " + c.name + "==" + c.version);
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/result.h"
#include "install/install_wheel.h"
#include "install/link.h"
#include "install/plan.h"
#include "project/build_environment.h"
#include "project/install_set.h"
#include "project/source_packages.h"
#include "python/scheme.h"

namespace roost::project {

struct SyncEnvironment {
  std::filesystem::path workspace_root;  // what local wheel paths in the lock are relative to
  std::filesystem::path root;            // the venv
  python::Scheme scheme;
};

struct SyncOptions {
  bool exact = true;  // remove what the set does not hold (`roost sync`); `roost run`: false
  install::PlanOptions plan;  // --reinstall / --reinstall-package
  install::LinkMode link_mode = install::LinkMode::kClone;
  size_t threads = 0;  // 0: one per core
  // --compile-bytecode: byte-compile site-packages after installing, with the environment's
  // Python (`compileall`, as uv and pip do), so the first import does not pay for it.
  bool compile_bytecode = false;
  // How sdists, source trees, git checkouts and editables that roost cannot install natively
  // are built (source_builds.h); null: such items are refused with an error saying so.
  const BuildTools* builds = nullptr;
};

struct SyncChange {
  std::string name;
  std::string version;
};

struct SyncReport {
  size_t wanted = 0;                    // the install set's size
  std::vector<SyncChange> installed;    // sorted by name (reinstalls appear in both lists)
  std::vector<SyncChange> uninstalled;  // sorted by name
  std::vector<std::string> warnings;    // link fallback, unreadable dist-info, ...
  bool changed() const { return !installed.empty() || !uninstalled.empty(); }
};

Result<SyncReport> sync_environment(const std::vector<InstallItem>& items,
                                    const SyncEnvironment& env, const SourceFetch& fetch,
                                    const SyncOptions& options);

}  // namespace roost::project
