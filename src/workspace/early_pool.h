// Helper threads started before their work is known, for one parallel loop that follows soon
// after (discovery's pass 2, reading and parsing every member's pyproject.toml).
//
// Why: on the 2-vCPU VMs roost is measured on, a new thread (or one woken from a blocking wait)
// first runs 0.2-4 ms after it is started, spread evenly: the kernel queues it on the creating
// thread's CPU until a 4 ms tick balances it, and waking the idle vCPU instead is as slow.
// Pass 2 of a 1,000-member workspace takes ~10 ms, so a helper started with the loop left the
// main thread parsing alone for a fifth of it. Started before the member globs are expanded, the
// helper is more often running when the loop begins. While it waits it spins (for a bounded
// time) instead of blocking, which would put its vCPU back to sleep. Helpers are detached: one
// that has not started when the loop ends is not waited for, and finds nothing left to do.
//
//   EarlyPool pool(1);                                   // one helper, starting now
//   ... expand the globs ...
//   pool.run(n, [&](size_t i) { out[i] = read(i); });    // the caller works too
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

namespace roost::workspace {

class EarlyPool {
 public:
  explicit EarlyPool(size_t helpers);
  ~EarlyPool();  // releases helpers still waiting for the loop
  EarlyPool(const EarlyPool&) = delete;
  EarlyPool& operator=(const EarlyPool&) = delete;

  // Calls job(i) for every i in [0, count), on this thread and on the helpers that have started,
  // and returns when every call has returned. At most once per pool. `job` is called from
  // several threads at once (for different i). Each helper that takes part first calls
  // `helper_setup` (may be empty), e.g. to prepare its allocator.
  void run(size_t count, const std::function<void(size_t)>& job,
           const std::function<void()>& helper_setup = {});

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace roost::workspace
