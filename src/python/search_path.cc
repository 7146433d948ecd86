// PATH and pyenv enumeration (search_path.h). std::filesystem's error_code overloads only: our
// code does not throw.
#include "python/search_path.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <system_error>
#include <utility>

#include "pep440/version.h"

namespace roost::python {
namespace fs = std::filesystem;

namespace {

// "python3.12" -> 12 when major is 3; nullopt for any other name.
std::optional<uint64_t> versioned_minor(std::string_view name, uint64_t major) {
  std::string prefix = "python" + std::to_string(major) + ".";
  if (!name.starts_with(prefix)) return std::nullopt;
  std::string_view rest = name.substr(prefix.size());
  uint64_t minor = 0;
  auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), minor);
  if (ec != std::errc() || end != rest.data() + rest.size() || rest.empty()) return std::nullopt;
  return minor;
}

}  // namespace

std::vector<fs::path> search_path_dirs(std::string_view path_env) {
  std::vector<fs::path> dirs;
  while (true) {
    size_t colon = path_env.find(':');
    std::string_view entry = path_env.substr(0, colon);
    if (!entry.empty() && entry.find("/WindowsApps") == std::string_view::npos) {
      dirs.emplace_back(std::string(entry));
    }
    if (colon == std::string_view::npos) return dirs;
    path_env.remove_prefix(colon + 1);
  }
}

std::vector<std::string> executable_names(const PythonRequest& request) {
  uint64_t major = 3;
  if (request.kind == RequestKind::kVersion && !request.version.empty()) major = request.version[0];
  std::vector<std::string> names;
  if (auto mm = request.major_minor()) {
    names.push_back("python" + std::to_string(mm->first) + "." + std::to_string(mm->second));
  }
  names.push_back("python" + std::to_string(major));
  names.push_back("python");
  return names;
}

std::vector<fs::path> versioned_executables(const fs::path& dir, uint64_t major,
                                            const std::vector<std::string>& skip) {
  std::vector<std::pair<uint64_t, fs::path>> found;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    std::optional<uint64_t> minor = versioned_minor(name, major);
    if (!minor || std::find(skip.begin(), skip.end(), name) != skip.end()) continue;
    if (is_executable_file(it->path())) found.emplace_back(*minor, it->path());
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<fs::path> out;
  for (auto& [minor, path] : found) out.push_back(std::move(path));
  return out;
}

std::vector<fs::path> pyenv_interpreters(const fs::path& pyenv_root) {
  struct Entry {
    std::optional<pep440::Version> version;
    std::string name;
    fs::path executable;
  };
  std::vector<Entry> entries;
  std::error_code ec;
  for (fs::directory_iterator it(pyenv_root / "versions", ec), end; !ec && it != end;
       it.increment(ec)) {
    for (const char* exe : {"bin/python3", "bin/python"}) {
      fs::path candidate = it->path() / exe;
      if (!is_executable_file(candidate)) continue;
      std::string name = it->path().filename().string();
      Result<pep440::Version> version = pep440::Version::parse(name);
      entries.push_back({version.ok() ? std::optional(std::move(version).value()) : std::nullopt,
                         name, candidate});
      break;
    }
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.version.has_value() != b.version.has_value()) return a.version.has_value();
    if (a.version && *a.version != *b.version) return *a.version > *b.version;
    return a.name < b.name;
  });
  std::vector<fs::path> out;
  for (Entry& e : entries) out.push_back(std::move(e.executable));
  return out;
}

bool is_executable_file(const fs::path& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

bool is_shims_dir(const fs::path& dir) {
  return dir.filename() == "shims" ||
         (dir.filename().empty() && dir.parent_path().filename() == "shims");
}

}  // namespace roost::python
