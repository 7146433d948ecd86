// PEP 440 specifier sets: comma-separated clauses that must all match ("Version specifiers"),
// with packaging's normalised printing, equality and candidate filtering.
#include <algorithm>

#include "pep440/ranges.h"
#include "pep440/specifier.h"
#include "pep440/specifier_internal.h"

namespace roost::pep440 {

Result<SpecifierSet> SpecifierSet::parse(std::string_view text) {
  SpecifierSet set;
  auto t = detail::trim(text, 0, text.size());
  if (t.begin == t.end) return set;
  set.clauses_.reserve(1 + static_cast<size_t>(std::count(text.begin(), text.end(), ',')));
  size_t begin = 0;
  while (true) {
    size_t comma = text.find(',', begin);
    size_t end = comma == std::string_view::npos ? text.size() : comma;
    detail::ParseFailure failure;
    std::string hint;
    auto piece = detail::trim(text, begin, end);
    if (piece.begin == piece.end) {
      failure.pos = comma == std::string_view::npos ? (begin > 0 ? begin - 1 : 0) : comma;
      failure.what = comma == std::string_view::npos ? "trailing ','"
                                                     : "expected a version specifier before ','";
      return detail::parse_error("invalid specifier", text, failure);
    }
    auto spec = SpecifierParser::parse(text, begin, end, &failure, &hint);
    if (!spec) {
      Error error = detail::parse_error("invalid specifier", text, failure);
      if (!hint.empty()) return std::move(error).with_hint(std::move(hint));
      return error;
    }
    set.admits_ = set.admits_ || spec->admits_prereleases();
    set.has_arbitrary_ = set.has_arbitrary_ || spec->op() == Operator::kArbitrary;
    set.clauses_.push_back(std::move(*spec));
    if (comma == std::string_view::npos) break;
    begin = comma + 1;
  }
  return set;
}

std::optional<SpecifierSet> SpecifierSet::from_clauses(std::span<const std::string_view> clauses) {
  SpecifierSet set;
  set.clauses_.reserve(clauses.size());
  for (std::string_view clause : clauses) {
    if (clause.find(',') != std::string_view::npos) return std::nullopt;
    detail::ParseFailure failure;
    std::string hint;
    auto spec = SpecifierParser::parse(clause, 0, clause.size(), &failure, &hint);
    if (!spec) return std::nullopt;
    set.admits_ = set.admits_ || spec->admits_prereleases();
    set.has_arbitrary_ = set.has_arbitrary_ || spec->op() == Operator::kArbitrary;
    set.clauses_.push_back(std::move(*spec));
  }
  return set;
}

bool SpecifierSet::contains(const Version& v, PrereleasePolicy policy) const {
  if (!detail::prereleases_allowed(policy, admits_) && v.is_prerelease()) return false;
  for (const Specifier& clause : clauses_) {
    if (!clause.matches_allowing_prereleases(v)) return false;
  }
  return true;
}

bool SpecifierSet::contains_text(std::string_view text, PrereleasePolicy policy) const {
  auto parsed = Version::parse(text);
  if (parsed && parsed->is_prerelease() && !detail::prereleases_allowed(policy, admits_)) {
    return false;
  }
  for (const Specifier& clause : clauses_) {
    if (clause.op() == Operator::kArbitrary) {
      if (!detail::iequals(text, clause.version_text())) return false;
    } else if (!parsed || !clause.matches_allowing_prereleases(*parsed)) {
      return false;
    }
  }
  return true;
}

std::vector<size_t> SpecifierSet::filter(std::span<const Candidate> candidates,
                                         PrereleasePolicy policy) const {
  std::vector<detail::CandidateMatch> matches;
  matches.reserve(candidates.size());
  for (const Candidate& c : candidates) {
    detail::CandidateMatch m;
    std::optional<Version> parsed;
    const Version* v = c.version;
    if (!v) {
      auto r = Version::parse(c.text);
      if (r) parsed = std::move(*r);
      v = parsed ? &*parsed : nullptr;
    }
    if (v) {
      m.kind =
          v->is_prerelease() ? detail::CandidateKind::kPrerelease : detail::CandidateKind::kFinal;
    }
    m.matches = true;
    for (const Specifier& clause : clauses_) {
      if (clause.op() == Operator::kArbitrary) {
        std::string text = c.version ? c.version->to_string() : std::string(c.text);
        m.matches = detail::iequals(text, clause.version_text());
      } else {
        m.matches = v && clause.matches_allowing_prereleases(*v);
      }
      if (!m.matches) break;
    }
    matches.push_back(m);
  }
  return detail::select_candidates(matches, policy, admits_);
}

SpecifierSet SpecifierSet::intersect(const SpecifierSet& other) const {
  SpecifierSet out = *this;
  out.clauses_.insert(out.clauses_.end(), other.clauses_.begin(), other.clauses_.end());
  out.admits_ = admits_ || other.admits_;
  out.has_arbitrary_ = has_arbitrary_ || other.has_arbitrary_;
  return out;
}

bool SpecifierSet::is_unsatisfiable(PrereleasePolicy policy) const {
  if (clauses_.empty()) return false;
  bool allow = detail::prereleases_allowed(policy, admits_);
  if (has_arbitrary_) {
    // Only the string a === clause names can match it; every clause must accept that string.
    for (const Specifier& clause : clauses_) {
      if (clause.op() == Operator::kArbitrary) {
        return !contains_text(clause.version_text(),
                              allow ? PrereleasePolicy::kAllow : PrereleasePolicy::kDeny);
      }
    }
  }
  VersionRanges ranges = VersionRanges::from(*this);
  if (ranges.is_empty()) return true;
  return !allow && !ranges.has_final_release();
}

std::string SpecifierSet::to_string() const {
  std::vector<std::pair<std::string, std::string>> items;  // (printed, canonical key)
  items.reserve(clauses_.size());
  for (const Specifier& clause : clauses_) {
    items.emplace_back(clause.to_string(), clause.canonical_key());
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out;
  std::vector<std::string> seen;
  for (const auto& [printed, key] : items) {
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    if (!out.empty()) out += ',';
    out += printed;
  }
  return out;
}

std::vector<std::string> SpecifierSet::canonical_keys() const {
  std::vector<std::string> keys;
  keys.reserve(clauses_.size());
  for (const Specifier& clause : clauses_) keys.push_back(clause.canonical_key());
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

bool operator==(const SpecifierSet& a, const SpecifierSet& b) {
  return a.canonical_keys() == b.canonical_keys();
}

}  // namespace roost::pep440
