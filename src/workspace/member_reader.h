// Internal to src/workspace/: reading and parsing the pyproject.toml of discovery's directories,
// one at a time or (pass 2, the members) many in parallel.
//
//   MemberReader reader(/*may_be_large=*/true);   // helpers start now (EarlyPool says why)
//   ... expand the member globs ...
//   std::vector<LoadedFile> files = reader.read_all(dirs, collecting);
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "base/result.h"
#include "pyproject/pyproject.h"
#include "workspace/early_pool.h"
#include "workspace/internal.h"

namespace roost::workspace {

// What discovery's pass 3 needs of a parsed model, read on the thread that parsed it while the
// model is in that core's cache (see PackageFacts).
struct ModelFacts {
  bool managed = false;
  bool has_workspace = false;
  std::optional<pep508::PackageName> name;  // project.name, when there is a [project]
  PackageFacts package;

  explicit ModelFacts(const pyproject::PyProject& p);
};

// One directory's pyproject.toml: absent, or the model, or the errors that broke it.
struct LoadedFile {
  bool absent = false;  // no pyproject.toml there (or the directory is not one)
  std::shared_ptr<const pyproject::PyProject> file;
  std::vector<Error> errors;        // every error in collecting mode, else the first
  std::optional<ModelFacts> facts;  // with `file`
};

// Reads and parses <dir>/pyproject.toml. `collecting` (for `roost workspace check`) gathers
// every error of the file; a file with errors gives no model then.
LoadedFile read_pyproject_in(const std::filesystem::path& dir, bool collecting);

class MemberReader {
 public:
  // Below this many files, reading them on one thread is as fast.
  static constexpr size_t kParallelFrom = 32;

  // With `may_be_large` (the globs may match many directories) and more than one hardware
  // thread, helper threads are started now, ahead of read_all().
  explicit MemberReader(bool may_be_large);

  // read_pyproject_in() of every directory, in parallel when there are enough of them.
  // At most once per reader.
  std::vector<LoadedFile> read_all(const std::vector<const std::filesystem::path*>& dirs,
                                   bool collecting);

 private:
  size_t threads_;
  std::optional<EarlyPool> pool_;
};

}  // namespace roost::workspace
