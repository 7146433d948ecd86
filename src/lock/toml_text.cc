// TOML string and key encoding as toml_writer does it (crates/toml_writer/src/string.rs): the
// choice of quoting depends on which characters the value holds.
#include "lock/toml_text.h"

#include <algorithm>
#include <cstdint>

namespace roost::lock::detail {
namespace {

enum class Style : uint8_t { kBasic, kLiteral, kMlBasic, kMlLiteral };

struct Metrics {
  int max_single_quotes = 0;  // longest run of '
  int max_double_quotes = 0;  // longest run of "
  bool escape_codes = false;  // a control character other than tab and newline (or DEL)
  bool backslash = false;
  bool newline = false;
};

Metrics measure(std::string_view s) {
  Metrics m;
  int singles = 0;
  int doubles = 0;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    singles = c == '\'' ? singles + 1 : 0;
    doubles = c == '"' ? doubles + 1 : 0;
    m.max_single_quotes = std::max(m.max_single_quotes, singles);
    m.max_double_quotes = std::max(m.max_double_quotes, doubles);
    if (c == '\\') {
      m.backslash = true;
    } else if (c == '\n') {
      m.newline = true;
    } else if ((c <= 0x1f && c != '\t') || c == 0x7f) {
      m.escape_codes = true;
    }
  }
  return m;
}

// Basic-string body: escapes what the grammar does not allow unescaped. Multi-line bodies keep
// newlines and up to two quotes in a row. Runs that need nothing are copied whole (the usual
// case is one run: a URL, a hash, a marker).
void append_escaped(std::string& out, std::string_view s, bool multi_line) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const int max_quotes = multi_line ? 2 : 0;
  int quotes = 0;
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '"') {
      if (++quotes <= max_quotes) continue;
      quotes = 0;
    } else {
      quotes = 0;
      bool plain = (c > 0x1f && c != 0x5c && c != 0x7f) || (c == '\n' && multi_line);
      if (plain) continue;
    }
    out.append(s, run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case 0x08:
        out += "\\b";
        break;
      case 0x09:
        out += "\\t";
        break;
      case 0x0a:
        out += "\\n";
        break;
      case 0x0c:
        out += "\\f";
        break;
      case 0x0d:
        out += "\\r";
        break;
      case 0x5c:
        out += "\\\\";
        break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xf];
    }
  }
  out.append(s, run, s.size() - run);
}

void append_styled(std::string& out, std::string_view s, Style style, bool newline) {
  switch (style) {
    case Style::kBasic:
      out += '"';
      append_escaped(out, s, false);
      out += '"';
      return;
    case Style::kLiteral:
      out += '\'';
      out += s;
      out += '\'';
      return;
    case Style::kMlBasic:
      out += "\"\"\"";
      if (newline) out += '\n';
      append_escaped(out, s, true);
      out += "\"\"\"";
      return;
    case Style::kMlLiteral:
      out += "'''";
      if (newline) out += '\n';
      out += s;
      out += "'''";
      return;
  }
}

bool is_bare_key(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// True when `value` can be written as "value" with no escapes: no control characters, quotes or
// backslashes (nearly every string of a lockfile). Branch-free, so the compiler can vectorise
// it: this test was two thirds of the writer's time (every URL and hash goes through it).
bool is_plain(std::string_view value) {
  unsigned bad = 0;
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    bad |= static_cast<unsigned>(c <= 0x1f) | static_cast<unsigned>(c == '"') |
           static_cast<unsigned>(c == '\\') | static_cast<unsigned>(c == 0x7f);
  }
  return bad == 0;
}

}  // namespace

void append_toml_string(std::string& out, std::string_view value) {
  if (is_plain(value)) {
    out += '"';
    out += value;
    out += '"';
    return;
  }
  Metrics m = measure(value);
  Style style;
  if (!m.escape_codes && !m.backslash && m.max_double_quotes == 0 && !m.newline) {
    style = Style::kBasic;
  } else if (!m.escape_codes && m.max_single_quotes == 0 && !m.newline) {
    style = Style::kLiteral;
  } else if (!m.escape_codes && !m.backslash && m.max_double_quotes <= 2) {
    style = Style::kMlBasic;
  } else if (!m.escape_codes && m.max_single_quotes <= 2) {
    style = Style::kMlLiteral;
  } else {
    style = m.newline ? Style::kMlBasic : Style::kBasic;
  }
  append_styled(out, value, style, m.newline);
}

void append_toml_key(std::string& out, std::string_view key) {
  if (is_bare_key(key)) {
    out += key;
    return;
  }
  Metrics m = measure(key);
  bool has_single = m.max_single_quotes > 0;
  bool has_double = m.max_double_quotes > 0;
  // Keys are never multi-line: a newline only forces escapes.
  bool controls = m.escape_codes || m.newline;
  if (!controls && !m.backslash && !has_double) {
    append_styled(out, key, Style::kBasic, false);
  } else if (!controls && !has_single) {
    append_styled(out, key, Style::kLiteral, false);
  } else {
    append_styled(out, key, Style::kBasic, false);
  }
}

}  // namespace roost::lock::detail
