// exclude-newer: cutoffs and the filtering package source (see exclude_newer.h).
#include "resolve/python/exclude_newer.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace roost::resolve::python {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  int64_t year, month, day;
};

Civil civil_from_days(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp + (mp < 10 ? 3 : -9);
  return {yoe + era * 400 + (m <= 2), m, d};
}

int64_t days_in_month(int64_t year, int64_t month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

constexpr int64_t kDayMs = 86'400'000;

// Reads exactly `n` digits at `at`.
bool digits(std::string_view s, size_t at, size_t n, int64_t& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// `seconds` since the epoch as uv prints an instant: UTC, `Z`, the fraction digits given.
std::string utc_text(int64_t seconds, const std::string& fraction) {
  int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  int64_t in_day = seconds - days * 86400;
  Civil c = civil_from_days(days);
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld",
                static_cast<long long>(c.year), static_cast<long long>(c.month),
                static_cast<long long>(c.day), static_cast<long long>(in_day / 3600),
                static_cast<long long>(in_day / 60 % 60), static_cast<long long>(in_day % 60));
  std::string out = buf;
  if (!fraction.empty()) out += "." + fraction;
  return out + "Z";
}

struct Parsed {
  int64_t ms = 0;
  std::string text;  // uv's form
};

std::optional<Parsed> parse_instant(std::string_view s) {
  int64_t year, month, day;
  if (!digits(s, 0, 4, year) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, month) ||
      s[7] != '-' || !digits(s, 8, 2, day)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  int64_t hour = 0, minute = 0, second = 0, offset_minutes = 0;
  std::string fraction;
  if (s.size() > 10) {
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
    if (!digits(s, 11, 2, hour) || s.size() < 19 || s[13] != ':' || !digits(s, 14, 2, minute) ||
        s[16] != ':' || !digits(s, 17, 2, second)) {
      return std::nullopt;
    }
    if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
    size_t at = 19;
    if (at < s.size() && s[at] == '.') {
      ++at;
      while (at < s.size() && std::isdigit(static_cast<unsigned char>(s[at]))) fraction += s[at++];
      if (fraction.empty()) return std::nullopt;
    }
    if (at == s.size()) return std::nullopt;  // a time needs its offset
    if (s[at] == 'Z' || s[at] == 'z') {
      if (at + 1 != s.size()) return std::nullopt;
    } else if (s[at] == '+' || s[at] == '-') {
      int64_t oh, om;
      if (s.size() != at + 6 || !digits(s, at + 1, 2, oh) || s[at + 3] != ':' ||
          !digits(s, at + 4, 2, om) || oh > 23 || om > 59) {
        return std::nullopt;
      }
      offset_minutes = (s[at] == '-' ? -1 : 1) * (oh * 60 + om);
    } else {
      return std::nullopt;
    }
  }
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  int64_t millis = 0;
  for (size_t i = 0; i < 3; ++i)
    millis = millis * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  int64_t seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second -
                    offset_minutes * 60;
  Parsed out;
  out.ms = seconds * 1000 + millis;
  out.text = utc_text(seconds, fraction);
  return out;
}

// `P1Y2M3W4DT5H6M7S` (case-insensitive), at least one unit.
std::optional<Span> parse_iso_span(std::string_view s) {
  if (s.size() < 3 || (s[0] != 'P' && s[0] != 'p')) return std::nullopt;
  Span span;
  bool in_time = false, any = false;
  size_t at = 1;
  while (at < s.size()) {
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(s[at])));
    if (c == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      ++at;
      continue;
    }
    int64_t n = 0;
    size_t start = at;
    while (at < s.size() && std::isdigit(static_cast<unsigned char>(s[at])) && at - start < 12) {
      n = n * 10 + (s[at++] - '0');
    }
    if (at == start || at == s.size()) return std::nullopt;
    char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(s[at++])));
    int64_t* field = !in_time ? (unit == 'Y'   ? &span.years
                                 : unit == 'M' ? &span.months
                                 : unit == 'W' ? &span.weeks
                                 : unit == 'D' ? &span.days
                                               : nullptr)
                              : (unit == 'H'   ? &span.hours
                                 : unit == 'M' ? &span.minutes
                                 : unit == 'S' ? &span.seconds
                                               : nullptr);
    if (field == nullptr) return std::nullopt;
    *field += n;
    any = true;
  }
  if (!any) return std::nullopt;
  return span;
}

// "3 days", "1 week 2 days", "24h", "2 weeks, 1 day".
std::optional<Span> parse_friendly_span(std::string_view s) {
  Span span;
  bool any = false;
  size_t at = 0;
  auto skip = [&] {
    while (at < s.size() && (s[at] == ' ' || s[at] == ',')) ++at;
  };
  skip();
  while (at < s.size()) {
    int64_t n = 0;
    size_t start = at;
    while (at < s.size() && std::isdigit(static_cast<unsigned char>(s[at])) && at - start < 12) {
      n = n * 10 + (s[at++] - '0');
    }
    if (at == start) return std::nullopt;
    while (at < s.size() && s[at] == ' ') ++at;
    size_t unit_start = at;
    while (at < s.size() && std::isalpha(static_cast<unsigned char>(s[at]))) ++at;
    std::string unit(s.substr(unit_start, at - unit_start));
    for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto is = [&](std::initializer_list<const char*> names) {
      for (const char* name : names) {
        if (unit == name) return true;
      }
      return false;
    };
    if (is({"y", "yr", "yrs", "year", "years"})) {
      span.years += n;
    } else if (is({"mo", "mos", "month", "months"})) {
      span.months += n;
    } else if (is({"w", "wk", "wks", "week", "weeks"})) {
      span.weeks += n;
    } else if (is({"d", "day", "days"})) {
      span.days += n;
    } else if (is({"h", "hr", "hrs", "hour", "hours"})) {
      span.hours += n;
    } else if (is({"m", "min", "mins", "minute", "minutes"})) {
      span.minutes += n;
    } else if (is({"s", "sec", "secs", "second", "seconds"})) {
      span.seconds += n;
    } else {
      return std::nullopt;
    }
    any = true;
    skip();
  }
  if (!any) return std::nullopt;
  return span;
}

}  // namespace

std::optional<int64_t> parse_timestamp_ms(std::string_view text) {
  std::optional<Parsed> p = parse_instant(text);
  if (!p) return std::nullopt;
  return p->ms;
}

std::string timestamp_text(int64_t ms) {
  int64_t seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  std::string fraction = std::to_string(1000 + (ms - seconds * 1000)).substr(1);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return utc_text(seconds, fraction);
}

std::string Span::iso() const {
  std::string out = "P";
  auto put = [&](int64_t n, char unit) {
    if (n != 0) out += std::to_string(n) + unit;
  };
  put(years, 'Y'), put(months, 'M'), put(weeks, 'W'), put(days, 'D');
  if (hours != 0 || minutes != 0 || seconds != 0) {
    out += 'T';
    put(hours, 'H'), put(minutes, 'M'), put(seconds, 'S');
  }
  return out == "P" ? "PT0S" : out;
}

int64_t Span::before(int64_t now_ms) const {
  int64_t ms =
      now_ms - (((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60'000 - seconds * 1000;
  if (years == 0 && months == 0) return ms;
  int64_t days_since = ms >= 0 ? ms / kDayMs : (ms - kDayMs + 1) / kDayMs;
  int64_t in_day = ms - days_since * kDayMs;
  Civil c = civil_from_days(days_since);
  int64_t total = c.year * 12 + (c.month - 1) - years * 12 - months;
  int64_t year = total >= 0 ? total / 12 : (total - 11) / 12;
  int64_t month = total - year * 12 + 1;
  int64_t day = std::min(c.day, days_in_month(year, month));
  return days_from_civil(year, month, day) * kDayMs + in_day;
}

Result<ExcludeNewerValue> ExcludeNewerValue::parse(std::string_view text) {
  ExcludeNewerValue v;
  if (std::optional<Parsed> p = parse_instant(text)) {
    v.timestamp_ms_ = p->ms;
    v.timestamp_text_ = std::move(p->text);
    return v;
  }
  if (std::optional<Span> span = parse_iso_span(text)) {
    v.span_ = *span;
    return v;
  }
  if (std::optional<Span> span = parse_friendly_span(text)) {
    v.span_ = *span;
    return v;
  }
  return Error(ErrorKind::kUsage,
               "`" + std::string(text) +
                   "` is not an exclude-newer value: use a timestamp (2024-03-25T00:00:00Z), a "
                   "date (2024-03-25), a span before now (7 days, 1 week, 24 hours) or an "
                   "ISO 8601 duration (P7D)");
}

ExcludeNewerValue ExcludeNewerValue::disabled() {
  ExcludeNewerValue v;
  v.disabled_ = true;
  return v;
}

std::optional<int64_t> ExcludeNewerValue::cutoff_ms(int64_t now_ms) const {
  if (disabled_) return std::nullopt;
  if (span_) return span_->before(now_ms);
  return timestamp_ms_;
}

std::optional<int64_t> ExcludeNewer::cutoff_ms(const pep508::PackageName& name,
                                               int64_t now_ms) const {
  if (auto it = packages.find(name.str()); it != packages.end())
    return it->second.cutoff_ms(now_ms);
  if (global) return global->cutoff_ms(now_ms);
  return std::nullopt;
}

struct ExcludeNewerSource::Filtered {
  explicit Filtered(const CandidateList* all)
      : original(all), list{all->name, all->index_url, {}} {}
  const CandidateList* original;
  CandidateList list;
  std::vector<size_t> from;  // list.candidates[i] is original->candidates[from[i]]
};

ExcludeNewerSource::ExcludeNewerSource(PackageSource& inner, ExcludeNewer rules, int64_t now_ms)
    : ForwardingSource(inner), rules_(std::move(rules)), now_ms_(now_ms) {}

ExcludeNewerSource::~ExcludeNewerSource() = default;

Result<const CandidateList*> ExcludeNewerSource::versions(const pep508::PackageName& name) {
  auto found = filtered_.find(name.str());
  if (found != filtered_.end()) return &found->second->list;
  ROOST_TRY(const CandidateList* all, inner_.versions(name));
  std::optional<int64_t> cutoff = rules_.cutoff_ms(name, now_ms_);
  if (!cutoff) return all;
  auto kept = [&](const index::DistributionFile& file) {
    if (!file.upload_time) return false;
    std::optional<int64_t> uploaded = parse_timestamp_ms(*file.upload_time);
    return uploaded && *uploaded <= *cutoff;
  };
  auto f = std::make_unique<Filtered>(all);
  for (size_t i = 0; i < all->candidates.size(); ++i) {
    const Candidate& c = all->candidates[i];
    Candidate copy = c;
    copy.wheels.clear();
    for (const WheelFile& w : c.wheels) {
      if (kept(w.file)) copy.wheels.push_back(w);
    }
    if (copy.sdist && !kept(*copy.sdist)) copy.sdist.reset();
    if (copy.wheels.empty() && !copy.sdist) continue;
    f->list.candidates.push_back(std::move(copy));
    f->from.push_back(i);
  }
  const CandidateList* out = &f->list;
  filtered_.emplace(name.str(), std::move(f));
  return out;
}

std::pair<const CandidateList*, const Candidate*> ExcludeNewerSource::original(
    const CandidateList& list, const Candidate& candidate) const {
  auto found = filtered_.find(list.name.str());
  if (found == filtered_.end() || &found->second->list != &list) return {&list, &candidate};
  const Filtered& f = *found->second;
  size_t i = static_cast<size_t>(&candidate - f.list.candidates.data());
  if (i >= f.from.size()) return {&list, &candidate};
  return {f.original, &f.original->candidates[f.from[i]]};
}

void ExcludeNewerSource::prefetch_metadata(
    const std::vector<std::pair<const CandidateList*, const Candidate*>>& wanted) {
  std::vector<std::pair<const CandidateList*, const Candidate*>> originals;
  originals.reserve(wanted.size());
  for (const auto& [list, candidate] : wanted) originals.push_back(original(*list, *candidate));
  inner_.prefetch_metadata(originals);
}

Result<std::optional<const metadata::CoreMetadata*>> ExcludeNewerSource::metadata(
    const CandidateList& list, const Candidate& candidate) {
  auto [l, c] = original(list, candidate);
  return inner_.metadata(*l, *c);
}

}  // namespace roost::resolve::python
