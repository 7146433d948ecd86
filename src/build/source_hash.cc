// Hashing a source tree (see source_hash.h).
#include "build/source_hash.h"

#include <sys/stat.h>

#include <algorithm>
#include <array>

#include "base/sha256.h"

namespace roost::build {
namespace fs = std::filesystem;
namespace {

struct Item {
  std::string path;  // relative, "/"-separated
  char type;         // 'f' file, 'x' executable file, 'l' symbolic link
};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Result<void> walk(const fs::path& root, const fs::path& dir, const std::string& prefix,
                  const std::vector<fs::path>& exclude, std::vector<Item>& items) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) return make_error(ErrorKind::kIo, "cannot list " + dir.string() + ": " + ec.message());
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    const fs::path& path = it->path();
    const std::string name = path.filename().string();
    const std::string relative = prefix + name;
    const fs::file_status status = it->symlink_status(ec);
    if (ec) return make_error(ErrorKind::kIo, "cannot stat " + path.string() + ": " + ec.message());
    if (!exclude.empty() &&
        std::find(exclude.begin(), exclude.end(), path.lexically_normal()) != exclude.end()) {
      continue;
    }
    if (fs::is_directory(status)) {
      if (is_skipped_directory(name, prefix.empty())) continue;
      ROOST_CHECK(walk(root, path, relative + "/", exclude, items));
    } else if (fs::is_symlink(status)) {
      items.push_back({relative, 'l'});
    } else if (fs::is_regular_file(status) && !ends_with(name, ".pyc")) {
      const bool exec = (status.permissions() & fs::perms::owner_exec) != fs::perms::none;
      items.push_back({relative, exec ? 'x' : 'f'});
    }
  }
  if (ec) return make_error(ErrorKind::kIo, "cannot list " + dir.string() + ": " + ec.message());
  return ok();
}

}  // namespace

bool is_skipped_directory(std::string_view name, bool top_level) {
  static constexpr std::array<std::string_view, 11> kAnywhere = {
      ".git", ".hg",         ".svn",          "__pycache__", ".venv",       ".tox",
      ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", "node_modules"};
  if (std::find(kAnywhere.begin(), kAnywhere.end(), name) != kAnywhere.end()) return true;
  if (ends_with(name, ".egg-info")) return true;
  return top_level && (name == "build" || name == "dist");
}

Result<std::string> hash_source_tree(const fs::path& dir, const std::vector<fs::path>& exclude) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return make_error(ErrorKind::kNotFound, dir.string() + " is not a directory");
  }
  std::vector<fs::path> excluded;
  for (const fs::path& p : exclude) excluded.push_back(p.lexically_normal());
  std::vector<Item> items;
  ROOST_CHECK(walk(dir, dir, "", excluded, items));
  std::sort(items.begin(), items.end(),
            [](const Item& a, const Item& b) { return a.path < b.path; });
  Sha256 tree;
  for (const Item& item : items) {
    const fs::path path = dir / item.path;
    std::string line = std::string(1, item.type) + '\0' + item.path + '\0';
    if (item.type == 'l') {
      line += fs::read_symlink(path, ec).string();
      if (ec)
        return make_error(ErrorKind::kIo, "cannot read " + path.string() + ": " + ec.message());
    } else {
      ROOST_TRY(Sha256Digest digest, sha256_file(path));
      line += to_hex(digest);
    }
    tree.update(line + '\n');
  }
  return to_hex(tree.finish());
}

}  // namespace roost::build
