// Reading an existing venv without running Python (venv.h): pyvenv.cfg and a look at lib/.
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <system_error>
#include <vector>

#include "base/ascii.h"
#include "base/fs.h"
#include "python/pyvenv_cfg.h"
#include "python/venv.h"

namespace roost::python {
namespace fs = std::filesystem;

namespace {

// "3.11.7", "3.13.0rc1" (uv, roost), "3.11.2" (python -m venv's `version`) and virtualenv's
// "3.11.2.final.0" / "3.13.0.candidate.1".
std::optional<pep440::Version> parse_venv_version(std::string_view text) {
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    size_t dot = text.find('.', start);
    parts.push_back(text.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (parts.size() == 5) {
    std::vector<uint64_t> numbers;
    for (size_t i : {0, 1, 2, 4}) {
      uint64_t value = 0;
      auto [end, ec] = std::from_chars(parts[i].data(), parts[i].data() + parts[i].size(), value);
      if (ec != std::errc() || end != parts[i].data() + parts[i].size()) return std::nullopt;
      numbers.push_back(value);
    }
    pep440::VersionParts version;
    version.release = {numbers[0], numbers[1], numbers[2]};
    std::string_view level = parts[3];
    if (level == "alpha") version.pre = pep440::PreRelease{pep440::PreKind::kAlpha, numbers[3]};
    if (level == "beta") version.pre = pep440::PreRelease{pep440::PreKind::kBeta, numbers[3]};
    if (level == "candidate") version.pre = pep440::PreRelease{pep440::PreKind::kRc, numbers[3]};
    return pep440::Version::from_parts(std::move(version));
  }
  Result<pep440::Version> version = pep440::Version::parse(text);
  if (!version.ok() || version->release().size() < 2) return std::nullopt;
  return std::move(version).value();
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

bool is_dir(const fs::path& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// The site-packages the venv really has: lib/python3.X (CPython), lib/pypy3.X (PyPy 3.8+), or
// whatever single lib/*/site-packages exists; the CPython spelling when none does yet.
std::string site_packages(const fs::path& root, std::string_view implementation, int major,
                          int minor) {
  std::string version = std::to_string(major) + "." + std::to_string(minor);
  std::vector<std::string> candidates = {"lib/python" + version + "/site-packages",
                                         "lib/pypy" + version + "/site-packages"};
  if (implementation == "pypy") std::swap(candidates[0], candidates[1]);
  for (const std::string& candidate : candidates) {
    if (is_dir(root / candidate)) return candidate;
  }
  std::error_code ec;
  for (fs::directory_iterator it(root / "lib", ec), end; !ec && it != end; it.increment(ec)) {
    if (is_dir(it->path() / "site-packages")) {
      return "lib/" + it->path().filename().string() + "/site-packages";
    }
  }
  return candidates[0];
}

}  // namespace

bool VenvInfo::interpreter_exists() const {
  struct stat st {};
  return ::stat(scheme.python.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
         ::access(scheme.python.c_str(), X_OK) == 0;
}

Result<VenvInfo> read_venv(const fs::path& path) {
  fs::path cfg_path = path / "pyvenv.cfg";
  ROOST_TRY(std::optional<std::string> text, read_file_if_exists(cfg_path.c_str()));
  if (!text) {
    return make_error(ErrorKind::kNotFound,
                      path.string() + " is not a virtual environment: it has no pyvenv.cfg");
  }
  PyvenvCfg cfg = parse_pyvenv_cfg(*text);
  VenvInfo info;
  info.root = path;
  info.home = cfg.get("home").value_or("");
  info.implementation = lowercase(cfg.get("implementation").value_or(""));
  info.version_text = cfg.get("version_info").value_or(cfg.get("version").value_or(""));
  std::optional<pep440::Version> version = parse_venv_version(info.version_text);
  if (!version) {
    return make_error(ErrorKind::kParse,
                      cfg_path.string() + ": no Python version in it (" +
                          (info.version_text.empty() ? "no `version_info` or `version`"
                                                     : "`" + info.version_text + "`") +
                          ")");
  }
  info.version = *version;
  info.include_system_site_packages =
      ascii_iequals(cfg.get("include-system-site-packages").value_or(""), "true");
  info.prompt = cfg.get("prompt");
  for (const char* tool : {"roost", "uv", "virtualenv"}) {
    if (std::optional<std::string> v = cfg.get(tool)) {
      info.creator = std::string(tool) + " " + *v;
      break;
    }
  }
  std::span<const uint64_t> release = info.version.release();
  int major = static_cast<int>(release[0]);
  int minor = static_cast<int>(release[1]);
  RelativeScheme relative;
  relative.purelib = site_packages(path, info.implementation, major, minor);
  info.scheme = venv_scheme(relative, info.implementation, major, minor, path);
  return info;
}

bool venv_fits(const VenvInfo& venv, const std::optional<PythonRequest>& request,
               const std::optional<pep440::SpecifierSet>& requires_python) {
  if (!venv.interpreter_exists()) return false;
  if (request && !request->matches(venv.implementation, venv.version)) return false;
  return !requires_python || satisfies_requires_python(venv.version, *requires_python);
}

Interpreter venv_interpreter(const Interpreter& base, const VenvInfo& venv) {
  Interpreter py = base;
  py.path = venv.scheme.python;
  py.sys_executable = venv.scheme.python;
  py.prefix = venv.root;
  return py;
}

}  // namespace roost::python
