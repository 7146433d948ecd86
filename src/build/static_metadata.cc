// [project] to core metadata and entry points (see static_metadata.h).
#include "build/static_metadata.h"

#include <cctype>

#include "base/fs.h"
#include "toml/parse.h"

namespace roost::build {
namespace fs = std::filesystem;
namespace {

// `requirement` with `extra == "<extra>"` and-ed to its marker, as backends write extras.
Result<pep508::Requirement> with_extra(const pep508::Requirement& requirement,
                                       const pep508::ExtraName& extra) {
  pep508::Requirement bare = requirement;
  bare.marker.reset();
  std::string marker = "extra == \"" + extra.str() + "\"";
  if (requirement.marker && !requirement.marker->is_true()) {
    marker = "(" + requirement.marker->as_written() + ") and " + marker;
  }
  return pep508::Requirement::parse(bare.to_string() + (bare.url ? " ; " : "; ") + marker);
}

// "Name <email>" joined with ", " (core metadata's Author-email), and the names of people
// without an email (Author).
void people(const std::vector<pyproject::Person>& list, std::optional<std::string>& names,
            std::optional<std::string>& emails) {
  auto append = [](std::optional<std::string>& field, const std::string& text) {
    field = field ? *field + ", " + text : text;
  };
  for (const pyproject::Person& p : list) {
    if (p.email) {
      append(emails, p.name ? *p.name + " <" + *p.email + ">" : *p.email);
    } else if (p.name) {
      append(names, *p.name);
    }
  }
}

std::string content_type_of(const fs::path& file) {
  std::string ext = file.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".md") return "text/markdown";
  if (ext == ".rst") return "text/x-rst";
  return "text/plain";
}

// `readme` and `license` as written (a string or a table): the model keeps only their text.
Result<void> readme_and_license(const pyproject::PyProject& pyproject, const fs::path& dir,
                                metadata::CoreMetadata& m) {
  Result<toml::Table> doc = toml::parse(pyproject.source->text(), pyproject.path());
  if (!doc.ok()) return ok();  // the model parsed from this text, so this does not happen
  if (const toml::Value* readme = doc->get_path({"project", "readme"})) {
    std::optional<std::string> file;
    std::optional<std::string> type;
    if (const std::string* s = readme->as_string()) file = *s;
    if (const toml::Table* t = readme->as_table()) {
      if (const toml::Value* v = t->get("file"); v && v->is_string()) file = *v->as_string();
      if (const toml::Value* v = t->get("text"); v && v->is_string())
        m.description = *v->as_string();
      if (const toml::Value* v = t->get("content-type"); v && v->is_string()) {
        type = *v->as_string();
      }
    }
    if (file) {
      ROOST_TRY_CONTEXT(std::string text, read_file(dir / *file),
                        "while reading the readme of " + pyproject.path());
      m.description = std::move(text);
    }
    if (m.description)
      m.description_content_type = type ? *type : content_type_of(file.value_or(""));
  }
  if (const toml::Value* license = doc->get_path({"project", "license"})) {
    if (const std::string* s = license->as_string()) {
      m.license_expression = *s;
      m.metadata_version = {2, 4};
    } else if (const toml::Table* t = license->as_table()) {
      if (const toml::Value* v = t->get("text"); v && v->is_string()) m.license = *v->as_string();
    }
  }
  return ok();
}

}  // namespace

Result<metadata::CoreMetadata> core_metadata_from_project(const pyproject::PyProject& pyproject,
                                                          const fs::path& project_dir) {
  if (!pyproject.project || !pyproject.project->version) {
    return make_error(ErrorKind::kUsage, pyproject.path() +
                                             " has no static [project] name and "
                                             "version");
  }
  const pyproject::Project& p = *pyproject.project;
  metadata::CoreMetadata m(p.name, *p.version);
  m.metadata_version = {2, 3};
  m.name_as_written = p.name_as_written;
  m.summary = p.description;
  if (!p.keywords.empty()) {
    std::string joined;
    for (const std::string& k : p.keywords) joined += (joined.empty() ? "" : ",") + k;
    m.keywords = joined;
  }
  m.classifiers = p.classifiers;
  for (const auto& [label, url] : p.urls) m.project_urls.push_back({label, url});
  people(p.authors, m.author, m.author_email);
  people(p.maintainers, m.maintainer, m.maintainer_email);
  m.requires_python = p.requires_python;
  for (const pyproject::Dependency& d : p.dependencies) m.requires_dist.push_back(d.requirement);
  for (const auto& [extra, deps] : p.optional_dependencies) {
    m.provides_extra.push_back(extra);
    for (const pyproject::Dependency& d : deps) {
      ROOST_TRY(pep508::Requirement r, with_extra(d.requirement, extra));
      m.requires_dist.push_back(std::move(r));
    }
  }
  ROOST_CHECK(readme_and_license(pyproject, project_dir, m));
  return m;
}

Result<metadata::EntryPoints> entry_points_from_project(const pyproject::Project& project) {
  metadata::EntryPoints out;
  auto add = [&](const std::string& group,
                 const std::vector<pyproject::EntryPoint>& entries) -> Result<void> {
    for (const pyproject::EntryPoint& e : entries) {
      ROOST_TRY_CONTEXT(metadata::EntryPoint parsed, metadata::parse_object_reference(e.value),
                        "in [" + group + "] of " + project.name_as_written);
      parsed.group = group;
      parsed.name = e.name;
      out.entries.push_back(std::move(parsed));
    }
    return ok();
  };
  ROOST_CHECK(add("console_scripts", project.scripts));
  ROOST_CHECK(add("gui_scripts", project.gui_scripts));
  for (const pyproject::EntryPointGroup& g : project.entry_points)
    ROOST_CHECK(add(g.group, g.entries));
  return out;
}

}  // namespace roost::build
