// Benchmarks of uv.lock reading and writing: a no-change `roost lock --check` reads the lock and
// writes it back to compare (issue 5 target: <= 10 ms per corpus lockfile). Uses the largest
// lockfile of ../shared/conformance/uv-workspaces; skipped with a message when it is missing.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "base/fs.h"
#include "lock/read_lock.h"
#include "lock/write_lock.h"
#include "toml/parse.h"

namespace {

namespace fs = std::filesystem;

// 1.6 MB: 678 packages, 3,304 wheels, 2,118 dependency edges (NVIDIA NeMo Agent Toolkit).
const fs::path kLargest = fs::path(__FILE__).parent_path().parent_path().parent_path() /
                          "shared/conformance/uv-workspaces/NVIDIA__NeMo-Agent-Toolkit/uv.lock";

// The file's text, or empty after marking the benchmark skipped.
std::string load(benchmark::State& state) {
  roost::Result<std::string> text = roost::read_file(kLargest);
  if (!text.ok()) {
    state.SkipWithError(("corpus lockfile not found: " + kLargest.string()).c_str());
    return {};
  }
  return std::move(text).value();
}

// TOML alone, for comparison: the floor under parse_lock.
void BM_TomlParseLargest(benchmark::State& state) {
  std::string text = load(state);
  if (text.empty()) return;
  for (auto _ : state) {
    auto parsed = roost::toml::parse(text, "uv.lock");
    benchmark::DoNotOptimize(parsed);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_TomlParseLargest)->Unit(benchmark::kMillisecond);

void BM_ReadLargest(benchmark::State& state) {
  std::string text = load(state);
  if (text.empty()) return;
  for (auto _ : state) {
    auto lock = roost::lock::parse_lock(text, "uv.lock");
    if (!lock.ok()) state.SkipWithError(lock.error().render().c_str());
    benchmark::DoNotOptimize(lock);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ReadLargest)->Unit(benchmark::kMillisecond);

void BM_WriteLargest(benchmark::State& state) {
  std::string text = load(state);
  if (text.empty()) return;
  auto lock = roost::lock::parse_lock(text, "uv.lock");
  if (!lock.ok()) {
    state.SkipWithError(lock.error().render().c_str());
    return;
  }
  for (auto _ : state) {
    std::string written = roost::lock::write_lock(*lock);
    benchmark::DoNotOptimize(written);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_WriteLargest)->Unit(benchmark::kMillisecond);

// What `lock --check` does when nothing changed: read, write, compare.
void BM_CheckLargest(benchmark::State& state) {
  std::string text = load(state);
  if (text.empty()) return;
  for (auto _ : state) {
    auto lock = roost::lock::parse_lock(text, "uv.lock");
    if (!lock.ok()) {
      state.SkipWithError(lock.error().render().c_str());
      break;
    }
    bool same = roost::lock::write_lock(*lock) == text;
    if (!same) state.SkipWithError("the rewritten lockfile differs");
    benchmark::DoNotOptimize(same);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_CheckLargest)->Unit(benchmark::kMillisecond);

// Every corpus lockfile read, written and compared once per iteration (49 files, 36 MB).
void BM_CheckWholeCorpus(benchmark::State& state) {
  std::vector<std::string> texts;
  if (fs::is_directory(kLargest.parent_path().parent_path())) {
    for (const auto& entry :
         fs::recursive_directory_iterator(kLargest.parent_path().parent_path())) {
      if (entry.path().filename() != "uv.lock") continue;
      if (auto text = roost::read_file(entry.path()); text.ok()) texts.push_back(*text);
    }
  }
  if (texts.empty()) {
    state.SkipWithError("the uv-workspaces corpus is not beside the checkout");
    return;
  }
  size_t bytes = 0;
  for (const std::string& text : texts) bytes += text.size();
  for (auto _ : state) {
    for (const std::string& text : texts) {
      auto lock = roost::lock::parse_lock(text, "uv.lock");
      bool same = lock.ok() && roost::lock::write_lock(*lock) == text;
      if (!same) state.SkipWithError("a corpus lockfile does not round-trip");
      benchmark::DoNotOptimize(same);
    }
  }
  state.counters["files"] = static_cast<double>(texts.size());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_CheckWholeCorpus)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
