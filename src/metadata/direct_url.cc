// direct_url.json reading, validation and writing (see direct_url.h); nlohmann::json is the JSON
// layer, and its exceptions stop here.
#include "metadata/direct_url.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "metadata/hash_digest.h"
#include "tags/text_span.h"

namespace roost::metadata {
namespace {

using nlohmann::json;
using tags::quote;

Error invalid(std::string_view what, std::string message) {
  return make_error(ErrorKind::kParse, std::string(what) + ": " + message);
}

// Type-checked access; a JSON null counts as absent, as in packaging.
class Reader {
 public:
  Reader(std::string_view what, const json& object, std::string path)
      : what_(what), object_(object), path_(std::move(path)) {}

  std::string key_path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  Result<const json*> get(std::string_view key, json::value_t type,
                          std::string_view type_name) const {
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) return static_cast<const json*>(nullptr);
    bool matches = it->type() == type || (type == json::value_t::object && it->is_object());
    if (!matches) {
      return invalid(what_, quote(key_path(key)) + " must be " + std::string(type_name) +
                                ", found " + std::string(it->type_name()));
    }
    return &*it;
  }

  Result<std::optional<std::string>> string(std::string_view key) const {
    ROOST_TRY(const json* v, get(key, json::value_t::string, "a string"));
    if (!v) return std::optional<std::string>();
    return std::optional<std::string>(v->get<std::string>());
  }

  Result<std::string> required_string(std::string_view key) const {
    ROOST_TRY(std::optional<std::string> v, string(key));
    if (!v) return invalid(what_, "missing the required key " + quote(key_path(key)));
    if (v->empty()) return invalid(what_, quote(key_path(key)) + " must not be empty");
    return std::move(*v);
  }

 private:
  std::string_view what_;
  const json& object_;
  std::string path_;
};

// hashlib spellings: "sha256", "sha3_256", "blake2b".
bool is_algorithm_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '-')) {
      return false;
    }
  }
  return true;
}

bool is_env_var(std::string_view s) {
  if (s.size() < 4 || !s.starts_with("${") || !s.ends_with("}")) return false;
  for (char c : s.substr(2, s.size() - 3)) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '_'))
      return false;
  }
  return true;
}

// PEP 610: "user:password" may be recorded only as environment variables, or the "git" user of
// SSH URLs.
bool is_allowed_userinfo(std::string_view userinfo) {
  if (userinfo == "git") return true;
  size_t colon = userinfo.find(':');
  if (colon == std::string_view::npos) return is_env_var(userinfo);
  return is_env_var(userinfo.substr(0, colon)) && is_env_var(userinfo.substr(colon + 1));
}

Result<ArchiveInfo> read_archive_info(std::string_view what, const json& object) {
  Reader r(what, object, "archive_info");
  ArchiveInfo info;
  ROOST_TRY(const json* hashes, r.get("hashes", json::value_t::object, "an object"));
  if (hashes) {
    for (const auto& [algorithm, digest] : hashes->items()) {
      const std::string path = "archive_info.hashes." + algorithm;
      if (!is_algorithm_name(algorithm)) {
        return invalid(
            what, "invalid hash algorithm name " + quote(algorithm) + " in 'archive_info.hashes'");
      }
      if (!digest.is_string()) {
        return invalid(what,
                       quote(path) + " must be a string, found " + std::string(digest.type_name()));
      }
      auto h = HashDigest::from_hex(algorithm, digest.get<std::string>());
      if (!h) return invalid(what, quote(path) + ": " + h.error().message());
      info.hashes[h->algorithm] = h->hex();
    }
  }
  ROOST_TRY(std::optional<std::string> legacy, r.string("hash"));
  if (legacy) {
    auto h = HashDigest::parse_hex_pair(*legacy);
    if (!h) return invalid(what, "'archive_info.hash': " + h.error().message());
    if (!hashes) {
      info.hashes[h->algorithm] = h->hex();
    } else {
      auto it = info.hashes.find(h->algorithm);
      if (it == info.hashes.end()) {
        return invalid(what, "the algorithm " + quote(h->algorithm) +
                                 " of 'archive_info.hash' is missing from 'archive_info.hashes'");
      }
      if (it->second != h->hex()) {
        return invalid(what, "'archive_info.hash' and 'archive_info.hashes' disagree about the " +
                                 h->algorithm + " digest");
      }
    }
  }
  return info;
}

}  // namespace

std::string strip_url_credentials(std::string_view url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  size_t netloc_start = scheme_end + 3;
  size_t netloc_end = url.find_first_of("/?#", netloc_start);
  if (netloc_end == std::string_view::npos) netloc_end = url.size();
  std::string_view netloc = url.substr(netloc_start, netloc_end - netloc_start);
  size_t at = netloc.rfind('@');
  if (at == std::string_view::npos || is_allowed_userinfo(netloc.substr(0, at)))
    return std::string(url);
  return std::string(url.substr(0, netloc_start)) + std::string(netloc.substr(at + 1)) +
         std::string(url.substr(netloc_end));
}

Result<DirectUrl> DirectUrl::parse(std::string_view json_text, std::string_view what) {
  json root;
  try {
    root = json::parse(json_text);
  } catch (const json::parse_error& e) {
    // Turn the byte position into a line and a column for the caret.
    size_t at = std::min<size_t>(e.byte > 0 ? e.byte - 1 : 0, json_text.size());
    size_t line_start = at == 0 ? std::string_view::npos : json_text.rfind('\n', at - 1);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    int line = 1;
    for (size_t i = 0; i < line_start; ++i) line += json_text[i] == '\n';
    size_t line_end = json_text.find('\n', line_start);
    std::string_view source = json_text.substr(
        line_start,
        (line_end == std::string_view::npos ? json_text.size() : line_end) - line_start);
    std::string detail = e.what();
    size_t dash = detail.find(": ");
    detail = dash == std::string::npos ? detail : detail.substr(dash + 2);
    // nlohmann appends the raw bytes it last read, which may be anything; the caret shows them.
    detail = detail.substr(0, detail.find("; last read:"));
    return tags::parse_error(
        std::string(what) + " line " + std::to_string(line) + ": invalid JSON at column " +
            std::to_string(tags::column_of(source, at - line_start)) + " (" + detail + ")",
        source, at - line_start, 1, line);
  } catch (const json::exception& e) {
    // Valid syntax nlohmann cannot hold, such as a number too large for a double.
    std::string detail = e.what();
    size_t bracket = detail.find("] ");
    detail = bracket == std::string::npos ? detail : detail.substr(bracket + 2);
    if (detail.size() > 80) detail = detail.substr(0, 77) + "...";
    return invalid(what, "invalid JSON (" + detail + ")");
  }
  if (!root.is_object()) {
    return invalid(
        what, "expected a JSON object at the top level, found " + std::string(root.type_name()));
  }

  Reader r(what, root, "");
  ROOST_TRY(std::string url, r.required_string("url"));
  ROOST_TRY(std::optional<std::string> subdirectory, r.string("subdirectory"));
  ROOST_TRY(const json* dir_info, r.get("dir_info", json::value_t::object, "an object"));
  ROOST_TRY(const json* vcs_info, r.get("vcs_info", json::value_t::object, "an object"));
  ROOST_TRY(const json* archive_info, r.get("archive_info", json::value_t::object, "an object"));

  const int kinds = (dir_info != nullptr) + (vcs_info != nullptr) + (archive_info != nullptr);
  if (kinds != 1) {
    return invalid(
        what, "exactly one of 'dir_info', 'vcs_info' and 'archive_info' must be present, found " +
                  (kinds == 0 ? std::string("none") : std::to_string(kinds)));
  }

  DirectUrl out{std::move(url), DirInfo{}, std::move(subdirectory)};
  if (dir_info) {
    Reader d(what, *dir_info, "dir_info");
    ROOST_TRY(const json* editable, d.get("editable", json::value_t::boolean, "a boolean"));
    out.info = DirInfo{editable && editable->get<bool>()};
  } else if (vcs_info) {
    Reader v(what, *vcs_info, "vcs_info");
    VcsInfo info;
    ROOST_TRY(info.vcs, v.required_string("vcs"));
    ROOST_TRY(info.commit_id, v.required_string("commit_id"));
    ROOST_TRY(info.requested_revision, v.string("requested_revision"));
    out.info = std::move(info);
  } else {
    ROOST_TRY(ArchiveInfo info, read_archive_info(what, *archive_info));
    out.info = std::move(info);
  }
  ROOST_CHECK(out.validate(what));
  return out;
}

Result<void> DirectUrl::validate(std::string_view what) const {
  if (url.empty()) return invalid(what, "'url' must not be empty");
  if (std::holds_alternative<DirInfo>(info) && !url.starts_with("file://")) {
    return invalid(what,
                   "'url' must be a file:// URL when 'dir_info' is present, found " + quote(url));
  }
  if (const auto* vcs = std::get_if<VcsInfo>(&info)) {
    if (vcs->vcs.empty()) return invalid(what, "'vcs_info.vcs' must not be empty");
    if (vcs->commit_id.empty()) return invalid(what, "'vcs_info.commit_id' must not be empty");
  }
  if (const auto* archive = std::get_if<ArchiveInfo>(&info)) {
    for (const auto& [algorithm, hex] : archive->hashes) {
      if (!is_algorithm_name(algorithm)) {
        return invalid(
            what, "invalid hash algorithm name " + quote(algorithm) + " in 'archive_info.hashes'");
      }
      auto h = HashDigest::from_hex(algorithm, hex);
      if (!h)
        return invalid(what,
                       quote("archive_info.hashes." + algorithm) + ": " + h.error().message());
    }
  }
  if (subdirectory) {
    const std::string& s = *subdirectory;
    bool drive = s.size() >= 2 && s[1] == ':' &&
                 ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'));
    if (s.empty() || s[0] == '/' || s[0] == '\\' || drive) {
      return invalid(what, "'subdirectory' must be a relative path, found " + quote(s));
    }
  }
  return ok();
}

std::string DirectUrl::to_json(bool strip_credentials) const {
  json root = json::object();
  root["url"] = strip_credentials ? strip_url_credentials(url) : url;
  if (subdirectory) root["subdirectory"] = *subdirectory;
  if (const auto* dir = std::get_if<DirInfo>(&info)) {
    root["dir_info"] = json{{"editable", dir->editable}};
  } else if (const auto* vcs = std::get_if<VcsInfo>(&info)) {
    json v = {{"vcs", vcs->vcs}, {"commit_id", vcs->commit_id}};
    if (vcs->requested_revision) v["requested_revision"] = *vcs->requested_revision;
    root["vcs_info"] = std::move(v);
  } else if (const auto* archive = std::get_if<ArchiveInfo>(&info)) {
    json a = json::object();
    if (!archive->hashes.empty()) {
      a["hashes"] = archive->hashes;
      // The deprecated single "hash" too, for readers that predate "hashes" (sha256 if present).
      auto it = archive->hashes.find("sha256");
      if (it == archive->hashes.end()) it = archive->hashes.begin();
      a["hash"] = it->first + "=" + it->second;
    }
    root["archive_info"] = std::move(a);
  }
  return root.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace roost::metadata
