// uv's URL handling for requirements (uv-pypi-types parsed_url.rs, uv-distribution-types
// requirement.rs `RequirementSourceWire`), for the forms uv.lock records.
#include "project/url_source.h"

#include <system_error>

#include "index/url.h"
#include "project/lowering_internal.h"

namespace roost::project {
namespace {

namespace fs = std::filesystem;

// Where the path of "scheme://authority/path" starts (npos when there is no authority).
size_t path_start(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string_view::npos;
  size_t slash = url.find('/', scheme + 3);
  return slash == std::string_view::npos ? url.size() : slash;
}

// Splits off "#fragment" (returned without the '#').
std::string_view split_fragment(std::string_view& url) {
  size_t hash = url.find('#');
  if (hash == std::string_view::npos) return {};
  std::string_view fragment = url.substr(hash + 1);
  url = url.substr(0, hash);
  return fragment;
}

// The value of `key=` among "&"-separated fragment pairs.
std::optional<std::string> fragment_value(std::string_view fragment, std::string_view key) {
  while (!fragment.empty()) {
    size_t amp = fragment.find('&');
    std::string_view pair = fragment.substr(0, amp);
    if (pair.size() > key.size() && pair.substr(0, key.size()) == key && pair[key.size()] == '=') {
      return std::string(pair.substr(key.size() + 1));
    }
    if (amp == std::string_view::npos) break;
    fragment = fragment.substr(amp + 1);
  }
  return std::nullopt;
}

// application/x-www-form-urlencoded decoding: '+' is a space, then %XX escapes.
std::string form_decode(std::string_view value) {
  std::string plus_as_space(value);
  for (char& c : plus_as_space) {
    if (c == '+') c = ' ';
  }
  return index::percent_decode(plus_as_space);
}

}  // namespace

std::string form_urlencode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '*' ||
        c == '-' || c == '.' || c == '_') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string without_credentials(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  size_t authority_end = path_start(url);
  size_t at = url.rfind('@', authority_end == url.size() ? std::string_view::npos : authority_end);
  if (at == std::string_view::npos || at < scheme + 3) return std::string(url);
  std::string_view user = url.substr(scheme + 3, at - scheme - 3);
  if (user == "git") return std::string(url);
  return std::string(url.substr(0, scheme + 3)) + std::string(url.substr(at + 1));
}

std::string git_location(std::string_view repository, const GitQuery& query) {
  std::string_view base = repository;
  split_fragment(base);
  if (size_t q = base.find('?'); q != std::string_view::npos) base = base.substr(0, q);
  std::string out = without_credentials(base);
  std::string pairs;
  auto add = [&](std::string_view key, std::string_view value) {
    pairs += pairs.empty() ? "?" : "&";
    pairs += std::string(key) + "=" + form_urlencode(value);
  };
  if (query.subdirectory) add("subdirectory", *query.subdirectory);
  if (query.path) add("path", *query.path);
  if (query.lfs) add("lfs", "true");
  if (query.reference) add(query.reference->first, query.reference->second);
  return out + pairs;
}

Result<DirectUrl> parse_direct_url(std::string_view url, const fs::path& base_dir,
                                   const fs::path& root) {
  DirectUrl out;
  std::string_view rest = url;
  std::string_view fragment = split_fragment(rest);
  if (rest.substr(0, 4) == "git+") {
    rest = rest.substr(4);
    GitQuery q;
    q.subdirectory = fragment_value(fragment, "subdirectory");
    if (std::optional<std::string> lfs = fragment_value(fragment, "lfs")) q.lfs = *lfs == "true";
    size_t start = path_start(rest);
    if (start != std::string_view::npos) {
      size_t at = rest.rfind('@');
      if (at != std::string_view::npos && at > start) {
        q.reference = {"rev", std::string(rest.substr(at + 1))};
        rest = rest.substr(0, at);
      }
    }
    out.kind = lock::SourceKind::kGit;
    out.location = git_location(rest, q);
    return out;
  }
  bool file_url = rest.substr(0, 7) == "file://";
  if (file_url || rest.find("://") == std::string_view::npos) {
    fs::path path =
        file_url ? fs::path(index::percent_decode(rest.substr(7))) : fs::path(std::string(rest));
    fs::path install = (path.is_absolute() ? path : base_dir / path).lexically_normal();
    std::error_code ec;
    bool is_dir =
        fs::is_directory(install, ec) || (!fs::exists(install, ec) && !install.has_extension());
    out.kind = is_dir ? lock::SourceKind::kDirectory : lock::SourceKind::kPath;
    out.location = detail::relative_path(install, root);
    return out;
  }
  out.kind = lock::SourceKind::kUrl;
  out.location = without_credentials(rest);
  out.subdirectory = fragment_value(fragment, "subdirectory").value_or("");
  return out;
}

GitLocation parse_git_location(std::string_view location) {
  GitLocation out;
  std::string url = index::strip_fragment(location, nullptr);
  size_t q = url.find('?');
  out.repository = url.substr(0, q);
  if (q == std::string::npos) return out;
  std::string_view query = std::string_view(url).substr(q + 1);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    size_t eq = pair.find('=');
    std::string key(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : form_decode(pair.substr(eq + 1));
    if (key == "subdirectory") out.subdirectory = value;
    if (key == "rev" || key == "tag" || key == "branch") {
      out.reference_kind = key;
      out.reference = value;
    }
  }
  return out;
}

}  // namespace roost::project
