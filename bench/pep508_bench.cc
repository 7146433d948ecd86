// Benchmarks of PEP 508 hot paths: marker evaluation against a prepared environment (target:
// <= 200 ns for a typical marker), requirement and marker parsing, and the marker algebra.
#include <benchmark/benchmark.h>

#include "pep508/marker.h"
#include "pep508/requirement.h"

namespace {

using roost::pep508::Marker;
using roost::pep508::MarkerEnvironment;
using roost::pep508::PreparedEnvironment;
using roost::pep508::Requirement;

MarkerEnvironment linux_cpython() {
  MarkerEnvironment env;
  env.values = {{"implementation_name", "cpython"},
                {"implementation_version", "3.12.1"},
                {"os_name", "posix"},
                {"platform_machine", "x86_64"},
                {"platform_release", "6.1.0-18-amd64"},
                {"platform_system", "Linux"},
                {"platform_version", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1"},
                {"python_full_version", "3.12.1"},
                {"platform_python_implementation", "CPython"},
                {"python_version", "3.12"},
                {"sys_platform", "linux"},
                {"extra", ""}};
  return env;
}

const char* const kMarkers[] = {
    "python_version >= \"3.8\" and sys_platform == \"linux\"",
    "python_full_version < \"3.11\" or platform_machine == \"arm64\" and extra == \"test\"",
    "implementation_name == \"cpython\" and (sys_platform == \"win32\" or os_name == \"nt\")",
};

void BM_EvaluateParsed(benchmark::State& state) {
  Marker marker = Marker::parse(kMarkers[state.range(0)]).value();
  PreparedEnvironment env(linux_cpython());
  for (auto _ : state) {
    auto result = marker.evaluate(env);
    benchmark::DoNotOptimize(result);
  }
  state.SetLabel(kMarkers[state.range(0)]);
}
BENCHMARK(BM_EvaluateParsed)->DenseRange(0, 2);

// The same markers through their decision diagrams (what algebra results evaluate with).
void BM_EvaluateDiagram(benchmark::State& state) {
  Marker marker = Marker::parse(kMarkers[state.range(0)]).value().and_(Marker::always_true());
  PreparedEnvironment env(linux_cpython());
  for (auto _ : state) {
    auto result = marker.evaluate(env);
    benchmark::DoNotOptimize(result);
  }
  state.SetLabel(kMarkers[state.range(0)]);
}
BENCHMARK(BM_EvaluateDiagram)->DenseRange(0, 2);

void BM_PrepareEnvironment(benchmark::State& state) {
  MarkerEnvironment env = linux_cpython();
  for (auto _ : state) {
    PreparedEnvironment prepared(env);
    benchmark::DoNotOptimize(prepared);
  }
}
BENCHMARK(BM_PrepareEnvironment);

const char* const kRequirements[] = {
    "requests",
    "requests[security,socks]>=2.28,<3",
    "numpy>=1.21; python_version >= \"3.8\" and platform_machine != \"arm64\"",
    "torch @ https://download.pytorch.org/whl/cpu/torch-2.1.0-cp311-linux_x86_64.whl ; "
    "sys_platform == \"linux\"",
    // The shapes most pyproject.toml dependencies have (the parser's fast path).
    "requests>=2.31",
    "dagster-snowflake>=0.27,<0.28",
};

void BM_ParseRequirement(benchmark::State& state) {
  const char* text = kRequirements[state.range(0)];
  for (auto _ : state) {
    auto r = Requirement::parse(text);
    benchmark::DoNotOptimize(r);
  }
  state.SetLabel(text);
}
BENCHMARK(BM_ParseRequirement)->DenseRange(0, 5);

void BM_ParseMarker(benchmark::State& state) {
  const char* text = kMarkers[state.range(0)];
  for (auto _ : state) {
    auto m = Marker::parse(text);
    benchmark::DoNotOptimize(m);
  }
  state.SetLabel(text);
}
BENCHMARK(BM_ParseMarker)->DenseRange(0, 2);

void BM_AndNotToString(benchmark::State& state) {
  Marker a = Marker::parse(kMarkers[1]).value();
  Marker b = Marker::parse(kMarkers[2]).value();
  for (auto _ : state) {
    Marker both = a.and_(b.not_());
    std::string text = both.to_string();
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(BM_AndNotToString);

}  // namespace

BENCHMARK_MAIN();
