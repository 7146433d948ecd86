// Token rules of PEP 508 dependency specifiers, as packaging's tokenizer defines them. Each rule
// reproduces its regular expression exactly, including Python's \b word boundaries (a byte >= 0x80
// counts as a word character, as a non-ASCII letter would).
#include "pep508/tokenizer.h"

#include <array>
#include <cassert>

#include "pep508/diagnostic.h"

namespace roost::pep508::detail {
namespace {

constexpr size_t kNone = std::string_view::npos;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_word(char c) {
  return is_ascii_alnum(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_boundary(std::string_view s, size_t k) {
  bool before = k > 0 && is_word(s[k - 1]);
  bool after = k < s.size() && is_word(s[k]);
  return before != after;
}

bool starts_with_ci(std::string_view s, size_t pos, std::string_view literal) {
  if (pos > s.size() || s.size() - pos < literal.size()) return false;
  for (size_t i = 0; i < literal.size(); ++i) {
    if (lower(s[pos + i]) != literal[i]) return false;
  }
  return true;
}

// \b(alt1|alt2|...)\b: the first alternative that matches and ends on a word boundary.
template <size_t N>
size_t match_words(std::string_view s, size_t pos, const std::array<std::string_view, N>& alts) {
  if (!is_boundary(s, pos)) return kNone;
  for (std::string_view alt : alts) {
    if (s.substr(pos).starts_with(alt) && is_boundary(s, pos + alt.size())) return alt.size();
  }
  return kNone;
}

size_t skip_digits(std::string_view s, size_t p) {
  while (p < s.size() && is_digit(s[p])) ++p;
  return p;
}
bool is_sep(std::string_view s, size_t p) {
  return p < s.size() && (s[p] == '-' || s[p] == '_' || s[p] == '.');
}

// [-_.]?(label alternatives)[-_.]?[0-9]*  -> new position, or p when absent.
size_t match_pre(std::string_view s, size_t p) {
  static constexpr std::array<std::string_view, 8> kLabels = {"alpha", "beta", "preview", "pre",
                                                              "a",     "b",    "c",       "rc"};
  size_t q = is_sep(s, p) ? p + 1 : p;
  for (std::string_view label : kLabels) {
    if (starts_with_ci(s, q, label)) {
      size_t r = q + label.size();
      if (is_sep(s, r)) ++r;
      return skip_digits(s, r);
    }
  }
  return p;
}

// (?:-[0-9]+)|(?:[-_.]?(post|rev|r)[-_.]?[0-9]*)
size_t match_post(std::string_view s, size_t p) {
  if (p + 1 < s.size() && s[p] == '-' && is_digit(s[p + 1])) return skip_digits(s, p + 1);
  static constexpr std::array<std::string_view, 3> kLabels = {"post", "rev", "r"};
  size_t q = is_sep(s, p) ? p + 1 : p;
  for (std::string_view label : kLabels) {
    if (starts_with_ci(s, q, label)) {
      size_t r = q + label.size();
      if (is_sep(s, r)) ++r;
      return skip_digits(s, r);
    }
  }
  return p;
}

// [-_.]?dev[-_.]?[0-9]*
size_t match_dev(std::string_view s, size_t p) {
  size_t q = is_sep(s, p) ? p + 1 : p;
  if (!starts_with_ci(s, q, "dev")) return p;
  size_t r = q + 3;
  if (is_sep(s, r)) ++r;
  return skip_digits(s, r);
}

// \+[a-z0-9]+(?:[-_.][a-z0-9]+)*, case-insensitive when `ignore_case`.
size_t match_local(std::string_view s, size_t p, bool ignore_case) {
  auto local_char = [&](size_t i) {
    if (i >= s.size()) return false;
    char c = ignore_case ? lower(s[i]) : s[i];
    return is_digit(c) || (c >= 'a' && c <= 'z');
  };
  if (p >= s.size() || s[p] != '+' || !local_char(p + 1)) return p;
  size_t q = p + 1;
  while (local_char(q)) ++q;
  while (is_sep(s, q) && local_char(q + 1)) {
    q += 1;
    while (local_char(q)) ++q;
  }
  return q;
}

size_t skip_spaces(std::string_view s, size_t p) {
  while (p < s.size() && is_python_space(s[p])) ++p;
  return p;
}

// \b[a-zA-Z0-9][a-zA-Z0-9._-]*\b, with the regex engine's backtracking to the last boundary.
size_t match_identifier(std::string_view s, size_t pos) {
  if (pos >= s.size() || !is_ascii_alnum(s[pos]) || !is_boundary(s, pos)) return kNone;
  size_t end = pos + 1;
  while (end < s.size() && (is_ascii_alnum(s[end]) || is_sep(s, end))) ++end;
  for (size_t k = end; k > pos; --k) {
    if (is_boundary(s, k)) return k - pos;
  }
  return kNone;
}

size_t match_op(std::string_view s, size_t pos) {
  static constexpr std::array<std::string_view, 8> kOps = {"===", "==", "~=", "!=",
                                                           "<=",  ">=", "<",  ">"};
  for (std::string_view op : kOps) {
    if (s.substr(pos).starts_with(op)) return op.size();
  }
  return kNone;
}

}  // namespace

bool is_python_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         (c >= '\x1c' && c <= '\x1f');
}

size_t match_specifier(std::string_view s, size_t pos) {
  enum class Kind { kEquality, kCompatible, kOrdered };
  if (pos >= s.size()) return kNone;
  std::string_view rest = s.substr(pos);
  size_t p = pos;
  Kind kind;
  if (rest.starts_with("===")) {
    p = skip_spaces(s, pos + 3);
    while (p < s.size() && !is_python_space(s[p]) && s[p] != ';' && s[p] != ')') ++p;
    return p - pos;
  } else if (rest.starts_with("==") || rest.starts_with("!=")) {
    kind = Kind::kEquality;
    p += 2;
  } else if (rest.starts_with("~=")) {
    kind = Kind::kCompatible;
    p += 2;
  } else if (rest.starts_with("<=") || rest.starts_with(">=")) {
    kind = Kind::kOrdered;
    p += 2;
  } else if (rest.starts_with("<") || rest.starts_with(">")) {
    kind = Kind::kOrdered;
    p += 1;
  } else {
    return kNone;
  }
  p = skip_spaces(s, p);
  if (p + 1 < s.size() && lower(s[p]) == 'v' && is_digit(s[p + 1])) ++p;
  // Epoch: digits followed by "!".
  size_t epoch_end = skip_digits(s, p);
  if (epoch_end > p && epoch_end < s.size() && s[epoch_end] == '!') p = epoch_end + 1;
  // Release: N(.N)*, at least two parts for ~=.
  size_t release_end = skip_digits(s, p);
  if (release_end == p) return kNone;
  p = release_end;
  int dotted_parts = 0;
  while (p + 1 < s.size() && s[p] == '.' && is_digit(s[p + 1])) {
    p = skip_digits(s, p + 1);
    ++dotted_parts;
  }
  if (kind == Kind::kCompatible && dotted_parts == 0) return kNone;
  if (kind == Kind::kEquality && s.substr(p).starts_with(".*")) return p + 2 - pos;
  p = match_pre(s, p);
  p = match_post(s, p);
  p = match_dev(s, p);
  if (kind == Kind::kEquality) p = match_local(s, p, /*ignore_case=*/true);
  return p - pos;
}

size_t Tokenizer::match(TokenKind kind) const {
  std::string_view s = source_;
  size_t pos = position_;
  auto single = [&](char c) -> size_t { return pos < s.size() && s[pos] == c ? 1 : kNone; };
  switch (kind) {
    case TokenKind::kLeftParen: return single('(');
    case TokenKind::kRightParen: return single(')');
    case TokenKind::kLeftBracket: return single('[');
    case TokenKind::kRightBracket: return single(']');
    case TokenKind::kSemicolon: return single(';');
    case TokenKind::kComma: return single(',');
    case TokenKind::kAt: return single('@');
    case TokenKind::kQuotedString: {
      if (pos >= s.size() || (s[pos] != '\'' && s[pos] != '"')) return kNone;
      size_t close = s.find(s[pos], pos + 1);
      return close == kNone ? kNone : close + 1 - pos;
    }
    case TokenKind::kOp: return match_op(s, pos);
    case TokenKind::kBoolOp: {
      static constexpr std::array<std::string_view, 2> kWords = {"or", "and"};
      return match_words(s, pos, kWords);
    }
    case TokenKind::kIn: {
      static constexpr std::array<std::string_view, 1> kWords = {"in"};
      return match_words(s, pos, kWords);
    }
    case TokenKind::kNot: {
      static constexpr std::array<std::string_view, 1> kWords = {"not"};
      return match_words(s, pos, kWords);
    }
    case TokenKind::kVariable: {
      // Every variable starts with one of these letters; most positions are rejected here.
      if (pos >= s.size() || std::string_view("deiops").find(s[pos]) == std::string_view::npos) {
        return kNone;
      }
      static constexpr std::array<std::string_view, 20> kWords = {
          "python_version",
          "python_full_version",
          "os.name",
          "os_name",
          "sys.platform",
          "sys_platform",
          "platform_release",
          "platform_system",
          "platform.version",
          "platform_version",
          "platform.machine",
          "platform_machine",
          "platform.python_implementation",
          "platform_python_implementation",
          "python_implementation",
          "implementation_name",
          "implementation_version",
          "extras",
          "extra",
          "dependency_groups",
      };
      return match_words(s, pos, kWords);
    }
    case TokenKind::kSpecifier: return match_specifier(s, pos);
    case TokenKind::kUrl: {
      size_t end = pos;
      while (end < s.size() && s[end] != ' ' && s[end] != '\t') ++end;
      return end > pos ? end - pos : kNone;
    }
    case TokenKind::kIdentifier: return match_identifier(s, pos);
    case TokenKind::kVersionPrefixTrail: return s.substr(pos).starts_with(".*") ? 2 : kNone;
    case TokenKind::kVersionLocalLabelTrail: {
      size_t end = match_local(s, pos, /*ignore_case=*/false);
      return end > pos ? end - pos : kNone;
    }
    case TokenKind::kWs: {
      size_t end = pos;
      while (end < s.size() && (s[end] == ' ' || s[end] == '\t')) ++end;
      return end > pos ? end - pos : kNone;
    }
    case TokenKind::kEnd: return pos == s.size() ? 0 : kNone;
  }
  return kNone;
}

bool Tokenizer::check(TokenKind kind) {
  assert(!next_.has_value());
  size_t length = match(kind);
  if (length == kNoMatch) return false;
  next_ = Token{kind, source_.substr(position_, length), position_};
  return true;
}

Token Tokenizer::read() {
  assert(next_.has_value());
  Token token = *next_;
  next_.reset();
  position_ += token.text.size();
  return token;
}

Error Tokenizer::error(size_t begin, size_t end, std::string_view problem) const {
  return syntax_error(subject_, source_, begin, end, problem);
}

std::string Tokenizer::found(size_t pos) const {
  std::string_view s = source_;
  if (pos >= s.size()) return "the end";
  char c = s[pos];
  if (c == '\n') return "a line break";
  if (c == '\r') return "a carriage return";
  size_t end = pos + 1;
  auto wordish = [](char ch) {
    return is_word(ch) || ch == '.' || ch == '-' || ch == '*' || ch == '+' || ch == '!';
  };
  if (wordish(c)) {
    while (end < s.size() && wordish(s[end])) ++end;
  } else if (c == '<' || c == '>' || c == '=' || c == '!' || c == '~') {
    while (end < s.size() && (s[end] == '<' || s[end] == '>' || s[end] == '=' || s[end] == '~')) {
      ++end;
    }
  } else if (c == '\'' || c == '"') {
    size_t close = s.find(c, pos + 1);
    end = close == kNone ? s.size() : close + 1;
  }
  return quoted(s.substr(pos, end - pos));
}

}  // namespace roost::pep508::detail
