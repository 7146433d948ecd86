// A fixed-size thread pool for CPU and blocking I/O work (hashing, unpacking wheels).
//
//   ThreadPool pool(4);
//   std::future<int> f = pool.submit([] { return 42; });
//   pool.wait_idle();
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace roost {

class ThreadPool {
 public:
  // 0 threads means one per hardware thread.
  explicit ThreadPool(size_t threads = 0);
  ~ThreadPool();  // finishes queued work, then joins
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  template <typename F>
  auto submit(F&& fn) -> std::future<decltype(fn())> {
    using R = decltype(fn());
    auto task = std::make_shared<std::packaged_task<R()>>(std::forward<F>(fn));
    std::future<R> future = task->get_future();
    enqueue([task] { (*task)(); });
    return future;
  }

  // Blocks until the queue is empty and no task is running.
  void wait_idle();
  size_t size() const { return workers_.size(); }

 private:
  void enqueue(std::function<void()> job);
  void work();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<std::function<void()>> queue_;
  size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace roost
