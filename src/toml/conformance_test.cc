// The toml-test suite (tests/data/toml-test/, see its README.md) run against toml::parse.
//
// valid/X.toml must parse, and the document, written as toml-test's tagged JSON, must equal
// valid/X.json semantically (numbers by value, datetimes by field, strings and structure exactly).
// invalid/X.toml must fail with a message and a span inside the text. Every failing case is
// reported on its own line, named by its path under tests/data/toml-test/.
#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "toml/line_index.h"
#include "toml/parse.h"
#include "toml/value.h"

namespace roost::toml {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Cases whose toml-test expectation contradicts TOML 1.0 as Python 3.11's tomllib applies it
// (parse.h promises tomllib's rules). For these the test expects the opposite outcome: a listed
// valid/ case must be rejected, a listed invalid/ case must parse. Each was checked with
// `python3 -c "import tomllib,sys; print(tomllib.load(open(sys.argv[1],'rb')))" FILE`.
const std::map<std::string, std::string, std::less<>> kKnownDifferences = {
    {"valid/string/escape-esc.toml",
     "`\\e` is a TOML 1.1 escape; TOML 1.0 has no `\\e` and tomllib rejects it "
     "(\"Unescaped '\\' in a string\"). toml-test 1.2.0 excludes this case for 1.0.0 itself."},
};

// The suite as bundled: a shorter walk means files went missing.
constexpr size_t kValidCases = 100;
constexpr size_t kInvalidCases = 234;

fs::path suite_root() {
  return fs::path(ROOST_TEST_DATA_DIR) / "toml-test";
}

// Every *.toml below root/sub, as paths relative to root ("valid/string/escape-esc.toml"),
// sorted so that failures come out in a stable order.
std::vector<std::string> list_cases(const fs::path& root, const std::string& sub) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root / sub, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".toml") {
      out.push_back(it->path().lexically_relative(root).generic_string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<std::string> read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// JSON text for messages: never throws on bytes that are not UTF-8.
std::string show(const json& j) {
  std::string s = j.dump(-1, ' ', false, json::error_handler_t::replace);
  return s.size() > 160 ? s.substr(0, 157) + "..." : s;
}

std::string where(const Error& e) {
  std::ostringstream out;
  out << e.message();
  if (e.span()) out << " (at " << e.span()->line << ":" << e.span()->column << ")";
  return out.str();
}

// ---- Our document as toml-test tagged JSON ----

std::string_view datetime_type(Datetime::Kind kind) {
  switch (kind) {
    case Datetime::Kind::kOffsetDateTime:
      return "datetime";
    case Datetime::Kind::kLocalDateTime:
      return "datetime-local";
    case Datetime::Kind::kLocalDate:
      return "date-local";
    case Datetime::Kind::kLocalTime:
      return "time-local";
  }
  return "datetime?";
}

std::string float_text(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d < 0 ? "-inf" : "+inf";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);  // shortest text that round-trips
  return ec == std::errc() ? std::string(buf, end) : "?";
}

json tagged(std::string_view type, std::string value) {
  return json{{"type", type}, {"value", std::move(value)}};
}

json to_json(const Table& table);

json to_json(const Value& v) {
  switch (v.type()) {
    case Type::kString:
      return tagged("string", *v.as_string());
    case Type::kInteger:
      return tagged("integer", std::to_string(*v.as_integer()));
    case Type::kFloat:
      return tagged("float", float_text(*v.as_float()));
    case Type::kBoolean:
      return tagged("bool", *v.as_boolean() ? "true" : "false");
    case Type::kDatetime:
      return tagged(datetime_type(v.as_datetime()->kind), v.as_datetime()->to_string());
    case Type::kArray: {
      json out = json::array();
      for (const Value& item : *v.as_array()) out.push_back(to_json(item));
      return out;
    }
    case Type::kTable:
      return to_json(*v.as_table());
  }
  return nullptr;
}

json to_json(const Table& table) {
  json out = json::object();
  for (const Entry& e : table) out[e.key] = to_json(e.value);
  return out;
}

// ---- Semantic comparison of two tagged JSON documents ----

// A scalar is {"type": "...", "value": "..."}; a TOML table never has string members in this
// form, so a table with keys `type` and `value` is not mistaken for one.
bool is_scalar(const json& j) {
  return j.is_object() && j.size() == 2 && j.contains("type") && j.contains("value") &&
         j["type"].is_string() && j["value"].is_string();
}

std::optional<int64_t> parse_int(std::string_view s) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

// strtod spells inf / nan with an optional sign: "+inf", "-inf", "inf", "nan", "+nan", "-nan".
std::optional<double> parse_float(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return v;
}

// A date / time / date-time as fields, so that `t`/`T`/` `, `z`/`Z`/`+00:00` and `.6`/`.600`
// compare equal.
struct DatetimeFields {
  bool has_date = false, has_time = false, has_offset = false;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int64_t nanosecond = 0;
  int offset_minutes = 0;
  friend bool operator==(const DatetimeFields&, const DatetimeFields&) = default;
};

class DatetimeReader {
 public:
  explicit DatetimeReader(std::string_view s) : s_(s) {}

  std::optional<DatetimeFields> read() {
    DatetimeFields f;
    if (s_.size() >= 10 && s_[4] == '-') {
      f.has_date = true;
      if (!digits(4, f.year) || !lit('-') || !digits(2, f.month) || !lit('-') ||
          !digits(2, f.day)) {
        return std::nullopt;
      }
      if (done()) return f;
      if (!lit('T') && !lit('t') && !lit(' ')) return std::nullopt;
    }
    f.has_time = true;
    if (!digits(2, f.hour) || !lit(':') || !digits(2, f.minute) || !lit(':') ||
        !digits(2, f.second)) {
      return std::nullopt;
    }
    if (lit('.')) {
      int64_t scale = 100000000;
      size_t start = pos_;
      for (; pos_ < s_.size() && is_digit(s_[pos_]); ++pos_) {
        f.nanosecond += (s_[pos_] - '0') * scale;  // digits past the 9th are dropped
        scale /= 10;
      }
      if (pos_ == start) return std::nullopt;
    }
    if (done()) return f;
    if (!f.has_date) return std::nullopt;
    f.has_offset = true;
    if (lit('Z') || lit('z')) return done() ? std::optional(f) : std::nullopt;
    int sign = lit('+') ? 1 : lit('-') ? -1 : 0;
    int hours = 0, minutes = 0;
    if (sign == 0 || !digits(2, hours) || !lit(':') || !digits(2, minutes) || !done()) {
      return std::nullopt;
    }
    f.offset_minutes = sign * (hours * 60 + minutes);  // -00:00 is offset 0 as well
    return f;
  }

 private:
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }
  bool done() const { return pos_ == s_.size(); }
  bool lit(char c) {
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool digits(size_t n, int& out) {
    out = 0;
    for (size_t i = 0; i < n; ++i, ++pos_) {
      if (pos_ >= s_.size() || !is_digit(s_[pos_])) return false;
      out = out * 10 + (s_[pos_] - '0');
    }
    return true;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

// The shape each tagged date / time type must have.
bool shape_fits(const std::string& type, const DatetimeFields& f) {
  if (type == "datetime") return f.has_date && f.has_time && f.has_offset;
  if (type == "datetime-local") return f.has_date && f.has_time && !f.has_offset;
  if (type == "date-local") return f.has_date && !f.has_time;
  return !f.has_date && f.has_time;  // time-local
}

// Empty when equal, else why not.
std::string compare_scalar(const json& want, const json& have) {
  const std::string& type = want["type"].get_ref<const std::string&>();
  const std::string& w = want["value"].get_ref<const std::string&>();
  const std::string& h = have["value"].get_ref<const std::string&>();
  if (type != have["type"].get_ref<const std::string&>()) {
    return "expected " + show(want) + ", got " + show(have);
  }
  const std::string mismatch = "expected " + type + " " + show(w) + ", got " + show(h);
  if (type == "string" || type == "bool") return w == h ? "" : mismatch;
  if (type == "integer") {
    std::optional<int64_t> a = parse_int(w), b = parse_int(h);
    if (!a) return "bad integer in the .json file: " + show(w);
    return b && *a == *b ? "" : mismatch;
  }
  if (type == "float") {
    std::optional<double> a = parse_float(w), b = parse_float(h);
    if (!a) return "bad float in the .json file: " + show(w);
    if (!b) return mismatch;
    if (std::isnan(*a) || std::isnan(*b)) return std::isnan(*a) && std::isnan(*b) ? "" : mismatch;
    return *a == *b ? "" : mismatch;  // also tells +inf from -inf
  }
  if (type == "datetime" || type == "datetime-local" || type == "date-local" ||
      type == "time-local") {
    std::optional<DatetimeFields> a = DatetimeReader(w).read(), b = DatetimeReader(h).read();
    if (!a || !shape_fits(type, *a)) return "bad " + type + " in the .json file: " + show(w);
    if (!b || !shape_fits(type, *b)) return "not a valid " + type + ": " + mismatch;
    return *a == *b ? "" : mismatch;
  }
  return "unknown type " + show(type) + " in the .json file";
}

std::string key_path(const std::string& parent, const std::string& key) {
  bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
  return (parent.empty() ? "" : parent + ".") + (bare ? key : show(json(key)));
}

std::string kind_of(const json& j) {
  return is_scalar(j) ? j["type"].get<std::string>() : j.is_array() ? "array" : "table";
}

// Empty when `have` equals `want`, else the first difference, with its key path.
std::string compare(const json& want, const json& have, const std::string& path) {
  const std::string at = path.empty() ? "at the root" : "at `" + path + "`";
  if (is_scalar(want)) {
    if (!is_scalar(have)) return at + ": expected " + show(want) + ", got a " + kind_of(have);
    std::string why = compare_scalar(want, have);
    return why.empty() ? "" : at + ": " + why;
  }
  if (want.is_array()) {
    if (!have.is_array()) return at + ": expected an array, got a " + kind_of(have);
    if (want.size() != have.size()) {
      return at + ": expected " + std::to_string(want.size()) + " array elements, got " +
             std::to_string(have.size());
    }
    for (size_t i = 0; i < want.size(); ++i) {
      std::string why = compare(want[i], have[i], path + "[" + std::to_string(i) + "]");
      if (!why.empty()) return why;
    }
    return "";
  }
  if (!want.is_object()) return at + ": unexpected JSON in the .json file: " + show(want);
  if (!have.is_object() || is_scalar(have)) {
    return at + ": expected a table, got a " + kind_of(have);
  }
  for (const auto& [key, value] : want.items()) {
    if (!have.contains(key)) return at + ": missing key " + show(json(key));
  }
  for (const auto& [key, value] : have.items()) {
    if (!want.contains(key)) return at + ": unexpected key " + show(json(key));
  }
  for (const auto& [key, value] : want.items()) {
    std::string why = compare(value, have[key], key_path(path, key));
    if (!why.empty()) return why;
  }
  return "";
}

// ---- The cases ----

// Empty when the valid case passes, else why it failed.
std::string check_valid(const fs::path& root, const std::string& rel) {
  std::optional<std::string> text = read_bytes(root / rel);
  if (!text) return "cannot read the .toml file";
  std::string json_rel = rel.substr(0, rel.size() - 5) + ".json";
  std::optional<std::string> json_text = read_bytes(root / json_rel);
  if (!json_text) return "cannot read " + json_rel;
  json want = json::parse(*json_text, nullptr, /*allow_exceptions=*/false);
  if (want.is_discarded()) return json_rel + " is not JSON";

  Result<Table> doc = parse(*text, rel);
  if (!doc) return "rejected: " + where(doc.error());
  return compare(want, to_json(*doc), "");
}

// Empty when the invalid case is rejected with a usable error, else why not.
std::string check_invalid(const fs::path& root, const std::string& rel) {
  std::optional<std::string> text = read_bytes(root / rel);
  if (!text) return "cannot read the .toml file";
  Result<Table> doc = parse(*text, rel);
  if (doc) return "accepted; parsed as " + show(to_json(*doc));
  const Error& e = doc.error();
  if (e.kind() != ErrorKind::kParse) return "error kind is not kParse: " + where(e);
  if (e.message().empty()) return "empty error message";
  if (!e.span()) return "error without a span: " + where(e);
  const Span& span = *e.span();
  if (span.file != rel) return "span names file " + show(json(span.file)) + ": " + where(e);
  LineIndex lines(*text);
  if (span.line < 1 || static_cast<uint32_t>(span.line) > lines.line_count() || span.column < 1) {
    return "span outside the text (" + std::to_string(lines.line_count()) + " lines): " + where(e);
  }
  return "";
}

// A known difference expects the opposite outcome; its reason is printed with any failure.
std::string check_reversed(const fs::path& root, const std::string& rel, bool listed_as_valid) {
  std::optional<std::string> text = read_bytes(root / rel);
  if (!text) return "cannot read the .toml file";
  Result<Table> doc = parse(*text, rel);
  if (listed_as_valid && doc) return "accepted, but tomllib rejects it";
  if (!listed_as_valid && !doc) return "rejected, but tomllib accepts it: " + where(doc.error());
  return "";
}

void run_suite(const std::string& sub, size_t expected_count) {
  const fs::path root = suite_root();
  ASSERT_TRUE(fs::is_directory(root / sub))
      << (root / sub).string() << " is missing: the toml-test suite is bundled with the sources";
  const bool valid = sub == "valid";
  std::vector<std::string> cases = list_cases(root, sub);
  size_t failed = 0, reversed = 0;
  for (const std::string& rel : cases) {
    auto known = kKnownDifferences.find(rel);
    std::string why;
    if (known != kKnownDifferences.end()) {
      ++reversed;
      why = check_reversed(root, rel, valid);
      if (!why.empty()) why += " (known difference: " + known->second + ")";
    } else {
      why = valid ? check_valid(root, rel) : check_invalid(root, rel);
    }
    if (!why.empty()) {
      ++failed;
      ADD_FAILURE() << rel << ": " << why;
    }
  }
  for (const auto& [path, reason] : kKnownDifferences) {
    if (path.rfind(sub + "/", 0) == 0) {
      EXPECT_TRUE(std::binary_search(cases.begin(), cases.end(), path))
          << "kKnownDifferences names a case that does not exist: " << path;
    }
  }
  EXPECT_EQ(cases.size(), expected_count) << "cases under tests/data/toml-test/" << sub;
  std::printf("  toml-test %-7s %3zu cases run, %zu failed, %zu with the outcome reversed\n",
              sub.c_str(), cases.size(), failed, reversed);
  ::testing::Test::RecordProperty(sub + "_cases", static_cast<int>(cases.size()));
  ::testing::Test::RecordProperty(sub + "_failed", static_cast<int>(failed));
}

TEST(TomlConformance, ValidCasesParseToTheExpectedJson) {
  run_suite("valid", kValidCases);
}

TEST(TomlConformance, InvalidCasesAreRejectedWithASpan) {
  run_suite("invalid", kInvalidCases);
}

}  // namespace
}  // namespace roost::toml
