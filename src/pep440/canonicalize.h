// canonicalize_version of packaging.utils: the normalised form with trailing ".0" release
// numbers removed ("1.4.0" -> "1.4"), used to compare and name versions (e.g. in file names).
#pragma once

#include <string>
#include <string_view>

#include "pep440/version.h"

namespace roost::pep440 {

// Text that is not a PEP 440 version comes back unchanged ("lolwat" -> "lolwat").
std::string canonicalize_version(std::string_view text, bool strip_trailing_zero = true);
std::string canonicalize_version(const Version& version, bool strip_trailing_zero = true);

}  // namespace roost::pep440
