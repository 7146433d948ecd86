// The context-sensitive tokenizer behind the requirement and marker parsers: the token rules of
// packaging's _tokenizer (PEP 508), matched by hand instead of by regular expressions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace roost::pep508::detail {

enum class TokenKind : uint8_t {
  kLeftParen,
  kRightParen,
  kLeftBracket,
  kRightBracket,
  kSemicolon,
  kComma,
  kQuotedString,            // '...' or "..." (no escapes)
  kOp,                      // === == ~= != <= >= < >
  kBoolOp,                  // and / or, as whole words
  kIn,                      // in, as a whole word
  kNot,                     // not, as a whole word
  kVariable,                // a marker variable, including the legacy dotted spellings
  kSpecifier,               // one version clause, e.g. ">= 1.0" or "==1.*"
  kAt,                      // @
  kUrl,                     // anything up to a space or tab
  kIdentifier,              // a name or extra
  kVersionPrefixTrail,      // ".*" left over after a clause that cannot take it
  kVersionLocalLabelTrail,  // "+local" left over after a clause that cannot take it
  kWs,                      // spaces and tabs
  kEnd,
};

struct Token {
  TokenKind kind;
  std::string_view text;
  size_t position;
};

class Tokenizer {
 public:
  // `subject` names the text in errors: "requirement" or "marker".
  Tokenizer(std::string_view source, std::string_view subject)
      : source_(source), subject_(subject) {}

  // Whether the next token is `kind`; when it is, read() returns it.
  bool check(TokenKind kind);
  // Like check(), without loading the token.
  bool peek(TokenKind kind) const { return match(kind) != kNoMatch; }
  void consume(TokenKind kind) {
    if (check(kind)) read();
  }
  Token read();

  size_t position() const { return position_; }
  std::string_view source() const { return source_; }

  // Parenthesised groups open at this point. Parsers refuse to go deeper than kMaxNesting, so
  // deeply nested input is an error instead of a stack overflow (found by fuzzing).
  static constexpr int kMaxNesting = 100;
  int& nesting() { return nesting_; }

  // A kParse error whose caret runs from `begin` to `end` (byte offsets, inclusive).
  Error error(size_t begin, size_t end, std::string_view problem) const;
  // What sits at `pos`, for "found ..." in messages: "'baz'", "end of input", "a line break".
  std::string found(size_t pos) const;

 private:
  static constexpr size_t kNoMatch = std::string_view::npos;
  size_t match(TokenKind kind) const;

  std::string_view source_;
  std::string_view subject_;
  size_t position_ = 0;
  int nesting_ = 0;
  std::optional<Token> next_;
};

// The length of packaging's SPECIFIER rule matched at `pos`, or npos.
size_t match_specifier(std::string_view s, size_t pos);

// Python's \s for the ASCII range (the characters packaging's regular expressions skip).
bool is_python_space(char c);

}  // namespace roost::pep508::detail
