#include "cli/debug/lock_roundtrip_command.h"

#include "cli/app.h"
#include "lock/read_lock.h"
#include "lock/write_lock.h"

namespace roost::cli {

int debug_lock_roundtrip_command(Output& output, const std::string& file) {
  Result<lock::Lockfile> lock = lock::read_lock(file);
  if (!lock) return output.error(lock.error()), kExitError;
  output.out(lock::write_lock(*lock));
  return kExitOk;
}

}  // namespace roost::cli
