// RFC 822 style header blocks, the container format of METADATA / PKG-INFO and WHEEL files (core
// metadata spec, "the email header format"): "Name: value" lines, continuation lines starting with
// a space or tab, a blank line, then an optional body. Field names are case-insensitive.
//
//   ROOST_TRY(HeaderBlock block, parse_headers(text, "METADATA"));
//   for (const HeaderField* f : block.all("classifier")) use(f->single_line_value());
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace roost::metadata {

struct HeaderField {
  std::string name;              // as written
  std::string first_line_value;  // after "Name:", leading blanks removed
  std::vector<std::string>
      continuations;        // following lines that start with a space or tab, as written
  int line = 0;             // 1-based line of "Name:"
  size_t value_offset = 0;  // byte offset of first_line_value in source_line
  std::string source_line;  // the "Name: value" line, for error carets

  // RFC 5322 unfolding (line breaks removed, the continuation's blanks kept), trimmed.
  std::string single_line_value() const;
  // For multi-line fields (Description, License): one line per continuation, with the
  // indentation of the core metadata convention removed: "       |" (7 spaces and a pipe, which
  // keeps blank and indented lines intact), or else up to 8 leading spaces (distutils' folding).
  std::string multi_line_value() const;

  bool is(std::string_view lowercase_name) const;  // case-insensitive name comparison
};

struct HeaderBlock {
  std::vector<HeaderField> fields;  // in file order
  std::optional<std::string> body;  // everything after the first blank line, when there is one
  int body_line = 0;                // 1-based line where the body starts

  std::vector<const HeaderField*> all(std::string_view lowercase_name) const;
  const HeaderField* first(std::string_view lowercase_name) const;
};

// `what` names the text in error messages ("METADATA", "WHEEL"). Errors: invalid UTF-8, a line
// that is neither "Name: value" nor a continuation, a continuation before any field.
Result<HeaderBlock> parse_headers(std::string_view text, std::string_view what);

// Appends "Name: value\n" for one field; newlines inside `value` are folded with the "       |"
// convention, so multi_line_value() gives `value` back, except for what the format cannot hold
// (blanks before the value, carriage returns at the end of a line), which is dropped.
void write_header(std::string& out, std::string_view name, std::string_view value);

// Shared by the metadata parsers: a kParse error "<what> line N: <message>" with a caret at bytes
// [offset, offset + length) of `source_line`.
Error line_error(std::string_view what, int line, std::string_view message,
                 std::string_view source_line, size_t offset, size_t length);

}  // namespace roost::metadata
