#include "toml/value.h"

#include <cstdio>

#include "toml/builder.h"

namespace roost::toml {
namespace {

// Tables up to this size are searched linearly; larger ones keep a hash index.
constexpr size_t kIndexThreshold = 8;

uint64_t hash_key(std::string_view key) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace

const Entry* Table::find(std::string_view key) const {
  return const_cast<Table*>(this)->find_mutable(key);
}

Entry* Table::find_mutable(std::string_view key) {
  if (index_.empty()) {
    for (Entry& e : entries_) {
      if (e.key == key) return &e;
    }
    return nullptr;
  }
  size_t mask = index_.size() - 1;
  for (size_t slot = hash_key(key) & mask;; slot = (slot + 1) & mask) {
    uint32_t at = index_[slot];
    if (at == 0) return nullptr;
    if (entries_[at - 1].key == key) return &entries_[at - 1];
  }
}

void Table::rebuild_index() {
  size_t capacity = 16;
  while (capacity < entries_.size() * 2) capacity *= 2;
  index_.assign(capacity, 0);
  size_t mask = capacity - 1;
  for (size_t i = 0; i < entries_.size(); ++i) {
    size_t slot = hash_key(entries_[i].key) & mask;
    while (index_[slot] != 0) slot = (slot + 1) & mask;
    index_[slot] = static_cast<uint32_t>(i + 1);
  }
}

const Value* Table::get(std::string_view key) const {
  const Entry* e = find(key);
  return e == nullptr ? nullptr : &e->value;
}

const Value* Table::get_path(std::initializer_list<std::string_view> keys) const {
  const Table* table = this;
  const Value* value = nullptr;
  for (std::string_view key : keys) {
    if (table == nullptr) return nullptr;
    value = table->get(key);
    if (value == nullptr) return nullptr;
    table = value->as_table();
  }
  return value;
}

namespace detail {

Value& Builder::append(Table& t, std::string&& key, SourceRange key_range, Value&& value) {
  // Room for four entries at once: most tables hold a few keys, and growing 1 -> 2 -> 4 moved
  // every entry twice (a third of a small document's allocations).
  if (t.entries_.empty()) t.entries_.reserve(4);
  t.entries_.emplace_back(std::move(key), key_range, std::move(value));
  if (t.entries_.size() > kIndexThreshold) {
    if (t.index_.empty() || t.entries_.size() * 2 > t.index_.size()) {
      t.rebuild_index();
    } else {
      size_t mask = t.index_.size() - 1;
      size_t slot = hash_key(t.entries_.back().key) & mask;
      while (t.index_[slot] != 0) slot = (slot + 1) & mask;
      t.index_[slot] = static_cast<uint32_t>(t.entries_.size());
    }
  }
  return t.entries_.back().value;
}

}  // namespace detail

std::string Datetime::to_string() const {
  char buf[64];
  int n = 0;
  auto put = [&](const char* format, auto... args) {
    n += std::snprintf(buf + n, sizeof(buf) - static_cast<size_t>(n), format, args...);
  };
  if (has_date()) put("%04u-%02u-%02u", unsigned{year}, unsigned{month}, unsigned{day});
  if (has_time()) {
    if (has_date()) put("T");
    put("%02u:%02u:%02u", unsigned{hour}, unsigned{minute}, unsigned{second});
    if (fraction_digits > 0) {
      char digits[16];
      std::snprintf(digits, sizeof(digits), "%09u", unsigned{nanosecond});
      put(".%.*s", int{fraction_digits}, digits);
    }
  }
  if (kind == Kind::kOffsetDateTime) {
    if (offset_minutes == 0) {
      put("Z");
    } else {
      int minutes = offset_minutes < 0 ? -offset_minutes : offset_minutes;
      put("%c%02d:%02d", offset_minutes < 0 ? '-' : '+', minutes / 60, minutes % 60);
    }
  }
  return std::string(buf, static_cast<size_t>(n));
}

std::string_view describe(Type type) {
  switch (type) {
    case Type::kString:
      return "a string";
    case Type::kInteger:
      return "an integer";
    case Type::kFloat:
      return "a float";
    case Type::kBoolean:
      return "a boolean";
    case Type::kDatetime:
      return "a date-time";
    case Type::kArray:
      return "an array";
    case Type::kTable:
      return "a table";
  }
  return "a value";
}

}  // namespace roost::toml
