// PEP 440 version parsing: the VERSION_PATTERN of packaging.version (possessive form, as on
// Python >= 3.11) as a hand-written scanner that allocates nothing for common versions.
//
//   v? (N!)? N(.N)* ([._-]?(alpha|a|beta|b|preview|pre|c|rc)[._-]?N?)?
//   (-N | [._-]?(post|rev|r)[._-]?N?)? ([._-]?dev[._-]?N?)? (+[a-z0-9]+([._-][a-z0-9]+)*)?
//
// case-insensitively, with surrounding (Unicode) whitespace allowed by Version::parse.
#include <cstring>

#include "pep440/packed.h"
#include "pep440/version_parser.h"

namespace roost::pep440 {
namespace {

using detail::is_alnum;
using detail::is_digit;
using detail::lower;
using detail::ParseFailure;

bool is_separator(char c) { return c == '.' || c == '_' || c == '-'; }

// Whether s[i..] starts with the lowercase word, ignoring ASCII case.
bool has_word(std::string_view s, size_t i, std::string_view word) {
  if (s.size() - i < word.size()) return false;
  for (size_t k = 0; k < word.size(); ++k) {
    if (lower(s[i + k]) != word[k]) return false;
  }
  return true;
}

struct Scanner {
  std::string_view s;
  size_t i = 0;
  ParseFailure* failure;

  bool at_end() const { return i >= s.size(); }
  bool digit_at(size_t k) const { return k < s.size() && is_digit(s[k]); }
  bool separator_at(size_t k) const { return k < s.size() && is_separator(s[k]); }

  bool fail(size_t pos, size_t len, std::string what) {
    failure->pos = pos;
    failure->len = len == 0 ? 1 : len;
    failure->what = std::move(what);
    return false;
  }

  // Reads the digits at k into *out; digit_at(k) must hold. Rejects numbers over 64 bits.
  bool number(size_t& k, uint64_t* out) {
    size_t start = k;
    uint64_t value = 0;
    while (k < s.size() && is_digit(s[k])) {
      value = value * 10 + static_cast<uint64_t>(s[k] - '0');
      ++k;
    }
    // Up to 19 digits always fit; longer runs (maybe leading zeros) are checked exactly.
    if (k - start > 19) {
      value = 0;
      for (size_t j = start; j < k; ++j) {
        if (__builtin_mul_overflow(value, 10, &value) ||
            __builtin_add_overflow(value, static_cast<uint64_t>(s[j] - '0'), &value)) {
          return fail(start, k - start,
                      "number " + detail::quoted(s.substr(start, k - start)) +
                          " is too large (the limit is 18446744073709551615)");
        }
      }
    }
    *out = value;
    return true;
  }

  // What is left from pos, for "unexpected ..." messages.
  bool unexpected(size_t pos) {
    std::string_view rest = s.substr(pos);
    if (rest[0] == '.' && (rest.size() == 1 || rest[1] == '.')) {
      return fail(pos, 1, rest.size() == 1 ? "trailing '.'" : "empty release segment '..'");
    }
    return fail(pos, rest.size(), "unexpected " + detail::quoted(rest));
  }

  bool expected_release(size_t pos, std::string_view after) {
    std::string what = "expected a release number";
    if (!after.empty()) what += " after " + detail::quoted(after);
    if (pos >= s.size()) return fail(pos, 1, what + ", found the end of the text");
    return fail(pos, s.size() - pos, what + ", found " + detail::quoted(s.substr(pos)));
  }
};

// Matches a pre-release word at s[i..] as the regex's alternation (alpha|a|beta|b|preview|pre|
// c|rc) does: the longer spelling wins where one is a prefix of another. Returns its length.
size_t pre_word(std::string_view s, size_t i, PreKind* kind) {
  switch (lower(s[i])) {
    case 'a':
      *kind = PreKind::kAlpha;
      return has_word(s, i, "alpha") ? 5 : 1;
    case 'b':
      *kind = PreKind::kBeta;
      return has_word(s, i, "beta") ? 4 : 1;
    case 'c':
      *kind = PreKind::kRc;
      return 1;
    case 'p':
      *kind = PreKind::kRc;
      return has_word(s, i, "preview") ? 7 : (has_word(s, i, "pre") ? 3 : 0);
    case 'r':
      *kind = PreKind::kRc;
      return has_word(s, i, "rc") ? 2 : 0;
    default:
      return 0;
  }
}

size_t post_word(std::string_view s, size_t i) {
  if (has_word(s, i, "post")) return 4;
  if (has_word(s, i, "rev")) return 3;
  if (has_word(s, i, "r")) return 1;
  return 0;
}

}  // namespace

std::optional<Version> VersionParser::parse(std::string_view s, ParseFailure* failure) {
  Scanner sc{s, 0, failure};
  if (s.empty()) {
    sc.fail(0, 1, "expected a version such as '1.0', found an empty string");
    return std::nullopt;
  }
  if (lower(s[0]) == 'v') sc.i = 1;

  // Epoch and release. Up to 16 release numbers stay on the stack.
  uint64_t inline_release[16];
  std::vector<uint64_t> long_release;
  size_t release_len = 0;
  auto push_release = [&](uint64_t n) {
    if (release_len < 16) {
      inline_release[release_len] = n;
    } else {
      if (long_release.empty()) long_release.assign(inline_release, inline_release + 16);
      long_release.push_back(n);
    }
    ++release_len;
  };

  if (!sc.digit_at(sc.i)) {
    sc.expected_release(sc.i, sc.i == 1 ? s.substr(0, 1) : std::string_view());
    return std::nullopt;
  }
  uint64_t epoch = 0, n = 0;
  if (!sc.number(sc.i, &n)) return std::nullopt;
  if (sc.i < s.size() && s[sc.i] == '!') {
    epoch = n;
    size_t bang = sc.i++;
    if (!sc.digit_at(sc.i)) {
      sc.expected_release(sc.i, s.substr(0, bang + 1));
      return std::nullopt;
    }
    if (!sc.number(sc.i, &n)) return std::nullopt;
  }
  push_release(n);
  while (sc.i + 1 < s.size() && s[sc.i] == '.' && is_digit(s[sc.i + 1])) {
    ++sc.i;
    if (!sc.number(sc.i, &n)) return std::nullopt;
    push_release(n);
  }

  // Pre-release: an atomic group, so a separator is only consumed along with a word.
  std::optional<PreRelease> pre;
  {
    size_t k = sc.i;
    if (sc.separator_at(k)) ++k;
    PreKind kind;
    if (size_t len = k < s.size() ? pre_word(s, k, &kind) : 0) {
      k += len;
      if (sc.separator_at(k)) ++k;
      uint64_t number = 0;
      if (sc.digit_at(k) && !sc.number(k, &number)) return std::nullopt;
      pre = PreRelease{kind, number};
      sc.i = k;
    }
  }

  // Post-release: "-N", or an optional separator, post/rev/r, separator, optional number.
  std::optional<uint64_t> post;
  {
    size_t k = sc.i;
    uint64_t number = 0;
    if (k < s.size() && s[k] == '-' && sc.digit_at(k + 1)) {
      ++k;
      if (!sc.number(k, &number)) return std::nullopt;
      post = number;
      sc.i = k;
    } else {
      if (sc.separator_at(k)) ++k;
      if (size_t len = k < s.size() ? post_word(s, k) : 0) {
        k += len;
        if (sc.separator_at(k)) ++k;
        if (sc.digit_at(k) && !sc.number(k, &number)) return std::nullopt;
        post = number;
        sc.i = k;
      }
    }
  }

  // Development release.
  std::optional<uint64_t> dev;
  {
    size_t k = sc.i;
    if (sc.separator_at(k)) ++k;
    if (k < s.size() && has_word(s, k, "dev")) {
      k += 3;
      if (sc.separator_at(k)) ++k;
      uint64_t number = 0;
      if (sc.digit_at(k) && !sc.number(k, &number)) return std::nullopt;
      dev = number;
      sc.i = k;
    }
  }

  // Local version label: lowercased; all-digit segments are numbers.
  std::vector<LocalSegment> local;
  if (sc.i < s.size() && s[sc.i] == '+') {
    size_t plus = sc.i++;
    if (sc.i >= s.size()) {
      sc.fail(plus, 1, "expected a local version label after '+'");
      return std::nullopt;
    }
    if (!is_alnum(s[sc.i])) {
      size_t len = detail::char_length(s, sc.i);
      sc.fail(sc.i, len,
              "expected a letter or digit to start the local version label, found " +
                  detail::quoted(s.substr(sc.i, len)));
      return std::nullopt;
    }
    while (true) {
      size_t start = sc.i;
      bool all_digits = true;
      while (sc.i < s.size() && is_alnum(s[sc.i])) {
        all_digits = all_digits && is_digit(s[sc.i]);
        ++sc.i;
      }
      if (all_digits) {
        size_t k = start;
        uint64_t number = 0;
        if (!sc.number(k, &number)) return std::nullopt;
        local.emplace_back(number);
      } else {
        std::string segment(s.substr(start, sc.i - start));
        for (char& c : segment) c = lower(c);
        local.emplace_back(std::move(segment));
      }
      if (sc.separator_at(sc.i) && sc.i + 1 < s.size() && is_alnum(s[sc.i + 1])) {
        ++sc.i;
        continue;
      }
      break;
    }
  }

  if (!sc.at_end()) {
    sc.unexpected(sc.i);
    return std::nullopt;
  }
  std::span<const uint64_t> release =
      release_len <= 16 ? std::span<const uint64_t>(inline_release, release_len)
                        : std::span<const uint64_t>(long_release);
  return Version::build(epoch, release, pre, post, dev, std::move(local), Version::kReal);
}

bool VersionParser::parse_simple(std::string_view s, Version* out) {
  const char* p = s.data();
  const char* end = p + s.size();
  uint64_t key = 0;
  size_t n = 0;
  while (true) {
    if (p == end || !is_digit(*p) || n == 4) return false;
    const char* start = p;
    uint64_t x = 0;
    do {
      x = x * 10 + static_cast<uint64_t>(*p - '0');
      ++p;
    } while (p != end && is_digit(*p));
    if (p - start > 5 || x >= detail::kPackedLimit[n]) return false;
    out->small_release_[n] = x;
    key |= x << detail::kPackedShift[n];
    ++n;
    if (p == end || *p != '.' || p + 1 == end || !is_digit(p[1])) break;
    ++p;
  }
  uint64_t kind = detail::kKindFinal;
  uint64_t number = 0;
  if (p != end) {
    if (*p == 'a' || *p == 'b') {
      kind = *p == 'a' ? detail::kKindAlpha : detail::kKindBeta;
      ++p;
    } else if (end - p >= 2 && p[0] == 'r' && p[1] == 'c') {
      kind = detail::kKindRc;
      p += 2;
    } else if (end - p >= 5 && std::memcmp(p, ".post", 5) == 0) {
      kind = detail::kKindPost;
      p += 5;
    } else if (end - p >= 4 && std::memcmp(p, ".dev", 4) == 0) {
      kind = detail::kKindDev;
      p += 4;
    } else {
      return false;
    }
    const char* start = p;
    while (p != end && is_digit(*p)) {
      number = number * 10 + static_cast<uint64_t>(*p - '0');
      ++p;
    }
    if (p != end || p == start || p - start > 4 || number >= detail::kPackedNumberLimit) return false;
  }
  out->key_ = key | (kind << detail::kPackedKindShift) | (number << 1);
  out->release_len_ = static_cast<uint8_t>(n);
  out->packed_ = true;
  out->sentinel_ = Version::kReal;
  out->full_.reset();
  return true;
}

Result<Version> Version::parse(std::string_view text) {
  {
    Version v;
    if (VersionParser::parse_simple(text, &v)) return v;
  }
  // Fast path: no surrounding whitespace (the common case) skips the Unicode-aware trim.
  size_t begin = 0, end = text.size();
  if (!text.empty() && (static_cast<unsigned char>(text.front()) <= ' ' ||
                        static_cast<unsigned char>(text.front()) >= 0x80 ||
                        static_cast<unsigned char>(text.back()) <= ' ' ||
                        static_cast<unsigned char>(text.back()) >= 0x80)) {
    auto t = detail::trim(text, 0, text.size());
    begin = t.begin;
    end = t.end;
  }
  detail::ParseFailure failure;
  auto v = VersionParser::parse(text.substr(begin, end - begin), &failure);
  if (!v) {
    failure.pos += begin;
    return detail::parse_error("invalid version", text, failure);
  }
  return std::move(*v);
}

}  // namespace roost::pep440
