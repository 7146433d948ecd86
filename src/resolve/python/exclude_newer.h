// uv's `exclude-newer` (a dependency cooldown): a file uploaded after the cutoff is no candidate,
// and neither is a file whose index does not say when it was uploaded (PEP 700 `upload-time`,
// JSON pages only), as in uv. A cutoff is a timestamp (`2024-03-25T00:00:00Z`, or a date,
// taken as midnight UTC) or a span before now (`7 days`, `1 week`, `24 hours`, ISO 8601
// `P7D`); `exclude-newer-package` sets it per package, `false` turning it off for one.
//
//   ROOST_TRY(ExcludeNewerValue v, ExcludeNewerValue::parse("3 days"));  // v.span_text() "P3D"
//   ExcludeNewer rules{.global = v};
//   ExcludeNewerSource filtered(index_source, rules, now_ms);  // hand this to resolve()
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "resolve/python/forwarding_source.h"

namespace roost::resolve::python {

// Milliseconds since the Unix epoch of an RFC 3339 timestamp (`T` or a space between date and
// time; `Z` or an offset; any fraction) or of a date alone (midnight UTC); nullopt otherwise.
std::optional<int64_t> parse_timestamp_ms(std::string_view text);

// Milliseconds since the epoch as uv writes an instant: "2024-03-11T00:00:00Z",
// "2026-08-05T18:42:17.193Z".
std::string timestamp_text(int64_t ms);

// A calendar span, as ISO 8601 writes it: each unit as given (`P1W` stays weeks).
struct Span {
  int64_t years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0;
  // ISO 8601, as uv writes `exclude-newer-span`: "P3D", "P1W", "PT24H", "P1Y2M".
  std::string iso() const;
  // `now_ms` less the span (months and years by the calendar, in UTC).
  int64_t before(int64_t now_ms) const;
  friend bool operator==(const Span&, const Span&) = default;
};

class ExcludeNewerValue {
 public:
  // A timestamp or date, a friendly span ("3 days", "1 week 2 days", "24h"), or ISO 8601
  // ("P7D"). The error says which forms are accepted.
  static Result<ExcludeNewerValue> parse(std::string_view text);
  static ExcludeNewerValue disabled();  // `name = false` in exclude-newer-package

  bool is_disabled() const { return disabled_; }
  bool is_relative() const { return span_.has_value(); }
  // The timestamp in uv's form (UTC, `Z`, the fraction without trailing zeros); "" for a span.
  const std::string& timestamp_text() const { return timestamp_text_; }
  std::string span_text() const { return span_ ? span_->iso() : ""; }
  // The cutoff at `now_ms`; nullopt when disabled.
  std::optional<int64_t> cutoff_ms(int64_t now_ms) const;

  friend bool operator==(const ExcludeNewerValue&, const ExcludeNewerValue&) = default;

 private:
  bool disabled_ = false;
  int64_t timestamp_ms_ = 0;
  std::string timestamp_text_;
  std::optional<Span> span_;
};

struct ExcludeNewer {
  std::optional<ExcludeNewerValue> global;            // `exclude-newer`
  std::map<std::string, ExcludeNewerValue> packages;  // `exclude-newer-package`, by name
  bool empty() const { return !global && packages.empty(); }
  // The cutoff for one package at `now_ms`: its own value, else the global one.
  std::optional<int64_t> cutoff_ms(const pep508::PackageName& name, int64_t now_ms) const;
};

// A PackageSource whose candidates keep only the files the rules allow (a version left without
// files is gone). Metadata is read through the wrapped source, of the version as it offers it.
class ExcludeNewerSource : public ForwardingSource {
 public:
  ExcludeNewerSource(PackageSource& inner, ExcludeNewer rules, int64_t now_ms);
  ~ExcludeNewerSource() override;

  Result<const CandidateList*> versions(const pep508::PackageName& name) override;
  void prefetch_metadata(
      const std::vector<std::pair<const CandidateList*, const Candidate*>>& wanted) override;
  Result<std::optional<const metadata::CoreMetadata*>> metadata(
      const CandidateList& list, const Candidate& candidate) override;

 private:
  struct Filtered;
  std::pair<const CandidateList*, const Candidate*> original(const CandidateList& list,
                                                             const Candidate& candidate) const;

  ExcludeNewer rules_;
  int64_t now_ms_;
  std::map<std::string, std::unique_ptr<Filtered>> filtered_;  // by normalised name
};

}  // namespace roost::resolve::python
