// The model of one Simple Repository API project page (PEP 503 HTML or PEP 691 JSON): the files
// an index offers for one project. Both parsers (simple_html.h, simple_json.h) produce it, so the
// rest of roost never cares which format an index served.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace roost::index {

// PEP 658 / 714: whether the index serves the file's METADATA separately ("<url>.metadata").
struct CoreMetadata {
  bool available = false;
  std::map<std::string, std::string> hashes;  // lowercase algorithm -> lowercase hex digest
  bool operator==(const CoreMetadata&) const = default;
};

struct DistributionFile {
  std::string filename;                        // percent-decoded last path segment (HTML)
  std::string url;                             // absolute, without fragment
  std::map<std::string, std::string> hashes;   // lowercase algorithm -> lowercase hex digest
  std::optional<std::string> requires_python;  // HTML-unescaped specifier text
  // nullopt: not yanked; "": yanked without a reason; otherwise the reason.
  std::optional<std::string> yanked;
  CoreMetadata core_metadata;
  std::optional<uint64_t> size;            // PEP 700, JSON only
  std::optional<std::string> upload_time;  // PEP 700, JSON only, as written (ISO 8601)
  bool operator==(const DistributionFile&) const = default;
};

struct ProjectPage {
  std::string name;                        // as the JSON page spells it; empty for HTML
  std::vector<DistributionFile> files;     // in page order
  std::vector<std::string> versions;       // PEP 700 "versions"; may be empty
  std::optional<std::string> api_version;  // "1.1" from meta / pypi:repository-version
  bool operator==(const ProjectPage&) const = default;
};

}  // namespace roost::index
