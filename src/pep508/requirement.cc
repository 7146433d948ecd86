// The PEP 508 requirement parser, following packaging's grammar:
//   requirement = WS? IDENTIFIER WS? extras WS? details END
//   details     = "@" WS? URL (WS marker_part?)? | specifier WS? marker_part?
//   marker_part = ";" marker WS?
//   specifier   = "(" WS? version_many WS? ")" | WS? version_many WS?
#include "pep508/requirement.h"

#include <algorithm>
#include <span>

#include "pep508/diagnostic.h"
#include "pep508/marker_expr.h"
#include "pep508/tokenizer.h"

namespace roost::pep508 {
namespace {

using detail::Tokenizer;
using detail::TokenKind;

std::string at(size_t pos) {
  return " at column " + std::to_string(pos + 1);
}

// A name or extra: IDENTIFIER already guarantees the characters; PEP 508 also wants it to end with
// a letter or digit (packaging does not check; "name_" is not a PEP 508 name).
Result<void> check_name(const Tokenizer& t, const detail::Token& token, std::string_view what) {
  if (PackageName::is_valid(token.text)) return ok();
  size_t last = token.position + token.text.size() - 1;
  return t.error(token.position, last,
                 std::string(what) + " " + detail::quoted(token.text) + at(token.position) +
                     " must end with a letter or digit");
}

Result<std::vector<std::string>> parse_extras_list(Tokenizer& t) {
  std::vector<std::string> extras;
  if (!t.check(TokenKind::kIdentifier)) return extras;
  detail::Token first = t.read();
  ROOST_CHECK(check_name(t, first, "extra name"));
  extras.emplace_back(first.text);
  while (true) {
    t.consume(TokenKind::kWs);
    if (t.peek(TokenKind::kIdentifier)) {
      return t.error(
          t.position(), t.position(),
          "expected ',' between extra names, found " + t.found(t.position()) + at(t.position()));
    }
    if (!t.check(TokenKind::kComma)) break;
    t.read();
    t.consume(TokenKind::kWs);
    if (!t.check(TokenKind::kIdentifier)) {
      return t.error(
          t.position(), t.position(),
          "expected an extra name after ',', found " + t.found(t.position()) + at(t.position()));
    }
    detail::Token extra = t.read();
    ROOST_CHECK(check_name(t, extra, "extra name"));
    extras.emplace_back(extra.text);
  }
  return extras;
}

Result<std::vector<std::string>> parse_extras(Tokenizer& t) {
  if (!t.check(TokenKind::kLeftBracket)) return std::vector<std::string>{};
  size_t open = t.read().position;
  t.consume(TokenKind::kWs);
  ROOST_TRY(auto extras, parse_extras_list(t));
  t.consume(TokenKind::kWs);
  if (!t.check(TokenKind::kRightBracket)) {
    return t.error(open, t.position(),
                   "expected ']' to close the '['" + at(open) + ", found " + t.found(t.position()) +
                       at(t.position()));
  }
  t.read();
  return extras;
}

// version_many = (SPECIFIER (WS? "," WS? SPECIFIER)*)?, returning the clauses as written (views
// of the requirement's text).
Result<std::vector<std::string_view>> parse_version_many(Tokenizer& t) {
  std::vector<std::string_view> clauses;
  while (t.check(TokenKind::kSpecifier)) {
    detail::Token clause = t.read();
    clauses.push_back(clause.text);
    if (t.peek(TokenKind::kVersionPrefixTrail)) {
      std::string written = detail::quoted(std::string(clause.text) + ".*");
      bool equality = clause.text.starts_with("==") || clause.text.starts_with("!=");
      return t.error(clause.position, t.position() + 1,
                     equality ? "a '.*' wildcard cannot follow a pre-release, post-release, dev or "
                                "local version: " +
                                    written + at(clause.position)
                              : "a '.*' wildcard can only be used with '==' or '!=': " + written +
                                    at(clause.position));
    }
    if (t.peek(TokenKind::kVersionLocalLabelTrail)) {
      return t.error(clause.position, t.position(),
                     "a local version label ('+...') can only be used with '==' or '!=': " +
                         detail::quoted(clause.text) + " is followed by " + t.found(t.position()) +
                         at(t.position()));
    }
    t.consume(TokenKind::kWs);
    if (!t.check(TokenKind::kComma)) break;
    t.read();
    t.consume(TokenKind::kWs);
  }
  return clauses;
}

struct SpecifierPart {
  std::vector<std::string_view> clauses;
  size_t begin = 0;
  size_t end = 0;  // one past the last byte
};

Result<SpecifierPart> parse_specifier(Tokenizer& t) {
  SpecifierPart part;
  part.begin = t.position();
  std::optional<size_t> open;
  if (t.check(TokenKind::kLeftParen)) open = t.read().position;
  t.consume(TokenKind::kWs);
  ROOST_TRY(part.clauses, parse_version_many(t));
  t.consume(TokenKind::kWs);
  if (open) {
    if (!t.check(TokenKind::kRightParen)) {
      return t.error(*open, t.position(),
                     "expected ')' to close the '('" + at(*open) + ", found " +
                         t.found(t.position()) + at(t.position()));
    }
    t.read();
  }
  part.end = t.position();
  return part;
}

// ";" marker WS?, or an error naming what could have come instead of the ";".
Result<std::shared_ptr<const detail::MarkerExpr>> parse_marker_part(Tokenizer& t, size_t span_begin,
                                                                    std::string_view expected) {
  if (!t.check(TokenKind::kSemicolon)) {
    return t.error(span_begin, t.position(),
                   "expected " + std::string(expected) + ", found " + t.found(t.position()) +
                       at(t.position()));
  }
  t.read();
  ROOST_TRY(detail::MarkerExpr expr, detail::parse_marker_expr(t));
  t.consume(TokenKind::kWs);
  return std::make_shared<const detail::MarkerExpr>(std::move(expr));
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

// Most requirements in pyproject.toml files are "name" or "name" + clauses without spaces
// ("requests>=2.31", "ruff>=0.6,<0.7"). This reads exactly those, with the tokenizer's own
// specifier rule, and gives up (nullopt) on anything else, including anything that would be an
// error: the full parser below then decides, so results and messages do not depend on which
// path ran. The general machinery was about half of the parse time of such strings.
struct SimpleRequirement {
  std::string_view name;
  PackageName normalized;
  pep440::SpecifierSet specifier;
};

std::optional<SimpleRequirement> parse_simple(std::string_view text) {
  size_t end = 0;
  while (end < text.size() && is_name_char(text[end])) ++end;
  std::string_view name = text.substr(0, end);
  // A name must start and end with a letter or digit; then IDENTIFIER ends exactly there.
  if (!PackageName::is_valid(name)) return std::nullopt;
  constexpr size_t kMaxClauses = 8;
  std::string_view clauses[kMaxClauses];
  size_t count = 0;
  for (size_t p = end; p < text.size();) {
    size_t length = detail::match_specifier(text, p);
    if (length == std::string_view::npos || count == kMaxClauses) return std::nullopt;
    clauses[count++] = text.substr(p, length);
    p += length;
    if (p == text.size()) break;
    // A comma and the next clause; anything else (space, ';', '.*' or '+local' after a clause
    // that cannot take it, a trailing comma) is for the full parser.
    if (text[p] != ',' || p + 1 == text.size()) return std::nullopt;
    ++p;
  }
  std::optional<pep440::SpecifierSet> specifier =
      pep440::SpecifierSet::from_clauses(std::span<const std::string_view>(clauses, count));
  if (!specifier) return std::nullopt;
  Result<PackageName> normalized = PackageName::parse(name);
  if (!normalized) return std::nullopt;
  return SimpleRequirement{name, std::move(normalized).value(), std::move(*specifier)};
}

}  // namespace

Result<Requirement> Requirement::parse(std::string_view text) {
  if (std::optional<SimpleRequirement> simple = parse_simple(text)) {
    return Requirement{std::string(simple->name),
                       std::move(simple->normalized),
                       {},
                       std::move(simple->specifier),
                       std::nullopt,
                       std::nullopt,
                       {}};
  }
  Tokenizer t(text, "requirement");
  t.consume(TokenKind::kWs);
  if (!t.check(TokenKind::kIdentifier)) {
    return t.error(t.position(), t.position(),
                   "expected a package name, found " + t.found(t.position()) + at(t.position()));
  }
  detail::Token name_token = t.read();
  ROOST_CHECK(check_name(t, name_token, "package name"));
  t.consume(TokenKind::kWs);
  ROOST_TRY(std::vector<std::string> extras_written, parse_extras(t));
  t.consume(TokenKind::kWs);

  std::optional<std::string> url;
  SpecifierPart specifier;
  std::shared_ptr<const detail::MarkerExpr> marker_expr;
  if (t.check(TokenKind::kAt)) {
    t.read();
    t.consume(TokenKind::kWs);
    if (!t.check(TokenKind::kUrl)) {
      return t.error(t.position(), t.position(),
                     "expected a URL after '@', found " + t.found(t.position()) + at(t.position()));
    }
    detail::Token url_token = t.read();
    size_t line_break = url_token.text.find_first_of("\r\n");
    if (line_break != std::string_view::npos) {
      size_t pos = url_token.position + line_break;
      return t.error(pos, pos, "a URL cannot contain a line break" + at(pos));
    }
    url = std::string(url_token.text);
    if (!t.peek(TokenKind::kEnd)) {
      t.consume(TokenKind::kWs);
      if (!t.peek(TokenKind::kEnd)) {
        auto parsed =
            parse_marker_part(t, url_token.position, "';' (after the URL and a space) or the end");
        if (!parsed && url->back() == ';') {
          return std::move(parsed).error().with_hint(
              "a ';' right after a URL is part of the URL; put a space before the ';'");
        }
        ROOST_TRY(marker_expr, std::move(parsed));
      }
    }
  } else {
    ROOST_TRY(specifier, parse_specifier(t));
    t.consume(TokenKind::kWs);
    if (!t.peek(TokenKind::kEnd)) {
      std::string_view expected = specifier.clauses.empty()
                                      ? "a version specifier, '@', ';' or the end after the name"
                                      : "',', ';' or the end after the version specifier";
      ROOST_TRY(marker_expr, parse_marker_part(t, specifier.begin, expected));
    }
  }
  if (!t.check(TokenKind::kEnd)) {
    return t.error(t.position(), t.position(),
                   "expected 'and', 'or' or the end of the requirement, found " +
                       t.found(t.position()) + at(t.position()));
  }

  // The clauses as they are; only a clause that does not parse (or an unusual one) goes through
  // the joined text, which is what the error message shows.
  std::optional<pep440::SpecifierSet> specifier_set =
      pep440::SpecifierSet::from_clauses(specifier.clauses);
  if (!specifier_set) {
    std::string joined;
    for (std::string_view clause : specifier.clauses) {
      if (!joined.empty()) joined += ',';
      joined += clause;
    }
    auto parsed = pep440::SpecifierSet::parse(joined);
    if (!parsed) {
      size_t last = specifier.end > specifier.begin ? specifier.end - 1 : specifier.begin;
      return t.error(specifier.begin, last,
                     "invalid version specifier " + detail::quoted(joined) + at(specifier.begin) +
                         ": " + parsed.error().message());
    }
    specifier_set = std::move(parsed).value();
  }

  std::vector<ExtraName> extras;
  for (const std::string& extra : extras_written) {
    ROOST_TRY(ExtraName name, ExtraName::parse(extra));
    extras.push_back(std::move(name));
  }
  std::sort(extras.begin(), extras.end());
  extras.erase(std::unique(extras.begin(), extras.end()), extras.end());
  std::sort(extras_written.begin(), extras_written.end());
  extras_written.erase(std::unique(extras_written.begin(), extras_written.end()),
                       extras_written.end());

  ROOST_TRY(PackageName name, PackageName::parse(name_token.text));
  std::optional<Marker> marker;
  if (marker_expr) marker = Marker::from_expr(std::move(marker_expr));
  return Requirement{std::string(name_token.text), std::move(name), std::move(extras),
                     std::move(*specifier_set),    std::move(url),  std::move(marker),
                     std::move(extras_written)};
}

std::string Requirement::to_string() const {
  std::string out = name_as_written.empty() ? name.str() : name_as_written;
  if (!extras_as_written.empty() || !extras.empty()) {
    out += '[';
    bool first = true;
    auto add = [&](const std::string& extra) {
      if (!first) out += ',';
      out += extra;
      first = false;
    };
    if (!extras_as_written.empty()) {
      for (const std::string& extra : extras_as_written) add(extra);
    } else {
      for (const ExtraName& extra : extras) add(extra.str());
    }
    out += ']';
  }
  if (!specifier.empty()) out += specifier.to_string();
  if (url) {
    out += " @ " + *url;
    if (marker) out += ' ';
  }
  if (marker) out += "; " + marker->as_written();
  return out;
}

bool operator==(const Requirement& a, const Requirement& b) {
  return a.name == b.name && a.extras == b.extras && a.specifier == b.specifier && a.url == b.url &&
         a.marker == b.marker;
}

}  // namespace roost::pep508
