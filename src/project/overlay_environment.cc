#include "project/overlay_environment.h"

#include "base/fs.h"

namespace roost::project {
namespace fs = std::filesystem;

namespace {

// A Python string literal of a path (repr-style: quotes and backslashes escaped).
std::string python_string(const fs::path& path) {
  std::string out = "'";
  for (char c : path.string()) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

Result<CachedEnvironment> overlay_environment(const std::vector<std::string>& requirements,
                                              const python::Scheme& base, const BuildTools& tools) {
  // site.addsitedir, not a bare path: the project's own .pth files (its editables) must run.
  std::string paths = "import site; site.addsitedir(" + python_string(base.purelib) + ")\n";
  if (base.platlib != base.purelib) {
    paths += "import site; site.addsitedir(" + python_string(base.platlib) + ")\n";
  }
  ROOST_TRY(
      CachedEnvironment overlay,
      cached_environment({requirements, cache::Bucket::kEnvironments, "overlay\n" + paths}, tools));
  // Checked on every use: an interrupted first use may have left the overlay without it.
  fs::path pth =
      python::venv_scheme(*tools.interpreter, overlay.root).purelib / "_roost_overlay.pth";
  ROOST_TRY(std::optional<std::string> written, read_file_if_exists(pth));
  if (written != paths) ROOST_CHECK(write_file_atomic(pth, paths));
  return overlay;
}

}  // namespace roost::project
