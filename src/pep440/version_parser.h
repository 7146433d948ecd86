// The PEP 440 version grammar as a hand-written scanner (internal; shared by Version::parse and
// the specifier parser, which reports the same failures inside its own text).
#pragma once

#include <optional>
#include <string_view>

#include "pep440/scan.h"
#include "pep440/version.h"

namespace roost::pep440 {

class VersionParser {
 public:
  // Parses s exactly (no surrounding whitespace allowed: callers trim). On failure returns
  // nullopt and fills *failure with a position relative to s.
  static std::optional<Version> parse(std::string_view s, detail::ParseFailure* failure);

  // The common case, without whitespace: normalised spellings with up to four small release
  // numbers and at most one of aN, bN, rcN, .postN, .devN ("2.31.0", "1.0rc1", "3.11.4.post2").
  // Builds the packed form directly; false means "use parse()", never "invalid".
  static bool parse_simple(std::string_view s, Version* out);
};

}  // namespace roost::pep440
