// uv's requires-python arithmetic (uv-pep440 `release_specifier_to_range`, uv-resolver
// `RequiresPython::intersection`): release-only intervals, intersected member by member in name
// order, written back with `VersionSpecifier::from_release_only_bounds`.
#include "project/requires_python.h"

#include <algorithm>

namespace roost::project {
namespace {

using pep440::Operator;
using pep440::Specifier;
using pep440::SpecifierSet;
using pep440::Version;

// One end of a release-only interval; no version means unbounded. The Version keeps the
// spelling it was written with ("3.12.0"), as uv's does, while comparing as PEP 440 does.
struct End {
  std::optional<Version> version;
  bool inclusive = false;
};
struct Span {
  End lower, upper;
};
using Spans = std::vector<Span>;

Version release_of(const Version& v) {
  return Version::from_release(std::vector<uint64_t>(v.release().begin(), v.release().end()),
                               v.epoch());
}

// The release after `v`'s prefix `keep` numbers long: 3.12 (keep 2) -> 3.13.
Version bump(const Version& v, size_t keep) {
  std::vector<uint64_t> r(v.release().begin(),
                          v.release().begin() + static_cast<std::ptrdiff_t>(keep));
  r.back() += 1;
  return Version::from_release(std::move(r), v.epoch());
}

Spans complement(const Span& s) {
  Spans out;
  if (s.lower.version) out.push_back({{}, {s.lower.version, !s.lower.inclusive}});
  if (s.upper.version) out.push_back({{s.upper.version, !s.upper.inclusive}, {}});
  return out;
}

Spans spans_of(const Specifier& spec) {
  const Version v = release_of(spec.version());
  switch (spec.op()) {
    case Operator::kEqual:
    case Operator::kArbitrary:
      return {{{v, true}, {v, true}}};
    case Operator::kNotEqual:
      return complement({{v, true}, {v, true}});
    case Operator::kEqualStar:
      return {{{v, true}, {bump(v, v.release().size()), false}}};
    case Operator::kNotEqualStar:
      return complement({{v, true}, {bump(v, v.release().size()), false}});
    case Operator::kLess:
      return {{{}, {v, false}}};
    case Operator::kLessEqual:
      return {{{}, {v, true}}};
    case Operator::kGreater:
      return {{{v, false}, {}}};
    case Operator::kGreaterEqual:
      return {{{v, true}, {}}};
    case Operator::kCompatible: {
      size_t n = v.release().size();
      return {{{v, true}, {bump(v, n >= 2 ? n - 1 : 1), false}}};
    }
  }
  return {{{}, {}}};
}

// Lower bounds: the later one wins; on a tie pubgrub's max() keeps the right-hand one.
End max_lower(const End& l, const End& r) {
  if (!l.version) return r;
  if (!r.version) return l;
  if (*l.version < *r.version) return r;
  if (*r.version < *l.version) return l;
  if (l.inclusive != r.inclusive) return l.inclusive ? r : l;  // exclusive is tighter
  return r;
}
// Upper bounds: the earlier one wins; on a tie min() keeps the left-hand one.
End min_upper(const End& l, const End& r) {
  if (!l.version) return r;
  if (!r.version) return l;
  if (*l.version < *r.version) return l;
  if (*r.version < *l.version) return r;
  if (l.inclusive != r.inclusive) return l.inclusive ? r : l;
  return l;
}

bool is_empty(const Span& s) {
  if (!s.lower.version || !s.upper.version) return false;
  if (*s.upper.version < *s.lower.version) return true;
  if (*s.lower.version == *s.upper.version) return !(s.lower.inclusive && s.upper.inclusive);
  return false;
}

Spans intersect(const Spans& a, const Spans& b) {
  Spans out;
  for (const Span& x : a) {
    for (const Span& y : b) {
      Span s{max_lower(x.lower, y.lower), min_upper(x.upper, y.upper)};
      if (!is_empty(s)) out.push_back(std::move(s));
    }
  }
  std::sort(out.begin(), out.end(), [](const Span& p, const Span& q) {
    if (!p.lower.version || !q.lower.version) return !p.lower.version && q.lower.version;
    return *p.lower.version < *q.lower.version;
  });
  return out;
}

Spans spans_of(const SpecifierSet& set) {
  Spans out{{{}, {}}};
  for (const Specifier& spec : set.clauses()) out = intersect(out, spans_of(spec));
  return out;
}

// uv's from_release_only_bounds for each interval, all joined into one list.
std::string text_of(const Spans& spans) {
  std::vector<std::string> parts;
  for (const Span& s : spans) {
    const End& lo = s.lower;
    const End& hi = s.upper;
    if (lo.version && hi.version && lo.inclusive && hi.inclusive && *lo.version == *hi.version) {
      parts.push_back("==" + lo.version->to_string());
      continue;
    }
    if (lo.version && hi.version && lo.inclusive && !hi.inclusive &&
        lo.version->release().size() == 2 && hi.version->release().size() == 2 &&
        hi.version->release()[0] == lo.version->release()[0] &&
        hi.version->release()[1] == lo.version->release()[1] + 1) {
      parts.push_back("==" + lo.version->to_string() + ".*");
      continue;
    }
    if (lo.version) parts.push_back((lo.inclusive ? ">=" : ">") + lo.version->to_string());
    if (hi.version) parts.push_back((hi.inclusive ? "<=" : "<") + hi.version->to_string());
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

bool same_end(const End& a, const End& b) {
  if (a.version.has_value() != b.version.has_value()) return false;
  return !a.version || (*a.version == *b.version && a.inclusive == b.inclusive);
}

}  // namespace

std::string uv_specifiers_text(const SpecifierSet& set, std::string_view separator) {
  std::vector<const Specifier*> clauses;
  for (const Specifier& s : set.clauses()) clauses.push_back(&s);
  std::stable_sort(clauses.begin(), clauses.end(), [](const Specifier* a, const Specifier* b) {
    return a->version() < b->version();
  });
  std::string out;
  for (const Specifier* s : clauses) {
    if (!out.empty()) out += separator;
    out += s->to_string();
  }
  return out;
}

Result<WorkspacePython> workspace_requires_python(
    const std::vector<std::pair<std::string, const SpecifierSet*>>& sources) {
  WorkspacePython out;
  if (sources.empty()) return out;
  std::vector<std::pair<std::string, const SpecifierSet*>> sorted = sources;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  Spans spans{{{}, {}}};
  bool first = true;
  // Members mostly repeat one requirement; intersecting a set again changes nothing.
  std::vector<const SpecifierSet*> seen;
  for (const auto& [label, set] : sorted) {
    auto same_text = [&](const SpecifierSet* s) {
      if (s->clauses().size() != set->clauses().size()) return false;
      for (size_t i = 0; i < s->clauses().size(); ++i) {
        const Specifier& a = s->clauses()[i];
        const Specifier& b = set->clauses()[i];
        if (a.op() != b.op() || a.version_text() != b.version_text()) return false;
      }
      return true;
    };
    if (std::any_of(seen.begin(), seen.end(), same_text)) continue;
    seen.push_back(set);
    spans = first ? spans_of(*set) : intersect(spans, spans_of(*set));
    first = false;
    out.ranges = out.ranges.intersect(pep440::VersionRanges::from(*set));
  }
  if (spans.empty()) {
    std::string message = "Found conflicting Python requirements:";
    for (const auto& [label, set] : sorted)
      message += "\n- " + label + ": " + uv_specifiers_text(*set, ", ");
    return make_error(ErrorKind::kUsage, std::move(message));
  }
  out.text = text_of(spans);
  return out;
}

bool same_requires_python(std::string_view a, std::string_view b) {
  if (a == b) return true;
  Result<SpecifierSet> left = SpecifierSet::parse(a);
  Result<SpecifierSet> right = SpecifierSet::parse(b);
  if (!left.ok() || !right.ok()) return false;
  Spans x = spans_of(*left);
  Spans y = spans_of(*right);
  if (x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i) {
    if (!same_end(x[i].lower, y[i].lower) || !same_end(x[i].upper, y[i].upper)) return false;
  }
  return true;
}

}  // namespace roost::project
