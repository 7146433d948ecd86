#include "python/pyenv_shim.h"

#include <sstream>
#include <vector>

#include "base/fs.h"
#include "python/search_path.h"

namespace roost::python {
namespace fs = std::filesystem;

namespace {

std::vector<std::string> version_names(const std::string& text) {
  std::string spaced = text;
  for (char& c : spaced) {
    if (c == ':') c = ' ';
  }
  std::istringstream in(spaced);
  std::vector<std::string> out;
  for (std::string word; in >> word;) {
    if (!word.starts_with("#")) out.push_back(word);
  }
  return out;
}

std::optional<std::string> selected_versions(const PyenvSelection& s) {
  if (s.version_env && !s.version_env->empty()) return *s.version_env;
  for (fs::path dir = s.cwd; !dir.empty(); dir = dir.parent_path()) {
    Result<std::optional<std::string>> text = read_file_if_exists(dir / ".python-version");
    if (text.ok() && *text) return **text;
    if (dir == dir.root_path()) break;
  }
  Result<std::optional<std::string>> global = read_file_if_exists(s.root / "version");
  if (global.ok() && *global) return **global;
  return std::nullopt;  // pyenv's default: system
}

}  // namespace

std::optional<fs::path> resolve_pyenv_shim(const fs::path& shim, const PyenvSelection& selection) {
  std::error_code ec;
  if (!fs::equivalent(shim.parent_path(), selection.root / "shims", ec)) return std::nullopt;
  std::optional<std::string> versions = selected_versions(selection);
  if (!versions) return std::nullopt;
  for (const std::string& name : version_names(*versions)) {
    if (name == "system") return std::nullopt;
    fs::path candidate = selection.root / "versions" / name / "bin" / shim.filename();
    if (is_executable_file(candidate)) return candidate;
  }
  return std::nullopt;
}

}  // namespace roost::python
