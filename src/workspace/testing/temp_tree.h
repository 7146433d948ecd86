// A temporary directory tree for workspace tests: write("a/pyproject.toml", text) creates parents.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

namespace roost::workspace::testing {

class TempTree {
 public:
  TempTree() {
    static std::atomic<int> counter{0};
    root_ = std::filesystem::temp_directory_path() /
            ("roost-ws-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
    root_ = std::filesystem::canonical(root_);
  }
  ~TempTree() { std::filesystem::remove_all(root_); }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path path(const std::string& relative) const { return root_ / relative; }

  void write(const std::string& relative, const std::string& text) const {
    std::filesystem::path p = root_ / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  void mkdir(const std::string& relative) const { std::filesystem::create_directories(root_ / relative); }

  // A member pyproject.toml with a name and optional extra TOML.
  void project(const std::string& dir, const std::string& name, const std::string& extra = "") const {
    write((dir.empty() ? "" : dir + "/") + "pyproject.toml",
          "[project]\nname = \"" + name + "\"\nversion = \"0.1.0\"\n" + extra);
  }

 private:
  std::filesystem::path root_;
};

}  // namespace roost::workspace::testing
