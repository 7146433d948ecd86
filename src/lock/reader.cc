// Typed reads and error spans for the uv.lock reader.
#include "lock/reader.h"

#include <algorithm>

#include "pep508/names.h"
#include "toml/line_index.h"

namespace roost::lock::detail {
namespace {

int char_count(std::string_view text) {
  int n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::string quoted(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 2);
  out += '`';
  out += name;
  out += '`';
  return out;
}

void KeyPath::append_to(std::string& out) const {
  if (parent_ == nullptr) return;
  parent_->append_to(out);
  if (index_ != kNoIndex) {
    out += '[';
    out += std::to_string(index_);
    out += ']';
    return;
  }
  if (!out.empty()) out += '.';
  out += key_;
}

std::string KeyPath::str() const {
  if (is_root()) return "the top-level table";
  std::string out;
  append_to(out);
  return quoted(out);
}

Error Reader::error(toml::SourceRange range, std::string message) const {
  // Built only on failure: the line index scans the whole text.
  toml::LineIndex lines(text_);
  toml::LineIndex::Position at = lines.position(range.offset);
  size_t begin = std::min<size_t>(range.offset, text_.size());
  size_t end = std::min<size_t>(begin + range.length, text_.size());
  size_t newline = text_.find_first_of("\r\n", begin);
  if (newline != std::string_view::npos) end = std::min(end, newline);
  Span span;
  span.file = std::string(file_);
  span.line = static_cast<int>(at.line);
  span.column = static_cast<int>(at.column);
  span.length = std::max(char_count(text_.substr(begin, end - begin)), 1);
  span.source_line = std::string(lines.line(at.line));
  return Error(ErrorKind::kParse, std::move(message)).with_span(std::move(span));
}

Error Reader::type_error(const toml::Value& value, const KeyPath& path,
                         std::string_view what) const {
  std::string message = path.str();
  message += " must be ";
  message += what;
  message += ", found ";
  message += toml::describe(value.type());
  return error(value.range(), std::move(message));
}

Error Reader::unknown_key(const toml::Entry& entry, const KeyPath& table) const {
  std::string message = "unknown key " + quoted(entry.key) + " in " + table.str();
  return error(entry.key_range, std::move(message))
      .with_hint(
          "roost keeps every key of the uv.lock format it knows and refuses the rest rather than "
          "drop them on rewrite; a newer uv may have written this lockfile");
}

Error Reader::missing(toml::SourceRange table, const KeyPath& path, std::string_view key) const {
  return error(table, "missing " + quoted(key) + " in " + path.str());
}

Result<const toml::Table*> Reader::table(const toml::Value& value, const KeyPath& path) const {
  if (const toml::Table* t = value.as_table()) return t;
  return type_error(value, path, "a table");
}

Result<const toml::Array*> Reader::array(const toml::Value& value, const KeyPath& path) const {
  if (const toml::Array* a = value.as_array()) return a;
  return type_error(value, path, "an array");
}

Result<void> Reader::text(const toml::Value& value, const KeyPath& path, std::string& out) const {
  const std::string* s = value.as_string();
  if (s == nullptr) return type_error(value, path, "a string");
  out = *s;
  return {};
}

Result<void> Reader::optional_text(const toml::Value& value, const KeyPath& path,
                                   std::string& out) const {
  ROOST_CHECK(text(value, path, out));
  if (out.empty()) return error(value.range(), path.str() + " must not be empty");
  return {};
}

Result<void> Reader::name(const toml::Value& value, const KeyPath& path, std::string& out) const {
  const std::string* s = value.as_string();
  if (s == nullptr) return type_error(value, path, "a string");
  if (pep508::PackageName::is_normalized(*s)) {
    out = *s;
    return {};
  }
  if (!pep508::PackageName::is_valid(*s)) {
    return error(value.range(), path.str() + " is not a valid name: " + quoted(*s));
  }
  out = pep508::PackageName::normalize(*s);
  return {};
}

Result<void> Reader::key_name(const toml::Entry& entry, const KeyPath& table,
                              std::string& out) const {
  if (pep508::PackageName::is_normalized(entry.key)) {
    out = entry.key;
    return {};
  }
  if (!pep508::PackageName::is_valid(entry.key)) {
    return error(entry.key_range,
                 "key " + quoted(entry.key) + " in " + table.str() + " is not a valid name");
  }
  out = pep508::PackageName::normalize(entry.key);
  return {};
}

Result<void> Reader::size(const toml::Value& value, const KeyPath& path,
                          std::optional<uint64_t>& out) const {
  const int64_t* n = value.as_integer();
  if (n == nullptr) return type_error(value, path, "a non-negative integer");
  if (*n < 0) return error(value.range(), path.str() + " must be a non-negative integer");
  out = static_cast<uint64_t>(*n);
  return {};
}

Result<void> Reader::text_array(const toml::Value& value, const KeyPath& path,
                                std::vector<std::string>& out) const {
  ROOST_TRY(const toml::Array* items, array(value, path));
  out.resize(items->size());
  for (size_t i = 0; i < items->size(); ++i) ROOST_CHECK(text((*items)[i], path.at(i), out[i]));
  return {};
}

Result<void> Reader::name_array(const toml::Value& value, const KeyPath& path,
                                std::vector<std::string>& out) const {
  ROOST_TRY(const toml::Array* items, array(value, path));
  out.resize(items->size());
  for (size_t i = 0; i < items->size(); ++i) ROOST_CHECK(name((*items)[i], path.at(i), out[i]));
  return {};
}

std::string Reader::trailing_comment(const toml::Value& value) const {
  size_t at = std::min<size_t>(size_t{value.range().offset} + value.range().length, text_.size());
  while (at < text_.size() && (text_[at] == ' ' || text_[at] == '\t')) ++at;
  if (at >= text_.size() || text_[at] != '#') return {};
  size_t end = text_.find('\n', at);
  if (end == std::string_view::npos) end = text_.size();
  if (end > at && text_[end - 1] == '\r') --end;
  return std::string(text_.substr(at, end - at));
}

}  // namespace roost::lock::detail
