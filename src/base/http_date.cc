#include "base/http_date.h"

#include <array>
#include <string>

namespace roost {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 7> kLongDays = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool leap(int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// A cursor over the text; each take_* consumes on success only.
struct Cursor {
  std::string_view s;

  bool literal(std::string_view lit) {
    if (!s.starts_with(lit)) return false;
    s.remove_prefix(lit.size());
    return true;
  }
  // Exactly `n` digits (n > 0), or `min`..`n` when min is given.
  std::optional<int> digits(size_t n, size_t min = 0) {
    if (min == 0) min = n;
    size_t k = 0;
    int value = 0;
    while (k < n && k < s.size() && s[k] >= '0' && s[k] <= '9') value = value * 10 + (s[k++] - '0');
    if (k < min) return std::nullopt;
    s.remove_prefix(k);
    return value;
  }
  template <size_t N>
  std::optional<size_t> one_of(const std::array<std::string_view, N>& names) {
    for (size_t i = 0; i < N; ++i) {
      if (literal(names[i])) return i;
    }
    return std::nullopt;
  }
};

struct Parts {
  int64_t year;
  size_t month;  // 0-based
  int day, hour, minute, second;
};

// "HH:MM:SS"
bool take_time(Cursor& c, Parts& p) {
  auto h = c.digits(2);
  if (!h || !c.literal(":")) return false;
  auto m = c.digits(2);
  if (!m || !c.literal(":")) return false;
  auto s = c.digits(2);
  if (!s) return false;
  p.hour = *h, p.minute = *m, p.second = *s;
  return true;
}

// "Sun, 06 Nov 1994 08:49:37 GMT"
bool imf_fixdate(Cursor c, Parts& p) {
  if (!c.one_of(kDays) || !c.literal(", ")) return false;
  auto day = c.digits(2);
  if (!day || !c.literal(" ")) return false;
  auto month = c.one_of(kMonths);
  if (!month || !c.literal(" ")) return false;
  auto year = c.digits(4);
  if (!year || !c.literal(" ") || !take_time(c, p) || !c.literal(" GMT") || !c.s.empty())
    return false;
  p.year = *year, p.month = *month, p.day = *day;
  return true;
}

// "Sunday, 06-Nov-94 08:49:37 GMT". RFC 9110: a two-digit year that would be more than 50 years
// in the future is in the past century; without a clock here, 00-69 -> 20xx, 70-99 -> 19xx.
bool rfc850(Cursor c, Parts& p) {
  if (!c.one_of(kLongDays) || !c.literal(", ")) return false;
  auto day = c.digits(2);
  if (!day || !c.literal("-")) return false;
  auto month = c.one_of(kMonths);
  if (!month || !c.literal("-")) return false;
  auto year = c.digits(2);
  if (!year || !c.literal(" ") || !take_time(c, p) || !c.literal(" GMT") || !c.s.empty())
    return false;
  p.year = *year < 70 ? 2000 + *year : 1900 + *year;
  p.month = *month, p.day = *day;
  return true;
}

// "Sun Nov  6 08:49:37 1994" (the day padded with a space, not a zero)
bool asctime_date(Cursor c, Parts& p) {
  if (!c.one_of(kDays) || !c.literal(" ")) return false;
  auto month = c.one_of(kMonths);
  if (!month || !c.literal(" ")) return false;
  c.literal(" ");
  auto day = c.digits(2, 1);
  if (!day || !c.literal(" ") || !take_time(c, p) || !c.literal(" ")) return false;
  auto year = c.digits(4);
  if (!year || !c.s.empty()) return false;
  p.year = *year, p.month = *month, p.day = *day;
  return true;
}

}  // namespace

std::optional<int64_t> parse_http_date(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  Parts p{};
  if (!imf_fixdate(Cursor{text}, p) && !rfc850(Cursor{text}, p) && !asctime_date(Cursor{text}, p))
    return std::nullopt;
  static constexpr int kMonthDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int month_days = kMonthDays[p.month] + (p.month == 1 && leap(p.year) ? 1 : 0);
  // Second 60 is a leap second, which IMF-fixdate allows; it counts as the next second.
  if (p.day < 1 || p.day > month_days || p.hour > 23 || p.minute > 59 || p.second > 60)
    return std::nullopt;
  int64_t days =
      days_from_civil(p.year, static_cast<unsigned>(p.month + 1), static_cast<unsigned>(p.day));
  return days * 86400 + p.hour * 3600 + p.minute * 60 + p.second;
}

}  // namespace roost
