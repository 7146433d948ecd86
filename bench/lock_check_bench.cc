// What a no-change `roost lock --check` costs per corpus workspace (target: <= 10 ms of process
// time each): discover the workspace, lower it, read uv.lock, check freshness. One benchmark per
// lock of ../shared/conformance/uv-workspaces that is its workspace's lock (the selection of
// src/project/lowering_corpus_test.cc), plus each step alone for the largest ones. Skipped with a
// message when the corpus is missing.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "base/fs.h"
#include "lock/read_lock.h"
#include "project/lock_digest.h"
#include "project/lock_freshness.h"
#include "project/lowering.h"
#include "workspace/workspace.h"

namespace {

namespace fs = std::filesystem;
using roost::Result;

const fs::path kCorpus = fs::path(__FILE__).parent_path().parent_path().parent_path() /
                         "shared/conformance/uv-workspaces";

// The corpus locks uv would check in their own directory (a workspace root that lowers).
std::vector<fs::path> workspace_roots() {
  std::vector<fs::path> out;
  if (!fs::is_directory(kCorpus)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(kCorpus)) {
    if (entry.path().filename() != "uv.lock") continue;
    fs::path dir = fs::canonical(entry.path().parent_path());
    Result<roost::workspace::Workspace> ws =
        roost::workspace::discover_uv_workspace({.start = dir});
    if (!ws.ok() || fs::canonical(ws->root) != dir) continue;
    if (!roost::project::lower_workspace(*ws).ok()) continue;
    out.push_back(dir);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The whole check, as `roost lock --check` runs it.
void BM_LockCheck(benchmark::State& state, const fs::path& dir) {
  for (auto _ : state) {
    Result<roost::workspace::Workspace> ws =
        roost::workspace::discover_uv_workspace({.start = dir});
    if (!ws.ok()) {
      state.SkipWithError(ws.error().render().c_str());
      break;
    }
    Result<roost::project::LoweredWorkspace> lowered = roost::project::lower_workspace(*ws);
    Result<roost::lock::Lockfile> lock = roost::project::read_lock_digest(dir / "uv.lock");
    if (!lowered.ok() || !lock.ok()) {
      state.SkipWithError("lowering or reading the lock failed");
      break;
    }
    roost::project::Freshness f = roost::project::check_lock_freshness(*lowered, *lock);
    benchmark::DoNotOptimize(f);
  }
}

// The steps apart (and the full read_lock, for comparison), for the workspace given.
void BM_Steps(benchmark::State& state, const fs::path& dir, int step) {
  Result<roost::workspace::Workspace> ws = roost::workspace::discover_uv_workspace({.start = dir});
  Result<roost::project::LoweredWorkspace> lowered = roost::project::lower_workspace(*ws);
  Result<roost::lock::Lockfile> lock = roost::lock::read_lock(dir / "uv.lock");
  if (!ws.ok() || !lowered.ok() || !lock.ok()) {
    state.SkipWithError("setup failed");
    return;
  }
  for (auto _ : state) {
    switch (step) {
      case 0:
        benchmark::DoNotOptimize(roost::workspace::discover_uv_workspace({.start = dir}));
        break;
      case 1:
        benchmark::DoNotOptimize(roost::project::lower_workspace(*ws));
        break;
      case 2:
        benchmark::DoNotOptimize(roost::project::read_lock_digest(dir / "uv.lock"));
        break;
      case 3:
        benchmark::DoNotOptimize(roost::project::check_lock_freshness(*lowered, *lock));
        break;
      case 4:
        benchmark::DoNotOptimize(roost::lock::read_lock(dir / "uv.lock"));
        break;
    }
  }
}

void register_all() {
  std::vector<fs::path> roots = workspace_roots();
  if (roots.empty()) {
    benchmark::RegisterBenchmark("BM_LockCheck/corpus-missing", [](benchmark::State& state) {
      state.SkipWithError(("the uv-workspaces corpus is not at " + kCorpus.string()).c_str());
    });
    return;
  }
  for (const fs::path& dir : roots) {
    std::string name = fs::relative(dir, kCorpus).generic_string();
    benchmark::RegisterBenchmark(("BM_LockCheck/" + name).c_str(), BM_LockCheck, dir)
        ->Unit(benchmark::kMillisecond);
  }
  static constexpr const char* kSteps[] = {"discover", "lower", "read_lock_digest", "check",
                                           "read_lock(full)"};
  for (const char* largest :
       {"NVIDIA__NeMo-Agent-Toolkit", "livekit__agents", "crewAIInc__crewAI"}) {
    fs::path dir = kCorpus / largest;
    if (!fs::is_directory(dir)) continue;
    for (int step = 0; step < 5; ++step) {
      benchmark::RegisterBenchmark(
          (std::string("BM_Steps/") + largest + "/" + kSteps[step]).c_str(), BM_Steps,
          fs::canonical(dir), step)
          ->Unit(benchmark::kMillisecond);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
