// PEP 508 dependency specifications: "name[extra]>=1.0; python_version < '3.11'",
// "name @ https://...". Errors are kParse with a span pointing at the offending column.
//
//   ROOST_TRY(auto req, Requirement::parse("requests[socks] >= 2.8 ; python_version < '3.12'"));
//   req.name.str() == "requests";  req.to_string() == "requests[socks]>=2.8; python_version < \"3.12\""
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "pep440/specifier.h"
#include "pep508/marker.h"
#include "pep508/names.h"

namespace roost::pep508 {

struct Requirement {
  std::string name_as_written;
  PackageName name;
  std::vector<ExtraName> extras;   // sorted, de-duplicated
  pep440::SpecifierSet specifier;  // empty when a url is given
  std::optional<std::string> url;
  std::optional<Marker> marker;
  // The extras as written (sorted, exact duplicates removed), which to_string() prints like
  // packaging does; when empty, to_string() prints `extras`.
  std::vector<std::string> extras_as_written;

  // The grammar and whitespace rules of packaging's parser. Beyond it, names and extras must
  // follow PEP 508's name rule (end with a letter or digit) and a URL cannot hold a line break.
  static Result<Requirement> parse(std::string_view text);
  // packaging's str(Requirement): "name[a,b]>=1,<2; marker" / "name @ url ; marker".
  std::string to_string() const;

  // packaging's equality: normalised name and extras, equal specifier sets, same url, and
  // markers that are equal as functions of the environment.
  friend bool operator==(const Requirement& a, const Requirement& b);
};

}  // namespace roost::pep508
