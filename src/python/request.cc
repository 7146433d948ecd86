// Parsing and matching Python requests (request.h), after uv's PythonRequest::parse.
#include "python/request.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <span>

#include "base/ascii.h"

namespace roost::python {
namespace {

struct ImplementationName {
  std::string_view spelling;  // as written, lowercase
  std::string_view name;      // sys.implementation.name
};
// Longest spellings first, so "cpython3.11" is not read as "cp" + "ython3.11".
constexpr std::array<ImplementationName, 6> kImplementations = {{
    {"cpython", "cpython"},
    {"graalpy", "graalpy"},
    {"pypy", "pypy"},
    {"cp", "cpython"},
    {"pp", "pypy"},
    {"gp", "graalpy"},
}};

std::string_view trim(std::string_view text) {
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(start, end - start + 1);
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

Error invalid(std::string_view text, std::string_view why) {
  return make_error(ErrorKind::kUsage,
                    "invalid Python request `" + std::string(text) + "`: " + std::string(why));
}

// "3", "3.11", "3.11.7", "3.13t", and uv's dotless "311" (= 3.11). nullopt: not a version.
std::optional<std::pair<std::vector<uint64_t>, bool>> parse_version(std::string_view text) {
  bool free_threaded = false;
  if (!text.empty() && text.back() == 't') {
    free_threaded = true;
    text.remove_suffix(1);
  }
  if (text.empty() || !is_digit(text[0])) return std::nullopt;
  std::vector<uint64_t> parts;
  if (text.find('.') == std::string_view::npos && text.size() >= 2) {
    // "311": the first digit is the major version, the rest the minor.
    parts.push_back(static_cast<uint64_t>(text[0] - '0'));
    text.remove_prefix(1);
  }
  while (true) {
    uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end == text.data()) return std::nullopt;
    parts.push_back(value);
    text.remove_prefix(static_cast<size_t>(end - text.data()));
    if (text.empty()) break;
    if (text[0] != '.') return std::nullopt;
    text.remove_prefix(1);
  }
  if (parts.size() > 3) return std::nullopt;
  return std::make_pair(std::move(parts), free_threaded);
}

bool is_range(std::string_view text) {
  return !text.empty() && std::string_view("<>=!~").find(text[0]) != std::string_view::npos;
}

// The part after an implementation or "python" prefix: empty, a version or a range.
Result<void> parse_version_part(std::string_view whole, std::string_view rest, PythonRequest& out) {
  if (rest.empty()) return ok();
  if (is_range(rest)) {
    Result<pep440::SpecifierSet> range = pep440::SpecifierSet::parse(rest);
    if (!range.ok()) return invalid(whole, range.error().message());
    out.kind = RequestKind::kRange;
    out.range = std::move(range).value();
    return ok();
  }
  auto version = parse_version(rest);
  if (!version) return invalid(whole, "`" + std::string(rest) + "` is not a Python version");
  out.kind = RequestKind::kVersion;
  out.version = std::move(version->first);
  out.free_threaded = version->second;
  return ok();
}

std::string display_implementation(const std::optional<std::string>& implementation) {
  if (!implementation) return "Python";
  if (*implementation == "cpython") return "CPython";
  if (*implementation == "pypy") return "PyPy";
  if (*implementation == "graalpy") return "GraalPy";
  return *implementation;
}

}  // namespace

Result<PythonRequest> PythonRequest::parse(std::string_view input) {
  std::string_view text = trim(input);
  PythonRequest out;
  out.text = std::string(text);
  std::string lower = lowercase(text);
  if (lower.empty() || lower == "any" || lower == "default" || lower == "python") return out;
  if (text.find('/') != std::string_view::npos || text[0] == '.' || text[0] == '~') {
    out.kind = RequestKind::kPath;
    out.path = std::filesystem::path(std::string(text));
    return out;
  }
  if (is_range(text) || is_digit(text[0])) {
    ROOST_CHECK(parse_version_part(text, text, out));
    return out;
  }
  std::string_view rest = lower;
  if (rest.starts_with("python")) {
    rest.remove_prefix(6);
    if (is_digit(rest.empty() ? ' ' : rest[0]) && parse_version(rest)) {
      ROOST_CHECK(parse_version_part(text, rest, out));
      return out;
    }
  }
  for (const ImplementationName& impl : kImplementations) {
    rest = lower;
    if (!rest.starts_with(impl.spelling)) continue;
    rest.remove_prefix(impl.spelling.size());
    if (!rest.empty() && (rest[0] == '@' || rest[0] == '-')) {
      rest.remove_prefix(1);
      if (rest.empty()) return invalid(text, "no version after the implementation");
    } else if (!rest.empty() && !is_digit(rest[0])) {
      continue;  // "pypy3-dbg"-like names and words such as "cpp" are executables
    }
    out.implementation = std::string(impl.name);
    ROOST_CHECK(parse_version_part(text, rest, out));
    return out;
  }
  out.kind = RequestKind::kExecutableName;
  out.name = std::string(text);
  return out;
}

std::optional<std::pair<uint64_t, uint64_t>> PythonRequest::major_minor() const {
  if (kind != RequestKind::kVersion || version.size() < 2) return std::nullopt;
  return std::make_pair(version[0], version[1]);
}

bool PythonRequest::matches(std::string_view implementation_name,
                            const pep440::Version& interpreter_version) const {
  if (kind == RequestKind::kPath || kind == RequestKind::kExecutableName) return true;
  if (free_threaded) return false;
  if (implementation) {
    std::string_view actual = implementation_name.empty() ? "cpython" : implementation_name;
    if (lowercase(actual) != *implementation) return false;
  }
  if (kind == RequestKind::kVersion) {
    std::span<const uint64_t> release = interpreter_version.release();
    for (size_t i = 0; i < version.size(); ++i) {
      uint64_t have = i < release.size() ? release[i] : 0;
      if (have != version[i]) return false;
    }
  }
  if (kind == RequestKind::kRange && !satisfies_requires_python(interpreter_version, *range)) {
    return false;
  }
  return true;
}

bool PythonRequest::matches(const Interpreter& py) const {
  if (kind == RequestKind::kPath || kind == RequestKind::kExecutableName) return true;
  if (free_threaded && !py.gil_disabled) return false;
  // matches(name, version) refuses a "t" request for want of facts; here the probe has them.
  PythonRequest without_t = *this;
  without_t.free_threaded = false;
  return without_t.matches(py.implementation_name, py.version);
}

std::string PythonRequest::describe() const {
  std::string who = display_implementation(implementation);
  std::string t = free_threaded ? "t" : "";
  switch (kind) {
    case RequestKind::kAny:
      return who + (free_threaded ? " (free-threaded)" : "");
    case RequestKind::kVersion: {
      std::string v;
      for (uint64_t part : version) v += (v.empty() ? "" : ".") + std::to_string(part);
      return who + " " + v + t;
    }
    case RequestKind::kRange: {
      std::string_view spec = text;
      size_t at = spec.find_first_of("<>=!~");
      return who + " " + std::string(at == std::string_view::npos ? spec : spec.substr(at));
    }
    case RequestKind::kPath:
      return "Python at " + path.string();
    case RequestKind::kExecutableName:
      return "Python executable `" + name + "`";
  }
  return who;
}

bool satisfies_requires_python(const pep440::Version& version,
                               const pep440::SpecifierSet& requires_python) {
  return requires_python.contains(version.base_version(), pep440::PrereleasePolicy::kAllow);
}

}  // namespace roost::python
