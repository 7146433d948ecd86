// Benchmarks for choosing wheels: building the supported-tag list and its ranking, parsing wheel
// filenames, and ranking thousands of candidate files (a large index page).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "tags/compatible.h"
#include "tags/filename.h"
#include "tags/ranking.h"

namespace {

using namespace roost::tags;

const Platform kLinux{.os = Os::kLinux, .arch = "x86_64", .glibc = LibcVersion{2, 35}};

// A page of files like numpy's: many versions x Python versions x platforms, plus sdists' cousins.
std::vector<std::string> index_page() {
  const char* platforms[] = {"manylinux_2_17_x86_64.manylinux2014_x86_64",
                             "manylinux_2_17_aarch64.manylinux2014_aarch64",
                             "musllinux_1_1_x86_64",
                             "macosx_10_9_x86_64",
                             "macosx_11_0_arm64",
                             "win_amd64",
                             "win32"};
  std::vector<std::string> files;
  for (int minor_version = 0; minor_version < 50; ++minor_version) {
    for (int py = 8; py <= 13; ++py) {
      for (const char* plat : platforms) {
        std::string cp = "cp3" + std::to_string(py);
        files.push_back("numpy-1." + std::to_string(minor_version) + ".0-" + cp + "-" + cp + "-" +
                        plat + ".whl");
      }
    }
    files.push_back("numpy-1." + std::to_string(minor_version) + ".0-py3-none-any.whl");
  }
  return files;
}

void BM_SupportedTags(benchmark::State& state) {
  Interpreter py = Interpreter::cpython(3, 12);
  for (auto _ : state) {
    auto tags = supported_tags(py, kLinux);
    benchmark::DoNotOptimize(tags);
  }
}
BENCHMARK(BM_SupportedTags);

void BM_BuildRanking(benchmark::State& state) {
  auto tags = supported_tags(Interpreter::cpython(3, 12), kLinux).value();
  for (auto _ : state) {
    TagRanking ranking(tags);
    benchmark::DoNotOptimize(ranking);
  }
  state.counters["tags"] = static_cast<double>(tags.size());
}
BENCHMARK(BM_BuildRanking);

void BM_ParseWheelFilename(benchmark::State& state) {
  std::vector<std::string> files = index_page();
  size_t i = 0;
  for (auto _ : state) {
    auto w = WheelFilename::parse(files[i++ % files.size()]);
    benchmark::DoNotOptimize(w);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseWheelFilename);

void BM_RankParsedWheels(benchmark::State& state) {
  TagRanking ranking(supported_tags(Interpreter::cpython(3, 12), kLinux).value());
  std::vector<TagSet> sets;
  for (const std::string& f : index_page()) sets.push_back(WheelFilename::parse(f).value().tags);
  for (auto _ : state) {
    size_t compatible = 0;
    for (const TagSet& s : sets) compatible += ranking.best_rank(s).has_value();
    benchmark::DoNotOptimize(compatible);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(sets.size()));
  state.counters["files"] = static_cast<double>(sets.size());
}
BENCHMARK(BM_RankParsedWheels);

void BM_ParseAndSelectIndexPage(benchmark::State& state) {
  TagRanking ranking(supported_tags(Interpreter::cpython(3, 12), kLinux).value());
  std::vector<std::string> files = index_page();
  for (auto _ : state) {
    std::vector<TagSet> sets;
    sets.reserve(files.size());
    for (const std::string& f : files) sets.push_back(WheelFilename::parse(f).value().tags);
    auto best = ranking.select(sets);
    benchmark::DoNotOptimize(best);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(files.size()));
}
BENCHMARK(BM_ParseAndSelectIndexPage);

}  // namespace

BENCHMARK_MAIN();
