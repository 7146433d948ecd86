// Every uv.lock of ../shared/conformance/uv-workspaces (written by uv releases from early 2025
// to 2026, revisions 0-4) read and written back gives the same bytes. Skips, visibly, where
// ../shared is not beside the checkout.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "base/fs.h"
#include "lock/read_lock.h"
#include "lock/write_lock.h"

namespace roost::lock {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(ROOST_SOURCE_DIR "/../shared/conformance/uv-workspaces");

// Lockfiles that cannot round-trip, by path under the corpus, with the reason. None so far;
// an entry here must say why uv itself would not write the file the way it is.
const std::map<std::string, std::string> kExceptions = {};

std::vector<fs::path> corpus_locks() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(kCorpus)) {
    if (entry.is_regular_file() && entry.path().filename() == "uv.lock") out.push_back(entry);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Line number and both lines of the first difference, for a readable failure.
std::string first_difference(const std::string& want, const std::string& got) {
  size_t at = 0;
  while (at < want.size() && at < got.size() && want[at] == got[at]) ++at;
  size_t line_start = want.rfind('\n', at == 0 ? 0 : at - 1);
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  auto line_of = [&](const std::string& text) {
    size_t end = text.find('\n', line_start);
    return text.substr(line_start, end == std::string::npos ? std::string::npos : end - line_start);
  };
  size_t line = static_cast<size_t>(std::count(want.begin(), want.begin() + at, '\n')) + 1;
  return "line " + std::to_string(line) + "\n  uv:    " + line_of(want) +
         "\n  roost: " + line_of(got);
}

TEST(LockRoundTrip, EveryCorpusLockfileComesBackByteForByte) {
  if (!fs::is_directory(kCorpus)) {
    GTEST_SKIP() << "the uv-workspaces corpus is not at " << kCorpus << " (it lives in ../shared)";
  }
  std::vector<fs::path> locks = corpus_locks();
  EXPECT_GE(locks.size(), 49u);
  int identical = 0;
  for (const fs::path& path : locks) {
    std::string relative = fs::relative(path, kCorpus).string();
    Result<std::string> text = read_file(path);
    ASSERT_TRUE(text.ok()) << text.error().render();
    Result<Lockfile> lock = parse_lock(*text, relative);
    auto exception = kExceptions.find(relative);
    if (exception != kExceptions.end()) {
      EXPECT_TRUE(!lock.ok() || write_lock(*lock) != *text)
          << relative << " round-trips now; remove its exception (" << exception->second << ")";
      continue;
    }
    if (!lock.ok()) {
      ADD_FAILURE() << lock.error().render();
      continue;
    }
    std::string written = write_lock(*lock);
    if (written == *text) {
      ++identical;
    } else {
      ADD_FAILURE() << relative << " differs at " << first_difference(*text, written);
    }
  }
  EXPECT_EQ(identical + static_cast<int>(kExceptions.size()), static_cast<int>(locks.size()));
  std::cout << "[ lock     ] " << identical << " of " << locks.size()
            << " corpus lockfiles round-trip byte for byte\n";
}

}  // namespace
}  // namespace roost::lock
