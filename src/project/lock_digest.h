// uv.lock read for a freshness check: everything but what check_lock_freshness() never reads.
// The distributions (`sdist = ...` lines, `wheels = [...]` blocks: hashes, URLs, sizes) are most
// of a lock's bytes, and the edges of registry and git packages (`dependencies`, their
// optional / dev dependency tables, `resolution-markers`) most of the rest; the check, like
// uv's, walks only from the members through mutable packages. They are cut from the text
// before it is parsed, keeping each line break so line numbers stay the file's.
//
//   ROOST_TRY(lock::Lockfile lock, read_lock_digest(root / "uv.lock"));
//   Freshness f = check_lock_freshness(lowered, lock);   // lock.packages[i].wheels are empty
//
// Registry packages (most of a lock's tables) do not reach the TOML parser at all: their name,
// version and source are taken from their first lines.
//
// The cut relies on the canonical layout uv (and lock::write_lock) writes: keys at the start of
// lines, `name`, `version`, `source` first, the edges after them, multi-line arrays closed by a
// `]` line. A file that does not parse after the cut is parsed whole, so its errors point where
// they are.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "lock/lockfile.h"

namespace roost::project {

// `text` without those lines (each line break kept; registry packages stay in it).
std::string without_distributions(std::string_view text);

// lock::parse_lock of that text, with the registry packages put back in their places; on an
// error, the whole text's error.
Result<lock::Lockfile> parse_lock_digest(std::string_view text, std::string_view file = "uv.lock");
// The same from a file, read in chunks (never whole unless it must be parsed whole); nullopt
// when there is no such file.
Result<std::optional<lock::Lockfile>> read_lock_digest_if_exists(
    const std::filesystem::path& path);
Result<lock::Lockfile> read_lock_digest(const std::filesystem::path& path);

}  // namespace roost::project
