// Core metadata (METADATA in wheels, PKG-INFO in sdists), versions 1.0 to 2.4 of the core metadata
// spec: reading with validation of the fields tools act on, and writing.
//
//   ROOST_TRY(CoreMetadata m, CoreMetadata::parse(text));
//   m.name.str();  m.version;  m.requires_dist;  m.requires_python;
//   std::string again = m.to_string();
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "pep440/specifier.h"
#include "pep440/version.h"
#include "pep508/names.h"
#include "pep508/requirement.h"

namespace roost::metadata {

struct MetadataVersion {
  int major = 2;
  int minor = 4;
  // "2.4": digits, a dot, digits. Major versions other than 1 and 2 are errors (the spec says a
  // new major is incompatible); a newer minor of a known major is accepted.
  static Result<MetadataVersion> parse(std::string_view text);
  std::string to_string() const;
  // Newer than the latest version this code knows (2.4): fields it does not know may matter.
  bool is_newer_than_supported() const;
  auto operator<=>(const MetadataVersion&) const = default;
};

struct ProjectUrl {
  std::string label;
  std::string url;
  bool operator==(const ProjectUrl&) const = default;
};

struct CoreMetadata {
  CoreMetadata(pep508::PackageName name, pep440::Version version)
      : name(std::move(name)), version(std::move(version)) {}

  MetadataVersion metadata_version;
  pep508::PackageName name;
  std::string name_as_written;  // the Name field as written (for display and writing)
  pep440::Version version;

  std::optional<std::string> summary;
  std::optional<std::string> description;  // the body, or the Description field of 1.x
  std::optional<std::string> description_content_type;
  std::optional<std::string> keywords;  // as written; keyword_list() splits it
  std::optional<std::string> home_page;
  std::optional<std::string> download_url;
  std::optional<std::string> author;
  std::optional<std::string> author_email;
  std::optional<std::string> maintainer;
  std::optional<std::string> maintainer_email;
  std::optional<std::string> license;
  std::optional<std::string> license_expression;
  std::optional<pep440::SpecifierSet> requires_python;

  std::vector<std::string> platforms;
  std::vector<std::string> supported_platforms;
  std::vector<std::string> classifiers;
  std::vector<pep508::Requirement> requires_dist;
  std::vector<std::string> requires_external;
  std::vector<ProjectUrl> project_urls;
  std::vector<pep508::ExtraName> provides_extra;  // normalised (PEP 685)
  std::vector<std::string> provides_dist;
  std::vector<std::string> obsoletes_dist;
  std::vector<std::string> dynamic;  // field names, as written
  std::vector<std::string> license_files;
  // Metadata 1.1's Requires / Provides / Obsoletes (module names, superseded by the *-Dist fields).
  std::vector<std::string> legacy_requires;
  std::vector<std::string> legacy_provides;
  std::vector<std::string> legacy_obsoletes;
  // Fields this code does not know (from newer metadata versions or tools), kept in file order.
  std::vector<std::pair<std::string, std::string>> unknown_fields;

  // Parses METADATA / PKG-INFO text. `what` names the file in error messages. Errors (kParse,
  // with the line and a caret) for: a malformed header block, a missing or unsupported
  // Metadata-Version, a missing or invalid Name or Version, a single-use field given twice, an
  // invalid Requires-Python, Requires-Dist, Provides-Extra or Project-URL, a Dynamic field naming
  // Name, Version or Metadata-Version, and a Description field together with a body.
  static Result<CoreMetadata> parse(std::string_view text, std::string_view what = "METADATA");

  // The file text: fields in a fixed order, multi-use fields in their order here, unknown fields
  // last, and the description as the body for 2.1+ (as a folded Description field before).
  std::string to_string() const;

  // Keywords split at commas (or at blanks when there is no comma, as older tools wrote them).
  std::vector<std::string> keyword_list() const;
};

}  // namespace roost::metadata
