// EarlyPool: detached helpers that wait (spinning, then blocking) for one published loop.
//
// The caller's data (job, setup) is only touched by a helper between `busy++` and `busy--`,
// and only after it has seen the loop open; run() closes the loop and then waits for busy == 0.
// With sequentially consistent atomics either the helper sees the loop closed and leaves, or
// run() sees the helper busy and waits for it.
#include "workspace/early_pool.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace roost::workspace {

namespace {
enum Phase : int { kWaiting, kOpen, kClosed };
// How long a helper spins for the loop before it blocks. Longer than discovery usually needs
// to expand its globs; a helper that blocks pays the wake-up delay again, no more.
constexpr auto kSpinLimit = std::chrono::milliseconds(50);
}  // namespace

struct EarlyPool::State {
  std::atomic<int> phase{kWaiting};
  std::atomic<int> busy{0};  // helpers inside the caller's data
  std::atomic<size_t> next{0};
  size_t count = 0;
  const std::function<void(size_t)>* job = nullptr;
  const std::function<void()>* setup = nullptr;
  std::mutex mutex;  // for helpers that stopped spinning
  std::condition_variable wake;

  void help() {
    if (!wait_for_loop()) return;
    busy.fetch_add(1);
    // Seen open after announcing itself: run() cannot have returned, and will wait for it.
    if (phase.load() == kOpen && next.load() < count) {
      if (setup != nullptr && *setup) (*setup)();
      for (size_t i = next++; i < count; i = next++) (*job)(i);
    }
    busy.fetch_sub(1);
  }

  // False when the pool closed without a loop.
  bool wait_for_loop() {
    auto start = std::chrono::steady_clock::now();
    for (unsigned spins = 0; phase.load() == kWaiting; ++spins) {
      if (spins % 64 == 63 && std::chrono::steady_clock::now() - start > kSpinLimit) {
        std::unique_lock lock(mutex);
        wake.wait(lock, [&] { return phase.load() != kWaiting; });
        break;
      }
      std::this_thread::yield();
    }
    return phase.load() == kOpen;
  }

  void set_phase(Phase p) {
    {
      std::lock_guard lock(mutex);  // a helper between its check and its wait sees it
      phase.store(p);
    }
    wake.notify_all();
  }
};

EarlyPool::EarlyPool(size_t helpers) : state_(std::make_shared<State>()) {
  for (size_t i = 0; i < helpers; ++i) {
    std::thread([state = state_] { state->help(); }).detach();
  }
}

EarlyPool::~EarlyPool() {
  if (state_->phase.load() == kWaiting) state_->set_phase(kClosed);
}

void EarlyPool::run(size_t count, const std::function<void(size_t)>& job,
                    const std::function<void()>& helper_setup) {
  State& s = *state_;
  s.count = count;
  s.job = &job;
  s.setup = &helper_setup;
  s.set_phase(kOpen);
  for (size_t i = s.next++; i < count; i = s.next++) job(i);
  s.phase.store(kClosed);
  // Only helpers in the middle of an item (or about to find none left) are waited for.
  while (s.busy.load() != 0) std::this_thread::yield();
}

}  // namespace roost::workspace
