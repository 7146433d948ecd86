// entry_points.txt reading and writing (see entry_points.h). The object reference grammar is the
// one importlib.metadata matches: [\w.]+ (':' [\w.]+)? ('[' extras ']')?, with blanks allowed
// around ':' and before '['.
#include "metadata/entry_points.h"

#include <algorithm>
#include <map>

#include "metadata/headers.h"
#include "tags/text_span.h"

namespace roost::metadata {
namespace {

using tags::quote;

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

// Python's \w for ASCII, plus any non-ASCII byte (letters of other scripts).
bool is_word(char c) {
  auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         u >= 0x80;
}

std::string_view trim(std::string_view s, size_t* offset = nullptr) {
  size_t start = 0;
  while (start < s.size() && (is_blank(s[start]) || s[start] == '\r')) ++start;
  size_t end = s.size();
  while (end > start && (is_blank(s[end - 1]) || s[end - 1] == '\r')) --end;
  if (offset) *offset += start;
  return s.substr(start, end - start);
}

// Parses the reference at bytes [offset, offset + length) of `source`; errors start with `what`
// and their columns and caret refer to `source`.
Result<EntryPoint> parse_reference_in(std::string_view source, size_t offset, size_t length,
                                      const std::string& what, int line_number) {
  const size_t end = offset + length;
  size_t pos = offset;
  auto fail = [&](std::string reason, size_t at, size_t len) {
    return tags::parse_error(what + ": " + reason, source, at, len, line_number);
  };
  auto at_column = [&](size_t at) {
    return " at column " + std::to_string(tags::column_of(source, at));
  };
  auto skip_blanks = [&] {
    while (pos < end && is_blank(source[pos])) ++pos;
  };
  auto dotted = [&] {
    size_t start = pos;
    while (pos < end && (is_word(source[pos]) || source[pos] == '.')) ++pos;
    return source.substr(start, pos - start);
  };

  EntryPoint ep;
  ep.module = dotted();
  if (ep.module.empty()) return fail("expected a module name" + at_column(pos), pos, 1);
  skip_blanks();
  if (pos < end && source[pos] == ':') {
    ++pos;
    skip_blanks();
    ep.attr = dotted();
    if (ep.attr.empty())
      return fail("expected an attribute name after ':'" + at_column(pos), pos, 1);
    skip_blanks();
  }
  if (pos < end && source[pos] == '[') {
    const size_t open = pos;
    size_t close = source.find(']', open);
    if (close == std::string_view::npos || close >= end) {
      return fail("missing ']' for the '['" + at_column(open), open, 1);
    }
    size_t item = open + 1;
    while (item <= close) {
      size_t comma = source.find(',', item);
      size_t item_end = comma == std::string_view::npos || comma > close ? close : comma;
      size_t at = item;
      std::string_view extra = trim(source.substr(item, item_end - item), &at);
      if (extra.empty()) {
        if (item_end == close && item == open + 1) break;  // "[]"
        return fail("empty extra name" + at_column(at), at, 1);
      }
      for (size_t i = 0; i < extra.size(); ++i) {
        if (!is_word(extra[i]) && extra[i] != '-' && extra[i] != '.') {
          return fail("invalid character " + quote(extra.substr(i, 1)) + " in extra name" +
                          at_column(at + i),
                      at + i, 1);
        }
      }
      ep.extras.emplace_back(extra);
      item = item_end + 1;
    }
    pos = close + 1;
    skip_blanks();
  }
  if (pos < end) return fail("unexpected " + quote(source.substr(pos, 1)) + at_column(pos), pos, 1);
  return ep;
}

}  // namespace

std::string EntryPoint::value() const {
  std::string out = module;
  if (!attr.empty()) out += ":" + attr;
  if (!extras.empty()) {
    out += " [";
    for (size_t i = 0; i < extras.size(); ++i) out += (i ? "," : "") + extras[i];
    out += "]";
  }
  return out;
}

Result<EntryPoint> parse_object_reference(std::string_view value) {
  return parse_reference_in(value, 0, value.size(), "invalid object reference " + quote(value), 0);
}

Result<EntryPoints> EntryPoints::parse(std::string_view text, std::string_view what) {
  EntryPoints out;
  std::string group;
  int group_line = 0;
  std::map<std::pair<std::string, std::string>, int> seen;  // (group, name) -> line
  size_t pos = 0;
  int line_number = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, (nl == std::string_view::npos ? text.size() : nl) - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    size_t start = 0;
    std::string_view content = trim(line, &start);
    if (content.empty() || content[0] == '#' || content[0] == ';') continue;

    if (content[0] == '[') {
      if (content.back() != ']') {
        return line_error(what, line_number,
                          "section header " + quote(content) + " has no closing ']'", line, start,
                          content.size());
      }
      size_t name_at = start + 1;
      std::string_view name = trim(content.substr(1, content.size() - 2), &name_at);
      if (name.empty())
        return line_error(what, line_number, "empty section name", line, start, content.size());
      group = std::string(name);
      group_line = line_number;
      continue;
    }
    if (group_line == 0) {
      return line_error(what, line_number,
                        "entry " + quote(content) + " comes before any [section]", line, start,
                        content.size());
    }
    size_t eq = content.find('=');
    if (eq == std::string_view::npos) {
      return line_error(what, line_number, "expected 'name = module:attr', found " + quote(content),
                        line, start, content.size());
    }
    size_t name_at = start;
    std::string_view name = trim(content.substr(0, eq), &name_at);
    if (name.empty())
      return line_error(what, line_number, "empty entry point name", line, start + eq, 1);
    auto [seen_at, fresh] = seen.try_emplace({group, std::string(name)}, line_number);
    if (!fresh) {
      return line_error(what, line_number,
                        "entry point " + quote(name) + " appears twice in [" + group +
                            "] (first at line " + std::to_string(seen_at->second) + ")",
                        line, name_at, name.size());
    }
    size_t value_at = start + eq + 1;
    std::string_view value = trim(content.substr(eq + 1), &value_at);
    const std::string prefix = std::string(what) + " line " + std::to_string(line_number) +
                               ": invalid object reference " + quote(value) + " for " + quote(name);
    ROOST_TRY(EntryPoint ep, parse_reference_in(line, value_at, value.size(), prefix, line_number));
    ep.group = group;
    ep.name = std::string(name);
    ep.line = line_number;
    out.entries.push_back(std::move(ep));
  }
  return out;
}

std::string EntryPoints::to_string() const {
  std::vector<std::string> groups;
  for (const EntryPoint& e : entries) {
    if (std::find(groups.begin(), groups.end(), e.group) == groups.end()) groups.push_back(e.group);
  }
  std::string out;
  for (size_t g = 0; g < groups.size(); ++g) {
    if (g > 0) out += '\n';
    out += "[" + groups[g] + "]\n";
    for (const EntryPoint& e : entries) {
      if (e.group == groups[g]) out += e.name + " = " + e.value() + "\n";
    }
  }
  return out;
}

std::vector<const EntryPoint*> EntryPoints::group(std::string_view name) const {
  std::vector<const EntryPoint*> out;
  for (const EntryPoint& e : entries) {
    if (e.group == name) out.push_back(&e);
  }
  return out;
}

}  // namespace roost::metadata
