// Wheel content checks over entry lists and dist-info text (see wheel_layout.h).
#include "install/wheel_layout.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "install/relative_path.h"
#include "metadata/headers.h"
#include "tags/text_span.h"

namespace roost::install {
namespace {

using tags::quote;

constexpr std::string_view kDistInfoSuffix = ".dist-info";
constexpr std::string_view kDataSchemeKeys[] = {"purelib", "platlib", "scripts", "headers", "data"};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Whether "<name>-<version>" (the stem of a dist-info name) names `filename`'s project and
// version. Names may hold "-" in old wheels and versions rarely do ("1.0-1"), so every "-" is
// tried as the separator.
bool stem_matches(std::string_view stem, const tags::WheelFilename& filename) {
  for (size_t dash = stem.find('-'); dash != std::string_view::npos;
       dash = stem.find('-', dash + 1)) {
    if (pep508::PackageName::normalize(stem.substr(0, dash)) != filename.name) continue;
    auto version = pep440::Version::parse(stem.substr(dash + 1));
    if (version && *version == filename.version) return true;
  }
  return false;
}

// RECORD's own row and the signature files never carry a hash.
bool is_unhashed_record_file(std::string_view path, const WheelLayout& layout) {
  return path == dist_info_path(layout, "RECORD") || path == dist_info_path(layout, "RECORD.jws") ||
         path == dist_info_path(layout, "RECORD.p7s");
}

}  // namespace

Result<WheelLayout> find_dist_info(const std::vector<WheelEntry>& entries,
                                   const tags::WheelFilename& filename, std::string_view wheel) {
  std::vector<std::string_view> found;
  for (const WheelEntry& e : entries) {
    const size_t slash = e.name.find('/');
    if (slash == std::string::npos) continue;  // a top-level file
    std::string_view top = std::string_view(e.name).substr(0, slash);
    if (ends_with(top, kDistInfoSuffix) &&
        std::find(found.begin(), found.end(), top) == found.end()) {
      found.push_back(top);
    }
  }
  if (found.empty()) return wheel_error(ErrorKind::kParse, wheel, "no .dist-info directory");
  if (found.size() > 1) {
    return wheel_error(
        ErrorKind::kParse, wheel,
        "more than one .dist-info directory (" + quote(found[0]) + " and " + quote(found[1]) + ")");
  }
  std::string_view stem = found[0].substr(0, found[0].size() - kDistInfoSuffix.size());
  if (!stem_matches(stem, filename)) {
    return wheel_error(ErrorKind::kIntegrity, wheel,
                       "the .dist-info directory " + quote(found[0]) +
                           " does not match the file name's project " + filename.name + " " +
                           filename.version.to_string());
  }
  auto name = pep508::PackageName::parse(filename.name);
  if (!name) return wheel_error(ErrorKind::kParse, wheel, name.error().message());
  WheelLayout layout{std::move(*name), filename.version, std::string(found[0]),
                     std::string(stem) + ".data"};

  const std::string data_prefix = layout.data_dir + "/";
  for (const WheelEntry& e : entries) {
    if (e.name.compare(0, data_prefix.size(), data_prefix) != 0 || e.name == data_prefix) continue;
    std::string_view rest = std::string_view(e.name).substr(data_prefix.size());
    const size_t slash = rest.find('/');
    std::string_view key = rest.substr(0, slash);
    if (std::find(std::begin(kDataSchemeKeys), std::end(kDataSchemeKeys), key) ==
        std::end(kDataSchemeKeys)) {
      return entry_error(ErrorKind::kParse, wheel, e.name,
                         "the .data directory holds only purelib, platlib, scripts, headers and "
                         "data directories");
    }
    if (slash == std::string_view::npos && !e.is_directory) {
      return entry_error(
          ErrorKind::kParse, wheel, e.name,
          "a file where the .data directory's " + quote(key) + " directory should be");
    }
    // purelib/ and platlib/ land in site-packages: a .dist-info there would install metadata
    // for a distribution that is not this one.
    if ((key == "purelib" || key == "platlib") && slash != std::string_view::npos) {
      std::string_view top = rest.substr(slash + 1);
      top = top.substr(0, top.find('/'));
      if (ends_with(top, kDistInfoSuffix)) {
        return entry_error(ErrorKind::kIntegrity, wheel, e.name,
                           "a .dist-info directory inside the .data directory");
      }
    }
  }
  return layout;
}

Result<CheckedRecord> check_record(std::string_view record_text,
                                   const std::vector<WheelEntry>& entries,
                                   const WheelLayout& layout, std::string_view wheel) {
  const std::string record_path = dist_info_path(layout, "RECORD");
  auto parsed = metadata::Record::parse(record_text, record_path);
  if (!parsed) return wheel_error(ErrorKind::kParse, wheel, parsed.error().message());
  CheckedRecord checked{std::move(*parsed), {}, {}};
  checked.hashes.resize(entries.size());

  std::unordered_map<std::string_view, size_t> index_of;
  index_of.reserve(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) index_of.emplace(entries[i].name, i);
  std::vector<bool> listed(entries.size(), false);
  std::unordered_set<std::string> warned_algorithms;

  for (const metadata::RecordEntry& row : checked.record.entries) {
    auto fail = [&](ErrorKind kind, std::string problem) {
      return entry_error(kind, wheel, row.path,
                         problem + " (" + record_path + " line " + std::to_string(row.line) + ")");
    };
    if (auto why = unsafe_path_reason(row.path)) return fail(ErrorKind::kParse, std::string(*why));
    auto it = index_of.find(row.path);
    if (it == index_of.end()) {
      if (index_of.count(row.path + "/") != 0) {
        return fail(ErrorKind::kIntegrity, "RECORD lists a directory");
      }
      return fail(ErrorKind::kIntegrity, "listed in RECORD but not in the wheel");
    }
    const size_t i = it->second;
    if (listed[i]) return fail(ErrorKind::kIntegrity, "listed twice in RECORD");
    listed[i] = true;
    if (is_unhashed_record_file(row.path, layout)) continue;
    if (!row.hash || !row.size) return fail(ErrorKind::kIntegrity, "RECORD gives no hash or size");
    if (!metadata::is_allowed_record_algorithm(row.hash->algorithm)) {
      return fail(ErrorKind::kIntegrity, "RECORD uses a " + row.hash->algorithm +
                                             " hash, which the wheel spec does not allow");
    }
    if (*row.size != entries[i].size) {
      return fail(ErrorKind::kIntegrity, "RECORD gives " + std::to_string(*row.size) +
                                             " bytes, the wheel holds " +
                                             std::to_string(entries[i].size));
    }
    if (row.hash->algorithm != "sha256" && warned_algorithms.insert(row.hash->algorithm).second) {
      checked.warnings.push_back("wheel " + std::string(wheel) + ": RECORD uses " +
                                 row.hash->algorithm +
                                 " hashes, which roost cannot compute; only their sizes were "
                                 "checked");
    }
    checked.hashes[i] = *row.hash;
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    if (listed[i] || entries[i].is_directory || is_unhashed_record_file(entries[i].name, layout)) {
      continue;
    }
    return entry_error(ErrorKind::kIntegrity, wheel, entries[i].name,
                       "in the wheel but not listed in RECORD");
  }
  return checked;
}

Result<metadata::WheelInfo> check_wheel_file(std::string_view text, std::string_view wheel,
                                             std::vector<std::string>& warnings) {
  auto info = metadata::WheelInfo::parse(text);
  if (!info) return wheel_error(ErrorKind::kParse, wheel, info.error().message());
  if (info->is_newer_than_supported()) {
    warnings.push_back("wheel " + std::string(wheel) + " has Wheel-Version " +
                       std::to_string(info->version_major) + "." +
                       std::to_string(info->version_minor) +
                       ", newer than the 1.0 roost knows; installing it anyway");
  }
  return std::move(*info);
}

Result<NameAndVersion> read_name_and_version(std::string_view metadata_text,
                                             std::string_view what) {
  // Only the header block matters, and METADATA bodies (long descriptions) can be large.
  const size_t blank = metadata_text.find("\n\n");
  ROOST_TRY(metadata::HeaderBlock block,
            metadata::parse_headers(metadata_text.substr(0, blank), what));
  const metadata::HeaderField* name = block.first("name");
  const metadata::HeaderField* version = block.first("version");
  if (name == nullptr || version == nullptr) {
    return make_error(ErrorKind::kParse, std::string(what) + " lacks a Name or Version field");
  }
  return NameAndVersion{name->single_line_value(), version->single_line_value()};
}

Result<void> check_metadata_identity(std::string_view metadata_text, const WheelLayout& layout,
                                     std::string_view wheel) {
  const std::string what = dist_info_path(layout, "METADATA");
  auto fields = read_name_and_version(metadata_text, what);
  if (!fields) return wheel_error(ErrorKind::kParse, wheel, fields.error().message());
  if (pep508::PackageName::normalize(fields->name) != layout.name.str()) {
    return wheel_error(ErrorKind::kIntegrity, wheel,
                       what + " names the project " + quote(fields->name) + ", the file name " +
                           quote(layout.name.str()));
  }
  auto parsed = pep440::Version::parse(fields->version);
  if (!parsed || *parsed != layout.version) {
    return wheel_error(ErrorKind::kIntegrity, wheel,
                       what + " gives the version " + quote(fields->version) + ", the file name " +
                           quote(layout.version.to_string()));
  }
  return ok();
}

}  // namespace roost::install
