// Internal to src/toml/: mutable access to the value types for the parser (they are read-only
// for everyone else).
#pragma once

#include <string>

#include "toml/value.h"

namespace roost::toml::detail {

class Builder {
 public:
  static Table* as_table(Value& v) { return std::get_if<Table>(&v.data_); }
  static Array* as_array(Value& v) { return std::get_if<Array>(&v.data_); }
  static std::vector<Value>& items(Array& a) { return a.items_; }
  static void set_of_tables(Array& a) { a.of_tables_ = true; }
  static void set_origin(Table& t, Table::Origin origin, uint32_t section) {
    t.origin_ = origin;
    t.section_ = section;
  }
  static uint32_t section(const Table& t) { return t.section_; }
  static void set_range(Value& v, SourceRange r) {
    v.range_ = r;
    if (Table* t = as_table(v)) t->range_ = r;
    if (Array* a = as_array(v)) a->range_ = r;
  }
  static Entry* find(Table& t, std::string_view key) { return t.find_mutable(key); }
  // Makes `v` an empty string / array and returns it, to parse into in place.
  static std::string& emplace_string(Value& v) {
    if (auto* s = std::get_if<std::string>(&v.data_)) {  // a fresh Value is one
      s->clear();
      return *s;
    }
    return v.data_.emplace<std::string>();
  }
  static Array& emplace_array(Value& v) { return v.data_.emplace<Array>(); }
  // Appends a key the caller has checked is new; returns its value.
  static Value& append(Table& t, std::string&& key, SourceRange key_range, Value&& value);
};

}  // namespace roost::toml::detail
