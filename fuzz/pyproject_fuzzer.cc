// Fuzzes the pyproject.toml and dg.toml parsers (src/toml/ underneath, then every table reader).
// The first byte may put a table header in front of the input so the fuzzer spends its time in
// our readers rather than in TOML syntax. Invariants: parse and check agree; every error points
// at a real line of the input; what parses resolves its groups without crashing and its
// requirements survive to_string -> parse.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "pyproject/dg_config.h"
#include "pyproject/pyproject.h"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

constexpr std::string_view kPrefixes[] = {
    "",
    "[project]\nname = \"fuzz\"\nversion = \"1\"\n",
    "[project]\nname = \"fuzz\"\nversion = \"1\"\ndependencies = [",
    "[dependency-groups]\n",
    "[tool.uv]\n",
    "[tool.uv.sources]\n",
    "[tool.uv.workspace]\n",
    "[[tool.uv.index]]\n",
    "[tool.dg]\ndirectory_type = \"project\"\n[tool.dg.project]\n",
};

void check_errors(const std::vector<roost::Error>& errors, std::string_view text) {
  size_t lines = 1;
  for (char c : text) lines += c == '\n';
  for (const roost::Error& e : errors) {
    require(e.span().has_value());
    require(e.span()->line >= 1 && static_cast<size_t>(e.span()->line) <= lines);
    require(e.span()->column >= 1);
    (void)e.render();
  }
}

void check_requirements(const std::vector<roost::pyproject::Dependency>& deps) {
  for (const auto& d : deps) {
    std::string written = d.requirement.to_string();
    auto again = roost::pep508::Requirement::parse(written);
    require(again.ok());
    require(again->to_string() == written);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string text(kPrefixes[data[0] % std::size(kPrefixes)]);
  text.append(reinterpret_cast<const char*>(data) + 1, size - 1);

  auto check = roost::pyproject::check_pyproject(text, "pyproject.toml");
  auto parsed = roost::pyproject::parse_pyproject(text, "pyproject.toml");
  require(parsed.ok() == check.errors.empty());
  if (!parsed.ok()) require(parsed.error().render() == check.errors.front().render());
  check_errors(check.errors, text);

  if (parsed.ok()) {
    const roost::pyproject::PyProject& p = *parsed;
    for (const auto& w : p.warnings) (void)w.render();
    if (p.project) {
      check_requirements(p.project->dependencies);
      for (const auto& [extra, deps] : p.project->optional_dependencies) check_requirements(deps);
    }
    auto groups = p.resolved_dependency_groups();
    require(groups.ok());  // include problems are parse errors, so resolution cannot fail
    for (const auto& [name, deps] : *groups) check_requirements(deps);
  }

  auto dg = roost::pyproject::check_dg_toml(text, "dg.toml");
  check_errors(dg.errors, text);
  if (dg.errors.empty()) {
    require(dg.config.has_value());
    (void)dg.config->code_location_name();
  }
  return 0;
}
