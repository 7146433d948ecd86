// Writing uv.lock: Lockfile -> the exact bytes uv writes (its canonical layout, not a generic
// TOML dump), so `parse_lock` + `write_lock` of a uv-written lock gives the same file back.
//
//   std::string text = lock::write_lock(lock);
//   ROOST_CHECK(write_file_atomic(root / "uv.lock", text));
//
// Lists are written in the model's order; a producer (the resolver) sorts them as uv does
// (README.md: "Order"). Tables and keys with nothing to say are left out, as uv leaves them out.
#pragma once

#include <string>

#include "lock/lockfile.h"

namespace roost::lock {

std::string write_lock(const Lockfile& lock);

}  // namespace roost::lock
