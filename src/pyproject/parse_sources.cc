// Reader for `[tool.uv.sources]`: uv's source forms, its key-combination rules and error texts
// (crates/uv-workspace/src/pyproject.rs `Source::deserialize`, uv 0.12), and the disjointness
// rule for lists of sources.
#include <array>

#include "pyproject/parsers.h"

namespace roost::pyproject::detail {
namespace {

constexpr std::array<std::string_view, 15> kSourceFields = {
    "git",      "subdirectory", "rev",   "tag",       "branch", "lfs",   "url",  "path",
    "editable", "package",      "index", "workspace", "marker", "extra", "group"};

// The keys of one source table, as written.
struct Fields {
  const toml::Value* node[kSourceFields.size()] = {};
  const toml::SourceRange* key[kSourceFields.size()] = {};

  const toml::Value* get(std::string_view name) const { return node[index(name)]; }
  const toml::SourceRange* key_of(std::string_view name) const { return key[index(name)]; }
  static size_t index(std::string_view name) {
    for (size_t i = 0; i < kSourceFields.size(); ++i) {
      if (kSourceFields[i] == name) return i;
    }
    return kSourceFields.size();  // never: callers pass known names
  }
};

// uv parses these as URLs; "git@github.com:org/repo" is not one (no scheme).
bool has_url_scheme(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  for (size_t i = 0; i < colon; ++i) {
    char c = text[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
    if (!ok) return false;
  }
  return true;
}

class SourceReader {
 public:
  // The table of `tool.uv.sources.<key>`, or of its element `index` when the entry is a list.
  SourceReader(Diagnostics& d, const toml::Table& table, std::string_view key,
               std::optional<size_t> index)
      : d_(d), table_(table), key_(key), index_(index) {}

  std::optional<Source> read() {
    size_t errors_before = d_.error_count();
    Source source;
    source.location = d_.location(table_.range());
    for (const auto& [key, key_range, value] : table_) {
      size_t i = Fields::index(key);
      if (i == kSourceFields.size()) {
        std::vector<std::string_view> expected(kSourceFields.begin(), kSourceFields.end());
        d_.error(key_range, unknown_field_message(key, path(), expected));
        continue;
      }
      fields_.node[i] = &value;
      fields_.key[i] = &key_range;
    }
    // Types first, so that every problem of the table is reported.
    auto string_field = [&](std::string_view name) -> std::optional<std::string> {
      const toml::Value* n = fields_.get(name);
      if (n == nullptr) return std::nullopt;
      if (const std::string* s = n->as_string()) return *s;
      read_string(d_, *n, join_key(path(), name));  // reports the type error
      return std::nullopt;
    };
    auto bool_field = [&](std::string_view name) -> std::optional<bool> {
      const toml::Value* n = fields_.get(name);
      if (n == nullptr) return std::nullopt;
      if (const bool* b = n->as_boolean()) return *b;
      return read_bool(d_, *n, join_key(path(), name));  // reports the type error
    };
    std::optional<std::string> git = string_field("git"), url = string_field("url"),
                               path = string_field("path"), index = string_field("index"),
                               subdirectory = string_field("subdirectory"),
                               rev = string_field("rev"), tag = string_field("tag"),
                               branch = string_field("branch");
    std::optional<bool> lfs = bool_field("lfs"), editable = bool_field("editable"),
                        package = bool_field("package");
    read_workspace();
    read_marker(source);
    read_name("extra", source.extra);
    read_name("group", source.group);
    if (d_.error_count() != errors_before) return std::nullopt;

    if (has("extra") && has("group"))
      return fail("group", "cannot specify both `extra` and `group`");
    if (git) {
      for (std::string_view other : {"index", "workspace", "url", "editable", "package"}) {
        if (has(other)) return conflict("git", other);
      }
      if (has("rev") + has("tag") + has("branch") > 1) {
        std::string_view last = has("branch") ? "branch" : "tag";
        return fail(last, "Can only specify one of: `rev`, `tag`, or `branch`");
      }
      std::string_view stripped = *git;
      if (stripped.substr(0, 4) == "git+") stripped.remove_prefix(4);
      if (!check_url("git", stripped)) return std::nullopt;
      source.kind = GitSource{std::string(stripped), rev, tag, branch, subdirectory, path, lfs};
    } else if (url) {
      for (std::string_view other :
           {"index", "workspace", "path", "rev", "tag", "branch", "editable", "package"}) {
        if (has(other)) return conflict("url", other);
      }
      if (!check_url("url", *url)) return std::nullopt;
      source.kind = UrlSource{*url, subdirectory};
    } else if (path) {
      for (std::string_view other : {"index", "workspace", "rev", "tag", "branch"}) {
        if (has(other)) return conflict("path", other);
      }
      if (editable == true && package == false) {
        return fail("package", "cannot specify both `editable = true` and `package = false`");
      }
      source.kind = PathSource{*path, editable, package};
    } else if (index) {
      for (std::string_view other : {"workspace", "rev", "tag", "branch", "editable", "package"}) {
        if (has(other)) return conflict("index", other);
      }
      source.kind = IndexSource{*index};
    } else if (has("workspace")) {
      for (std::string_view other : {"rev", "tag", "branch", "package"}) {
        if (has(other)) return conflict("workspace", other);
      }
      if (workspace_bool_ == false)
        return fail("workspace", "`workspace = false` is not yet supported");
      source.kind = WorkspaceSource{workspace_path_, editable};
    } else {
      d_.error(table_.range(), "expected one of `git`, `url`, `path`, `index`, or `workspace`");
      return std::nullopt;
    }
    return source;
  }

 private:
  bool has(std::string_view name) const { return fields_.get(name) != nullptr; }

  std::nullopt_t fail(std::string_view at, std::string message) {
    d_.error(*fields_.key_of(at), std::move(message));
    return std::nullopt;
  }
  std::nullopt_t conflict(std::string_view kind, std::string_view other) {
    return fail(other, cat({"cannot specify both `", kind, "` and `", other, "`"}));
  }

  bool check_url(std::string_view field, std::string_view url) {
    if (has_url_scheme(url)) return true;
    d_.error(fields_.get(field)->range(), cat({"`", join_key(path(), field), "`: invalid URL `",
                                               url, "`: relative URL without a base"}));
    return false;
  }

  // `workspace = true | false | "<path>"`.
  void read_workspace() {
    const toml::Value* n = fields_.get("workspace");
    if (n == nullptr) return;
    if (const auto* b = n->as_boolean()) {
      workspace_bool_ = *b;
    } else if (const auto* s = n->as_string()) {
      workspace_path_ = *s;
    } else {
      d_.error(n->range(),
               cat({"`", join_key(path(), "workspace"),
                    "` must be a boolean or a path to a workspace root, found ", describe(*n)}));
    }
  }

  void read_marker(Source& source) {
    const toml::Value* n = fields_.get("marker");
    if (n == nullptr) return;
    std::string key = join_key(path(), "marker");
    const std::string* text = read_string(d_, *n, key);
    if (text == nullptr) return;
    Result<pep508::Marker> marker = pep508::Marker::parse(*text);
    if (marker) {
      source.marker = std::move(marker).value();
    } else {
      d_.inner_error(n->range(), *text, marker.error(), key);
    }
  }

  void read_name(std::string_view field, std::optional<pep508::ExtraName>& out) {
    const toml::Value* n = fields_.get(field);
    if (n == nullptr) return;
    std::string key = join_key(path(), field);
    const std::string* text = read_string(d_, *n, key);
    if (text == nullptr) return;
    Result<pep508::ExtraName> name = pep508::ExtraName::parse(*text);
    if (name) {
      out = std::move(name).value();
    } else {
      d_.inner_error(n->range(), *text, name.error(), key);
    }
  }

  // `tool.uv.sources.<key>` or `tool.uv.sources.<key>[i]`, built only for messages: a path
  // string per source table was an allocation per workspace member.
  std::string path() const {
    std::string out = join_key("tool.uv.sources", key_);
    return index_ ? index_key(out, *index_) : out;
  }

  Diagnostics& d_;
  const toml::Table& table_;
  std::string_view key_;
  std::optional<size_t> index_;
  Fields fields_;
  std::optional<bool> workspace_bool_;
  std::optional<std::string> workspace_path_;
};

// uv checks neighbours with the same extra and group: their markers must not overlap, and so
// both need one.
void check_disjoint(Diagnostics& d, const std::vector<Source>& sources) {
  for (size_t i = 0; i + 1 < sources.size(); ++i) {
    const Source& lhs = sources[i];
    const Source& rhs = sources[i + 1];
    if (lhs.extra != rhs.extra || lhs.group != rhs.group) continue;
    pep508::Marker left = lhs.marker.value_or(pep508::Marker::always_true());
    pep508::Marker right = rhs.marker.value_or(pep508::Marker::always_true());
    if (left.is_disjoint(right)) continue;
    Location at = rhs.location;
    if (left.is_true() || right.is_true()) {
      d.error_at(at, 1,
                 "When multiple sources are provided, each source must include a platform marker "
                 "(e.g., `marker = \"sys_platform == 'linux'\"`)");
      continue;
    }
    std::string replacement = left.not_().and_(right).to_string();
    if (replacement.empty()) replacement = "true";
    std::string left_text = left.to_string(), right_text = right.to_string();
    d.push(Error(ErrorKind::kParse,
                 cat({"Source markers must be disjoint, but the following markers overlap: `",
                      left_text, "` and `", right_text, "`."}))
               .with_span(d.file().span(at))
               .with_hint(cat({"replace `", right_text, "` with `", replacement, "`."})));
  }
}

}  // namespace

void parse_sources(Diagnostics& d, const toml::Value& node,
                   std::map<pep508::PackageName, SourceEntry>& out) {
  const toml::Table* table = read_table(d, node, "tool.uv.sources");
  if (table == nullptr) return;
  for (const auto& [key, key_range, value] : *table) {
    auto path = [&key = key] { return join_key("tool.uv.sources", key); };  // for messages only
    size_t errors_before = d.error_count();
    Result<pep508::PackageName> name = pep508::PackageName::parse(key);
    if (!name) d.inner_error(key_range, key, name.error(), path());

    SourceEntry entry;
    entry.name_as_written = std::string(key);
    entry.location = d.location(key_range);
    if (const toml::Table* one = value.as_table()) {
      if (auto source = SourceReader(d, *one, key, std::nullopt).read())
        entry.sources.push_back(std::move(*source));
    } else if (const toml::Array* many = value.as_array()) {
      if (many->empty()) d.error(value.range(), "Must provide at least one source");
      for (size_t i = 0; i < many->size(); ++i) {
        const toml::Value& element = (*many)[i];
        if (const toml::Table* t = element.as_table()) {
          if (auto source = SourceReader(d, *t, key, i).read()) {
            entry.sources.push_back(std::move(*source));
          }
        } else {
          read_table(d, element, index_key(path(), i));  // reports the type
        }
      }
      if (d.error_count() == errors_before) check_disjoint(d, entry.sources);
    } else {
      d.error(value.range(),
              cat({"`", path(), "` must be a source table or an array of source tables, found ",
                   describe(value)}));
    }
    if (d.error_count() != errors_before) continue;
    // The name is moved in; a duplicate leaves it in place and the map's key says the same.
    auto [it, inserted] = out.try_emplace(std::move(*name), std::move(entry));
    if (!inserted) {
      d.error(key_range, "duplicate sources for package `" + it->first.str() + "`");
    }
  }
}

}  // namespace roost::pyproject::detail
