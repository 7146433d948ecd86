// A parsed TOML 1.0 document: tables keep their keys in the order written, and every key and
// value knows the bytes it came from (for error carets in pyproject.toml, dg.toml and uv.lock).
//
//   Result<toml::Table> doc = toml::parse(text, "pyproject.toml");
//   if (const toml::Value* name = doc->get_path({"project", "name"}); name && name->is_string())
//     use(*name->as_string(), name->range());
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace roost::toml {

// Bytes [offset, offset + length) of the parsed text.
struct SourceRange {
  uint32_t offset = 0;
  uint32_t length = 0;
  friend bool operator==(const SourceRange&, const SourceRange&) = default;
};

enum class Type : uint8_t { kString, kInteger, kFloat, kBoolean, kDatetime, kArray, kTable };

// One of TOML's four date / time forms, validated (real calendar dates, 00:00:00-23:59:59).
struct Datetime {
  enum class Kind : uint8_t { kOffsetDateTime, kLocalDateTime, kLocalDate, kLocalTime };
  Kind kind = Kind::kLocalDate;
  uint16_t year = 0;  // date part: kOffsetDateTime, kLocalDateTime, kLocalDate
  uint8_t month = 0;
  uint8_t day = 0;
  uint8_t hour = 0;  // time part: all but kLocalDate
  uint8_t minute = 0;
  uint8_t second = 0;
  uint8_t fraction_digits = 0;  // as written, at most 9 kept
  uint32_t nanosecond = 0;
  int16_t offset_minutes = 0;  // kOffsetDateTime only; `Z` is 0

  bool has_date() const { return kind != Kind::kLocalTime; }
  bool has_time() const { return kind != Kind::kLocalDate; }
  // RFC 3339 text: `1979-05-27T07:32:00.5-07:00`, `07:32:00`, `1979-05-27`; `Z` for offset 0.
  std::string to_string() const;
  friend bool operator==(const Datetime&, const Datetime&) = default;
};

class Value;
struct Entry;

namespace detail {
class Builder;
}

class Array {
 public:
  // Special members and accessors are defined below Entry: clang 14 needs the element types
  // complete where std::vector's members are instantiated.
  Array();
  Array(const Array&);
  Array(Array&&) noexcept;
  Array& operator=(const Array&);
  Array& operator=(Array&&) noexcept;
  ~Array();

  using const_iterator = std::vector<Value>::const_iterator;
  // Defined below Value: clang needs the element type complete where they are defined.
  size_t size() const;
  bool empty() const;
  const Value& operator[](size_t i) const;
  const_iterator begin() const;
  const_iterator end() const;
  // Written as `[[name]]` sections (each element a table), not as an `[...]` value.
  bool is_array_of_tables() const { return of_tables_; }
  SourceRange range() const { return range_; }  // as the Value holding it

 private:
  friend class detail::Builder;
  friend class Value;
  std::vector<Value> items_;
  SourceRange range_;
  bool of_tables_ = false;
};

class Table {
 public:
  // How the table came to be; the parser's redefinition rules depend on it.
  enum class Origin : uint8_t {
    kRoot,
    kImplicit,  // a parent named only inside a header (`a` of `[a.b]`)
    kHeader,    // `[a]`, or one element of `[[a]]`
    kDotted,    // a parent named by a dotted key (`a` of `a.b = 1`)
    kInline,    // `{ ... }`: closed once written
  };

  Table();  // special members: see Array
  Table(const Table&);
  Table(Table&&) noexcept;
  Table& operator=(const Table&);
  Table& operator=(Table&&) noexcept;
  ~Table();

  using const_iterator = std::vector<Entry>::const_iterator;
  size_t size() const;
  bool empty() const;
  const_iterator begin() const;  // in the order written
  const_iterator end() const;

  const Value* get(std::string_view key) const;
  const Entry* find(std::string_view key) const;
  // get("tool") -> get("uv") -> ...; null when a step is missing or not a table.
  const Value* get_path(std::initializer_list<std::string_view> keys) const;
  Origin origin() const { return origin_; }
  // Where it was defined: its first header, `{...}`, or the key that named it (same as the
  // range() of the Value holding it).
  SourceRange range() const { return range_; }

 private:
  friend class detail::Builder;
  friend class Value;
  Entry* find_mutable(std::string_view key);
  void rebuild_index();

  std::vector<Entry> entries_;
  // Open-addressed hash of entry positions (+1; 0 = empty slot), kept once a table is large,
  // so duplicate checks and lookups stay O(1) in big documents.
  std::vector<uint32_t> index_;
  SourceRange range_;
  Origin origin_ = Origin::kRoot;
  uint32_t section_ = 0;  // kDotted: the section that wrote it (only that one may extend it)
};

class Value {
 public:
  Value() = default;
  Value(std::string s, SourceRange r) : data_(std::move(s)), range_(r) {}
  Value(int64_t i, SourceRange r) : data_(i), range_(r) {}
  Value(double d, SourceRange r) : data_(d), range_(r) {}
  Value(bool b, SourceRange r) : data_(b), range_(r) {}
  Value(Datetime d, SourceRange r) : data_(d), range_(r) {}
  Value(Array a, SourceRange r) : data_(std::move(a)), range_(r) {
    std::get<Array>(data_).range_ = r;
  }
  Value(Table t, SourceRange r) : data_(std::move(t)), range_(r) {
    std::get<Table>(data_).range_ = r;
  }

  Type type() const { return static_cast<Type>(data_.index()); }
  // Strings include their quotes; tables written as `[a]` are their first header.
  SourceRange range() const { return range_; }

  bool is_string() const { return type() == Type::kString; }
  bool is_integer() const { return type() == Type::kInteger; }
  bool is_float() const { return type() == Type::kFloat; }
  bool is_boolean() const { return type() == Type::kBoolean; }
  bool is_datetime() const { return type() == Type::kDatetime; }
  bool is_array() const { return type() == Type::kArray; }
  bool is_table() const { return type() == Type::kTable; }

  // Null when the value has another type.
  const std::string* as_string() const { return std::get_if<std::string>(&data_); }
  const int64_t* as_integer() const { return std::get_if<int64_t>(&data_); }
  const double* as_float() const { return std::get_if<double>(&data_); }
  const bool* as_boolean() const { return std::get_if<bool>(&data_); }
  const Datetime* as_datetime() const { return std::get_if<Datetime>(&data_); }
  const Array* as_array() const { return std::get_if<Array>(&data_); }
  const Table* as_table() const { return std::get_if<Table>(&data_); }

 private:
  friend class detail::Builder;
  // Order matches Type.
  std::variant<std::string, int64_t, double, bool, Datetime, Array, Table> data_;
  SourceRange range_;
};

struct Entry {
  std::string key;        // decoded (quotes and escapes removed)
  SourceRange key_range;  // the key as written; for a dotted key, its own segment
  Value value;
};

// "a string", "an integer", "a table", ...: for "expected X, found Y" messages.
std::string_view describe(Type type);

inline Array::Array() = default;
inline Array::Array(const Array&) = default;
inline Array::Array(Array&&) noexcept = default;
inline Array& Array::operator=(const Array&) = default;
inline Array& Array::operator=(Array&&) noexcept = default;
inline Array::~Array() = default;
inline Table::Table() = default;
inline Table::Table(const Table&) = default;
inline Table::Table(Table&&) noexcept = default;
inline Table& Table::operator=(const Table&) = default;
inline Table& Table::operator=(Table&&) noexcept = default;
inline Table::~Table() = default;

inline size_t Array::size() const {
  return items_.size();
}
inline bool Array::empty() const {
  return items_.empty();
}
inline const Value& Array::operator[](size_t i) const {
  return items_[i];
}
inline Array::const_iterator Array::begin() const {
  return items_.begin();
}
inline Array::const_iterator Array::end() const {
  return items_.end();
}
inline size_t Table::size() const {
  return entries_.size();
}
inline bool Table::empty() const {
  return entries_.empty();
}
inline Table::const_iterator Table::begin() const {
  return entries_.begin();
}
inline Table::const_iterator Table::end() const {
  return entries_.end();
}

}  // namespace roost::toml
