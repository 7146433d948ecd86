// The generic PubGrub solver on synthetic universes (issue 5: a 2,000-package universe with deep
// backtracking resolves in <= 1 s). Versions and dependencies are in memory, so this times the
// solver alone: no index, no metadata parsing.
#include <benchmark/benchmark.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "resolve/pubgrub/solver.h"

namespace {

using namespace roost::resolve::pubgrub;

// Packages 1..n, each with `versions` versions 1.0 .. k.0. Every version depends on up to three
// packages further down the list (a DAG), with ranges that newer versions tighten: the newest
// versions of many packages cannot be combined, so the solver has to backtrack through them.
class Synthetic final : public Provider {
 public:
  Synthetic(size_t n, size_t versions, size_t roots, uint32_t seed) {
    std::mt19937 rng(seed);
    for (size_t k = 0; k < versions; ++k)
      versions_.push_back(*Version::parse(std::to_string(k + 1) + ".0"));
    deps_.resize(n + 1);
    for (PackageId p = 1; p <= n; ++p) {
      deps_[p].resize(versions);
      for (size_t j = 0; j < versions; ++j) {
        for (int d = 0; d < 3; ++d) {
          PackageId q = p + 1 + static_cast<PackageId>(rng() % 40);
          if (q > n) continue;
          size_t pivot = rng() % versions;
          // Newer versions of p want newer q, older ones older q: a trap when q is pinned.
          VersionSet set = j >= versions / 2
                               ? VersionSet::at_least(versions_[pivot])
                               : VersionSet::lower_than(versions_[pivot])
                                     .union_with(VersionSet::exactly(versions_[pivot]));
          deps_[p][j].requirements.emplace_back(q, set);
        }
      }
    }
    // The root: the first `roots` packages, some pinned low, which the newest versions of their
    // dependents do not accept.
    for (PackageId p = 1; p <= roots; ++p) {
      VersionSet set = p % 3 == 0 ? VersionSet::lower_than(versions_[2]) : VersionSet::full();
      root_.requirements.emplace_back(p, set);
    }
  }

  int64_t priority(PackageId p, const VersionSet& allowed) override {
    int64_t n = 0;
    for (const Version& v : versions_) n += allowed.contains(v);
    return -n * 100000 - p;
  }
  roost::Result<std::optional<Version>> choose_version(PackageId,
                                                       const VersionSet& allowed) override {
    for (auto it = versions_.rbegin(); it != versions_.rend(); ++it) {
      if (allowed.contains(*it)) return std::optional<Version>(*it);
    }
    return std::optional<Version>();
  }
  roost::Result<Dependencies> dependencies(PackageId p, const Version& v) override {
    if (p == 0) return root_;
    for (size_t j = 0; j < versions_.size(); ++j) {
      if (versions_[j] == v) return deps_[p][j];
    }
    return Dependencies{};
  }

 private:
  std::vector<Version> versions_;
  std::vector<std::vector<Dependencies>> deps_;
  Dependencies root_;
};

void BM_SolveSynthetic(benchmark::State& state) {
  const auto n = static_cast<size_t>(state.range(0));
  Synthetic universe(n, 10, 40, 42);
  Version root = *Version::parse("0");
  Outcome last;
  for (auto _ : state) {
    auto out = solve(universe, 0, root);
    benchmark::DoNotOptimize(out);
    last = std::move(out).value();
  }
  state.counters["solved"] = last.solved ? 1 : 0;
  state.counters["selected"] = static_cast<double>(last.selected.size());
  state.counters["decisions"] = static_cast<double>(last.stats.decisions);
  state.counters["conflicts"] = static_cast<double>(last.stats.conflicts);
}
BENCHMARK(BM_SolveSynthetic)->Arg(300)->Arg(2000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
