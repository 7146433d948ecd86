// The WHEEL file of a wheel's .dist-info directory (binary distribution format spec):
// Wheel-Version, Generator, Root-Is-Purelib, Tag (repeated) and Build, in the header format of
// METADATA.
//
//   ROOST_TRY(WheelInfo w, WheelInfo::parse(text));
//   if (w.is_newer_than_supported()) reporter.warn(...);
//   install_root = w.root_is_purelib ? purelib : platlib;
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "tags/tag.h"

namespace roost::metadata {

struct WheelInfo {
  int version_major = 1;  // Wheel-Version
  int version_minor = 0;
  std::optional<std::string> generator;
  bool root_is_purelib = true;
  std::vector<tags::Tag> tags;  // in file order; compressed Tag lines are expanded
  std::optional<std::string> build;

  // Errors (kParse, "WHEEL line N: ..."): a malformed header block, a missing Wheel-Version or
  // Root-Is-Purelib, a Wheel-Version that is not "<major>.<minor>" or whose major is not 1 (the
  // spec tells installers to refuse those), Root-Is-Purelib other than true / false, an invalid
  // Tag, a Build that does not start with a digit, a single-use field given twice.
  static Result<WheelInfo> parse(std::string_view text, std::string_view what = "WHEEL");

  // A newer 1.x than 1.0: installable, but the spec asks installers to warn.
  bool is_newer_than_supported() const { return version_major == 1 && version_minor > 0; }

  std::string to_string() const;
};

}  // namespace roost::metadata
