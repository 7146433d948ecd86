#include "index/simple_html.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/utf8.h"
#include "index/url.h"

namespace roost::index {
namespace {

char to_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_hex(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    char l = to_lower(c);
    if (!((l >= '0' && l <= '9') || (l >= 'a' && l <= 'f'))) return false;
  }
  return true;
}

// hashlib's guaranteed algorithms: a fragment like "#egg=abc" must not pass for a hash.
bool is_hash_name(std::string_view lowered) {
  static constexpr std::string_view kNames[] = {"md5",      "sha1",     "sha224",   "sha256",
                                                "sha384",   "sha512",   "sha3_224", "sha3_256",
                                                "sha3_384", "sha3_512", "blake2b",  "blake2s"};
  for (std::string_view name : kNames) {
    if (name == lowered) return true;
  }
  return false;
}

// "sha256=ABC" -> {"sha256", "abc"}; several may be joined with '&'. Anything that is not
// known-algo=hex is ignored: fragments also carry "#egg=" and similar, which are not hashes.
void add_hashes(std::string_view text, std::map<std::string, std::string>& hashes) {
  while (!text.empty()) {
    size_t amp = text.find('&');
    std::string_view item = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view algo = item.substr(0, eq), digest = item.substr(eq + 1);
    if (is_hash_name(lower(algo)) && is_hex(digest)) hashes[lower(algo)] = lower(digest);
  }
}

// As HTML does: NUL, surrogates and out-of-range numbers become U+FFFD.
void append_html_code_point(std::string& out, uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  append_utf8(out, cp);
}

// One decoded reference "&...;" at the start of `s`: returns its length, or 0 if unrecognised.
size_t decode_one(std::string_view s, std::string& out) {
  size_t semi = s.find(';');
  if (semi == std::string_view::npos || semi > 32) return 0;  // "&" then text, not a reference
  std::string_view body = s.substr(1, semi - 1);
  static constexpr std::pair<std::string_view, char> kNamed[] = {
      {"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
  for (auto [name, c] : kNamed) {
    if (body == name) {
      out += c;
      return semi + 1;
    }
  }
  if (body.size() < 2 || body[0] != '#') return 0;
  bool hex = body[1] == 'x' || body[1] == 'X';
  std::string_view digits = body.substr(hex ? 2 : 1);
  if (digits.empty()) return 0;
  uint32_t cp = 0;
  for (char c : digits) {
    char l = to_lower(c);
    int d = (l >= '0' && l <= '9') ? l - '0' : (hex && l >= 'a' && l <= 'f') ? l - 'a' + 10 : -1;
    if (d < 0) return 0;
    cp = cp > 0x10FFFF ? cp : cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);  // saturate
  }
  append_html_code_point(out, cp);
  return semi + 1;
}

struct Tag {
  std::string name;       // lowercase
  bool complete = false;  // false when the input ended inside the tag
  std::vector<std::pair<std::string, std::optional<std::string>>> attrs;  // lowercase names
  const std::optional<std::string>* find(std::string_view attr) const {
    for (const auto& [name, value] : attrs) {
      if (name == attr) return &value;
    }
    return nullptr;
  }
};

// Reads a start tag whose name begins at html[i]; leaves i after the closing '>' (or at the end).
Tag read_tag(std::string_view html, size_t& i) {
  Tag tag;
  auto stop = [&](char c) { return is_space(c) || c == '>' || c == '/'; };
  while (i < html.size() && !stop(html[i])) tag.name += to_lower(html[i++]);
  if (i < html.size() && html[i] == '>') {
    ++i;
    tag.complete = true;
    return tag;
  }
  while (i < html.size()) {
    while (i < html.size() && (is_space(html[i]) || html[i] == '/')) ++i;
    if (i >= html.size()) break;
    if (html[i] == '>') {
      ++i;
      tag.complete = true;
      break;
    }
    std::string name;
    while (i < html.size() && !stop(html[i]) && html[i] != '=') name += to_lower(html[i++]);
    if (name.empty()) name += html[i++];  // a stray '=': keep going rather than loop forever
    while (i < html.size() && is_space(html[i])) ++i;
    std::optional<std::string> value;
    if (i < html.size() && html[i] == '=') {
      ++i;
      while (i < html.size() && is_space(html[i])) ++i;
      size_t start = i;
      if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
        char quote = html[i++];
        start = i;
        while (i < html.size() && html[i] != quote) ++i;
        value = decode_html_entities(html.substr(start, i - start));
        if (i < html.size()) ++i;
      } else {
        while (i < html.size() && !is_space(html[i]) && html[i] != '>') ++i;
        value = decode_html_entities(html.substr(start, i - start));
      }
    }
    tag.attrs.emplace_back(std::move(name), std::move(value));
  }
  return tag;
}

// Skips to just past `end` (case-insensitive), or to the end of input.
// `end` must be lowercase. A plain loop, not a lowered copy, so many comments stay linear.
void skip_past(std::string_view html, size_t& i, std::string_view end) {
  for (; i + end.size() <= html.size(); ++i) {
    size_t k = 0;
    while (k < end.size() && to_lower(html[i + k]) == end[k]) ++k;
    if (k == end.size()) {
      i += end.size();
      return;
    }
  }
  i = html.size();
}

CoreMetadata parse_core_metadata(const std::optional<std::string>& value) {
  CoreMetadata meta;
  std::string_view v = value ? trim(*value) : std::string_view();
  if (lower(v) == "true") {
    meta.available = true;
  } else {
    // PEP 714 allows only "true" or "<algo>=<hex>"; anything else (including "false") is
    // treated as unavailable, so roost falls back to reading the metadata from the file itself.
    add_hashes(v, meta.hashes);
    meta.available = !meta.hashes.empty();
  }
  return meta;
}

Result<DistributionFile> make_file(const Tag& tag, std::string_view base, std::string_view text) {
  DistributionFile file;
  std::string_view href = trim(**tag.find("href"));
  auto resolved = resolve_url(base, href);
  if (!resolved) {
    return make_error(ErrorKind::kParse,
                      "anchor href \"" + std::string(href) +
                          "\" cannot be resolved: " + resolved.error().message());
  }
  std::string fragment;
  file.url = strip_fragment(*resolved, &fragment);
  add_hashes(fragment, file.hashes);
  file.filename = url_filename(file.url);
  // PEP 503 says the text is the filename; it is only a fallback for URLs ending in '/'.
  if (file.filename.empty()) file.filename = decode_html_entities(trim(text));
  if (const auto* rp = tag.find("data-requires-python"); rp && *rp && !trim(**rp).empty()) {
    file.requires_python = std::string(trim(**rp));
  }
  if (const auto* y = tag.find("data-yanked")) file.yanked = y->value_or("");
  if (const auto* m = tag.find("data-core-metadata")) {
    file.core_metadata = parse_core_metadata(*m);
  } else if (const auto* d = tag.find("data-dist-info-metadata")) {
    file.core_metadata = parse_core_metadata(*d);
  }
  return file;
}

}  // namespace

std::string decode_html_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    size_t used = text[i] == '&' ? decode_one(text.substr(i), out) : 0;
    if (used == 0) {
      out += text[i];
    } else {
      i += used - 1;
    }
  }
  return out;
}

Result<ProjectPage> parse_simple_html(std::string_view html, std::string_view page_url) {
  ProjectPage page;
  std::string base(page_url);
  bool base_seen = false;
  std::optional<Tag> anchor;  // the open <a> whose text is being collected
  size_t text_start = 0;
  size_t i = 0;
  while (i < html.size()) {
    size_t lt = html.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= html.size()) break;
    size_t text_end = lt;
    char next = html[lt + 1];
    i = lt + 1;
    if (html.substr(lt).starts_with("<!--")) {
      i = lt + 4;
      skip_past(html, i, "-->");
      continue;
    }
    if (next == '!' || next == '?') {  // doctype, processing instruction
      skip_past(html, i, ">");
      continue;
    }
    bool closing = next == '/';
    if (closing) ++i;
    if (i >= html.size() || !std::isalpha(static_cast<unsigned char>(html[i]))) continue;
    Tag tag = read_tag(html, i);
    if (closing || tag.name == "a") {
      if (anchor) {  // an anchor ends at </a>, or at the next <a> when </a> is missing
        ROOST_TRY(auto file,
                  make_file(*anchor, base, html.substr(text_start, text_end - text_start)));
        page.files.push_back(std::move(file));
        anchor.reset();
      }
      if (closing) continue;
    }
    if (!tag.complete) break;  // truncated inside a tag: its attributes may be cut short
    if (tag.name == "a") {
      if (const auto* href = tag.find("href"); href && *href) {
        anchor = std::move(tag);
        text_start = i;
      }
    } else if (tag.name == "base" && !base_seen) {
      // HTML uses only the first <base href>; it is itself relative to the page URL.
      if (const auto* href = tag.find("href"); href && *href) {
        ROOST_TRY_CONTEXT(base, resolve_url(page_url, trim(**href)), "in <base href>");
        base_seen = true;
      }
    } else if (tag.name == "meta") {
      const auto* name = tag.find("name");
      const auto* content = tag.find("content");
      if (name && *name && lower(**name) == "pypi:repository-version" && content && *content) {
        page.api_version = std::string(trim(**content));
      }
    } else if (tag.name == "script" || tag.name == "style") {
      skip_past(html, i, "</" + tag.name);  // raw text: a '<' inside is not a tag
    }
  }
  if (anchor) {  // truncated page: keep the last anchor rather than dropping it
    ROOST_TRY(auto file, make_file(*anchor, base, html.substr(std::min(text_start, html.size()))));
    page.files.push_back(std::move(file));
  }
  return page;
}

}  // namespace roost::index
