// The TOML 1.0 parser: the whole document in one pass, or the first syntax error.
//
//   Result<toml::Table> doc = toml::parse(text, path);
//   if (!doc) return doc.error();  // kParse, "duplicate key `name`", span at line:col
#pragma once

#include <string_view>

#include "base/result.h"
#include "toml/value.h"

namespace roost::toml {

// The root table of `text`. On a syntax error: a kParse Error whose message says what is wrong
// ("expected `=` after the key `name`", "duplicate key `name` (first written at line 3)") and
// whose span points at it in `path` (path is only used for the span; it may be empty).
// Rules are TOML 1.0's, as Python's tomllib applies them; integers must fit in 64 bits.
Result<Table> parse(std::string_view text, std::string_view path = {});

}  // namespace roost::toml
