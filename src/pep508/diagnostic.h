// Parse-error helpers shared by the requirement and marker parsers: quoting offending text for
// messages and building kParse errors whose Span draws a caret under the input.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.h"

namespace roost::pep508::detail {

// `text` quoted as Python's repr() would ('abc', "it's", 'a\nb'), so a message never contains a
// raw line break and the quoted text is unambiguous.
std::string quoted(std::string_view text);

// "invalid <subject> '<source>': <problem>" with a Span from byte `begin` to byte `end`
// (inclusive; the caret covers both). Control characters in the shown source line become spaces
// so the caret stays aligned.
Error syntax_error(std::string_view subject, std::string_view source, size_t begin, size_t end,
                   std::string_view problem);

}  // namespace roost::pep508::detail
