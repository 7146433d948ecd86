// Benchmarks of pyproject.toml / dg.toml parsing, which sits on the path of every `roost run`
// (target: a typical member pyproject well under 100 us).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "pyproject/dg_config.h"
#include "pyproject/pyproject.h"
#include "toml/parse.h"

namespace {

// A typical workspace member: metadata, a dozen dependencies, extras, groups, sources, dg.
constexpr std::string_view kMember = R"([project]
name = "hooli-data-eng"
version = "0.1.0"
description = "Data engineering pipelines for Hooli"
readme = "README.md"
requires-python = ">=3.10,<3.14"
authors = [{ name = "Hooli", email = "data@hooli.example" }]
classifiers = [
    "Programming Language :: Python :: 3",
    "License :: OSI Approved :: Apache Software License",
]
dependencies = [
    "dagster==1.11.3",
    "dagster-dbt>=0.27",
    "dagster-snowflake>=0.27,<0.28",
    "dagster-aws",
    "pandas>=2.1; python_version >= '3.10'",
    "pyarrow>=15",
    "requests[socks]>=2.31",
    "scikit-learn~=1.4",
    "shared-utils",
    "typing-extensions>=4.9; python_version < '3.12'",
]

[project.optional-dependencies]
tests = ["pytest>=8", "pytest-cov"]
notebooks = ["jupyterlab", "papermill>=2.5"]

[project.scripts]
hooli = "hooli_data_eng.cli:main"

[dependency-groups]
dev = ["dagster-webserver", "dagster-dg-cli", { include-group = "lint" }]
lint = ["ruff>=0.6", "mypy>=1.10"]

[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[tool.uv.sources]
shared-utils = { workspace = true }
dagster-aws = { git = "https://github.com/dagster-io/dagster", subdirectory = "python_modules/libraries/dagster-aws", tag = "1.11.3" }

[tool.dg]
directory_type = "project"

[tool.dg.project]
root_module = "hooli_data_eng"
code_location_target_module = "hooli_data_eng.definitions"
)";

constexpr std::string_view kDgToml = R"(directory_type = "workspace"

[workspace]
[[workspace.projects]]
path = "projects/hooli-data-eng"

[[workspace.projects]]
path = "projects/hooli-bi"
)";

void BM_ParseMember(benchmark::State& state) {
  for (auto _ : state) {
    auto parsed =
        roost::pyproject::parse_pyproject(kMember, "projects/hooli-data-eng/pyproject.toml");
    if (!parsed.ok()) state.SkipWithError(parsed.error().render().c_str());
    benchmark::DoNotOptimize(parsed);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kMember.size()));
}
BENCHMARK(BM_ParseMember);

void BM_CheckMember(benchmark::State& state) {
  for (auto _ : state) {
    auto check = roost::pyproject::check_pyproject(kMember, "pyproject.toml");
    benchmark::DoNotOptimize(check);
  }
}
BENCHMARK(BM_CheckMember);

void BM_ParseMinimal(benchmark::State& state) {
  constexpr std::string_view kMinimal = "[project]\nname = \"x\"\nversion = \"0.1.0\"\n";
  for (auto _ : state) {
    auto parsed = roost::pyproject::parse_pyproject(kMinimal, "pyproject.toml");
    benchmark::DoNotOptimize(parsed);
  }
}
BENCHMARK(BM_ParseMinimal);

// The member of bench/workspace_discovery.py's generated workspaces: what discovery parses 1,000
// times for `roost workspace list`.
constexpr std::string_view kDiscoveryMember = R"([project]
name = "member-0001"
version = "0.1.0"
requires-python = ">=3.10"
dependencies = ["member-0002", "requests>=2.31"]
[dependency-groups]
dev = ["pytest>=8"]
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"
[tool.uv.sources]
member-0002 = { workspace = true }
)";

void BM_ParseDiscoveryMember(benchmark::State& state) {
  for (auto _ : state) {
    auto parsed =
        roost::pyproject::parse_pyproject(kDiscoveryMember, "packages/member-0001/pyproject.toml");
    benchmark::DoNotOptimize(parsed);
  }
}
BENCHMARK(BM_ParseDiscoveryMember);

// The same file as discovery reads it: the text moved into a SourceFile (here copied from the
// constant, as a read would fill it) and the model built in shared storage.
void BM_ParseDiscoveryMemberShared(benchmark::State& state) {
  for (auto _ : state) {
    auto file = std::make_shared<const roost::pyproject::SourceFile>(
        "/ws/packages/member-0001/pyproject.toml", std::string(kDiscoveryMember));
    auto parsed = roost::pyproject::parse_pyproject(std::move(file));
    benchmark::DoNotOptimize(parsed);
  }
}
BENCHMARK(BM_ParseDiscoveryMemberShared);

// The TOML part alone of that parse (the document built, then freed).
void BM_TomlDiscoveryMember(benchmark::State& state) {
  for (auto _ : state) {
    auto parsed = roost::toml::parse(kDiscoveryMember, "pyproject.toml");
    benchmark::DoNotOptimize(parsed);
  }
}
BENCHMARK(BM_TomlDiscoveryMember);

void BM_ParseDgToml(benchmark::State& state) {
  for (auto _ : state) {
    auto parsed = roost::pyproject::parse_dg_toml(kDgToml, "dg.toml");
    benchmark::DoNotOptimize(parsed);
  }
}
BENCHMARK(BM_ParseDgToml);

void BM_ResolveGroups(benchmark::State& state) {
  auto parsed = roost::pyproject::parse_pyproject(kMember, "pyproject.toml");
  for (auto _ : state) {
    auto groups = parsed->resolved_dependency_groups();
    benchmark::DoNotOptimize(groups);
  }
}
BENCHMARK(BM_ResolveGroups);

// A large real workspace root from the shared corpus (skipped when it is not there).
void BM_ParseLargeRoot(benchmark::State& state) {
  // 33 KB, the corpus's largest: NVIDIA NeMo-RL's root (sources, indexes, conflicts, groups).
  std::filesystem::path file =
      std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() /
      "shared/conformance/uv-workspaces/NVIDIA-NeMo__RL/pyproject.toml";
  std::ifstream in(file);
  if (!in) {
    state.SkipWithError("corpus file not found");
    return;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  for (auto _ : state) {
    auto parsed = roost::pyproject::parse_pyproject(text, file.string());
    if (!parsed.ok()) state.SkipWithError(parsed.error().render().c_str());
    benchmark::DoNotOptimize(parsed);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseLargeRoot);

}  // namespace

BENCHMARK_MAIN();
