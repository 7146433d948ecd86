// Writing and reading pyvenv.cfg (pyvenv_cfg.h).
#include "python/pyvenv_cfg.h"

#include "base/ascii.h"

namespace roost::python {

namespace {

std::string_view trim(std::string_view text) {
  size_t start = text.find_first_not_of(" \t\r");
  if (start == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(" \t\r");
  return text.substr(start, end - start + 1);
}

}  // namespace

std::string write_pyvenv_cfg(const PyvenvCfgValues& values) {
  std::string out;
  out += "home = " + values.home + "\n";
  out += "implementation = " + values.implementation + "\n";
  out += "roost = " + values.roost_version + "\n";
  out += "version_info = " + values.version_info + "\n";
  out += std::string("include-system-site-packages = ") +
         (values.include_system_site_packages ? "true" : "false") + "\n";
  if (values.prompt) out += "prompt = " + *values.prompt + "\n";
  return out;
}

std::optional<std::string> PyvenvCfg::get(std::string_view key) const {
  std::optional<std::string> value;
  for (const auto& [k, v] : entries) {
    if (ascii_iequals(k, key)) value = v;
  }
  return value;
}

PyvenvCfg parse_pyvenv_cfg(std::string_view text) {
  PyvenvCfg cfg;
  while (!text.empty()) {
    size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    cfg.entries.emplace_back(std::string(trim(line.substr(0, eq))),
                             std::string(trim(line.substr(eq + 1))));
  }
  return cfg;
}

}  // namespace roost::python
