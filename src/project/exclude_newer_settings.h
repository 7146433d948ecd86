// A workspace's `exclude-newer` rules (resolve/python/exclude_newer.h) as uv gathers them, and
// how uv.lock's `[options]` records them (uv.md §2.1 item 7):
// - `--exclude-newer VALUE` over uv's configuration (`exclude-newer`, uv_config.h);
// - `--exclude-newer-package NAME=VALUE` (repeatable) over the configuration's
//   `exclude-newer-package = { name = "VALUE" | false }` tables, name by name.
// A span ("3 days") is written as uv 0.12 does: `exclude-newer` holds a placeholder timestamp
// with uv's comment and `exclude-newer-span` the ISO 8601 span ("P3D"), so that locking again
// days later leaves the file unchanged.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "lock/lockfile.h"
#include "project/uv_config.h"
#include "resolve/python/exclude_newer.h"

namespace roost::project {

struct ExcludeNewerFlags {
  std::optional<std::string> global;  // --exclude-newer
  std::vector<std::string> packages;  // --exclude-newer-package NAME=VALUE
};

// The rules in force (`config` null: the flags alone); a malformed value is a kUsage error
// naming the flag, or the configuration file and line.
Result<resolve::python::ExcludeNewer> exclude_newer_rules(const UvConfig* config,
                                                          const ExcludeNewerFlags& flags);

// Writes the rules into a new lock's options. Entries of `exclude-newer-package` that the
// `existing` lock already lists keep its order (uv writes them in hash order); new ones follow
// by name. A package's span is written with the timestamp it gives at `now_ms`, as uv does,
// unless the existing lock has the same span: its timestamp is kept, so relocking later does
// not churn the file.
void record_exclude_newer(const resolve::python::ExcludeNewer& rules, lock::Options& options,
                          const lock::Options* existing, int64_t now_ms);

// What uv says when it resolves again because a span changed: "Resolving despite existing
// lockfile due to change of exclude newer span from `P3W` to `P2W`" (with " for package `x`"
// for a package's); nothing for other changes.
std::vector<std::string> exclude_newer_span_changes(const lock::Options& locked,
                                                    const resolve::python::ExcludeNewer& rules);

// Whether a lock's options record exactly these rules (a span matches by its span alone: the
// timestamp a relative value once gave is not compared).
bool records_exclude_newer(const lock::Options& options,
                           const resolve::python::ExcludeNewer& rules);

}  // namespace roost::project
