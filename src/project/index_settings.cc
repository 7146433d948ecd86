#include "project/index_settings.h"

#include <set>

#include "index/url.h"
#include "workspace/check.h"

namespace roost::project {
namespace {

namespace fs = std::filesystem;
using pyproject::Index;
using pyproject::PyProject;

// uv's index names: ASCII letters, digits, '-', '_' and '.'.
bool is_index_name(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// The [[tool.uv.index]] tables that apply, with their files: the project's, then the root's.
struct Declared {
  const Index* index;
  fs::path directory;  // relative URLs are taken from here
};

// The files whose settings apply: the project's, then the workspace root's.
std::vector<const PyProject*> applying_files(const workspace::Workspace* ws,
                                             const workspace::Member* project) {
  std::vector<const PyProject*> files;
  const PyProject* own = project != nullptr ? project->pyproject.get() : nullptr;
  const PyProject* root = ws != nullptr ? ws->root_pyproject.get() : nullptr;
  if (own != nullptr) files.push_back(own);
  // An explicit root is also a member; its file may be held twice, so compare paths.
  if (root != nullptr && (own == nullptr || root->path() != own->path())) files.push_back(root);
  return files;
}

std::vector<Declared> declared_indexes(const std::vector<const PyProject*>& files,
                                       const std::vector<ConfiguredIndex>& configured) {
  std::vector<Declared> out;
  for (const PyProject* file : files) {
    if (!file->tool_uv) continue;
    for (const Index& index : file->tool_uv->index) out.push_back({&index, file->directory()});
  }
  for (const ConfiguredIndex& c : configured) out.push_back({&c.index, c.directory});
  return out;
}

// Appends unless an index with that name or URL is already listed.
void add_index(std::vector<index::IndexLocation>& out, index::IndexLocation location) {
  auto trimmed = [](std::string_view url) {
    while (url.ends_with('/')) url.remove_suffix(1);
    return url;
  };
  for (const index::IndexLocation& have : out) {
    if (trimmed(have.url) == trimmed(location.url)) return;
    if (!location.name.empty() && have.name == location.name) return;
  }
  out.push_back(std::move(location));
}

Error pyproject_error(const PyProject& file, pyproject::Location location, std::string message) {
  Error e = make_error(ErrorKind::kUsage, std::move(message));
  if (location.line > 0) return std::move(e).with_span(file.source->span(location));
  return e;
}

}  // namespace

std::string index_url_from_text(const std::string& text, const fs::path& base_dir) {
  if (text.find("://") != std::string::npos) return text;
  fs::path path = fs::path(text).is_absolute() ? fs::path(text) : base_dir / text;
  return index::file_url_from_path(path.lexically_normal().generic_string());
}

Result<IndexSettings> index_settings(const IndexFlags& flags, const workspace::Workspace* ws,
                                     const workspace::Member* project) {
  IndexSettings settings;
  const std::vector<const PyProject*> files = applying_files(ws, project);
  const std::vector<Declared> declared = declared_indexes(files, flags.configured);
  for (const Declared& d : declared) {
    if (d.index->format == pyproject::IndexFormat::kFlat) {
      settings.find_links.push_back(index_url_from_text(d.index->url, d.directory));
    }
  }
  for (const std::string& link : flags.find_links) {
    // Directories stay paths (the client lists them); URLs stay URLs.
    bool url = link.find("://") != std::string::npos;
    settings.find_links.push_back(
        url ? link : (fs::path(link).is_absolute() ? fs::path(link) : flags.cwd / link).string());
  }
  if (flags.no_index) return settings;

  for (const std::string& written : flags.indexes) {
    index::IndexLocation location;
    std::string url = written;
    if (size_t eq = written.find('='); eq != std::string::npos) {
      std::string name = written.substr(0, eq);
      if (is_index_name(name)) {
        location.name = name;
        url = written.substr(eq + 1);
        if (url.empty()) {
          return make_error(ErrorKind::kUsage,
                            "--index " + written + ": the index `" + name + "` has no URL");
        }
      }
    }
    location.url = index_url_from_text(url, flags.cwd);
    add_index(settings.indexes, std::move(location));
  }
  for (const std::string& url : flags.extra_index_urls)
    add_index(settings.indexes, {.url = index_url_from_text(url, flags.cwd)});

  std::optional<index::IndexLocation> default_index;
  if (flags.default_index)
    default_index = {.url = index_url_from_text(*flags.default_index, flags.cwd)};
  for (const Declared& d : declared) {
    if (d.index->format == pyproject::IndexFormat::kFlat) continue;
    index::IndexLocation location{.url = index_url_from_text(d.index->url, d.directory),
                                  .name = d.index->name.value_or(""),
                                  .explicit_only = d.index->is_explicit};
    if (d.index->is_default) {
      if (!default_index) default_index = std::move(location);
      continue;
    }
    add_index(settings.indexes, std::move(location));
  }
  add_index(settings.indexes,
            default_index ? *default_index : index::IndexLocation{.url = kPyPiSimple});

  // A pin must name a simple index; flat ones are find-links here, which a pin cannot select.
  for (const Declared& d : declared) {
    if (d.index->format != pyproject::IndexFormat::kFlat || !d.index->name) continue;
    for (const PyProject* file : files) {
      if (!file->tool_uv) continue;
      for (const auto& [name, entry] : file->tool_uv->sources) {
        for (const pyproject::Source& s : entry.sources) {
          const auto* pin = std::get_if<pyproject::IndexSource>(&s.kind);
          if (pin != nullptr && pin->index == *d.index->name) {
            return pyproject_error(
                *file, s.location,
                "`" + entry.name_as_written + "` is pinned to the flat index `" + pin->index +
                    "` (format = \"flat\"); roost cannot pin to flat indexes "
                    "yet: list it without the pin, or serve it as a simple index");
          }
        }
      }
    }
  }
  return settings;
}

std::vector<index::ProjectQuery> queries_for(const workspace::Workspace* ws,
                                             const workspace::Member* project,
                                             const pep508::PackageName& name) {
  const pyproject::SourceEntry* entry = nullptr;
  if (ws != nullptr && project != nullptr) {
    entry = workspace::effective_source(*ws, *project, name);
  } else if (ws != nullptr && ws->root_pyproject && ws->root_pyproject->tool_uv) {
    entry = ws->root_pyproject->tool_uv->source(name);
  }
  std::vector<index::ProjectQuery> queries;
  bool unpinned = entry == nullptr;
  std::set<std::string> pinned;
  if (entry != nullptr) {
    for (const pyproject::Source& s : entry->sources) {
      const auto* pin = std::get_if<pyproject::IndexSource>(&s.kind);
      if (pin == nullptr || s.marker || s.extra || s.group) unpinned = true;
      if (pin != nullptr && pinned.insert(pin->index).second)
        queries.push_back({.name = name, .pinned_index = pin->index});
    }
  }
  if (unpinned) queries.insert(queries.begin(), {.name = name, .pinned_index = std::nullopt});
  return queries;
}

}  // namespace roost::project
