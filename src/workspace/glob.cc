// Glob parsing and matching after the Rust `glob` crate (0.3), which uv uses for workspace
// members and excludes, with its default options: case sensitive, `*` / `?` may match '/' in
// whole-path matches, leading dots need no literal match.
#include "workspace/glob.h"

#include <dirent.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

namespace roost::workspace {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kErrorWildcards = "wildcards are either regular `*` or recursive `**`";
constexpr std::string_view kErrorRecursive =
    "recursive wildcards must form a single path component";
constexpr std::string_view kErrorRange = "invalid range pattern";

Error syntax_error(std::string_view pattern, size_t position, std::string_view what) {
  Span span{"", 1, static_cast<int>(position) + 1, 1, std::string(pattern)};
  return make_error(ErrorKind::kParse, "Pattern syntax error near position " +
                                           std::to_string(position) + ": " + std::string(what))
      .with_span(std::move(span));
}

// One `[...]` class body: single characters and `a-z` ranges, as parse_char_specifiers does.
bool class_contains(std::string_view body, char c) {
  for (size_t i = 0; i < body.size();) {
    if (i + 3 <= body.size() && body[i + 1] == '-') {
      if (body[i] <= c && c <= body[i + 2]) return true;
      i += 3;
    } else {
      if (body[i] == c) return true;
      i += 1;
    }
  }
  return false;
}

// Validates the whole pattern with the crate's rules and positions.
Result<void> validate(std::string_view p) {
  size_t i = 0;
  while (i < p.size()) {
    char c = p[i];
    if (c == '*') {
      size_t start = i;
      while (i < p.size() && p[i] == '*') ++i;
      size_t count = i - start;
      if (count > 2) return syntax_error(p, start + 2, kErrorWildcards);
      if (count == 2) {
        bool after_separator = start == 0 || p[start - 1] == '/';
        if (!after_separator) return syntax_error(p, start - 1, kErrorRecursive);
        if (i < p.size() && p[i] != '/') return syntax_error(p, i, kErrorRecursive);
      }
      continue;
    }
    if (c == '[') {
      // "[!x]" needs at least one character after '!', "[x]" at least one inside: the first
      // ']' after that character closes the class, so "[]]" is a class holding ']'.
      if (i + 4 <= p.size() && p[i + 1] == '!') {
        size_t close = p.find(']', i + 3);
        if (close != std::string_view::npos) {
          i = close + 1;
          continue;
        }
      } else if (i + 3 <= p.size() && p[i + 1] != '!') {
        size_t close = p.find(']', i + 2);
        if (close != std::string_view::npos) {
          i = close + 1;
          continue;
        }
      }
      return syntax_error(p, i, kErrorRange);
    }
    ++i;
  }
  return ok();
}

// Backtracking matcher over a validated pattern. `**/` matches zero or more whole directories:
// it may only resume matching right after a '/' (or at the start).
bool match_from(std::string_view p, size_t pi, std::string_view s, size_t si) {
  while (pi < p.size()) {
    char c = p[pi];
    if (c == '*') {
      bool recursive = pi + 1 < p.size() && p[pi + 1] == '*';
      size_t next = pi + (recursive ? 2 : 1);
      if (recursive && next < p.size() && p[next] == '/') ++next;  // "**/" is one token
      if (match_from(p, next, s, si)) return true;
      for (size_t k = si; k < s.size(); ++k) {
        bool after_separator = s[k] == '/';
        if (recursive && !after_separator) continue;
        if (match_from(p, next, s, k + 1)) return true;
      }
      return false;
    }
    if (si >= s.size()) return false;
    if (c == '?') {
      ++pi;
      ++si;
      continue;
    }
    if (c == '[') {
      bool negated = p[pi + 1] == '!';
      size_t body_start = pi + (negated ? 2 : 1);
      size_t close = p.find(']', body_start + 1);
      bool inside = class_contains(p.substr(body_start, close - body_start), s[si]);
      if (inside == negated) return false;
      pi = close + 1;
      ++si;
      continue;
    }
    if (c != s[si]) return false;
    ++pi;
    ++si;
  }
  return si == s.size();
}

bool has_wildcard(std::string_view component) {
  return component.find_first_of("*?[") != std::string_view::npos;
}

std::vector<std::string> split_components(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t slash = text.find('/', start);
    if (slash == std::string_view::npos) slash = text.size();
    out.emplace_back(text.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool is_dir(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

// Sorted by their text: path::operator< compares component by component and costs ten times
// more, which shows with thousands of members.
void sort_paths(std::vector<fs::path>& paths) {
  auto less = [](const fs::path& a, const fs::path& b) { return a.native() < b.native(); };
  // One directory's children come sorted already; sorting them again compared long shared
  // prefixes n log n times.
  if (!std::is_sorted(paths.begin(), paths.end(), less))
    std::sort(paths.begin(), paths.end(), less);
}

// One directory entry: its name and readdir's type (DT_UNKNOWN when the file system does not say).
struct Child {
  std::string name;
  unsigned char type;
};

// Whether a child is a directory, following symlinks as fs::is_directory does. readdir's type
// answers without a stat for almost every entry.
bool is_dir(const fs::path& parent, const Child& child) {
  if (child.type == DT_DIR) return true;
  if (child.type != DT_LNK && child.type != DT_UNKNOWN) return false;
  return is_dir(parent / child.name);
}

// The children of a directory sorted by name (as their full paths would sort: they share the
// prefix). Read with readdir rather than std::filesystem::directory_iterator, which builds a
// path (split into components, allocated) for every entry: the glob of a 1,000-member workspace
// is one directory of 1,000 entries. An unreadable directory is an error here; callers decide.
Result<std::vector<Child>> children_of(const fs::path& dir) {
  std::vector<Child> out;
  DIR* handle = ::opendir(dir.c_str());
  if (handle == nullptr) {
    int err = errno;
    return make_error(ErrorKind::kIo,
                      "cannot list " + dir.string() + ": " + std::generic_category().message(err));
  }
  while (const dirent* entry = ::readdir(handle)) {
    std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    out.push_back({std::string(name), entry->d_type});
  }
  ::closedir(handle);
  std::sort(out.begin(), out.end(), [](const Child& a, const Child& b) { return a.name < b.name; });
  return out;
}

// Every directory below `dir` (and `dir` itself), for `**`.
void collect_directories(const fs::path& dir, std::vector<fs::path>& out) {
  out.push_back(dir);
  Result<std::vector<Child>> kids = children_of(dir);
  if (!kids.ok()) return;
  for (const Child& kid : *kids) {
    if (is_dir(dir, kid)) collect_directories(dir / kid.name, out);
  }
}

}  // namespace

Result<GlobPattern> GlobPattern::parse(std::string_view pattern) {
  ROOST_CHECK(validate(pattern));
  GlobPattern out;
  out.text_ = std::string(pattern);
  out.components_ = split_components(pattern);
  return out;
}

bool GlobPattern::matches_path(std::string_view path) const {
  return match_from(text_, 0, path, 0);
}

bool GlobPattern::matches_component(size_t component, std::string_view name) const {
  return component < components_.size() && match_from(components_[component], 0, name, 0);
}

Result<std::vector<fs::path>> expand_glob(const fs::path& base, const GlobPattern& pattern) {
  const std::vector<std::string>& parts = pattern.components();
  std::vector<fs::path> current;
  size_t first = 0;
  if (!pattern.text().empty() && pattern.text()[0] == '/') {
    current.push_back("/");
    first = 1;  // the empty component before the leading '/'
  } else {
    current.push_back(base);
  }
  for (size_t k = first; k < parts.size(); ++k) {
    const std::string& part = parts[k];
    bool last = k + 1 == parts.size();
    std::vector<fs::path> next;
    if (part.empty()) {
      // "a//b" or a trailing '/': stays in the same directory, which must be one.
      for (const fs::path& p : current) {
        if (is_dir(p)) next.push_back(p);
      }
    } else if (part == "**") {
      for (const fs::path& p : current) {
        if (is_dir(p)) collect_directories(p, next);
      }
    } else if (!has_wildcard(part)) {
      for (const fs::path& p : current) {
        fs::path candidate = p / part;
        std::error_code ec;
        bool special = part == "." || part == "..";
        if (special ? is_dir(candidate) : fs::exists(fs::symlink_status(candidate, ec))) {
          next.push_back(candidate.lexically_normal());
        }
      }
    } else {
      for (const fs::path& p : current) {
        if (!is_dir(p)) continue;
        ROOST_TRY(std::vector<Child> kids, children_of(p));
        for (const Child& kid : kids) {
          if (!pattern.matches_component(k, kid.name)) continue;
          if (!last && !is_dir(p, kid)) continue;
          next.push_back(p / kid.name);
        }
      }
    }
    current = std::move(next);
    if (current.empty()) break;
  }
  sort_paths(current);
  current.erase(
      std::unique(current.begin(), current.end(),
                  [](const fs::path& a, const fs::path& b) { return a.native() == b.native(); }),
      current.end());
  return current;
}

}  // namespace roost::workspace
