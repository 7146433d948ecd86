// The native editable rules (see native_eligibility.h), one check per step.
#include "build/native_eligibility.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <vector>

#include "base/fs.h"
#include "toml/parse.h"

namespace roost::build {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kHatchling = "hatchling.build";
constexpr std::string_view kSetuptools = "setuptools.build_meta";
constexpr std::string_view kSetuptoolsLegacy = "setuptools.build_meta:__legacy__";
constexpr std::string_view kFlit = "flit_core.buildapi";
constexpr std::string_view kPdm = "pdm.backend";
constexpr std::string_view kUvBuild = "uv_build";

// Keys of one tool table that change what a backend's wheel contains or where it comes from.
struct BlockedKeys {
  std::string_view backend;
  std::vector<std::string_view> table;  // path from the document root
  std::vector<std::string_view> keys;
};

const std::vector<BlockedKeys>& blocked_keys() {
  static const std::vector<BlockedKeys> rules = {
      {kHatchling,
       {"tool", "hatch", "build"},
       {"packages", "sources", "only-include", "force-include", "dev-mode-dirs", "dev-mode-exact",
        "hooks"}},
      {kHatchling,
       {"tool", "hatch", "build", "targets", "wheel"},
       {"packages", "sources", "only-include", "force-include", "dev-mode-dirs", "dev-mode-exact",
        "hooks", "shared-data", "shared-scripts", "extra-metadata", "bypass-selection"}},
      {kHatchling, {"tool", "hatch", "metadata"}, {"hooks"}},
      {kSetuptools,
       {"tool", "setuptools"},
       {"packages", "package-dir", "py-modules", "ext-modules", "data-files", "namespace-packages",
        "script-files", "cmdclass"}},
      {kFlit, {"tool", "flit"}, {"module", "external-data", "metadata", "scripts", "entrypoints"}},
      {kPdm,
       {"tool", "pdm", "build"},
       {"package-dir", "includes", "excludes", "custom-hook", "run-setuptools", "editable-backend",
        "wheel-data"}},
      {kUvBuild,
       {"tool", "uv", "build-backend"},
       {"module-root", "module-name", "namespace", "data"}},
  };
  return rules;
}

std::string_view family(std::string_view backend) {
  if (backend == kSetuptoolsLegacy) return kSetuptools;
  for (std::string_view known : {kHatchling, kSetuptools, kFlit, kPdm, kUvBuild}) {
    if (backend == known) return known;
  }
  return {};
}

std::string join(const std::vector<std::string_view>& parts) {
  std::string out;
  for (std::string_view p : parts) out += (out.empty() ? "" : ".") + std::string(p);
  return out;
}

std::optional<std::string> blocked_tool_key(const pyproject::PyProject& pyproject,
                                            std::string_view backend) {
  Result<toml::Table> doc = toml::parse(pyproject.source->text(), pyproject.path());
  if (!doc.ok()) return "pyproject.toml does not parse";
  for (const BlockedKeys& rule : blocked_keys()) {
    if (rule.backend != backend) continue;
    const toml::Value* node = nullptr;
    const toml::Table* table = &*doc;
    for (std::string_view step : rule.table) {
      node = table == nullptr ? nullptr : table->get(step);
      table = node == nullptr ? nullptr : node->as_table();
    }
    if (table == nullptr) continue;
    for (std::string_view key : rule.keys) {
      if (table->get(key) != nullptr) {
        return "`[" + join(rule.table) + "] " + std::string(key) + "` changes what " +
               std::string(backend) + " puts in the wheel";
      }
    }
  }
  return std::nullopt;
}

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

// The files next to pyproject.toml that carry build logic.
std::optional<std::string> blocked_by_files(const fs::path& dir, std::string_view backend) {
  Result<std::optional<std::string>> setup_py = read_file_if_exists(dir / "setup.py");
  if (!setup_py.ok()) return "setup.py cannot be read";
  if (*setup_py && !is_bare_setup_py(**setup_py)) {
    return std::string("setup.py has code other than a bare setup()");
  }
  if (backend == kSetuptools) {
    Result<std::optional<std::string>> cfg = read_file_if_exists(dir / "setup.cfg");
    if (!cfg.ok()) return "setup.cfg cannot be read";
    if (*cfg) {
      for (std::string_view section : {"[metadata]", "[options"}) {
        if ((*cfg)->find(section) != std::string::npos) {
          return "setup.cfg has a " + std::string(section) + (section.back() == ']' ? "" : "...]") +
                 " section";
        }
      }
    }
  }
  if (backend == kPdm && is_file(dir / "pdm_build.py")) return "pdm_build.py holds build hooks";
  return std::nullopt;
}

// Where a backend's default layout puts the import root, or a blocker.
NativeEligibility import_root(const pyproject::Project& project, const fs::path& dir,
                              std::string_view backend) {
  NativeEligibility out;
  if (backend == kSetuptools || backend == kPdm) {
    out.import_root = is_dir(dir / "src") ? dir / "src" : dir;
    return out;
  }
  std::string written = project.name_as_written;
  for (char& c : written) c = (c == '-' || c == '.') ? '_' : c;
  std::string lower = written;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::vector<std::string> names = {written};
  if (lower != written) names.push_back(lower);
  for (const std::string& n : names) {
    const std::array<std::pair<fs::path, fs::path>, 4> candidates = {{
        {dir, dir / n / "__init__.py"},
        {dir / "src", dir / "src" / n / "__init__.py"},
        {dir, dir / (n + ".py")},
        {dir / "src", dir / "src" / (n + ".py")},
    }};
    for (const auto& [root, marker] : candidates) {
      if (backend == kUvBuild && marker != dir / "src" / n / "__init__.py") continue;
      if (is_file(marker)) {
        out.import_root = root;
        return out;
      }
    }
  }
  out.blocker = backend == kUvBuild
                    ? "uv_build's default layout needs src/" + names[0] + "/__init__.py"
                    : "no package `" + names[0] + "/` or module `" + names[0] +
                          ".py` at the top or in src/, so " + std::string(backend) +
                          " decides what to ship";
  return out;
}

NativeEligibility blocked(std::string why) {
  NativeEligibility e;
  e.blocker = std::move(why);
  return e;
}

std::string strip(std::string_view line) {
  std::string out;
  for (char c : line.substr(0, line.find('#'))) {
    if (c != ' ' && c != '\t' && c != '\r') out += c;
  }
  return out;
}

}  // namespace

bool is_bare_setup_py(std::string_view text) {
  static constexpr std::array<std::string_view, 7> kAllowed = {
      "importsetuptools",          "fromsetuptoolsimportsetup", "setup()", "setuptools.setup()",
      "if__name__==\"__main__\":", "if__name__=='__main__':",   ""};
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const std::string line = strip(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (std::find(kAllowed.begin(), kAllowed.end(), line) == kAllowed.end()) return false;
  }
  return true;
}

NativeEligibility check_native_editable(const pyproject::PyProject& pyproject,
                                        const fs::path& project_dir) {
  if (!pyproject.build_system || !pyproject.build_system->build_backend) {
    return blocked("no [build-system].build-backend (PEP 517's legacy setuptools path)");
  }
  const std::string& backend_name = *pyproject.build_system->build_backend;
  const std::string_view backend = family(backend_name);
  if (backend.empty()) {
    return blocked("the build backend `" + backend_name + "` is not one roost installs natively");
  }
  if (!pyproject.build_system->backend_path.empty()) {
    return blocked("[build-system].backend-path names an in-tree backend");
  }
  if (!pyproject.project) return blocked("no [project] table");
  const pyproject::Project& project = *pyproject.project;
  if (!project.dynamic.empty()) {
    std::string fields;
    for (const std::string& f : project.dynamic) fields += (fields.empty() ? "" : ", ") + f;
    return blocked("`dynamic` lists " + fields);
  }
  if (!project.version) return blocked("[project] has no version");
  if (auto why = blocked_by_files(project_dir, backend)) return blocked(*why);
  if (auto why = blocked_tool_key(pyproject, backend)) return blocked(*why);
  NativeEligibility out = import_root(project, project_dir, backend);
  out.backend = backend_name;
  return out;
}

}  // namespace roost::build
