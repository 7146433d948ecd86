// PEP 440 version specifiers: one clause ("Version specifiers": ~=, ==, !=, <=, >=, <, >, ===,
// prefix matching and the local/pre/post rules), parsed and matched.
#include "pep440/specifier.h"

#include "pep440/bounds.h"
#include "pep440/canonicalize.h"
#include "pep440/specifier_internal.h"
#include "pep440/version_parser.h"

namespace roost::pep440 {
namespace {

using detail::ParseFailure;

bool fail(ParseFailure* failure, size_t pos, size_t len, std::string what) {
  failure->pos = pos;
  failure->len = len == 0 ? 1 : len;
  failure->what = std::move(what);
  return false;
}

// A placeholder version, copied without allocating.
const Version& zero_version() {
  static const Version kZero = Version::from_release({0});
  return kZero;
}

bool is_operator_char(char c) {
  return c == '=' || c == '!' || c == '~' || c == '<' || c == '>';
}

std::string operator_hint(std::string_view op) {
  if (op == "=>") return "did you mean '>='?";
  if (op == "=<") return "did you mean '<='?";
  if (op == "=") return "did you mean '=='?";
  if (op == "~" || op == "=~") return "did you mean '~='?";
  if (op == "!" || op == "=!") return "did you mean '!='?";
  return "the operators are ~=, ==, !=, <=, >=, <, > and ===";
}

// Which part of a version keeps it from being a ".*" prefix.
std::string_view non_release_part(const Version& v) {
  if (v.pre()) return "a pre-release part";
  if (v.post()) return "a post-release part";
  if (v.dev()) return "a dev-release part";
  return "a local version label";
}

std::string release_text(const Version& v) {
  std::string out;
  if (v.epoch() != 0) out = std::to_string(v.epoch()) + "!";
  auto release = v.release();
  for (size_t i = 0; i < release.size(); ++i) {
    if (i) out += '.';
    out += std::to_string(release[i]);
  }
  return out;
}

}  // namespace

std::string_view to_string(Operator op) {
  switch (op) {
    case Operator::kCompatible:
      return "~=";
    case Operator::kEqual:
    case Operator::kEqualStar:
      return "==";
    case Operator::kNotEqual:
    case Operator::kNotEqualStar:
      return "!=";
    case Operator::kLessEqual:
      return "<=";
    case Operator::kGreaterEqual:
      return ">=";
    case Operator::kLess:
      return "<";
    case Operator::kGreater:
      return ">";
    case Operator::kArbitrary:
      return "===";
  }
  return "?";
}

std::optional<Specifier> SpecifierParser::parse(std::string_view text, size_t begin, size_t end,
                                                 ParseFailure* failure, std::string* hint) {
  auto t = detail::trim(text, begin, end);
  if (t.begin == t.end) {
    fail(failure, t.begin, 1, "expected a version specifier such as '>=1.0', found nothing");
    return std::nullopt;
  }
  std::string_view s = text.substr(t.begin, t.end - t.begin);
  Operator op;
  size_t op_len = 2;
  if (s.starts_with("===")) {
    op = Operator::kArbitrary;
    op_len = 3;
  } else if (s.starts_with("~=")) {
    op = Operator::kCompatible;
  } else if (s.starts_with("==")) {
    op = Operator::kEqual;
  } else if (s.starts_with("!=")) {
    op = Operator::kNotEqual;
  } else if (s.starts_with("<=")) {
    op = Operator::kLessEqual;
  } else if (s.starts_with(">=")) {
    op = Operator::kGreaterEqual;
  } else if (s[0] == '<' || s[0] == '>') {
    op = s[0] == '<' ? Operator::kLess : Operator::kGreater;
    op_len = 1;
  } else {
    size_t run = 0;
    while (run < s.size() && is_operator_char(s[run])) ++run;
    if (run > 0) {
      fail(failure, t.begin, run, "unknown operator " + detail::quoted(s.substr(0, run)));
      *hint = operator_hint(s.substr(0, run));
    } else {
      fail(failure, t.begin, s.size(),
           "expected an operator (~=, ==, !=, <=, >=, <, > or ===), found " + detail::quoted(s));
    }
    return std::nullopt;
  }

  auto vt = detail::trim(text, t.begin + op_len, t.end);
  size_t vbegin = vt.begin;
  std::string_view vtext = text.substr(vbegin, t.end - vbegin);
  std::string_view op_name = to_string(op);

  if (op == Operator::kArbitrary) {
    // Anything but whitespace, ';' and ')' (which end a specifier inside a requirement).
    for (size_t k = 0; k < vtext.size(); ++k) {
      if (vtext[k] == ';' || vtext[k] == ')' || detail::space_at(vtext, k) > 0) {
        fail(failure, vbegin + k, vtext.size() - k,
             "unexpected " + detail::quoted(vtext.substr(k)) + " after '==='");
        return std::nullopt;
      }
    }
    ParseFailure ignored;
    auto parsed = VersionParser::parse(vtext, &ignored);
    bool is_version = parsed.has_value();
    return Specifier(op, is_version ? std::move(*parsed) : zero_version(),
                     std::string(vtext), is_version);
  }
  if (vtext.empty()) {
    fail(failure, vbegin, 1, "expected a version after " + detail::quoted(op_name));
    return std::nullopt;
  }

  size_t star = vtext.find(".*");
  std::string_view version_part = vtext;
  if (star != std::string_view::npos) {
    if (star + 2 != vtext.size()) {
      fail(failure, vbegin + star + 2, vtext.size() - star - 2,
           "unexpected " + detail::quoted(vtext.substr(star + 2)) + " after the '.*' wildcard");
      return std::nullopt;
    }
    if (op != Operator::kEqual && op != Operator::kNotEqual) {
      fail(failure, vbegin + star, 2,
           detail::quoted(op_name) + " does not allow a '.*' wildcard (only == and != do)");
      return std::nullopt;
    }
    version_part = vtext.substr(0, star);
  }

  ParseFailure inner;
  std::optional<Version> version = zero_version();
  if (!VersionParser::parse_simple(version_part, &*version)) {
    version = VersionParser::parse(version_part, &inner);
  }
  if (!version) {
    inner.pos += vbegin;
    *failure = std::move(inner);
    return std::nullopt;
  }
  if (star != std::string_view::npos) {
    if (version->pre() || version->post() || version->dev() || version->has_local()) {
      fail(failure, vbegin, vtext.size(),
           "a '.*' wildcard may only follow release numbers, but " +
               detail::quoted(version_part) + " has " + std::string(non_release_part(*version)));
      return std::nullopt;
    }
    op = op == Operator::kEqual ? Operator::kEqualStar : Operator::kNotEqualStar;
  } else if (version->has_local() && op != Operator::kEqual && op != Operator::kNotEqual) {
    size_t plus = vtext.find('+');
    fail(failure, vbegin + plus, vtext.size() - plus,
         detail::quoted(op_name) + " does not allow a local version label (" +
             detail::quoted(vtext.substr(plus)) + ")");
    *hint = "only == and != accept a local version label such as '==1.0+local'";
    return std::nullopt;
  } else if (op == Operator::kCompatible && version->release().size() < 2) {
    fail(failure, vbegin, vtext.size(),
         "'~=' needs at least two release numbers (such as '~=1.0'), found " +
             detail::quoted(vtext));
    return std::nullopt;
  }
  return Specifier(op, std::move(*version), std::string(vtext), true);
}

Specifier::Specifier(Operator op, Version version, std::string text, bool text_is_version)
    : op_(op), version_(std::move(version)), text_(std::move(text)) {
  switch (op_) {
    case Operator::kNotEqual:
    case Operator::kNotEqualStar:
    case Operator::kEqualStar:
      admits_ = false;
      break;
    case Operator::kArbitrary:
      admits_ = text_is_version && version_.is_prerelease();
      return;
    default:
      admits_ = version_.is_prerelease();
  }
  auto b = detail::clause_bounds(op_, version_);
  lower_ = std::move(b.lower);
  upper_ = std::move(b.upper);
  lower_inclusive_ = b.lower_inclusive;
  upper_inclusive_ = b.upper_inclusive;
  negate_ = b.negate;
}

Result<Specifier> Specifier::parse(std::string_view text) {
  ParseFailure failure;
  std::string hint;
  auto spec = SpecifierParser::parse(text, 0, text.size(), &failure, &hint);
  if (!spec) {
    Error error = detail::parse_error("invalid specifier", text, failure);
    if (!hint.empty()) return std::move(error).with_hint(std::move(hint));
    return error;
  }
  return std::move(*spec);
}

bool Specifier::matches_allowing_prereleases(const Version& v) const {
  if (op_ == Operator::kArbitrary) return detail::iequals(v.to_string(), text_);
  bool inside = true;
  if (lower_) {
    auto c = v <=> *lower_;
    inside = lower_inclusive_ ? c >= 0 : c > 0;
  }
  if (inside && upper_) {
    auto c = v <=> *upper_;
    inside = upper_inclusive_ ? c <= 0 : c < 0;
  }
  return inside != negate_;
}

bool Specifier::contains(const Version& v, PrereleasePolicy policy) const {
  if (!detail::prereleases_allowed(policy, admits_) && v.is_prerelease()) return false;
  return matches_allowing_prereleases(v);
}

bool Specifier::contains_text(std::string_view text, PrereleasePolicy policy) const {
  if (op_ == Operator::kArbitrary) {
    if (!detail::iequals(text, text_)) return false;
    if (detail::prereleases_allowed(policy, admits_)) return true;
    auto parsed = Version::parse(text);
    return !parsed || !parsed->is_prerelease();
  }
  auto parsed = Version::parse(text);
  return parsed && contains(*parsed, policy);
}

std::vector<size_t> Specifier::filter(std::span<const Candidate> candidates,
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
    if (v) m.kind = v->is_prerelease() ? detail::CandidateKind::kPrerelease
                                       : detail::CandidateKind::kFinal;
    if (op_ == Operator::kArbitrary) {
      m.matches = detail::iequals(c.version ? c.version->to_string() : std::string(c.text), text_);
    } else {
      m.matches = v && matches_allowing_prereleases(*v);
    }
    matches.push_back(m);
  }
  return detail::select_candidates(matches, policy, admits_);
}

std::string Specifier::to_string() const {
  std::string out(pep440::to_string(op_));
  if (op_ == Operator::kArbitrary) return out + text_;
  if (op_ == Operator::kEqualStar || op_ == Operator::kNotEqualStar) {
    return out + release_text(version_) + ".*";
  }
  return out + version_.to_string();
}

std::string Specifier::canonical_key() const {
  std::string key(pep440::to_string(op_));
  switch (op_) {
    case Operator::kArbitrary:
      for (char c : text_) key += detail::lower(c);
      return key;
    case Operator::kEqualStar:
    case Operator::kNotEqualStar:
      return key + release_text(version_) + ".*";
    case Operator::kCompatible:
      // ~=1.4.0 and ~=1.4 differ: the release length sets the prefix.
      return key + version_.to_string();
    default:
      return key + canonicalize_version(version_);
  }
}

bool operator==(const Specifier& a, const Specifier& b) {
  return a.canonical_key() == b.canonical_key();
}

namespace detail {

std::vector<size_t> select_candidates(const std::vector<CandidateMatch>& matches,
                                      PrereleasePolicy policy, bool admits_prereleases) {
  std::vector<size_t> out;
  bool allow = prereleases_allowed(policy, admits_prereleases);
  bool any_final = false;
  if (!allow && policy == PrereleasePolicy::kDefault) {
    for (const CandidateMatch& m : matches) {
      any_final = any_final || (m.matches && m.kind == CandidateKind::kFinal);
    }
    // PEP 440: without opt-in, prereleases are accepted when nothing else satisfies.
    allow = !any_final;
  }
  for (size_t i = 0; i < matches.size(); ++i) {
    if (!matches[i].matches) continue;
    if (matches[i].kind == CandidateKind::kPrerelease && !allow) continue;
    out.push_back(i);
  }
  return out;
}

}  // namespace detail
}  // namespace roost::pep440
