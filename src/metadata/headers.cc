// Header block parsing and writing (see headers.h). Lenient where Python's email parser is
// (continuation lines, case, CRLF), strict where it would silently misread (a malformed line
// would start the body there, dropping every later field).
#include "metadata/headers.h"

#include "tags/text_span.h"

namespace roost::metadata {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (is_blank(s.front()) || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (is_blank(s.back()) || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Length of the valid UTF-8 sequence at s[i], or 0.
size_t utf8_length(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n;
  uint32_t cp;
  if ((c & 0xE0) == 0xC0) {
    n = 2, cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
  return n;
}

// Strips one level of the core metadata folding from a continuation line.
std::string_view unindent(std::string_view line) {
  size_t blanks = 0;
  while (blanks < line.size() && is_blank(line[blanks])) ++blanks;
  if (blanks < line.size() && line[blanks] == '|') return line.substr(blanks + 1);
  if (!line.empty() && line[0] == '\t') return line.substr(1);
  return line.substr(std::min<size_t>(blanks, 8));
}

}  // namespace

std::string HeaderField::single_line_value() const {
  std::string out = first_line_value;
  for (const std::string& c : continuations) out += c;
  return std::string(trim(out));
}

std::string HeaderField::multi_line_value() const {
  std::string out = first_line_value;
  for (const std::string& c : continuations) {
    out += '\n';
    out += unindent(c);
  }
  return out;
}

bool HeaderField::is(std::string_view lowercase_name) const {
  if (name.size() != lowercase_name.size()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (lower(name[i]) != lowercase_name[i]) return false;
  }
  return true;
}

std::vector<const HeaderField*> HeaderBlock::all(std::string_view lowercase_name) const {
  std::vector<const HeaderField*> out;
  for (const HeaderField& f : fields) {
    if (f.is(lowercase_name)) out.push_back(&f);
  }
  return out;
}

const HeaderField* HeaderBlock::first(std::string_view lowercase_name) const {
  for (const HeaderField& f : fields) {
    if (f.is(lowercase_name)) return &f;
  }
  return nullptr;
}

Error line_error(std::string_view what, int line, std::string_view message,
                 std::string_view source_line, size_t offset, size_t length) {
  return tags::parse_error(
      std::string(what) + " line " + std::to_string(line) + ": " + std::string(message),
      source_line, offset, length, line);
}

Result<HeaderBlock> parse_headers(std::string_view text, std::string_view what) {
  HeaderBlock block;
  size_t pos = 0;
  int line_number = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    size_t next = end == std::string_view::npos ? text.size() : end + 1;
    std::string_view line =
        text.substr(pos, (end == std::string_view::npos ? text.size() : end) - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_number;

    for (size_t i = 0; i < line.size();) {
      size_t n = utf8_length(line, i);
      if (n == 0) {
        return line_error(what, line_number,
                          "invalid UTF-8 at column " + std::to_string(tags::column_of(line, i)),
                          line, i, 1);
      }
      i += n;
    }

    if (line.empty()) {
      // The blank line ends the headers; what follows is the body, byte for byte.
      block.body = std::string(text.substr(next));
      block.body_line = line_number + 1;
      for (size_t i = 0; i < block.body->size();) {
        size_t n = utf8_length(*block.body, i);
        if (n == 0) {
          std::string_view body = *block.body;
          size_t line_start = body.rfind('\n', i);
          line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
          int body_line = block.body_line;
          for (size_t k = 0; k < line_start; ++k) body_line += body[k] == '\n';
          std::string_view bad_line = body.substr(line_start, body.find('\n', i) - line_start);
          return line_error(what, body_line,
                            "invalid UTF-8 at column " +
                                std::to_string(tags::column_of(bad_line, i - line_start)),
                            bad_line, i - line_start, 1);
        }
        i += n;
      }
      return block;
    }

    if (is_blank(line[0])) {
      if (block.fields.empty()) {
        return line_error(what, line_number, "continuation line before the first field", line, 0,
                          line.size());
      }
      block.fields.back().continuations.emplace_back(line);
    } else {
      size_t colon = line.find(':');
      size_t name_end = 0;
      while (name_end < line.size() && line[name_end] > ' ' && line[name_end] < 0x7f &&
             line[name_end] != ':') {
        ++name_end;
      }
      if (colon == std::string_view::npos || colon != name_end || colon == 0) {
        std::string found = tags::quote(line.substr(0, 40)) + (line.size() > 40 ? "..." : "");
        return line_error(what, line_number, "expected a field 'Name: value', found " + found, line,
                          colon == name_end ? 0 : name_end, 1);
      }
      HeaderField field;
      field.name = std::string(line.substr(0, colon));
      size_t value_at = colon + 1;
      while (value_at < line.size() && is_blank(line[value_at])) ++value_at;
      field.first_line_value = std::string(line.substr(value_at));
      field.line = line_number;
      field.value_offset = value_at;
      field.source_line = std::string(line);
      block.fields.push_back(std::move(field));
    }
    pos = next;
  }
  return block;
}

void write_header(std::string& out, std::string_view name, std::string_view value) {
  // What the format cannot carry is dropped, so that writing what was read is stable: blanks
  // before the value, and carriage returns ending a line.
  while (!value.empty() && is_blank(value.front())) value.remove_prefix(1);
  out += name;
  out += ": ";
  size_t start = 0;
  while (true) {
    size_t nl = value.find('\n', start);
    std::string_view line =
        value.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out += line;
    out += '\n';
    if (nl == std::string_view::npos) break;
    out += "       |";
    start = nl + 1;
  }
}

}  // namespace roost::metadata
