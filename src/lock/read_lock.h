// Reading uv.lock: text -> Lockfile, or the first problem with file:line:col and a caret.
//
//   ROOST_TRY(lock::Lockfile lock, lock::read_lock(root / "uv.lock"));
//   Result<lock::Lockfile> parsed = lock::parse_lock(text, "uv.lock");
//
// Every key of the format is read into the model; a key the model does not know is an error
// (`unknown key `foo` in `package[3]``), never dropped, so write_lock() can promise that what it
// writes holds everything that was read.
#pragma once

#include <filesystem>
#include <string_view>

#include "base/result.h"
#include "lock/lockfile.h"

namespace roost::lock {

// `file` names the file in errors; it may be empty for in-memory text.
Result<Lockfile> parse_lock(std::string_view text, std::string_view file = "uv.lock");
// The file at `path`, read and parsed (kNotFound when it does not exist).
Result<Lockfile> read_lock(const std::filesystem::path& path);

}  // namespace roost::lock
