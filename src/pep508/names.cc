// Package, extra and group names: PEP 508 name validation, PEP 503 / PEP 685 normalisation.
#include "pep508/names.h"

#include "base/ascii.h"
#include "pep508/diagnostic.h"

namespace roost::pep508 {
namespace {

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_separator(char c) {
  return c == '-' || c == '_' || c == '.';
}

// Names the first character that breaks PEP 508's name grammar, or returns ok.
Result<void> validate(std::string_view kind, std::string_view text) {
  if (text.empty()) {
    return Error(ErrorKind::kParse, "invalid " + std::string(kind) + " '': a name cannot be empty");
  }
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    std::string problem;
    if (!is_alnum(c) && !is_separator(c)) {
      problem = detail::quoted(text.substr(i, 1)) +
                " is not allowed in a name (only letters, digits, '-', '_' and '.')";
    } else if (!is_alnum(c) && i == 0) {
      problem =
          "a name must start with a letter or digit, found " + detail::quoted(text.substr(i, 1));
    } else if (!is_alnum(c) && i + 1 == text.size()) {
      problem =
          "a name must end with a letter or digit, found " + detail::quoted(text.substr(i, 1));
    }
    if (!problem.empty()) {
      return detail::syntax_error(kind, text, i, i,
                                  problem + " at column " + std::to_string(i + 1));
    }
  }
  return ok();
}

// PEP 503 / 685 normalisation in one pass: runs of separators become one '-', letters fold to
// lower case, written through a pointer into a string of the final capacity (names are
// normalised on every parse). With `check`, also PEP 508's name rule: false when the name is
// invalid, for validate() to say why.
bool fold_name(std::string_view text, std::string& out, bool check) {
  if (check && (text.empty() || !is_alnum(text.front()) || !is_alnum(text.back()))) return false;
  out.resize(text.size());
  char* o = out.data();
  bool in_separator = false;
  for (char c : text) {
    if (is_separator(c)) {
      if (!in_separator) *o++ = '-';
      in_separator = true;
      continue;
    }
    if (check && !is_alnum(c)) return false;
    in_separator = false;
    *o++ = ascii_lower(c);
  }
  out.resize(static_cast<size_t>(o - out.data()));
  return true;
}

bool normalize_valid(std::string_view text, std::string& out) {
  return fold_name(text, out, true);
}

}  // namespace

std::string PackageName::normalize(std::string_view text) {
  std::string out;
  fold_name(text, out, false);
  return out;
}

bool PackageName::is_valid(std::string_view text) {
  if (text.empty() || !is_alnum(text.front()) || !is_alnum(text.back())) return false;
  for (char c : text) {
    if (!is_alnum(c) && !is_separator(c)) return false;
  }
  return true;
}

bool PackageName::is_normalized(std::string_view text) {
  if (text.empty() || text.front() == '-' || text.back() == '-') return false;
  char previous = '\0';
  for (char c : text) {
    bool lower_alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!lower_alnum && c != '-') return false;
    if (c == '-' && previous == '-') return false;
    previous = c;
  }
  return true;
}

Result<PackageName> PackageName::parse(std::string_view text) {
  std::string name;
  if (normalize_valid(text, name)) return PackageName(std::move(name));
  ROOST_CHECK(validate("package name", text));
  return PackageName(normalize(text));  // not reached: validate() refuses what failed above
}

std::string PackageName::as_dist_info_name() const {
  std::string out = name_;
  for (char& c : out) {
    if (c == '-') c = '_';
  }
  return out;
}

Result<ExtraName> ExtraName::parse(std::string_view text) {
  std::string name;
  if (normalize_valid(text, name)) return ExtraName(std::move(name));
  ROOST_CHECK(validate("extra name", text));
  return ExtraName(PackageName::normalize(text));  // not reached, as in PackageName::parse
}

}  // namespace roost::pep508
