// Normalisation and matching of workspace member / exclude globs (uv.md §1.3).
#include "workspace/member_filter.h"

#include <system_error>

#include "workspace/gitignore.h"

namespace roost::workspace {
namespace {

namespace fs = std::filesystem;

// Splits "./a/../../b/*" into a base above `root` and a normalised relative pattern: lexically,
// like uv's path normalisation of globs.
Result<MemberGlob> normalise(const fs::path& root, const pyproject::Located<std::string>& glob) {
  fs::path base = root;
  std::vector<std::string> parts;
  std::string text = glob.value;
  bool absolute = !text.empty() && text[0] == '/';
  if (absolute) base = "/";
  size_t start = 0;
  while (start <= text.size()) {
    size_t slash = text.find('/', start);
    if (slash == std::string::npos) slash = text.size();
    std::string part = text.substr(start, slash - start);
    start = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty())
        parts.pop_back();
      else
        base = base.parent_path();
      continue;
    }
    parts.push_back(part);
  }
  std::string relative;
  for (const std::string& part : parts) relative += (relative.empty() ? "" : "/") + part;
  Result<GlobPattern> pattern = GlobPattern::parse(relative);
  if (!pattern.ok()) {
    return make_error(ErrorKind::kUsage,
                      "Failed to find directories for glob: `" + glob.value + "`")
        .with_context(pattern.error().message());
  }
  return MemberGlob{glob.value, base.lexically_normal(), std::move(pattern).value()};
}

// True when `path` is already what lexically_normal() would make it, as the directories glob
// expansion gives are: no `.` or `..` components, no doubled or trailing slash.
bool is_plain(std::string_view path) {
  if (path.empty() || path.back() == '/' || path.find("//") != std::string_view::npos) return false;
  for (size_t at = 0; at < path.size();) {
    size_t slash = path.find('/', at);
    std::string_view part = path.substr(at, slash == std::string_view::npos ? slash : slash - at);
    if (part == "." || part == "..") return false;
    if (slash == std::string_view::npos) break;
    at = slash + 1;
  }
  return true;
}

bool matches(const MemberGlob& glob, const fs::path& dir) {
  // The common case without fs::path's normalisation (a third of discovery's time before the
  // member files were read, on a workspace with a hundred members and a few excludes).
  const std::string& base = glob.base.native();
  if (is_plain(dir.native()) && (base == "/" || is_plain(base))) {
    std::string_view path = dir.native();
    if (path == base) return glob.pattern.matches_path("");
    size_t prefix = base == "/" ? 1 : base.size() + 1;
    if (path.size() <= prefix || path.compare(0, base.size(), base) != 0 ||
        path[prefix - 1] != '/') {
      return false;
    }
    return glob.pattern.matches_path(path.substr(prefix));
  }
  fs::path relative = dir.lexically_normal().lexically_relative(glob.base);
  if (relative.empty()) return false;
  std::string text = relative.generic_string();
  if (text == ".") text.clear();
  if (text.rfind("..", 0) == 0) return false;
  return glob.pattern.matches_path(text);
}

bool is_base(const MemberGlob& glob, const fs::path& dir) {
  if (is_plain(dir.native())) return dir.native() == glob.base.native();
  return dir.lexically_normal() == glob.base;
}

bool holds_any_file(const fs::path& dir) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_directory(ec)) return true;
  }
  return false;
}

}  // namespace

Result<MemberFilter> MemberFilter::create(const fs::path& root,
                                          const pyproject::WorkspaceTable& table) {
  MemberFilter filter;
  for (const auto& glob : table.members) {
    ROOST_TRY(MemberGlob g, normalise(root, glob));
    filter.members_.push_back(std::move(g));
  }
  for (const auto& glob : table.exclude) {
    ROOST_TRY(MemberGlob g, normalise(root, glob));
    filter.exclude_.push_back(std::move(g));
  }
  return filter;
}

Result<std::vector<fs::path>> MemberFilter::expand(const MemberGlob& glob) const {
  if (glob.pattern.text().empty()) return std::vector<fs::path>{glob.base};
  Result<std::vector<fs::path>> paths = expand_glob(glob.base, glob.pattern);
  if (!paths.ok()) {
    return make_error(ErrorKind::kIo,
                      "Directory walking failed for `tool.uv.workspace.members` glob: `" +
                          glob.written + "`")
        .with_context(paths.error().message());
  }
  return paths;
}

bool MemberFilter::matches_member(const fs::path& dir) const {
  for (const MemberGlob& g : members_) {
    if (g.pattern.text().empty() ? is_base(g, dir) : matches(g, dir)) return true;
  }
  return false;
}

bool MemberFilter::is_excluded(const fs::path& dir) const {
  for (const MemberGlob& g : exclude_) {
    if (g.pattern.text().empty() ? is_base(g, dir) : matches(g, dir)) return true;
  }
  return false;
}

bool is_skippable_without_pyproject(const fs::path& dir) {
  std::string name = dir.filename().string();
  if (!name.empty() && name[0] == '.') return true;
  return !holds_any_file(dir) || holds_only_ignored_files(dir);
}

}  // namespace roost::workspace
