// Wheel and sdist filename parsing, following packaging.utils.parse_wheel_filename and
// parse_sdist_filename (which the conformance vectors in tests/data/packaging/utils.json test).
#include "tags/filename.h"

#include <algorithm>

#include "pep508/names.h"
#include "tags/text_span.h"

namespace roost::tags {
namespace {

constexpr std::string_view kWheelExtension = ".whl";

// PEP 427 escapes names so that they match [\w.]+; \w is Unicode there, so bytes of non-ASCII
// characters are accepted as letters.
bool is_wheel_name_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || u >= 0x80;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string dist_name(const std::string& canonical) {
  std::string out = canonical;
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

// A version error re-pointed at the version's place in the filename.
Error version_error(std::string_view what, std::string_view filename, size_t offset,
                    std::string_view version) {
  return parse_error(std::string(what) + ": invalid version " + quote(version) + " at column " +
                         std::to_string(column_of(filename, offset)),
                     filename, offset, version.size());
}

}  // namespace

Result<WheelFilename> WheelFilename::parse(std::string_view filename,
                                           const WheelFilenameOptions& options) {
  const std::string what = "invalid wheel filename " + quote(filename);
  auto fail = [&](std::string reason, size_t at, size_t length) {
    return parse_error(what + ": " + reason, filename, at, length);
  };
  auto column = [&](size_t at) { return std::to_string(column_of(filename, at)); };

  if (!filename.ends_with(kWheelExtension)) {
    size_t dot = filename.rfind('.');
    size_t at = dot == std::string_view::npos ? filename.size() : dot;
    return fail("expected the extension '.whl'", at, filename.size() - at);
  }
  const std::string_view stem = filename.substr(0, filename.size() - kWheelExtension.size());
  std::vector<size_t> dashes;
  for (size_t i = 0; i < stem.size(); ++i) {
    if (stem[i] == '-') dashes.push_back(i);
  }
  if (dashes.size() != 4 && dashes.size() != 5) {
    return fail(
        "expected 5 or 6 '-'-separated parts (name-version[-build]-python-abi-platform), found " +
            std::to_string(dashes.size() + 1),
        0, stem.size());
  }

  const std::string_view name_part = stem.substr(0, dashes[0]);
  if (name_part.empty()) return fail("empty project name", 0, 1);
  for (size_t i = 0; i < name_part.size(); ++i) {
    if (!is_wheel_name_char(name_part[i])) {
      return fail("invalid character " + quote(name_part.substr(i, 1)) +
                      " in project name at column " + column(i),
                  i, 1);
    }
  }
  if (size_t dunder = name_part.find("__"); dunder != std::string_view::npos) {
    return fail("'__' in project name at column " + column(dunder) +
                    " (a wheel name writes each run of '-', '_' and '.' as one '_')",
                dunder, 2);
  }

  const size_t version_at = dashes[0] + 1;
  const std::string_view version_part = stem.substr(version_at, dashes[1] - version_at);
  auto version = pep440::Version::parse(version_part);
  if (!version) return version_error(what, filename, version_at, version_part);

  std::optional<BuildTag> build;
  if (dashes.size() == 5) {
    const size_t build_at = dashes[1] + 1;
    const std::string_view build_part = stem.substr(build_at, dashes[2] - build_at);
    if (build_part.empty() || !is_digit(build_part[0])) {
      return fail("build tag " + quote(build_part) + " at column " + column(build_at) +
                      " must start with a digit",
                  build_at, std::max<size_t>(build_part.size(), 1));
    }
    size_t digits = 0;
    uint64_t number = 0;
    for (; digits < build_part.size() && is_digit(build_part[digits]); ++digits) {
      if (__builtin_mul_overflow(number, 10, &number) ||
          __builtin_add_overflow(number, static_cast<uint64_t>(build_part[digits] - '0'),
                                 &number)) {
        return fail("build number at column " + column(build_at) + " is too large", build_at,
                    build_part.size());
      }
    }
    build = BuildTag{number, std::string(build_part.substr(digits))};
  }

  const size_t tag_at = dashes[dashes.size() - 3] + 1;
  ParseTagOptions tag_options{options.validate_order, options.tag_limit};
  auto tags = parse_tag_set_in(filename, tag_at, stem.size() - tag_at, tag_options,
                               what + ": invalid tag " + quote(stem.substr(tag_at)));
  if (!tags) return std::move(tags).error();

  return WheelFilename{pep508::PackageName::normalize(name_part), std::move(version).value(),
                       std::move(build), std::move(tags).value()};
}

std::string WheelFilename::to_string() const {
  std::string out = dist_name(name) + '-' + version.to_string();
  if (build) out += '-' + build->to_string();
  return out + '-' + tags.to_string() + std::string(kWheelExtension);
}

Result<SdistFilename> SdistFilename::parse(std::string_view filename, bool strict) {
  const std::string what = "invalid sdist filename " + quote(filename);
  auto fail = [&](std::string reason, size_t at, size_t length) {
    return parse_error(what + ": " + reason, filename, at, length);
  };
  std::string_view stem;
  SdistFormat format = SdistFormat::kTarGz;
  if (filename.ends_with(".tar.gz")) {
    stem = filename.substr(0, filename.size() - 7);
  } else if (filename.ends_with(".zip") && !strict) {
    stem = filename.substr(0, filename.size() - 4);
    format = SdistFormat::kZip;
  } else {
    return fail(
        strict ? "expected the extension '.tar.gz'" : "expected the extension '.tar.gz' or '.zip'",
        0, filename.size());
  }
  // A PEP 440 version has no "-", so the last "-" ends the name even in legacy names like
  // "foo-bar-1.0.tar.gz".
  const size_t dash = stem.rfind('-');
  if (dash == std::string_view::npos) {
    return fail("expected '-' between the project name and the version", 0, stem.size());
  }
  const std::string_view name_part = stem.substr(0, dash);
  if (name_part.empty()) return fail("empty project name", 0, 1);
  const std::string_view version_part = stem.substr(dash + 1);
  auto version = pep440::Version::parse(version_part);
  if (!version) return version_error(what, filename, dash + 1, version_part);

  std::string name = pep508::PackageName::normalize(name_part);
  if (strict) {
    if (!pep508::PackageName::parse(name_part)) {
      return fail("invalid project name " + quote(name_part), 0, name_part.size());
    }
    if (name_part != dist_name(name)) {
      return fail("project name " + quote(name_part) + " is not normalized (expected " +
                      quote(dist_name(name)) + ")",
                  0, name_part.size());
    }
    if (version_part != version->to_string()) {
      return fail("version " + quote(version_part) + " at column " +
                      std::to_string(column_of(filename, dash + 1)) +
                      " is not normalized (expected " + quote(version->to_string()) + ")",
                  dash + 1, version_part.size());
    }
  }
  return SdistFilename{std::move(name), std::move(version).value(), format};
}

std::string SdistFilename::to_string() const {
  return dist_name(name) + '-' + version.to_string() +
         (format == SdistFormat::kZip ? ".zip" : ".tar.gz");
}

}  // namespace roost::tags
