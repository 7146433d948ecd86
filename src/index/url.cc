#include "index/url.h"

#include <optional>

namespace roost::index {
namespace {

// The five components of RFC 3986 Appendix B. Authority, query and fragment keep "defined but
// empty" apart from "absent", because §5.2 treats "http://a?" differently from "http://a".
struct Parts {
  std::optional<std::string> scheme;
  std::optional<std::string> authority;
  std::string path;
  std::optional<std::string> query;
  std::optional<std::string> fragment;
};

bool is_scheme_char(char c, bool first) {
  bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (first) return alpha;
  return alpha || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

Parts split(std::string_view s) {
  Parts p;
  if (size_t hash = s.find('#'); hash != std::string_view::npos) {
    p.fragment = std::string(s.substr(hash + 1));
    s = s.substr(0, hash);
  }
  if (size_t q = s.find('?'); q != std::string_view::npos) {
    p.query = std::string(s.substr(q + 1));
    s = s.substr(0, q);
  }
  // A scheme is letters up to the first ':' that comes before any '/'.
  size_t colon = s.find(':');
  if (colon != std::string_view::npos && colon > 0 && s.substr(0, colon).find('/') == s.npos) {
    bool valid = true;
    for (size_t i = 0; i < colon; ++i) valid = valid && is_scheme_char(s[i], i == 0);
    if (valid) {
      p.scheme = std::string(s.substr(0, colon));
      s = s.substr(colon + 1);
    }
  }
  if (s.starts_with("//")) {
    size_t end = s.find('/', 2);
    if (end == std::string_view::npos) end = s.size();
    p.authority = std::string(s.substr(2, end - 2));
    s = s.substr(end);
  }
  p.path = std::string(s);
  return p;
}

// RFC 3986 §5.2.4, written as the spec's loop over an input buffer and an output buffer.
std::string remove_dot_segments(std::string_view in) {
  std::string out;
  while (!in.empty()) {
    if (in.starts_with("../")) {
      in.remove_prefix(3);
    } else if (in.starts_with("./")) {
      in.remove_prefix(2);
    } else if (in.starts_with("/./")) {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.starts_with("/../") || in == "/..") {
      in = in.size() == 3 ? std::string_view("/") : in.substr(3);
      size_t last = out.rfind('/');
      out.erase(last == std::string::npos ? 0 : last);
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      size_t next = in.find('/', in[0] == '/' ? 1 : 0);
      if (next == std::string_view::npos) next = in.size();
      out.append(in.substr(0, next));
      in.remove_prefix(next);
    }
  }
  return out;
}

// §5.2.3: merge a relative-path reference with the base path.
std::string merge(const Parts& base, const std::string& ref_path) {
  if (base.authority && base.path.empty()) return "/" + ref_path;
  size_t last = base.path.rfind('/');
  if (last == std::string::npos) return ref_path;
  return base.path.substr(0, last + 1) + ref_path;
}

std::string recompose(const Parts& p) {
  std::string out;
  if (p.scheme) out += *p.scheme + ":";
  if (p.authority) out += "//" + *p.authority;
  out += p.path;
  if (p.query) out += "?" + *p.query;
  if (p.fragment) out += "#" + *p.fragment;
  return out;
}

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// Control characters and spaces are never valid in a URL; HTML callers trim the edges first, so
// anything left inside means the href is not a URL at all.
std::optional<char> bad_char(std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return c;
  }
  return std::nullopt;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Result<std::string> resolve_url(std::string_view base, std::string_view reference) {
  if (bad_char(base)) {
    return make_error(ErrorKind::kParse, "base URL \"" + std::string(base) +
                                             "\" contains a space or control character");
  }
  if (bad_char(reference)) {
    return make_error(ErrorKind::kParse, "URL \"" + std::string(reference) +
                                             "\" contains a space or control character");
  }
  Parts b = split(base);
  if (!b.scheme) {
    return make_error(ErrorKind::kParse, "cannot resolve \"" + std::string(reference) +
                                             "\" against \"" + std::string(base) +
                                             "\": the base URL has no scheme");
  }
  Parts r = split(reference);
  Parts t;
  if (r.scheme) {
    t = r;
    t.path = remove_dot_segments(r.path);
  } else {
    if (r.authority) {
      t.authority = r.authority;
      t.path = remove_dot_segments(r.path);
      t.query = r.query;
    } else {
      if (r.path.empty()) {
        t.path = b.path;
        t.query = r.query ? r.query : b.query;
      } else {
        t.path = remove_dot_segments(r.path.starts_with('/') ? r.path : merge(b, r.path));
        t.query = r.query;
      }
      t.authority = b.authority;
    }
    t.scheme = b.scheme;
    t.fragment = r.fragment;
  }
  std::string scheme = lower(*t.scheme);
  if ((scheme == "http" || scheme == "https") && (!t.authority || t.authority->empty())) {
    return make_error(ErrorKind::kParse, "cannot resolve \"" + std::string(reference) +
                                             "\" against \"" + std::string(base) +
                                             "\": the result has no host");
  }
  return recompose(t);
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string url_filename(std::string_view url) {
  std::string_view path = url.substr(0, url.find_first_of("?#"));
  size_t slash = path.rfind('/');
  return percent_decode(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string strip_fragment(std::string_view url, std::string* fragment_out) {
  size_t hash = url.find('#');
  if (fragment_out) {
    *fragment_out = hash == std::string_view::npos ? "" : std::string(url.substr(hash + 1));
  }
  return std::string(url.substr(0, hash));
}

std::string file_url_from_path(std::string_view absolute_path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string url = "file://";
  for (char c : absolute_path) {
    auto u = static_cast<unsigned char>(c);
    bool keep = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      url += c;
    } else {
      url += '%';
      url += kHex[u >> 4];
      url += kHex[u & 15];
    }
  }
  return url;
}

}  // namespace roost::index
