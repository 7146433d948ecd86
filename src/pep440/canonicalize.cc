// canonicalize_version of packaging.utils (normalised form without trailing zero releases).
#include "pep440/canonicalize.h"

namespace roost::pep440 {

std::string canonicalize_version(const Version& version, bool strip_trailing_zero) {
  if (!strip_trailing_zero) return version.to_string();
  auto release = version.release();
  size_t n = release.size();
  while (n > 1 && release[n - 1] == 0) --n;
  if (n == release.size()) return version.to_string();
  VersionParts parts = version.parts();
  parts.release.resize(n);
  return Version::from_parts(std::move(parts)).to_string();
}

std::string canonicalize_version(std::string_view text, bool strip_trailing_zero) {
  auto version = Version::parse(text);
  if (!version) return std::string(text);
  return canonicalize_version(*version, strip_trailing_zero);
}

}  // namespace roost::pep440
