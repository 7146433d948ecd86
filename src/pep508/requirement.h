// PEP 508 dependency specifications: "name[extra]>=1.0; python_version < '3.11'",
// "name @ https://...". Errors are kParse with a span pointing at the offending column.
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

  static Result<Requirement> parse(std::string_view text);
  // packaging's str(Requirement): "name[a,b]>=1,<2; marker" / "name @ url ; marker".
  std::string to_string() const;
};

}  // namespace roost::pep508
