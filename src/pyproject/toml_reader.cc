// Typed, error-collecting reads over TOML values, shared by the pyproject and dg parsers.
#include "pyproject/toml_reader.h"

#include <algorithm>
#include <cstdint>

#include "toml/parse.h"

namespace roost::pyproject::detail {
namespace {

// Byte offset of 1-based character `column` in UTF-8 `text` (text.size() when past the end).
size_t byte_offset(std::string_view text, uint32_t column) {
  size_t offset = 0;
  for (uint32_t c = 1; c < column && offset < text.size(); ++c) {
    ++offset;
    while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) {
      ++offset;
    }
  }
  return offset;
}

int char_count(std::string_view text) {
  int n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

Location Diagnostics::location(toml::SourceRange range) {
  toml::LineIndex::Position at = lines_.position(range.offset);
  return Location{at.line, at.column};
}

int Diagnostics::caret_length(toml::SourceRange range) const {
  std::string_view text = file_.text();
  size_t begin = std::min<size_t>(range.offset, text.size());
  size_t end = std::min<size_t>(begin + range.length, text.size());
  size_t newline = text.find_first_of("\r\n", begin);
  if (newline != std::string_view::npos) end = std::min(end, newline);
  return std::max(char_count(text.substr(begin, end - begin)), 1);
}

Error& Diagnostics::error(toml::SourceRange region, std::string message) {
  return error_at(location(region), caret_length(region), std::move(message));
}

Error& Diagnostics::error_at(Location location, int length, std::string message) {
  errors_.push_back(
      Error(ErrorKind::kParse, std::move(message)).with_span(file_.span(location, length)));
  return errors_.back();
}

void Diagnostics::warn(WarningKind kind, toml::SourceRange region, std::string message) {
  warnings_.push_back(
      Warning{kind, std::move(message), file_.span(location(region), caret_length(region))});
}

void Diagnostics::inner_error(toml::SourceRange region, std::string_view value, const Error& inner,
                              std::string_view path) {
  Location location = this->location(region);
  int length = caret_length(region);
  const std::optional<Span>& span = inner.span();
  if (span && span->column > 0 && location.line > 0) {
    // Only a one-line string (or bare key) written literally up to the inner column maps column
    // for column; an escape before it would shift everything after.
    std::string_view line = file_.line(location.line);
    size_t start = byte_offset(line, location.column);
    uint32_t shift = 0;  // the opening quote
    bool mappable = start <= line.size();
    if (start < line.size() && (line[start] == '"' || line[start] == '\'')) {
      std::string_view three = line.substr(start, 3);
      mappable = three != "\"\"\"" && three != "'''";
      ++start;
      shift = 1;
    }
    auto inner_column = static_cast<uint32_t>(span->column);
    size_t prefix = byte_offset(value, inner_column);
    if (mappable && line.substr(start, prefix) == value.substr(0, prefix)) {
      int remaining = std::max(char_count(value.substr(prefix)), 1);
      location.column += shift + inner_column - 1;
      length = std::clamp(span->length, 1, remaining);
    }
  }
  error_at(location, length, cat({"`", path, "`: ", inner.message()}));
}

std::optional<toml::Table> parse_document(Diagnostics& d) {
  Result<toml::Table> document = toml::parse(d.file().text(), d.file().path());
  if (document) return std::move(document).value();
  const Error& error = document.error();
  Location at{0, 0};
  int length = 1;
  if (const std::optional<Span>& span = error.span()) {
    at = Location{static_cast<uint32_t>(span->line), static_cast<uint32_t>(span->column)};
    length = span->length;
  }
  d.error_at(at, length, cat({"invalid TOML: ", error.message()}));
  return std::nullopt;
}

void sort_by_position(std::vector<Error>& errors) {
  auto key = [](const Error& e) {
    return e.span() ? std::pair(e.span()->line, e.span()->column) : std::pair(INT32_MAX, 0);
  };
  std::stable_sort(errors.begin(), errors.end(),
                   [&](const Error& a, const Error& b) { return key(a) < key(b); });
}

std::string cat(std::initializer_list<std::string_view> parts) {
  size_t size = 0;
  for (std::string_view part : parts) size += part.size();
  std::string out;
  out.reserve(size);
  for (std::string_view part : parts) out += part;
  return out;
}

std::string join_key(std::string_view prefix, std::string_view key) {
  if (prefix.empty()) return std::string(key);
  std::string out(prefix);
  out += '.';
  out += key;
  return out;
}

std::string index_key(std::string_view path, size_t index) {
  return std::string(path) + "[" + std::to_string(index) + "]";
}

static void type_error(Diagnostics& d, const toml::Value& node, std::string_view path,
                       std::string_view what) {
  d.error(node.range(), cat({"`", path, "` must be ", what, ", found ", describe(node)}));
}

const std::string* read_string(Diagnostics& d, const toml::Value& node, std::string_view path) {
  if (const auto* s = node.as_string()) return &*s;
  type_error(d, node, path, "a string");
  return nullptr;
}

std::optional<bool> read_bool(Diagnostics& d, const toml::Value& node, std::string_view path) {
  if (const auto* b = node.as_boolean()) return *b;
  type_error(d, node, path, "a boolean");
  return std::nullopt;
}

const toml::Table* read_table(Diagnostics& d, const toml::Value& node, std::string_view path) {
  if (const auto* t = node.as_table()) return t;
  type_error(d, node, path, "a table");
  return nullptr;
}

const toml::Array* read_array(Diagnostics& d, const toml::Value& node, std::string_view path,
                              std::string_view what) {
  if (const auto* a = node.as_array()) return a;
  type_error(d, node, path, what);
  return nullptr;
}

std::vector<Located<std::string>> read_string_array(Diagnostics& d, const toml::Value& node,
                                                    std::string_view path) {
  std::vector<Located<std::string>> out;
  const toml::Array* array = read_array(d, node, path, "an array of strings");
  if (array == nullptr) return out;
  out.reserve(array->size());
  for (size_t i = 0; i < array->size(); ++i) {
    const toml::Value& element = (*array)[i];
    if (const auto* s = element.as_string()) {
      out.push_back({*s, d.location(element.range())});
    } else {
      type_error(d, element, index_key(path, i), "a string");
    }
  }
  return out;
}

std::vector<std::string> read_plain_string_array(Diagnostics& d, const toml::Value& node,
                                                 std::string_view path) {
  std::vector<std::string> out;
  const toml::Array* array = read_array(d, node, path, "an array of strings");
  if (array == nullptr) return out;
  out.reserve(array->size());
  for (size_t i = 0; i < array->size(); ++i) {
    const toml::Value& element = (*array)[i];
    if (const auto* s = element.as_string()) {
      out.push_back(*s);
    } else {
      type_error(d, element, index_key(path, i), "a string");
    }
  }
  return out;
}

std::optional<Dependency> read_requirement(Diagnostics& d, const toml::Value& node,
                                           std::string_view path) {
  const std::string* text = read_string(d, node, path);
  if (text == nullptr) return std::nullopt;
  Result<pep508::Requirement> requirement = pep508::Requirement::parse(*text);
  if (!requirement) {
    d.inner_error(node.range(), *text, requirement.error(), path);
    return std::nullopt;
  }
  return Dependency{std::move(requirement).value(), d.location(node.range())};
}

std::vector<Dependency> read_requirements(Diagnostics& d, const toml::Value& node,
                                          std::string_view path) {
  std::vector<Dependency> out;
  const toml::Array* array = read_array(d, node, path, "an array of strings");
  if (array == nullptr) return out;
  out.reserve(array->size());
  for (size_t i = 0; i < array->size(); ++i) {
    const toml::Value& element = (*array)[i];
    const auto* text = element.as_string();
    if (text == nullptr) {
      type_error(d, element, index_key(path, i), "a string");
      continue;
    }
    // The path is only built for an error: this loop is on every `roost run`'s path.
    Result<pep508::Requirement> requirement = pep508::Requirement::parse(*text);
    if (!requirement) {
      d.inner_error(element.range(), *text, requirement.error(), index_key(path, i));
      continue;
    }
    out.emplace_back(std::move(*requirement), d.location(element.range()));
  }
  return out;
}

std::string unknown_field_message(std::string_view key, std::string_view path,
                                  const std::vector<std::string_view>& expected) {
  std::string message = cat({"unknown field `", key, "` in `", path, "`"});
  if (expected.empty()) return message;
  if (expected.size() == 1) return cat({message, ", expected `", expected[0], "`"});
  if (expected.size() == 2) {
    return cat({message, ", expected `", expected[0], "` or `", expected[1], "`"});
  }
  message += ", expected one of ";
  for (size_t i = 0; i < expected.size(); ++i) {
    if (i > 0) message += ", ";
    message += cat({"`", expected[i], "`"});
  }
  return message;
}

}  // namespace roost::pyproject::detail
