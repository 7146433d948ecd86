// Result<T> and Error: roost's error values (our code never throws).
//
//   Result<Version> v = Version::parse(text);
//   if (!v) return v.error().with_context("while reading pyproject.toml");
//   ROOST_TRY(auto spec, SpecifierSet::parse(s));   // returns the error upward
//   ROOST_CHECK(write_file(path, data));             // for Result<void>
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace roost {

enum class ErrorKind {
  kUsage,          // the user asked for something malformed (bad flag, bad argument)
  kParse,          // text that does not follow its grammar
  kNotFound,       // a file, package or name that does not exist
  kIo,             // the operating system refused
  kNetwork,        // HTTP / TLS / DNS trouble
  kIntegrity,      // hash or size mismatch, lying RECORD
  kUnsatisfiable,  // no solution
  kSubprocess,     // a child process failed or timed out
  kCancelled,      // interrupted on purpose
  kInternal,       // a bug in roost
};

std::string_view to_string(ErrorKind kind);

// Where a parse error happened: 1-based line and column, with the source line for a caret.
struct Span {
  std::string file;         // may be empty for in-memory text
  int line = 0;             // 1-based; 0 = unknown
  int column = 0;           // 1-based; 0 = unknown
  int length = 1;           // how many characters the caret covers
  std::string source_line;  // the text of that line, for the caret diagram
};

class Error {
 public:
  Error(ErrorKind kind, std::string message) : kind_(kind), message_(std::move(message)) {}

  ErrorKind kind() const { return kind_; }
  const std::string& message() const { return message_; }
  const std::vector<std::string>& context() const { return context_; }
  const std::optional<std::string>& hint() const { return hint_; }
  const std::optional<Span>& span() const { return span_; }

  // "while reading x/pyproject.toml": outermost last, as they are added on the way up.
  Error&& with_context(std::string context) && {
    context_.push_back(std::move(context));
    return std::move(*this);
  }
  Error& with_context(std::string context) & {
    context_.push_back(std::move(context));
    return *this;
  }
  Error&& with_hint(std::string hint) && {
    hint_ = std::move(hint);
    return std::move(*this);
  }
  Error&& with_span(Span span) && {
    span_ = std::move(span);
    return std::move(*this);
  }

  // The whole error as a user reads it: "file:line:col: message", the source line and a caret,
  // then the context chain ("  while ...") and the hint ("hint: ...").
  std::string render() const;

 private:
  ErrorKind kind_;
  std::string message_;
  std::vector<std::string> context_;
  std::optional<std::string> hint_;
  std::optional<Span> span_;
};

inline Error make_error(ErrorKind kind, std::string message) {
  return Error(kind, std::move(message));
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
  Result(Error error) : data_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(data_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(data_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(data_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& {
    assert(!ok());
    return std::get<1>(data_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(data_));
  }

  T value_or(T fallback) const& { return ok() ? value() : std::move(fallback); }

 private:
  std::variant<T, Error> data_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& {
    assert(!ok());
    return *error_;
  }
  Error&& error() && {
    assert(!ok());
    return std::move(*error_);
  }

 private:
  std::optional<Error> error_;
};

inline Result<void> ok() { return {}; }

}  // namespace roost

#define ROOST_CONCAT_INNER(a, b) a##b
#define ROOST_CONCAT(a, b) ROOST_CONCAT_INNER(a, b)

// ROOST_TRY(decl, expr): evaluates expr (a Result<T>); on error returns it from the enclosing
// function, else binds the value: ROOST_TRY(auto v, Version::parse(s));
#define ROOST_TRY(decl, expr) ROOST_TRY_IMPL(ROOST_CONCAT(roost_try_, __LINE__), decl, expr)
#define ROOST_TRY_IMPL(tmp, decl, expr)      \
  auto tmp = (expr);                         \
  if (!tmp.ok()) return std::move(tmp).error(); \
  decl = std::move(tmp).value()

// ROOST_CHECK(expr): for a Result<void> (or any Result whose value is not needed).
#define ROOST_CHECK(expr)                                         \
  do {                                                            \
    auto roost_check_result = (expr);                             \
    if (!roost_check_result.ok()) return std::move(roost_check_result).error(); \
  } while (0)

// ROOST_TRY_CONTEXT(decl, expr, context): like ROOST_TRY, adding a context line on error.
#define ROOST_TRY_CONTEXT(decl, expr, context) \
  ROOST_TRY_CONTEXT_IMPL(ROOST_CONCAT(roost_try_, __LINE__), decl, expr, context)
#define ROOST_TRY_CONTEXT_IMPL(tmp, decl, expr, context)                    \
  auto tmp = (expr);                                                        \
  if (!tmp.ok()) return std::move(tmp).error().with_context(context);       \
  decl = std::move(tmp).value()
