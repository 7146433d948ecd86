// Benchmarks of the PEP 440 hot paths the resolver leans on: version parsing, comparison and
// specifier matching (targets: parse <= 100 ns, compare <= 10 ns, contains <= 50 ns).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "pep440/ranges.h"
#include "pep440/specifier.h"
#include "pep440/version.h"

namespace {

using roost::pep440::PrereleasePolicy;
using roost::pep440::Specifier;
using roost::pep440::SpecifierSet;
using roost::pep440::Version;
using roost::pep440::VersionRanges;

const char* const kTypical[] = {"1.2.3", "2.31.0", "1.0rc1", "3.11.4.post2"};
const char* const kUnusual[] = {"1!2.0.0a1.post3.dev4+ubuntu.1", "2024.1.15.1.2", "1.0.dev20240101",
                                "0.1+g1234abcd"};

Version parse(const char* text) { return Version::parse(text).value(); }

void BM_ParseTypical(benchmark::State& state) {
  const char* text = kTypical[state.range(0)];
  for (auto _ : state) {
    auto v = Version::parse(text);
    benchmark::DoNotOptimize(v);
  }
  state.SetLabel(text);
}
BENCHMARK(BM_ParseTypical)->DenseRange(0, 3);

void BM_ParseUnusual(benchmark::State& state) {
  const char* text = kUnusual[state.range(0)];
  for (auto _ : state) {
    auto v = Version::parse(text);
    benchmark::DoNotOptimize(v);
  }
  state.SetLabel(text);
}
BENCHMARK(BM_ParseUnusual)->DenseRange(0, 3);

// Compares distinct pairs in turn so the branch predictor cannot learn one answer.
void BM_CompareTypical(benchmark::State& state) {
  std::vector<Version> versions;
  for (const char* t : {"1.2.3", "2.31.0", "1.0rc1", "3.11.4.post2", "1.2.4", "2.31.0.0", "1.0",
                        "3.11.4"}) {
    versions.push_back(parse(t));
  }
  size_t i = 0;
  for (auto _ : state) {
    const Version& a = versions[i & 7];
    const Version& b = versions[(i + 3) & 7];
    bool less = a < b;
    benchmark::DoNotOptimize(less);
    ++i;
  }
}
BENCHMARK(BM_CompareTypical);

void BM_CompareFullForm(benchmark::State& state) {
  Version a = parse("1.0+local.1"), b = parse("1.0+local.2");
  for (auto _ : state) {
    bool less = a < b;
    benchmark::DoNotOptimize(less);
  }
}
BENCHMARK(BM_CompareFullForm);

void BM_SpecifierContains(benchmark::State& state) {
  static const char* const kSpecs[] = {">=1.2", "==2.31.*", "~=1.4.2", "<=3.11", "!=1.0", ">1.0"};
  Specifier spec = Specifier::parse(kSpecs[state.range(0)]).value();
  std::vector<Version> versions = {parse("1.2.3"), parse("2.31.0"), parse("1.4.5"), parse("3.12")};
  size_t i = 0;
  for (auto _ : state) {
    bool in = spec.contains(versions[i++ & 3]);
    benchmark::DoNotOptimize(in);
  }
  state.SetLabel(kSpecs[state.range(0)]);
}
BENCHMARK(BM_SpecifierContains)->DenseRange(0, 5);

void BM_SpecifierSetContains(benchmark::State& state) {
  SpecifierSet set = SpecifierSet::parse(">=2.8.1, <3, !=2.9.0").value();
  std::vector<Version> versions = {parse("2.31.0"), parse("2.9.0"), parse("3.0"), parse("2.8.1")};
  size_t i = 0;
  for (auto _ : state) {
    bool in = set.contains(versions[i++ & 3]);
    benchmark::DoNotOptimize(in);
  }
}
BENCHMARK(BM_SpecifierSetContains);

void BM_SpecifierSetContainsAllowingPrereleases(benchmark::State& state) {
  SpecifierSet set = SpecifierSet::parse(">=2.8.1, <3, !=2.9.0").value();
  std::vector<Version> versions = {parse("2.31.0rc1"), parse("2.9.0"), parse("3.0a1"),
                                   parse("2.8.1")};
  size_t i = 0;
  for (auto _ : state) {
    bool in = set.contains(versions[i++ & 3], PrereleasePolicy::kAllow);
    benchmark::DoNotOptimize(in);
  }
}
BENCHMARK(BM_SpecifierSetContainsAllowingPrereleases);

void BM_RangesContains(benchmark::State& state) {
  VersionRanges ranges = VersionRanges::from(SpecifierSet::parse(">=2.8.1, <3, !=2.9.0").value());
  std::vector<Version> versions = {parse("2.31.0"), parse("2.9.0"), parse("3.0"), parse("2.8.1")};
  size_t i = 0;
  for (auto _ : state) {
    bool in = ranges.contains(versions[i++ & 3]);
    benchmark::DoNotOptimize(in);
  }
}
BENCHMARK(BM_RangesContains);

void BM_SpecifierSetParse(benchmark::State& state) {
  for (auto _ : state) {
    auto set = SpecifierSet::parse(">=2.8.1, <3, !=2.9.0");
    benchmark::DoNotOptimize(set);
  }
}
BENCHMARK(BM_SpecifierSetParse);

void BM_VersionToString(benchmark::State& state) {
  Version v = parse("3.11.4.post2");
  for (auto _ : state) {
    std::string s = v.to_string();
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_VersionToString);

}  // namespace

BENCHMARK_MAIN();
