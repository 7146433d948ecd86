// Wheel filenames (the binary distribution format spec, PEP 427 / 491) and sdist filenames (the
// source distribution format spec, PEP 625), parsed as packaging.utils does.
//
//   ROOST_TRY(auto wheel, WheelFilename::parse("foo_bar-1.0-1abc-py2.py3-none-any.whl"));
//   wheel.name == "foo-bar";  wheel.build->number == 1;  wheel.tags.size() == 2;
//   ROOST_TRY(auto sdist, SdistFilename::parse("foo-1.0.tar.gz"));
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "pep440/version.h"
#include "tags/tag.h"

namespace roost::tags {

// A build tag "1abc": the leading digits as a number and the rest, compared as a (number,
// suffix) pair, which is how installers break ties between otherwise equal wheels.
struct BuildTag {
  uint64_t number = 0;
  std::string suffix;
  std::string to_string() const { return std::to_string(number) + suffix; }
  auto operator<=>(const BuildTag&) const = default;
};

struct WheelFilenameOptions {
  // Reject compressed tag components that are not sorted ("py3.py2"), as PEP 425 asks.
  bool validate_order = false;
  // Cap on the expanded tag set (see ParseTagOptions::limit).
  std::optional<size_t> tag_limit = 4096;
};

struct WheelFilename {
  // The project name, canonicalised (PEP 503: lowercase, runs of "-_." become "-"). Wheel names
  // may hold non-ASCII letters (packaging accepts any \w), so this is not a pep508::PackageName.
  std::string name;
  pep440::Version version;
  std::optional<BuildTag> build;
  TagSet tags;

  static Result<WheelFilename> parse(std::string_view filename,
                                     const WheelFilenameOptions& options = {});

  // The canonical filename: name with "-" as "_", normalised version, build tag, sorted
  // compressed tags: "foo_bar-1.0-1abc-py2.py3-none-any.whl".
  std::string to_string() const;
};

enum class SdistFormat : uint8_t { kTarGz, kZip };

struct SdistFilename {
  std::string name;  // canonicalised, as in WheelFilename
  pep440::Version version;
  SdistFormat format = SdistFormat::kTarGz;

  // Legacy sdists may have "-" inside the name, so the version is what follows the last "-".
  // `strict` (PEP 625) also requires ".tar.gz" and a normalised name and version.
  static Result<SdistFilename> parse(std::string_view filename, bool strict = false);

  std::string to_string() const;  // "foo_bar-1.0.tar.gz" (or ".zip")
};

}  // namespace roost::tags
