// Uninstalling from RECORD (see uninstall.h): check every path, remove files and their
// bytecode, prune empty directories deepest first, remove the .dist-info directory.
#include "install/uninstall.h"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "base/fs.h"
#include "install/relative_path.h"
#include "metadata/record.h"
#include "tags/text_span.h"

namespace roost::install {
namespace fs = std::filesystem;
namespace {

using tags::quote;

// Whether `child` is strictly below `parent` (both lexically normal and absolute).
bool is_below(const fs::path& child, const fs::path& parent) {
  auto c = child.begin();
  for (auto p = parent.begin(); p != parent.end(); ++p, ++c) {
    if (p->empty() && std::next(p) == parent.end()) break;  // a trailing "/" in `parent`
    if (c == child.end() || *c != *p) return false;
  }
  return c != child.end() && !c->empty();
}

std::optional<fs::path> real_path(const fs::path& path) {
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (resolved == nullptr) return std::nullopt;
  fs::path out(resolved);
  ::free(resolved);
  return out;
}

// "<stem>.<tag>.pyc" or "<stem>.<tag>.opt-<n>.pyc" (PEP 3147, PEP 488): the stem, else "".
std::string_view pyc_stem(std::string_view name) {
  if (name.size() < 4 || name.substr(name.size() - 4) != ".pyc") return {};
  name.remove_suffix(4);
  const size_t opt = name.rfind(".opt-");
  if (opt != std::string_view::npos) name = name.substr(0, opt);
  const size_t tag = name.rfind('.');
  return tag == std::string_view::npos || tag == 0 ? std::string_view() : name.substr(0, tag);
}

Result<fs::path> absolute_normal(const fs::path& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  if (ec)
    return make_error(ErrorKind::kIo, "cannot resolve " + path.string() + ": " + ec.message());
  return abs.lexically_normal();
}

}  // namespace

Result<UninstallResult> uninstall_distribution(const fs::path& site_packages,
                                               std::string_view dist_info, const fs::path& prefix) {
  const std::string_view suffix = ".dist-info";
  if (!is_plain_file_name(dist_info) || dist_info.size() <= suffix.size() ||
      dist_info.substr(dist_info.size() - suffix.size()) != suffix) {
    return make_error(ErrorKind::kUsage, "not a .dist-info directory name: " + quote(dist_info));
  }
  ROOST_TRY(fs::path root, absolute_normal(site_packages));
  ROOST_TRY(fs::path env, absolute_normal(prefix));
  const fs::path info_dir = root / std::string(dist_info);
  const std::string shown = info_dir.string();
  ROOST_TRY_CONTEXT(std::string text, read_file(info_dir / "RECORD"),
                    "while uninstalling " + shown);
  ROOST_TRY_CONTEXT(metadata::Record record, metadata::Record::parse(text, shown + "/RECORD"),
                    "while uninstalling " + shown);
  std::optional<fs::path> real_env = real_path(env);
  if (!real_env) {
    return make_error(ErrorKind::kIo,
                      "cannot resolve " + env.string() + ": " + errno_message(errno));
  }

  // Check every path before removing anything: lexically, then through symlinked parents.
  std::vector<fs::path> targets;
  targets.reserve(record.entries.size());
  std::unordered_map<std::string, bool> parent_inside;  // real parent inside the environment?
  for (const metadata::RecordEntry& row : record.entries) {
    fs::path path(row.path);
    fs::path target = (path.is_absolute() ? path : root / path).lexically_normal();
    auto refuse = [&] {
      return make_error(ErrorKind::kIntegrity,
                        "cannot uninstall " + shown + ": RECORD entry " + quote(row.path) +
                            " resolves outside the environment " + env.string());
    };
    if (!is_below(target, env)) return refuse();
    const std::string parent = target.parent_path().string();
    auto it = parent_inside.find(parent);
    if (it == parent_inside.end()) {
      std::optional<fs::path> real = real_path(parent);
      // A missing parent holds nothing to remove.
      it = parent_inside.emplace(parent, !real || is_below(*real, *real_env) || *real == *real_env)
               .first;
    }
    if (!it->second) return refuse();
    targets.push_back(std::move(target));
  }

  UninstallResult result;
  std::map<fs::path, std::set<std::string>> py_stems;  // directory -> stems of removed .py files
  std::set<fs::path> touched;
  for (size_t i = 0; i < targets.size(); ++i) {
    const fs::path& target = targets[i];
    if (::unlink(target.c_str()) == 0) {
      ++result.removed_files;
      touched.insert(target.parent_path());
      if (target.extension() == ".py")
        py_stems[target.parent_path()].insert(target.stem().string());
    } else if (errno == ENOENT || errno == ENOTDIR) {
      result.missing.push_back(record.entries[i].path);
      touched.insert(target.parent_path());  // it may be empty now all the same
    } else if (errno != EISDIR) {            // a directory listed in RECORD: pruned below if empty
      return make_error(ErrorKind::kIo,
                        "cannot remove " + target.string() + ": " + errno_message(errno));
    }
  }
  for (const auto& [dir, stems] : py_stems) {
    const fs::path cache = dir / "__pycache__";
    std::error_code ec;
    std::vector<fs::path> stale;
    for (fs::directory_iterator it(cache, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (stems.count(std::string(pyc_stem(name))) != 0) stale.push_back(it->path());
    }
    for (const fs::path& pyc : stale) {
      if (::unlink(pyc.c_str()) == 0) ++result.removed_files;
    }
    if (!stale.empty()) touched.insert(cache);
  }

  // Empty directories, deepest first, never `root`, `env` or env's top-level directories.
  auto prunable = [&](const fs::path& dir) {
    if (is_below(dir, root)) return true;
    if (!is_below(dir, env) || is_below(root, dir)) return false;
    return is_below(dir.parent_path(), env);  // not a top-level directory of the environment
  };
  // Every candidate once, children before parents (deeper first), so a directory is tried after
  // everything below it had its chance to go.
  std::set<fs::path> candidates;
  for (fs::path dir : touched) {
    while (prunable(dir) && dir != info_dir && candidates.insert(dir).second)
      dir = dir.parent_path();
  }
  std::vector<fs::path> dirs(candidates.begin(), candidates.end());
  std::stable_sort(dirs.begin(), dirs.end(), [](const fs::path& a, const fs::path& b) {
    return std::distance(a.begin(), a.end()) > std::distance(b.begin(), b.end());
  });
  for (const fs::path& dir : dirs) {
    if (::rmdir(dir.c_str()) == 0) ++result.removed_dirs;  // else not empty: it stays
  }

  std::error_code ec;
  const auto removed = fs::remove_all(info_dir, ec);
  if (ec) return make_error(ErrorKind::kIo, "cannot remove " + shown + ": " + ec.message());
  if (removed > 0) ++result.removed_dirs;
  return result;
}

}  // namespace roost::install
