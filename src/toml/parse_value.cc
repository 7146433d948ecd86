// Keys and values: strings (four kinds, escapes), integers, floats, booleans, the four
// date-time forms, arrays and inline tables.
#include <charconv>
#include <cstring>
#include <limits>
#include <string>

#include "base/utf8.h"
#include "toml/parser.h"

namespace roost::toml::detail {
namespace {

constexpr int kMaxDepth = 128;  // nested arrays / inline tables; deeper is refused, not a crash

// Character classes for the scanning loops, as tables: the chains of comparisons were most of
// the time of scanning keys and strings.
struct CharTable {
  bool bare_key[256] = {};
  bool basic_plain[256] = {};  // may appear as itself in a "..." string: not `"`, `\`, control
  constexpr CharTable() {
    for (int c = 0; c < 256; ++c) {
      bare_key[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
      bool control = (c < 0x20 && c != '\t') || c == 0x7F;
      basic_plain[c] = c != '"' && c != '\\' && !control;
    }
  }
};
constexpr CharTable kChars;

bool is_bare_key_char(char c) {
  return kChars.bare_key[static_cast<unsigned char>(c)];
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_control(unsigned char c) {
  return (c < 0x20 && c != '\t') || c == 0x7F;
}
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}
int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

}  // namespace

int64_t find_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // ASCII fast path, eight bytes at a time.
    if (i + 8 <= n) {
      uint64_t chunk;
      std::memcpy(&chunk, s + i, 8);
      if ((chunk & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4, cp = c & 0x07;
    } else {
      return static_cast<int64_t>(i);
    }
    if (i + len > n) return static_cast<int64_t>(i);
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return static_cast<int64_t>(i);
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF.
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return static_cast<int64_t>(i);
    }
    i += len;
  }
  return -1;
}

// ---- keys ----

bool Parser::parse_key(std::vector<KeyPart>& out) {
  out.clear();
  while (true) {
    const char* start = p_;
    KeyPart& part = out.emplace_back();  // built in place: most keys are one bare word
    if (at('"')) {
      if (at("\"\"\"")) return fail(p_, "a key cannot be a multi-line string");
      if (!parse_basic_string(part.text)) return false;
    } else if (at('\'')) {
      if (at("'''")) return fail(p_, "a key cannot be a multi-line string");
      if (!parse_literal_string(part.text)) return false;
    } else {
      const char* q = p_;  // a local: stores through p_ each step were half the loop
      while (q < end_ && is_bare_key_char(*q)) ++q;
      p_ = q;
      if (p_ == start) return fail(p_, describe_here() + ", expected a key");
      part.text.assign(start, p_);
    }
    part.range = range_from(start);
    skip_whitespace();
    if (!at('.')) return true;
    ++p_;
    skip_whitespace();
  }
}

// ---- strings ----

bool Parser::parse_escape(std::string& out) {
  const char* start = p_;  // at '\\'
  ++p_;
  if (p_ >= end_) return fail(start, "unfinished escape sequence");
  char c = *p_++;
  switch (c) {
    case 'b':
      out += '\b';
      return true;
    case 't':
      out += '\t';
      return true;
    case 'n':
      out += '\n';
      return true;
    case 'f':
      out += '\f';
      return true;
    case 'r':
      out += '\r';
      return true;
    case '"':
      out += '"';
      return true;
    case '\\':
      out += '\\';
      return true;
    case 'u':
    case 'U': {
      int digits = c == 'u' ? 4 : 8;
      uint32_t cp = 0;
      for (int i = 0; i < digits; ++i) {
        int h = p_ < end_ ? hex_value(*p_) : -1;
        if (h < 0) {
          return fail(
              start,
              std::string("`\\") + c + "` needs " + std::to_string(digits) + " hexadecimal digits",
              static_cast<uint32_t>(p_ - start + 1));
        }
        cp = cp * 16 + static_cast<uint32_t>(h);
        ++p_;
      }
      if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return fail(start, "escape `" + std::string(start, p_) + "` is not a Unicode scalar value",
                    static_cast<uint32_t>(p_ - start));
      }
      append_utf8(out, cp);
      return true;
    }
    case '\n':
    case '\r':
      return fail(start, "a `\\` at the end of a line continues only multi-line strings");
    default: {
      p_ = start + 1;
      unsigned char b = static_cast<unsigned char>(*p_);
      size_t n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
      return fail(start, "invalid escape `\\" + std::string(p_, n) + "`", 2);
    }
  }
}

bool Parser::parse_basic_string(std::string& out) {
  const char* open = p_++;
  while (true) {
    const char* run = p_;
    const char* q = p_;
    while (q < end_ && kChars.basic_plain[static_cast<unsigned char>(*q)]) ++q;
    p_ = q;
    out.append(run, p_);
    if (p_ >= end_ || *p_ == '\n' || *p_ == '\r') {
      return fail(open, "unterminated string (a `\"` string ends on its line)",
                  static_cast<uint32_t>(p_ - open));
    }
    if (*p_ == '"') {
      ++p_;
      return true;
    }
    if (*p_ == '\\') {
      if (!parse_escape(out)) return false;
      continue;
    }
    return fail(p_, describe_here() + " in a string (write it as an escape)");
  }
}

bool Parser::parse_literal_string(std::string& out) {
  const char* open = p_++;
  const char* run = p_;
  while (p_ < end_ && *p_ != '\'' && !is_control(static_cast<unsigned char>(*p_))) ++p_;
  if (p_ >= end_ || *p_ == '\n' || *p_ == '\r') {
    return fail(open, "unterminated string (a `'` string ends on its line)",
                static_cast<uint32_t>(p_ - open));
  }
  if (*p_ != '\'') return fail(p_, describe_here() + " in a string");
  out.assign(run, p_);
  ++p_;
  return true;
}

// `"""` (escapes allowed) or `'''` (raw). After the opening quotes a newline is dropped; CRLF
// becomes LF; the closing quotes may be preceded by one or two quote characters that belong to
// the string.
bool Parser::parse_multiline_string(std::string& out, char quote) {
  const bool basic = quote == '"';
  const char* open = p_;
  p_ += 3;
  if (at("\r\n")) {
    p_ += 2;
  } else if (at('\n')) {
    ++p_;
  }
  while (true) {
    const char* run = p_;
    while (p_ < end_ && *p_ != quote && !(basic && *p_ == '\\') && *p_ != '\r' &&
           (!is_control(static_cast<unsigned char>(*p_)) || *p_ == '\n'))
      ++p_;
    out.append(run, p_);
    if (p_ >= end_) return fail(open, "unterminated multi-line string", 3);
    char c = *p_;
    if (c == quote) {
      size_t quotes = 1;
      while (p_ + quotes < end_ && p_[quotes] == quote) ++quotes;
      if (quotes < 3) {
        out.append(quotes, quote);
        p_ += quotes;
        continue;
      }
      if (quotes > 5) return fail(p_ + 5, "too many quotes after a multi-line string");
      out.append(quotes - 3, quote);
      p_ += quotes;
      return true;
    }
    if (c == '\r') {
      if (!at("\r\n")) return fail(p_, "a carriage return must be followed by a newline");
      out += '\n';
      p_ += 2;
      continue;
    }
    if (basic && c == '\\') {
      // A line-ending backslash swallows the newline and the whitespace after it.
      const char* q = p_ + 1;
      while (q < end_ && (*q == ' ' || *q == '\t')) ++q;
      if (q < end_ && (*q == '\n' || (*q == '\r' && q + 1 < end_ && q[1] == '\n'))) {
        p_ = q;
        while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || at("\r\n"))) {
          p_ += *p_ == '\r' ? 2 : 1;
        }
        continue;
      }
      if (!parse_escape(out)) return false;
      continue;
    }
    return fail(
        p_, describe_here() + (basic ? " in a string (write it as an escape)" : " in a string"));
  }
}

// ---- values ----

bool Parser::parse_value(Value& out) {
  const char* start = p_;
  if (p_ >= end_) return fail(p_, "expected a value, found the end of the file");
  switch (*p_) {
    // Strings are read straight into the value (a fresh Value holds an empty string).
    case '"': {
      std::string& s = Builder::emplace_string(out);
      bool ok = at("\"\"\"") ? parse_multiline_string(s, '"') : parse_basic_string(s);
      if (!ok) return false;
      Builder::set_range(out, range_from(start));
      return true;
    }
    case '\'': {
      std::string& s = Builder::emplace_string(out);
      bool ok = at("'''") ? parse_multiline_string(s, '\'') : parse_literal_string(s);
      if (!ok) return false;
      Builder::set_range(out, range_from(start));
      return true;
    }
    case 't':
    case 'f': {
      bool value = *p_ == 't';
      std::string_view word = value ? "true" : "false";
      if (!at(word) || (p_ + word.size() < end_ && is_bare_key_char(p_[word.size()]))) break;
      p_ += word.size();
      out = Value(value, range_from(start));
      return true;
    }
    case '[':
      return parse_array(out);
    case '{':
      return parse_inline_table(out);
    default:
      if (is_digit(*p_) || *p_ == '+' || *p_ == '-' || at("inf") || at("nan")) {
        return parse_number_or_datetime(out);
      }
  }
  const char* word_end = p_;
  while (word_end < end_ && is_bare_key_char(*word_end)) ++word_end;
  if (word_end > p_) {
    return fail(p_,
                "invalid value `" + std::string(p_, word_end) +
                    "` (strings are quoted; booleans are `true` / `false`)",
                static_cast<uint32_t>(word_end - p_));
  }
  return fail(p_, describe_here() + ", expected a value");
}

bool Parser::parse_number_or_datetime(Value& out) {
  // A date starts with four digits and `-`, a time with two digits and `:`.
  auto digits_then = [&](int n, char sep) {
    if (end_ - p_ <= n) return false;
    for (int i = 0; i < n; ++i) {
      if (!is_digit(p_[i])) return false;
    }
    return p_[n] == sep;
  };
  if (digits_then(4, '-') || digits_then(2, ':')) return parse_datetime(out);
  return parse_number(out);
}

bool Parser::parse_number(Value& out) {
  const char* start = p_;
  // The token: everything a number may contain, then checked piece by piece.
  const char* q = p_;
  while (q < end_ && (is_bare_key_char(*q) || *q == '+' || *q == '.')) ++q;
  std::string_view token(p_, static_cast<size_t>(q - p_));
  auto bad = [&](const std::string& why) {
    return fail(start, "invalid number `" + std::string(token) + "`: " + why,
                static_cast<uint32_t>(token.size()));
  };
  p_ = q;
  std::string_view body = token;
  bool negative = false;
  bool sign = !body.empty() && (body[0] == '+' || body[0] == '-');
  if (sign) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == "inf" || body == "nan") {
    double v = body == "inf" ? std::numeric_limits<double>::infinity()
                             : std::numeric_limits<double>::quiet_NaN();
    out = Value(negative ? -v : v, range_from(start));
    return true;
  }
  if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'o' || body[1] == 'b')) {
    if (sign) return bad("a hexadecimal, octal or binary integer has no sign");
    int base = body[1] == 'x' ? 16 : body[1] == 'o' ? 8 : 2;
    uint64_t value = 0;
    bool last_digit = false;
    for (size_t i = 2; i < body.size(); ++i) {
      char c = body[i];
      if (c == '_') {
        if (!last_digit) return bad("`_` must stand between digits");
        last_digit = false;
        continue;
      }
      int d = hex_value(c);
      if (d < 0 || d >= base)
        return bad(std::string("`") + c + "` is not a base-" + std::to_string(base) + " digit");
      if (value > (static_cast<uint64_t>(INT64_MAX) - static_cast<uint64_t>(d)) /
                      static_cast<uint64_t>(base)) {
        return bad("it does not fit in a signed 64-bit integer");
      }
      value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
      last_digit = true;
    }
    if (!last_digit) return bad("`_` must stand between digits");
    out = Value(static_cast<int64_t>(value), range_from(start));
    return true;
  }

  // Decimal: int part, optional fraction, optional exponent; `_` only between digits.
  std::string digits;  // without underscores, for the conversion
  if (negative) digits += '-';
  size_t i = 0;
  auto digit_run = [&](bool allow_leading_zero, const char* what) -> bool {
    size_t first = i;
    bool last_digit = false;
    while (i < body.size() && (is_digit(body[i]) || body[i] == '_')) {
      if (body[i] == '_') {
        if (!last_digit) return bad("`_` must stand between digits");
        last_digit = false;
      } else {
        digits += body[i];
        last_digit = true;
      }
      ++i;
    }
    if (i == first) return bad(std::string("expected digits ") + what);
    if (!last_digit) return bad("`_` must stand between digits");
    if (!allow_leading_zero && body[first] == '0' && i - first > 1) {
      return bad("leading zeros are not allowed");
    }
    return true;
  };
  if (!digit_run(false, "")) return false;
  bool is_float = false;
  if (i < body.size() && body[i] == '.') {
    is_float = true;
    digits += '.';
    ++i;
    if (!digit_run(true, "after the decimal point")) return false;
  }
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    is_float = true;
    digits += 'e';
    ++i;
    if (i < body.size() && (body[i] == '+' || body[i] == '-')) digits += body[i++];
    if (!digit_run(true, "in the exponent")) return false;
  }
  if (i != body.size()) {
    return bad("unexpected `" + std::string(1, body[i]) + "`");
  }
  if (is_float) {
    double v = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec == std::errc::result_out_of_range) {
      // Overflow is infinity and underflow zero, as in Python's float().
      bool neg_exp = digits.find("e-") != std::string::npos;
      v = neg_exp ? 0.0 : std::numeric_limits<double>::infinity();
      if (negative) v = -v;
    } else if (ec != std::errc() || ptr != digits.data() + digits.size()) {
      return bad("not a float");
    }
    out = Value(v, range_from(start));
    return true;
  }
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) {
    return bad("it does not fit in a signed 64-bit integer");
  }
  out = Value(v, range_from(start));
  return true;
}

bool Parser::parse_datetime(Value& out) {
  const char* start = p_;
  Datetime dt;
  auto number = [&](int n, int& value) {
    value = 0;
    for (int i = 0; i < n; ++i) {
      if (p_ >= end_ || !is_digit(*p_)) return false;
      value = value * 10 + (*p_++ - '0');
    }
    return true;
  };
  auto bad = [&](const char* why) {
    const char* q = start;
    while (q < end_ && (is_bare_key_char(*q) || *q == ':' || *q == '.' || *q == '+')) ++q;
    return fail(start, std::string("invalid date-time `") + std::string(start, q) + "`: " + why,
                static_cast<uint32_t>(q - start));
  };
  auto parse_time = [&]() -> bool {
    int h, m, s;
    if (!number(2, h) || !at(':') || (++p_, !number(2, m)) || !at(':') || (++p_, !number(2, s))) {
      return bad("expected HH:MM:SS");
    }
    if (h > 23 || m > 59 || s > 59) return bad("hour, minute or second out of range");
    dt.hour = static_cast<uint8_t>(h), dt.minute = static_cast<uint8_t>(m);
    dt.second = static_cast<uint8_t>(s);
    if (at('.')) {
      ++p_;
      if (p_ >= end_ || !is_digit(*p_)) return bad("expected digits after `.`");
      uint32_t ns = 0;
      int kept = 0;
      while (p_ < end_ && is_digit(*p_)) {
        if (kept < 9) ns = ns * 10 + static_cast<uint32_t>(*p_ - '0'), ++kept;
        ++p_;
      }
      for (int k = kept; k < 9; ++k) ns *= 10;
      dt.nanosecond = ns;
      dt.fraction_digits = static_cast<uint8_t>(kept);
    }
    return true;
  };

  if (end_ - p_ > 2 && p_[2] == ':') {
    dt.kind = Datetime::Kind::kLocalTime;
    if (!parse_time()) return false;
    out = Value(dt, range_from(start));
    return true;
  }
  int y, mo, d;
  if (!number(4, y) || !at('-') || (++p_, !number(2, mo)) || !at('-') || (++p_, !number(2, d))) {
    return bad("expected YYYY-MM-DD");
  }
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return bad("no such date");
  dt.year = static_cast<uint16_t>(y), dt.month = static_cast<uint8_t>(mo);
  dt.day = static_cast<uint8_t>(d);
  dt.kind = Datetime::Kind::kLocalDate;
  // `T`, `t` or a space, then a time. (A space not followed by a time ends the date.)
  bool time_follows =
      p_ < end_ &&
      (*p_ == 'T' || *p_ == 't' ||
       (*p_ == ' ' && end_ - p_ > 3 && is_digit(p_[1]) && is_digit(p_[2]) && p_[3] == ':'));
  if (time_follows) {
    ++p_;
    dt.kind = Datetime::Kind::kLocalDateTime;
    if (!parse_time()) return false;
    if (at('Z') || at('z')) {
      ++p_;
      dt.kind = Datetime::Kind::kOffsetDateTime;
    } else if (at('+') || at('-')) {
      int sign = *p_++ == '-' ? -1 : 1;
      int oh, om;
      if (!number(2, oh) || !at(':') || (++p_, !number(2, om)))
        return bad("expected an offset ±HH:MM");
      if (oh > 23 || om > 59) return bad("offset out of range");
      dt.offset_minutes = static_cast<int16_t>(sign * (oh * 60 + om));
      dt.kind = Datetime::Kind::kOffsetDateTime;
    }
  }
  if (p_ < end_ && (is_bare_key_char(*p_) || *p_ == ':' || *p_ == '.'))
    return bad("unexpected text");
  out = Value(dt, range_from(start));
  return true;
}

bool Parser::skip_array_space() {
  while (p_ < end_) {
    char c = *p_;
    if (c == ' ' || c == '\t' || c == '\n') {
      ++p_;
    } else if (c == '\r') {
      if (!at("\r\n")) return fail(p_, "a carriage return must be followed by a newline");
      p_ += 2;
    } else if (c == '#') {
      if (!skip_comment()) return false;
    } else {
      break;
    }
  }
  return true;
}

bool Parser::parse_array(Value& out) {
  const char* start = p_++;
  if (++depth_ > kMaxDepth) return fail(start, "arrays and inline tables nested too deeply");
  // Built in place, each element parsed where it stays: moving values was a fifth of arrays.
  std::vector<Value>& items = Builder::items(Builder::emplace_array(out));
  while (true) {
    if (!skip_array_space()) return false;
    if (at(']')) break;
    if (items.empty()) items.reserve(4);  // as Builder::append: most arrays are short
    if (!parse_value(items.emplace_back())) return false;
    if (!skip_array_space()) return false;
    if (at(',')) {
      ++p_;
      continue;
    }
    if (at(']')) break;
    return fail(p_, describe_here() + ", expected `,` or `]` in the array");
  }
  ++p_;
  --depth_;
  Builder::set_range(out, range_from(start));
  return true;
}

bool Parser::parse_inline_table(Value& out) {
  const char* start = p_++;
  if (++depth_ > kMaxDepth) return fail(start, "arrays and inline tables nested too deeply");
  Table table;
  // One key buffer per nesting level, kept across inline tables (the caller's key_ is still in
  // use): a fresh vector per `{...}` was an allocation per source table. Indexed, not held by
  // reference: a nested value may grow inline_keys_.
  const size_t level = static_cast<size_t>(depth_ - 1);
  if (inline_keys_.size() <= level) inline_keys_.resize(level + 1);
  skip_whitespace();
  if (!at('}')) {
    while (true) {
      if (!parse_key(inline_keys_[level])) return false;
      skip_whitespace();
      if (!at('=')) {
        return fail(p_, describe_here() + ", expected `=` after the key in the inline table");
      }
      ++p_;
      skip_whitespace();
      Value value;
      if (!parse_value(value)) return false;
      if (!insert(table, inline_keys_[level], std::move(value), true)) return false;
      skip_whitespace();
      if (at(',')) {
        ++p_;
        skip_whitespace();
        if (at('}')) return fail(p_, "trailing comma in an inline table (TOML 1.0 has none)");
        continue;
      }
      if (at('}')) break;
      return fail(
          p_, describe_here() + ", expected `,` or `}` in the inline table (it ends on its line)");
    }
  }
  ++p_;
  --depth_;
  Builder::set_origin(table, Table::Origin::kInline, 0);
  out = Value(std::move(table), range_from(start));
  return true;
}

}  // namespace roost::toml::detail
