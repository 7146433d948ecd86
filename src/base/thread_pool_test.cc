#include "base/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>

namespace roost {
namespace {

TEST(ThreadPool, RunsEveryTaskAndReturnsResults) {
  ThreadPool pool(3);
  std::vector<std::future<int>> results;
  for (int i = 0; i < 100; ++i) results.push_back(pool.submit([i] { return i * i; }));
  int sum = 0;
  for (auto& f : results) sum += f.get();
  EXPECT_EQ(sum, 328350);
}

TEST(ThreadPool, WaitIdleWaitsForQueuedWork) {
  std::atomic<int> done{0};
  ThreadPool pool(2);
  for (int i = 0; i < 50; ++i) {
    pool.submit([&done] {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
      done.fetch_add(1);
    });
  }
  pool.wait_idle();
  EXPECT_EQ(done.load(), 50);
}

TEST(ThreadPool, DestructorFinishesQueuedWork) {
  std::atomic<int> done{0};
  {
    ThreadPool pool(1);
    for (int i = 0; i < 20; ++i) pool.submit([&done] { done.fetch_add(1); });
  }
  EXPECT_EQ(done.load(), 20);
}

}  // namespace
}  // namespace roost
