// How code below cli/ tells the user something: progress events and warnings go to a Reporter
// that the CLI implements (and tests record); nothing below cli/ prints.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace roost {

struct ProgressEvent {
  std::string_view phase;   // "download", "build", "install", ...
  std::string_view item;    // what it is about, e.g. a package name
  uint64_t done = 0;        // units done so far (bytes, files, packages)
  uint64_t total = 0;       // 0 when unknown
  bool finished = false;
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void warn(std::string_view message) = 0;
  virtual void progress(const ProgressEvent& event) = 0;
};

// Discards everything: for callers with no user to tell.
class NullReporter final : public Reporter {
 public:
  void warn(std::string_view) override {}
  void progress(const ProgressEvent&) override {}
};

// Keeps warnings in memory (thread-safe): for tests, and for collecting before printing.
class RecordingReporter final : public Reporter {
 public:
  void warn(std::string_view message) override {
    std::lock_guard<std::mutex> lock(mutex_);
    warnings_.emplace_back(message);
  }
  void progress(const ProgressEvent&) override {}
  std::vector<std::string> warnings() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return warnings_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> warnings_;
};

}  // namespace roost
