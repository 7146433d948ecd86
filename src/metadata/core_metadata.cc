// Core metadata reading and writing (core metadata spec 1.0-2.4; see core_metadata.h). Field
// introduction versions are not enforced: real wheels carry, e.g., License-File under
// Metadata-Version 2.1, and rejecting them would help nobody.
#include "metadata/core_metadata.h"

#include <algorithm>
#include <array>
#include <map>

#include "metadata/headers.h"
#include "tags/text_span.h"

namespace roost::metadata {
namespace {

using tags::quote;

constexpr MetadataVersion kLatestSupported{2, 4};

struct TextField {
  std::string_view key;   // lowercase
  std::string_view name;  // as written out
  std::optional<std::string> CoreMetadata::*member;
  bool multi_line;
};

// Single-use text fields, in writing order.
constexpr std::array<TextField, 13> kTextFields = {{
    {"summary", "Summary", &CoreMetadata::summary, false},
    {"description", "Description", &CoreMetadata::description, true},
    {"description-content-type", "Description-Content-Type",
     &CoreMetadata::description_content_type, false},
    {"keywords", "Keywords", &CoreMetadata::keywords, false},
    {"home-page", "Home-page", &CoreMetadata::home_page, false},
    {"download-url", "Download-URL", &CoreMetadata::download_url, false},
    {"author", "Author", &CoreMetadata::author, false},
    {"author-email", "Author-email", &CoreMetadata::author_email, false},
    {"maintainer", "Maintainer", &CoreMetadata::maintainer, false},
    {"maintainer-email", "Maintainer-email", &CoreMetadata::maintainer_email, false},
    {"license", "License", &CoreMetadata::license, true},
    {"license-expression", "License-Expression", &CoreMetadata::license_expression, false},
    {"requires-python", "Requires-Python", nullptr, false},
}};

struct ListField {
  std::string_view key;
  std::string_view name;
  std::vector<std::string> CoreMetadata::*member;
};

// Multi-use fields kept as text.
constexpr std::array<ListField, 11> kListFields = {{
    {"dynamic", "Dynamic", &CoreMetadata::dynamic},
    {"platform", "Platform", &CoreMetadata::platforms},
    {"supported-platform", "Supported-Platform", &CoreMetadata::supported_platforms},
    {"license-file", "License-File", &CoreMetadata::license_files},
    {"classifier", "Classifier", &CoreMetadata::classifiers},
    {"requires-external", "Requires-External", &CoreMetadata::requires_external},
    {"provides-dist", "Provides-Dist", &CoreMetadata::provides_dist},
    {"obsoletes-dist", "Obsoletes-Dist", &CoreMetadata::obsoletes_dist},
    {"requires", "Requires", &CoreMetadata::legacy_requires},
    {"provides", "Provides", &CoreMetadata::legacy_provides},
    {"obsoletes", "Obsoletes", &CoreMetadata::legacy_obsoletes},
}};

constexpr std::array<std::string_view, 3> kSingleUseOther = {"metadata-version", "name", "version"};
constexpr std::array<std::string_view, 3> kParsedListFields = {"requires-dist", "provides-extra",
                                                               "project-url"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_single_use(std::string_view key) {
  return std::any_of(kTextFields.begin(), kTextFields.end(),
                     [&](const TextField& f) { return f.key == key; }) ||
         std::find(kSingleUseOther.begin(), kSingleUseOther.end(), key) != kSingleUseOther.end();
}

bool is_known(std::string_view key) {
  return is_single_use(key) ||
         std::any_of(kListFields.begin(), kListFields.end(),
                     [&](const ListField& f) { return f.key == key; }) ||
         std::find(kParsedListFields.begin(), kParsedListFields.end(), key) !=
             kParsedListFields.end();
}

// Byte offset of 1-based character `column` in `s`.
size_t byte_offset(std::string_view s, int column) {
  size_t i = 0;
  for (int c = 1; c < column && i < s.size(); ++c) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

// "<what> line N (<Field>): <inner message>", with the caret moved from the value to the line.
Error field_error(std::string_view what, const HeaderField& field, const Error& inner) {
  const std::string_view value = field.first_line_value;
  size_t offset = field.value_offset;
  size_t length = value.size();
  const auto& span = inner.span();
  if (field.continuations.empty() && span && span->column > 0) {
    size_t start = byte_offset(value, span->column);
    size_t end = byte_offset(value, span->column + std::max(span->length, 1));
    offset += start;
    length = end - start;
  }
  Error out = tags::parse_error(std::string(what) + " line " + std::to_string(field.line) + " (" +
                                    field.name + "): " + inner.message(),
                                field.source_line, offset, std::max<size_t>(length, 1), field.line);
  if (inner.hint()) return std::move(out).with_hint(*inner.hint());
  return out;
}

Error field_message(std::string_view what, const HeaderField& field, std::string_view message) {
  return line_error(what, field.line, message, field.source_line, field.value_offset,
                    std::max<size_t>(field.first_line_value.size(), 1));
}

std::string one_line(std::string_view s) {
  std::string out(s);
  std::replace(out.begin(), out.end(), '\n', ' ');
  std::replace(out.begin(), out.end(), '\r', ' ');
  return out;
}

}  // namespace

Result<MetadataVersion> MetadataVersion::parse(std::string_view text) {
  auto malformed = [&] {
    return make_error(ErrorKind::kParse, "invalid metadata version " + quote(text) +
                                             ": expected '<major>.<minor>', like '2.4'");
  };
  size_t dot = text.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == text.size() || dot > 4 ||
      text.size() - dot > 5) {
    return malformed();
  }
  MetadataVersion v{0, 0};
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == dot) continue;
    if (text[i] < '0' || text[i] > '9') return malformed();
    int& part = i < dot ? v.major : v.minor;
    part = part * 10 + (text[i] - '0');
  }
  if (v.major != 1 && v.major != 2) {
    return make_error(ErrorKind::kParse, "unsupported metadata version " + quote(text) +
                                             ": major version " + std::to_string(v.major) +
                                             " is not 1 or 2");
  }
  return v;
}

std::string MetadataVersion::to_string() const {
  return std::to_string(major) + "." + std::to_string(minor);
}

bool MetadataVersion::is_newer_than_supported() const {
  return *this > kLatestSupported;
}

Result<CoreMetadata> CoreMetadata::parse(std::string_view text, std::string_view what) {
  ROOST_TRY(HeaderBlock block, parse_headers(text, what));

  std::map<std::string, const HeaderField*> single;
  for (const HeaderField& f : block.fields) {
    std::string key = lower(f.name);
    if (!is_single_use(key)) continue;
    auto [it, inserted] = single.emplace(key, &f);
    if (!inserted) {
      return line_error(what, f.line,
                        "field " + quote(f.name) + " appears twice (first at line " +
                            std::to_string(it->second->line) + "); it may be given only once",
                        f.source_line, 0, f.name.size());
    }
  }
  auto required = [&](std::string_view key, std::string_view name) -> Result<const HeaderField*> {
    auto it = single.find(std::string(key));
    if (it == single.end()) {
      return make_error(ErrorKind::kParse, std::string(what) + ": missing the required field '" +
                                               std::string(name) + "'");
    }
    return it->second;
  };

  ROOST_TRY(const HeaderField* mv_field, required("metadata-version", "Metadata-Version"));
  auto mv = MetadataVersion::parse(mv_field->single_line_value());
  if (!mv) return field_error(what, *mv_field, mv.error());
  ROOST_TRY(const HeaderField* name_field, required("name", "Name"));
  auto name = pep508::PackageName::parse(name_field->single_line_value());
  if (!name) return field_error(what, *name_field, name.error());
  ROOST_TRY(const HeaderField* version_field, required("version", "Version"));
  auto version = pep440::Version::parse(version_field->single_line_value());
  if (!version) return field_error(what, *version_field, version.error());

  CoreMetadata m(std::move(name).value(), std::move(version).value());
  m.metadata_version = *mv;
  m.name_as_written = name_field->single_line_value();

  for (const TextField& tf : kTextFields) {
    auto it = single.find(std::string(tf.key));
    if (it == single.end()) continue;
    const HeaderField& f = *it->second;
    if (tf.member == nullptr) {  // Requires-Python
      auto spec = pep440::SpecifierSet::parse(f.single_line_value());
      if (!spec) return field_error(what, f, spec.error());
      m.requires_python = std::move(spec).value();
      continue;
    }
    m.*(tf.member) = tf.multi_line ? f.multi_line_value() : f.single_line_value();
  }

  for (const HeaderField& f : block.fields) {
    const std::string key = lower(f.name);
    if (is_single_use(key)) continue;
    if (key == "requires-dist") {
      auto req = pep508::Requirement::parse(f.single_line_value());
      if (!req) return field_error(what, f, req.error());
      m.requires_dist.push_back(std::move(req).value());
    } else if (key == "provides-extra") {
      auto extra = pep508::ExtraName::parse(f.single_line_value());
      if (!extra) return field_error(what, f, extra.error());
      m.provides_extra.push_back(std::move(extra).value());
    } else if (key == "project-url") {
      std::string value = f.single_line_value();
      size_t comma = value.find(',');
      if (comma == std::string::npos) {
        return field_message(what, f, "Project-URL " + quote(value) + " must be 'label, url'");
      }
      std::string label = value.substr(0, comma);
      std::string url = value.substr(comma + 1);
      auto trim = [](std::string& s) {
        s.erase(0, s.find_first_not_of(" \t"));
        s.erase(s.find_last_not_of(" \t") + 1);
      };
      trim(label);
      trim(url);
      m.project_urls.push_back({std::move(label), std::move(url)});
    } else if (auto lf = std::find_if(kListFields.begin(), kListFields.end(),
                                      [&](const ListField& l) { return l.key == key; });
               lf != kListFields.end()) {
      std::string value = f.single_line_value();
      if (key == "dynamic") {
        std::string target = lower(value);
        if (target == "name" || target == "version" || target == "metadata-version") {
          return field_message(what, f,
                               "Dynamic cannot name " + quote(value) +
                                   " (Name, Version and Metadata-Version are always static)");
        }
      }
      (m.*(lf->member)).push_back(std::move(value));
    } else {
      m.unknown_fields.emplace_back(f.name, f.single_line_value());
    }
  }

  if (block.body && !block.body->empty()) {
    if (auto it = single.find("description"); it != single.end()) {
      return make_error(ErrorKind::kParse,
                        std::string(what) + " line " + std::to_string(block.body_line) +
                            ": the description is given twice, by the Description field (line " +
                            std::to_string(it->second->line) + ") and as the message body");
    }
    m.description = *block.body;
  }
  return m;
}

std::string CoreMetadata::to_string() const {
  std::string out;
  auto field = [&](std::string_view name, std::string_view value) {
    write_header(out, name, one_line(value));
  };
  auto fields = [&](std::string_view name, const std::vector<std::string>& values) {
    for (const std::string& v : values) field(name, v);
  };
  const bool body_description = metadata_version >= MetadataVersion{2, 1};

  field("Metadata-Version", metadata_version.to_string());
  field("Name",
        !name_as_written.empty() && pep508::PackageName::normalize(name_as_written) == name.str()
            ? name_as_written
            : name.str());
  field("Version", version.to_string());
  fields("Dynamic", dynamic);
  fields("Platform", platforms);
  fields("Supported-Platform", supported_platforms);
  for (const TextField& tf : kTextFields) {
    if (tf.member == nullptr) continue;
    const std::optional<std::string>& value = this->*(tf.member);
    if (!value) continue;
    if (tf.key == "description" && body_description) continue;
    if (tf.multi_line) {
      write_header(out, tf.name, *value);
    } else {
      field(tf.name, *value);
    }
  }
  fields("License-File", license_files);
  fields("Classifier", classifiers);
  if (requires_python) field("Requires-Python", requires_python->to_string());
  for (const pep508::Requirement& r : requires_dist) field("Requires-Dist", r.to_string());
  fields("Requires-External", requires_external);
  for (const ProjectUrl& u : project_urls) field("Project-URL", u.label + ", " + u.url);
  for (const pep508::ExtraName& e : provides_extra) field("Provides-Extra", e.str());
  fields("Provides-Dist", provides_dist);
  fields("Obsoletes-Dist", obsoletes_dist);
  fields("Requires", legacy_requires);
  fields("Provides", legacy_provides);
  fields("Obsoletes", legacy_obsoletes);
  for (const auto& [name, value] : unknown_fields) {
    if (!is_known(lower(name))) field(name, value);
  }
  if (description && !description->empty() && body_description) {
    out += '\n';
    out += *description;
  }
  return out;
}

std::vector<std::string> CoreMetadata::keyword_list() const {
  std::vector<std::string> out;
  if (!keywords) return out;
  const std::string& k = *keywords;
  const bool commas = k.find(',') != std::string::npos;
  size_t start = 0;
  while (start <= k.size()) {
    size_t end = commas ? k.find(',', start) : k.find_first_of(" \t", start);
    if (end == std::string::npos) end = k.size();
    std::string word = k.substr(start, end - start);
    word.erase(0, word.find_first_not_of(" \t"));
    word.erase(word.find_last_not_of(" \t") + 1);
    if (!word.empty()) out.push_back(std::move(word));
    start = end + 1;
  }
  return out;
}

}  // namespace roost::metadata
