// Small helpers shared by the parsers of tags/ and metadata/ for error messages: quoting text
// the way users read it, and turning byte offsets into 1-based character columns for a Span.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.h"

namespace roost::tags {

// 'text' with control characters escaped (\n, \t, \r, \x1b), so a message stays on one line and
// shows what was really there.
std::string quote(std::string_view text);

// The 1-based column of byte `offset` in `line`, counting UTF-8 characters, so the caret of
// Error::render() lands under the right character.
int column_of(std::string_view line, size_t offset);

// A Span over bytes [offset, offset + length) of `line` (line number `line_number`).
Span span_of(std::string_view line, size_t offset, size_t length, int line_number = 1);

// A kParse error with a span.
Error parse_error(std::string message, std::string_view line, size_t offset, size_t length,
                  int line_number = 1);

}  // namespace roost::tags
