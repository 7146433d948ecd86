// One declared requirement with its `tool.uv.sources` entry applied, as uv-distribution's
// `LoweredRequirement::from_requirement` does it (../shared/reference/uv.md §1.5).
#include <algorithm>
#include <system_error>

#include "project/index_settings.h"
#include "project/lowering_internal.h"
#include "project/url_source.h"
#include "project/uv_marker.h"

namespace roost::project::detail {
namespace {

namespace fs = std::filesystem;
using pep508::Marker;
using pyproject::Source;

// uv's LoweringError texts.
std::string missing_workspace_source(const std::string& n) {
  return "`" + n +
         "` is included as a workspace member, but is missing an entry in `tool.uv.sources` (e.g., "
         "`" +
         n + " = { workspace = true }`)";
}
std::string non_workspace_source(const std::string& n, std::string_view kind) {
  return "`" + n + "` is included as a workspace member, but references a " + std::string(kind) +
         " in `tool.uv.sources`. Workspace members must be declared as workspace sources (e.g., `" +
         n + " = { workspace = true }`).";
}
std::string undeclared_workspace_package(const std::string& n) {
  return "`" + n + "` references a workspace in `tool.uv.sources` (e.g., `" + n +
         " = { workspace = true }`), but is not a workspace member";
}

// The byte offset of 1-based UTF-8 character column `column` in `line`.
size_t byte_offset(std::string_view line, uint32_t column) {
  size_t at = 0;
  for (uint32_t c = 1; c < column && at < line.size(); ++c) {
    ++at;
    while (at < line.size() && (static_cast<unsigned char>(line[at]) & 0xC0) == 0x80) ++at;
  }
  return at;
}

// A dependency's extras in the order its string lists them, read back from the pyproject text
// (the parsed requirement keeps them sorted; uv.lock keeps the written order). Empty when the
// text is not a plain one-line string whose extras match the parsed ones.
std::vector<std::string> written_extras(const pyproject::Dependency& dep,
                                        const pyproject::SourceFile& file) {
  std::string_view line = file.line(dep.location.line);
  size_t at = byte_offset(line, dep.location.column);
  if (at >= line.size() || (line[at] != '"' && line[at] != '\'')) return {};
  char quote = line[at];
  size_t end = line.find(quote, at + 1);
  if (end == std::string_view::npos) return {};
  std::string_view text = line.substr(at + 1, end - at - 1);
  size_t open = text.find('[');
  size_t close = text.find(']');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open ||
      text.find_first_of("@;<>=!~", 0) < open) {
    return {};
  }
  std::vector<std::string> out;
  std::string_view list = text.substr(open + 1, close - open - 1);
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    Result<pep508::ExtraName> name = pep508::ExtraName::parse(item);
    if (!name.ok()) return {};
    if (std::find(out.begin(), out.end(), name->str()) == out.end()) out.push_back(name->str());
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  if (out.size() != dep.requirement.extras.size()) return {};
  for (const pep508::ExtraName& e : dep.requirement.extras) {
    if (std::find(out.begin(), out.end(), e.str()) == out.end()) return {};
  }
  return out;
}

// Where a source's relative paths start: the declaring project, or the root for the root's.
enum class Origin { kProject, kWorkspace };

bool mentions_extra(const std::optional<Marker>& m) {
  return m && m->as_written().find("extra") != std::string::npos;
}

// uv's one-boolean-per-extra reading of a marker (see uv_extras_encoded_text).
Marker encoded(const Marker& m) {
  Result<Marker> out = Marker::parse(uv_extras_encoded_text(m.as_written()));
  return out.ok() ? *out : m;
}

// Back to `extra == 'x'` when a single extra is involved (where the two readings agree), so
// consumers see the usual form; a marker naming several extras keeps uv's reading.
Marker decoded(const Marker& m) {
  std::string text = m.as_written();
  if (text.find(" extras") == std::string::npos) return m;
  std::string name;
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    size_t in = text.find(" in extras", at);
    size_t not_in = text.find(" not in extras", at);
    size_t hit = std::min(in, not_in);
    if (hit == std::string::npos) {
      out.append(text, at, std::string::npos);
      break;
    }
    bool negative = hit == not_in;
    size_t quote_end = hit - 1;
    size_t quote_start = text.rfind(text[quote_end], quote_end - 1);
    if (quote_start == std::string::npos || quote_start < at) return m;
    std::string extra = text.substr(quote_start + 1, quote_end - quote_start - 1);
    if (!name.empty() && extra != name) return m;
    name = extra;
    out.append(text, at, quote_start - at);
    out += negative ? "extra != '" : "extra == '";
    out += extra + "'";
    at = hit + (negative ? 14 : 10);
  }
  Result<Marker> standard = Marker::parse(out);
  return standard.ok() ? *standard : m;
}

class Lowerer {
 public:
  Lowerer(const LoweringContext& ctx, const Scope& scope, const pyproject::Dependency& dep,
          const Marker& condition)
      : ctx_(ctx),
        scope_(scope),
        dep_(dep),
        condition_(condition),
        name_(dep.requirement.name.str()) {}

  Result<void> run(std::vector<LoweredRequirement>* out) {
    // The member's own entry replaces the root's (uv: per name, even when its markers do not
    // match this platform).
    const pyproject::SourceEntry* entry = nullptr;
    Origin origin = Origin::kProject;
    if (scope_.file && scope_.file->tool_uv)
      entry = scope_.file->tool_uv->source(dep_.requirement.name);
    const pyproject::PyProject* root = ctx_.ws->root_pyproject.get();
    if (!entry && !scope_.detached && root && root != scope_.file && root->tool_uv) {
      entry = root->tool_uv->source(dep_.requirement.name);
      origin = Origin::kWorkspace;
    }
    std::vector<const Source*> sources;
    if (entry) {
      for (const Source& s : entry->sources) {
        if (s.extra && scope_.extra != s.extra) continue;
        if (!scope_.non_workspace && s.group && scope_.group != s.group) continue;
        sources.push_back(&s);
      }
    }

    const LoweringContext::MemberTarget* member =
        scope_.detached ? nullptr : ctx_.target(dep_.requirement.name);
    bool self = scope_.project && *scope_.project == dep_.requirement.name;
    if (!scope_.non_workspace && member && !self) {
      if (!entry) return fail(missing_workspace_source(name_));
      for (const Source* s : sources) {
        if (std::holds_alternative<pyproject::GitSource>(s->kind))
          return fail(non_workspace_source(name_, "Git"));
        if (std::holds_alternative<pyproject::UrlSource>(s->kind))
          return fail(non_workspace_source(name_, "URL"));
        if (std::holds_alternative<pyproject::PathSource>(s->kind))
          return fail(non_workspace_source(name_, "path"));
        if (std::holds_alternative<pyproject::IndexSource>(s->kind)) {
          return fail(non_workspace_source(name_, "registry"));
        }
        if (std::get<pyproject::WorkspaceSource>(s->kind).path) {
          return fail("`" + name_ +
                      "` is included as a workspace member, but does not use `workspace = true` in "
                      "`tool.uv.sources`");
        }
      }
    }

    // uv has one boolean per extra; roost's algebra one `extra` value. They agree while at most
    // one extra is named, so the second reading is only computed in when a marker names extras
    // itself (`extra == 'a' and extra != 'b'` must keep its second half).
    bool per_extra = mentions_extra(dep_.requirement.marker);
    for (const Source* s : sources) per_extra = per_extra || mentions_extra(s->marker);
    auto reading = [&](const Marker& m) { return per_extra ? encoded(m) : m; };
    Marker declared =
        dep_.requirement.marker ? reading(*dep_.requirement.marker) : Marker::always_true();
    Marker marker = declared.and_(reading(condition_));
    auto result = [&](const Marker& m) { return per_extra ? decoded(m) : m; };

    if (!entry) {
      ROOST_TRY(LoweredRequirement plain, as_declared(result(marker)));
      out->push_back(std::move(plain));
      return ok();
    }
    // The part of the requirement's marker that no source covers stays a registry (or direct
    // URL) requirement.
    Marker covered = Marker::always_false();
    for (const Source* s : sources)
      covered = covered.or_(s->marker ? reading(*s->marker) : Marker::always_true());
    for (const Source* s : sources) {
      Marker sourced = s->marker ? reading(*s->marker).and_(marker) : marker;
      if (sourced.is_false()) continue;
      ROOST_TRY(LoweredRequirement lowered, lower_source(*s, origin, result(sourced)));
      out->push_back(std::move(lowered));
    }
    Marker remaining = covered.not_().and_(marker);
    if (!remaining.is_false()) {
      ROOST_TRY(LoweredRequirement plain, as_declared(result(remaining)));
      out->push_back(std::move(plain));
    }
    return ok();
  }

 private:
  Error fail(std::string message) const {
    bool located = scope_.file && dep_.location.line > 0;
    Error e = located ? make_error(ErrorKind::kUsage, std::move(message))
                            .with_span(scope_.file->source->span(dep_.location))
                      : make_error(ErrorKind::kUsage, std::move(message));
    // uv's wrapper line (MetadataError::LoweringError / GroupLoweringError).
    if (scope_.group)
      return e.with_context("Failed to parse entry in group `" + scope_.group->str() + "`: `" +
                            name_ + "`");
    return e.with_context("Failed to parse entry: `" + name_ + "`");
  }

  LoweredRequirement base(const Marker& marker) const {
    LoweredRequirement r{dep_.requirement};
    r.requirement.marker = marker.is_true() ? std::nullopt : std::optional<Marker>(marker);
    if (scope_.written_order && r.requirement.extras.size() > 1 && scope_.file)
      r.extras_order = written_extras(dep_, *scope_.file->source);
    return r;
  }

  fs::path declaring_dir() const {
    return scope_.file ? fs::absolute(scope_.file->directory()).lexically_normal() : ctx_.root;
  }

  // No source: a registry requirement, or the direct URL it was written with.
  Result<LoweredRequirement> as_declared(const Marker& marker) const {
    LoweredRequirement r = base(marker);
    if (!dep_.requirement.url) return r;
    ROOST_TRY(DirectUrl url,
              parse_direct_url(*dep_.requirement.url, declaring_dir(), ctx_.lock_root));
    r.kind = url.kind;
    r.location = std::move(url.location);
    r.subdirectory = std::move(url.subdirectory);
    return r;
  }

  Result<LoweredRequirement> lower_source(const Source& s, Origin origin,
                                          const Marker& marker) const {
    LoweredRequirement r = base(marker);
    if (const auto* git = std::get_if<pyproject::GitSource>(&s.kind)) {
      int refs = (git->rev ? 1 : 0) + (git->tag ? 1 : 0) + (git->branch ? 1 : 0);
      if (refs > 1) return fail("Can only specify one of: `rev`, `tag`, or `branch`");
      r.kind = lock::SourceKind::kGit;
      GitQuery q;
      q.subdirectory = git->subdirectory;
      q.path = git->path;
      q.lfs = git->lfs.value_or(false);
      if (git->rev) q.reference = {"rev", *git->rev};
      if (git->tag) q.reference = {"tag", *git->tag};
      if (git->branch) q.reference = {"branch", *git->branch};
      r.location = git_location(git->url, q);
      return r;
    }
    if (const auto* url = std::get_if<pyproject::UrlSource>(&s.kind)) {
      if (url->url.find('#') != std::string::npos)
        return fail("Fragments are not allowed in URLs: `" + url->url + "`");
      r.kind = lock::SourceKind::kUrl;
      r.location = without_credentials(url->url);
      r.subdirectory = url->subdirectory.value_or("");
      return r;
    }
    if (const auto* path = std::get_if<pyproject::PathSource>(&s.kind)) {
      fs::path base_dir = origin == Origin::kWorkspace ? ctx_.root : declaring_dir();
      ROOST_TRY(PathTarget t,
                path_target(fs::path(path->path), base_dir, path->editable, path->package, true));
      r.kind = t.kind;
      r.location = std::move(t.location);
      return r;
    }
    if (const auto* index = std::get_if<pyproject::IndexSource>(&s.kind)) {
      ROOST_TRY(std::string url, index_url(index->index));
      r.kind = lock::SourceKind::kRegistry;
      r.index = std::move(url);
      if (r.requirement.url) r.requirement.specifier = pep440::SpecifierSet();
      // uv ties an extra- or group-scoped index pin to that extra or group of the project.
      if (scope_.project && !scope_.non_workspace && (s.extra || s.group)) {
        lock::ConflictItem c;
        c.package = scope_.project->str();
        if (s.extra) c.extra = s.extra->str();
        if (s.group) c.group = s.group->str();
        r.conflict = std::move(c);
      }
      return r;
    }
    const auto& ws_source = std::get<pyproject::WorkspaceSource>(s.kind);
    if (ws_source.path) {
      return fail("`workspace = \"" + *ws_source.path +
                  "\"` sources (another workspace) are not supported yet");
    }
    if (scope_.non_workspace)
      return fail("Workspace members are not allowed in non-workspace contexts");
    bool self = scope_.project && *scope_.project == dep_.requirement.name;
    const LoweringContext::MemberTarget* member =
        scope_.detached && !self ? nullptr : ctx_.target(dep_.requirement.name);
    if (!member) return fail(undeclared_workspace_package(name_));
    // uv's path_source for the member's directory: editable, plain directory or virtual.
    r.kind = member->kind;
    r.location = member->location;
    r.workspace_member = true;
    return r;
  }

  // uv's IndexLookup: the declaring project's [[tool.uv.index]], then the root's.
  Result<std::string> index_url(const std::string& name) const {
    const pyproject::PyProject* root = scope_.detached ? nullptr : ctx_.ws->root_pyproject.get();
    for (const pyproject::PyProject* file : {scope_.file, root}) {
      if (!file || !file->tool_uv) continue;
      if (const pyproject::Index* index = file->tool_uv->find_index(name)) {
        return index_url_from_text(index->url, fs::absolute(file->directory()).lexically_normal());
      }
    }
    return fail("Package `" + name_ + "` references an undeclared index: `" + name + "`");
  }

  struct PathTarget {
    lock::SourceKind kind;
    std::string location;
  };

  // uv's path_source: a directory (editable, virtual or plain) or an archive.
  Result<PathTarget> path_target(const fs::path& written, const fs::path& base_dir,
                                 std::optional<bool> editable, std::optional<bool> package,
                                 bool keep_absolute) const {
    fs::path install = (written.is_absolute() ? written : base_dir / written).lexically_normal();
    if (install.has_relative_path() && install.filename().empty()) install = install.parent_path();
    std::error_code ec;
    bool is_dir =
        fs::is_directory(install, ec) || (!fs::exists(install, ec) && !install.has_extension());
    std::string location = keep_absolute && written.is_absolute()
                               ? install.generic_string()
                               : relative_path(install, ctx_.lock_root);
    if (is_dir) {
      if (editable == true) return PathTarget{lock::SourceKind::kEditable, std::move(location)};
      bool is_package = package ? *package : target_is_package(install);
      return PathTarget{is_package ? lock::SourceKind::kDirectory : lock::SourceKind::kVirtual,
                        std::move(location)};
    }
    if (editable == true) {
      return fail(
          "Source with `editable = true` must refer to a local directory, not a file: `file://" +
          install.generic_string() + "`");
    }
    if (package == true) {
      return fail(
          "Source with `package = true` must refer to a local directory, not a file: `file://" +
          install.generic_string() + "`");
    }
    return PathTarget{lock::SourceKind::kPath, std::move(location)};
  }

  // uv reads the target's pyproject.toml: `tool.uv.package` decides, a package otherwise (a
  // build system is not required of path dependencies; an unreadable file counts as a package).
  static bool target_is_package(const fs::path& dir) {
    Result<pyproject::PyProject> p = pyproject::read_pyproject(dir / "pyproject.toml");
    if (!p.ok() || !p->tool_uv || !p->tool_uv->package) return true;
    return *p->tool_uv->package;
  }

  const LoweringContext& ctx_;
  const Scope& scope_;
  const pyproject::Dependency& dep_;
  const Marker& condition_;
  std::string name_;
};

}  // namespace

Result<void> lower_requirement(const LoweringContext& ctx, const Scope& scope,
                               const pyproject::Dependency& dep, const pep508::Marker& condition,
                               std::vector<LoweredRequirement>* out) {
  return Lowerer(ctx, scope, dep, condition).run(out);
}

std::string relative_path(const fs::path& path, const fs::path& root) {
  fs::path rel = path.lexically_relative(root);
  if (rel.empty()) return path.generic_string();
  std::string out = rel.generic_string();
  return out.empty() ? "." : out;
}

}  // namespace roost::project::detail
