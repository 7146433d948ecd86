// Document structure and TOML's table-definition rules, as tomllib applies them:
// - `[a.b]` may pass through any table but an inline one (into the last element of an array of
//   tables); it may define `a.b` once, and not when `a.b` came from a dotted key.
// - `[[a.b]]` appends to an array of tables, never to an array value.
// - A dotted key `x.y = 1` may extend tables it created in the same section (or tables so far
//   only named by headers), never a table defined by a header or one from an earlier section.
// - Inline tables and array values are closed once written.
#include "toml/parse.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "toml/line_index.h"
#include "toml/parser.h"

namespace roost::toml {
namespace detail {
namespace {

using Origin = Table::Origin;

std::string dotted(const std::vector<KeyPart>& key, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) out += '.';
    out += key[i].text;
  }
  return out;
}

}  // namespace

bool Parser::fail(const char* at, std::string message, uint32_t length, int64_t earlier_offset) {
  if (!failed_) {
    failed_ = true;
    failure_ = {std::move(message), offset(at), length, earlier_offset};
  }
  return false;
}

std::string Parser::describe_here() const {
  if (p_ >= end_) return "unexpected end of file";
  if (*p_ == '\n' || *p_ == '\r') return "unexpected end of line";
  unsigned char c = static_cast<unsigned char>(*p_);
  if (c < 0x20 || c == 0x7F) {
    char buf[48];
    std::snprintf(buf, sizeof(buf), "unexpected control character U+%04X", c);
    return buf;
  }
  size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  return "unexpected `" + std::string(p_, std::min(n, static_cast<size_t>(end_ - p_))) + "`";
}

bool Parser::skip_comment() {
  ++p_;  // '#'
  while (p_ < end_ && *p_ != '\n') {
    unsigned char c = static_cast<unsigned char>(*p_);
    if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F) {
      return fail(p_, describe_here() + " in a comment");
    }
    if (c == '\r' && !(p_ + 1 < end_ && p_[1] == '\n')) {
      return fail(p_, "a carriage return must be followed by a newline");
    }
    if (c == '\r') break;
    ++p_;
  }
  return true;
}

bool Parser::end_of_line() {
  skip_whitespace();
  if (at('#') && !skip_comment()) return false;
  if (p_ >= end_) return true;
  if (*p_ == '\n') {
    ++p_;
    return true;
  }
  if (*p_ == '\r') {
    if (!(p_ + 1 < end_ && p_[1] == '\n')) {
      return fail(p_, "a carriage return must be followed by a newline");
    }
    p_ += 2;
    return true;
  }
  return fail(p_, describe_here() + ", expected a newline after the value");
}

bool Parser::parse_document(Table& root) {
  Builder::set_origin(root, Origin::kRoot, 0);
  if (int64_t bad = find_invalid_utf8(std::string_view(begin_, end_ - begin_)); bad >= 0) {
    return fail(begin_ + bad, "invalid UTF-8");
  }
  Table* current = &root;
  while (p_ < end_) {
    skip_whitespace();
    if (p_ >= end_) break;
    char c = *p_;
    if (c == '\n') {
      ++p_;
    } else if (c == '\r') {
      if (!(p_ + 1 < end_ && p_[1] == '\n')) {
        return fail(p_, "a carriage return must be followed by a newline");
      }
      p_ += 2;
    } else if (c == '#') {
      if (!skip_comment()) return false;
    } else if (c == '[') {
      if (!parse_header(root, current) || !end_of_line()) return false;
    } else {
      if (!parse_key_value_line(*current) || !end_of_line()) return false;
    }
  }
  return true;
}

bool Parser::parse_header(Table& root, Table*& current) {
  const char* start = p_;
  bool array = at("[[");
  p_ += array ? 2 : 1;
  skip_whitespace();
  if (!parse_key(key_)) return false;
  skip_whitespace();
  if (array ? !at("]]") : !at(']')) {
    return fail(p_, describe_here() + (array ? ", expected `]]` to close the array-of-tables header"
                                             : ", expected `]` to close the table header"));
  }
  p_ += array ? 2 : 1;
  SourceRange header = range_from(start);
  ++section_;

  // Every segment but the last: walk (or create) the parent tables.
  Table* table = &root;
  for (size_t i = 0; i + 1 < key_.size(); ++i) {
    KeyPart& part = key_[i];
    Entry* entry = Builder::find(*table, part.text);
    if (entry == nullptr) {
      Table child;
      Builder::set_origin(child, Origin::kImplicit, section_);
      table = Builder::as_table(Builder::append(*table, std::move(part.text), part.range,
                                                Value(std::move(child), part.range)));
      continue;
    }
    if (Table* t = Builder::as_table(entry->value)) {
      if (t->origin() == Origin::kInline) {
        return fail(begin_ + part.range.offset,
                    "cannot add to the inline table `" + dotted(key_, i + 1) + "`",
                    part.range.length, entry->value.range().offset);
      }
      table = t;
    } else if (Array* a = Builder::as_array(entry->value);
               a != nullptr && a->is_array_of_tables()) {
      table = Builder::as_table(Builder::items(*a).back());
    } else {
      return fail(begin_ + part.range.offset,
                  "`" + dotted(key_, i + 1) + "` is already " +
                      std::string(describe(entry->value.type())) + ", not a table",
                  part.range.length, entry->value.range().offset);
    }
  }

  KeyPart& last = key_.back();
  Entry* entry = Builder::find(*table, last.text);
  // Only error messages need the dotted name: built on demand (every header passes here).
  auto name = [&] { return dotted(key_, key_.size()); };
  if (array) {
    Table element;
    Builder::set_origin(element, Origin::kHeader, section_);
    if (entry == nullptr) {
      Array items;
      Builder::set_of_tables(items);
      Builder::items(items).emplace_back(std::move(element), header);
      Value& v = Builder::append(*table, std::move(last.text), last.range,
                                 Value(std::move(items), header));
      current = Builder::as_table(Builder::items(*Builder::as_array(v)).back());
      return true;
    }
    Array* a = Builder::as_array(entry->value);
    if (a == nullptr || !a->is_array_of_tables()) {
      return fail(start,
                  "cannot append to `" + name() + "` with `[[" + name() + "]]`: it is " +
                      std::string(describe(entry->value.type())) + (a != nullptr ? " value" : ""),
                  header.length, entry->value.range().offset);
    }
    current = Builder::as_table(Builder::items(*a).emplace_back(std::move(element), header));
    return true;
  }
  if (entry == nullptr) {
    Table child;
    Builder::set_origin(child, Origin::kHeader, section_);
    current = Builder::as_table(
        Builder::append(*table, std::move(last.text), last.range, Value(std::move(child), header)));
    return true;
  }
  Table* t = Builder::as_table(entry->value);
  if (t == nullptr || t->origin() != Origin::kImplicit) {
    std::string why =
        t == nullptr ? "`" + name() + "` is already " + std::string(describe(entry->value.type()))
        : t->origin() == Origin::kInline ? "`" + name() + "` is an inline table"
        : t->origin() == Origin::kDotted ? "`" + name() + "` was already defined with dotted keys"
                                         : "table `" + name() + "` is defined twice";
    return fail(start, "cannot define table `[" + name() + "]`: " + why, header.length,
                entry->value.range().offset);
  }
  Builder::set_origin(*t, Origin::kHeader, section_);
  Builder::set_range(entry->value, header);
  current = t;
  return true;
}

bool Parser::parse_key_value_line(Table& current) {
  if (!parse_key(key_)) return false;
  skip_whitespace();
  if (!at('=')) {
    return fail(
        p_, describe_here() + ", expected `=` after the key `" + dotted(key_, key_.size()) + "`");
  }
  ++p_;
  skip_whitespace();
  Value value;
  if (!parse_value(value)) return false;
  return insert(current, key_, std::move(value), false);
}

// Puts `value` at the (possibly dotted) `key` under `table`, creating the dotted parents.
// In an inline table only its own dotted parents may be extended; in a section, also tables
// that headers have only named so far.
bool Parser::insert(Table& table, std::vector<KeyPart>& key, Value&& value, bool in_inline) {
  Table* parent = &table;
  for (size_t i = 0; i + 1 < key.size(); ++i) {
    KeyPart& part = key[i];
    Entry* entry = Builder::find(*parent, part.text);
    if (entry == nullptr) {
      Table child;
      Builder::set_origin(child, Origin::kDotted, section_);
      parent = Builder::as_table(Builder::append(*parent, std::move(part.text), part.range,
                                                 Value(std::move(child), part.range)));
      continue;
    }
    Table* t = Builder::as_table(entry->value);
    bool extendable =
        t != nullptr && ((t->origin() == Origin::kDotted && Builder::section(*t) == section_) ||
                         (!in_inline && t->origin() == Origin::kImplicit));
    if (!extendable) {
      std::string name = dotted(key, i + 1);
      std::string why = t == nullptr ? "it is " + std::string(describe(entry->value.type()))
                        : t->origin() == Origin::kInline ? "it is an inline table"
                        : t->origin() == Origin::kDotted
                            ? "it was defined with dotted keys in another section"
                            : "it is defined by a `[" + name + "]` header";
      return fail(begin_ + part.range.offset, "cannot add keys to `" + name + "`: " + why,
                  part.range.length, entry->value.range().offset);
    }
    if (t->origin() == Origin::kImplicit) Builder::set_origin(*t, Origin::kDotted, section_);
    parent = t;
  }
  KeyPart& last = key.back();
  if (const Entry* entry = Builder::find(*parent, last.text)) {
    return fail(begin_ + last.range.offset, "duplicate key `" + dotted(key, key.size()) + "`",
                last.range.length, entry->key_range.offset);
  }
  Builder::append(*parent, std::move(last.text), last.range, std::move(value));
  return true;
}

}  // namespace detail

Result<Table> parse(std::string_view text, std::string_view path) {
  if (text.size() >= UINT32_MAX) {
    return make_error(ErrorKind::kParse, "TOML document larger than 4 GiB");
  }
  Table root;
  detail::Parser parser(text);
  if (parser.parse_document(root)) return root;

  const detail::Failure& f = parser.failure();
  LineIndex lines(text);
  LineIndex::Position at = lines.position(f.offset);
  std::string message = f.message;
  if (f.earlier_offset >= 0) {
    message += " (first written at line " +
               std::to_string(lines.position(static_cast<uint32_t>(f.earlier_offset)).line) + ")";
  }
  Span span;
  span.file = std::string(path);
  span.line = static_cast<int>(at.line);
  span.column = static_cast<int>(at.column);
  std::string_view line = lines.line(at.line);
  span.source_line = std::string(line);
  // The caret stays on the line: count characters up to the end of the range or of the line.
  size_t line_start = static_cast<size_t>(line.data() - text.data());
  size_t stop =
      std::min<size_t>(f.offset + std::max<uint32_t>(f.length, 1), line_start + line.size());
  int length = 0;
  for (size_t i = f.offset; i < stop; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++length;
  }
  span.length = std::max(length, 1);
  return make_error(ErrorKind::kParse, std::move(message)).with_span(std::move(span));
}

}  // namespace roost::toml
