// Parsing the probe's `key=value` lines (probe_output.h).
#include "python/probe_output.h"

#include <charconv>
#include <map>
#include <optional>
#include <vector>

#include "python/probe_script.h"

namespace roost::python {
namespace {

using Facts = std::map<std::string, std::string, std::less<>>;

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t at = text.find(separator, start);
    parts.push_back(text.substr(start, at == std::string_view::npos ? at : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + 1;
  }
}

// "2.36" -> {2, 36}, "14" -> {14, 0}; anything else -> nullopt.
std::optional<tags::OsVersion> parse_major_minor(std::string_view text) {
  std::vector<std::string_view> parts = split(text, '.');
  std::optional<int> major = parse_int(parts[0]);
  std::optional<int> minor = parts.size() > 1 ? parse_int(parts[1]) : 0;
  if (!major || !minor) return std::nullopt;
  return tags::OsVersion{*major, *minor};
}

Error bad_output(std::string_view what, const std::filesystem::path& probed) {
  return make_error(ErrorKind::kParse, "unexpected output from the interpreter probe of " +
                                           probed.string() + ": " + std::string(what));
}

// sys.version_info "3.13.0.candidate.1" -> major, minor, micro and the PEP 440 version 3.13.0rc1.
Result<void> apply_version_info(std::string_view text, Interpreter& py,
                                const std::filesystem::path& probed) {
  std::vector<std::string_view> parts = split(text, '.');
  if (parts.size() != 5) return bad_output("version_info `" + std::string(text) + "`", probed);
  std::optional<int> major = parse_int(parts[0]);
  std::optional<int> minor = parse_int(parts[1]);
  std::optional<int> micro = parse_int(parts[2]);
  std::optional<int> serial = parse_int(parts[4]);
  if (!major || !minor || !micro || !serial || *major < 0 || *minor < 0 || *micro < 0 ||
      *serial < 0) {
    return bad_output("version_info `" + std::string(text) + "`", probed);
  }
  pep440::VersionParts version;
  version.release = {static_cast<uint64_t>(*major), static_cast<uint64_t>(*minor),
                     static_cast<uint64_t>(*micro)};
  std::string_view level = parts[3];
  if (level == "alpha")
    version.pre = pep440::PreRelease{pep440::PreKind::kAlpha, uint64_t(*serial)};
  if (level == "beta") version.pre = pep440::PreRelease{pep440::PreKind::kBeta, uint64_t(*serial)};
  if (level == "candidate")
    version.pre = pep440::PreRelease{pep440::PreKind::kRc, uint64_t(*serial)};
  py.major = *major;
  py.minor = *minor;
  py.micro = *micro;
  py.version = pep440::Version::from_parts(std::move(version));
  return ok();
}

const std::string* find(const Facts& facts, std::string_view key) {
  auto it = facts.find(key);
  return it == facts.end() ? nullptr : &it->second;
}

std::string get(const Facts& facts, std::string_view key) {
  const std::string* value = find(facts, key);
  return value ? *value : std::string();
}

}  // namespace

std::string unescape_probe_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) {
      char next = value[++i];
      out.push_back(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
    } else {
      out.push_back(value[i]);
    }
  }
  return out;
}

Result<Interpreter> parse_probe_output(std::string_view text, const std::filesystem::path& probed) {
  std::vector<std::string_view> lines = split(text, '\n');
  if (lines.empty() || lines[0] != kProbeHeader) {
    return bad_output("it does not start with `" + std::string(kProbeHeader) + "`", probed);
  }
  Facts facts;
  for (size_t i = 1; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (line.empty()) continue;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) return bad_output("line `" + std::string(line) + "`", probed);
    facts[std::string(line.substr(0, eq))] = unescape_probe_value(line.substr(eq + 1));
  }
  for (std::string_view required :
       {"executable", "prefix", "version_info", "implementation_name"}) {
    const std::string* value = find(facts, required);
    if (!value || value->empty()) return bad_output("no `" + std::string(required) + "`", probed);
  }

  Interpreter py;
  py.path = probed;
  py.sys_executable = get(facts, "executable");
  py.base_executable = get(facts, "base_executable");
  if (py.base_executable.empty()) py.base_executable = py.sys_executable;
  py.prefix = get(facts, "prefix");
  py.base_prefix = get(facts, "base_prefix");
  if (py.base_prefix.empty()) py.base_prefix = py.prefix;
  py.base_exec_prefix = get(facts, "base_exec_prefix");
  if (py.base_exec_prefix.empty()) py.base_exec_prefix = py.base_prefix;
  ROOST_CHECK(apply_version_info(get(facts, "version_info"), py, probed));
  py.implementation_name = get(facts, "implementation_name");
  if (std::optional<int> bits = parse_int(get(facts, "pointer_size"))) py.pointer_size = *bits;

  constexpr std::string_view kMarkerPrefix = "marker.";
  constexpr std::string_view kSchemePrefix = "scheme.";
  for (const auto& [key, value] : facts) {
    std::string_view k = key;
    if (k.starts_with(kMarkerPrefix))
      py.markers[std::string(k.substr(kMarkerPrefix.size()))] = value;
  }
  py.scheme.purelib = get(facts, std::string(kSchemePrefix) + "purelib");
  py.scheme.platlib = get(facts, std::string(kSchemePrefix) + "platlib");
  py.scheme.scripts = get(facts, std::string(kSchemePrefix) + "scripts");
  py.scheme.data = get(facts, std::string(kSchemePrefix) + "data");

  py.sysconfig_platform = get(facts, "sysconfig_platform");
  py.soabi = get(facts, "soabi");
  py.ext_suffix = get(facts, "ext_suffix");
  py.abiflags = get(facts, "abiflags");
  py.cache_tag = get(facts, "cache_tag");
  py.gil_disabled = get(facts, "gil_disabled") == "1";
  py.debug = get(facts, "debug") == "1";
  py.pymalloc = get(facts, "pymalloc") != "0";
  if (const std::string* v = find(facts, "glibc")) py.glibc = parse_major_minor(*v);
  if (const std::string* v = find(facts, "musl")) py.musl = parse_major_minor(*v);
  if (const std::string* v = find(facts, "mac_version")) py.mac_version = parse_major_minor(*v);
  return py;
}

}  // namespace roost::python
