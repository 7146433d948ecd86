// Helpers for python/'s tests: a temporary directory, small files, and the real interpreters
// this machine has (tests that need one skip with a message when it is absent).
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include "base/fs.h"
#include "base/subprocess.h"

namespace roost::python::testing {

// A fresh directory under the test temp dir, removed with everything in it at the end.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::path(::testing::TempDir()) / "roost-python-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) {
      // Canonical, so paths compare equal to what Python reports (/tmp may be a link).
      std::error_code ec;
      root_ = std::filesystem::canonical(pattern, ec);
      if (ec) root_ = pattern;
    }
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path path(const std::filesystem::path& relative) const {
    return root_ / relative;
  }

  std::filesystem::path write(const std::filesystem::path& relative, std::string_view text,
                              unsigned mode = 0644) const {
    std::filesystem::path p = path(relative);
    std::error_code ec;
    std::filesystem::create_directories(p.parent_path(), ec);
    EXPECT_TRUE(write_file_atomic(p, text, mode).ok()) << p;
    ::chmod(p.c_str(), mode);
    return p;
  }
  std::filesystem::path mkdir(const std::filesystem::path& relative) const {
    std::error_code ec;
    std::filesystem::create_directories(path(relative), ec);
    return path(relative);
  }
  std::filesystem::path symlink(const std::filesystem::path& relative,
                                const std::filesystem::path& target) const {
    std::filesystem::path p = path(relative);
    std::error_code ec;
    std::filesystem::create_directories(p.parent_path(), ec);
    std::filesystem::create_symlink(target, p, ec);
    EXPECT_FALSE(ec) << p << ": " << ec.message();
    return p;
  }

 private:
  std::filesystem::path root_;
};

// The interpreters the end-to-end tests use; nullopt when this machine lacks them.
inline std::optional<std::filesystem::path> existing_executable(const char* path) {
  struct stat st {};
  if (::stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return std::filesystem::path(path);
}
inline std::optional<std::filesystem::path> debian_python311() {
  return existing_executable("/usr/bin/python3.11");
}
// Skips the test (with a message) when `expr`, an optional interpreter path, is empty.
#define ROOST_REQUIRE_PYTHON(var, expr)              \
  std::optional<std::filesystem::path> var = (expr); \
  if (!var) GTEST_SKIP() << #expr << ": no such interpreter on this machine"

inline std::optional<std::filesystem::path> pyenv_python(const char* version) {
  std::string path = std::string("/root/.pyenv/versions/") + version + "/bin/python3";
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return std::filesystem::path(path);
}

// Runs argv, returning stdout (trailing newline removed); a failure is a test failure.
inline std::string run(std::vector<std::string> argv,
                       std::optional<std::vector<std::string>> env = {}) {
  Result<SubprocessResult> r =
      run_subprocess({.argv = std::move(argv), .env = std::move(env), .timeout_ms = 60000});
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().render());
  if (!r.ok()) return "";
  EXPECT_EQ(r->exit_code, 0) << r->stderr_data;
  std::string out = r->stdout_data;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace roost::python::testing
