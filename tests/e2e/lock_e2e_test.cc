// `roost debug lock-roundtrip FILE` through the real binary: fixtures come back byte for byte
// on stdout, a broken lockfile is exit 2 with file:line:col on stderr, and (where ../shared is
// beside the checkout) the corpus's largest lockfile round-trips too.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "base/fs.h"
#include "roost_runner.h"
#include "workspace/testing/temp_tree.h"

namespace roost::e2e {
namespace {

namespace fs = std::filesystem;

const std::string kData = ROOST_TEST_DATA_DIR "/lock/";

std::string contents(const fs::path& path) {
  Result<std::string> text = read_file(path);
  EXPECT_TRUE(text.ok()) << text.error().render();
  return text.ok() ? *text : std::string();
}

TEST(LockE2E, FixturesRoundTripThroughTheBinary) {
  for (const char* name : {"workspace.uv.lock", "virtual-root.uv.lock", "forked-rev1.uv.lock",
                           "no-revision.uv.lock"}) {
    SubprocessResult r = run_roost({"debug", "lock-roundtrip", kData + name});
    EXPECT_EQ(r.exit_code, 0) << name << ": " << r.stderr_data;
    EXPECT_EQ(r.stdout_data, contents(kData + name)) << name;
    EXPECT_EQ(r.stderr_data, "") << name;
  }
}

TEST(LockE2E, BrokenLockfileIsExit2WithPosition) {
  workspace::testing::TempTree tree;
  tree.write("uv.lock",
             "version = 1\nrequires-python = \">=3.9\"\n\n[[package]]\nname = \"idna\"\n"
             "source = { svn = \"https://svn.example/idna\" }\n");
  std::string file = tree.path("uv.lock").string();
  SubprocessResult r = run_roost({"debug", "lock-roundtrip", file});
  EXPECT_EQ(r.exit_code, 2) << r.stderr_data;
  EXPECT_EQ(r.stdout_data, "");
  EXPECT_NE(r.stderr_data.find(file + ":6:12: unknown source kind `svn` in `package[0].source`"),
            std::string::npos)
      << r.stderr_data;
}

TEST(LockE2E, MissingFileIsExit2) {
  SubprocessResult r = run_roost({"debug", "lock-roundtrip", kData + "no-such.lock"});
  EXPECT_EQ(r.exit_code, 2) << r.stderr_data;
  EXPECT_NE(r.stderr_data.find("no-such.lock"), std::string::npos) << r.stderr_data;
}

TEST(LockE2E, LargestCorpusLockfile) {
  const fs::path largest = fs::path(ROOST_SOURCE_DIR) / ".." / "shared" / "conformance" /
                           "uv-workspaces" / "NVIDIA__NeMo-Agent-Toolkit" / "uv.lock";
  if (!fs::exists(largest)) {
    GTEST_SKIP() << "the uv-workspaces corpus is not at " << largest.parent_path().parent_path()
                 << " (it lives in ../shared)";
  }
  SubprocessResult r = run_roost({"debug", "lock-roundtrip", largest.string()});
  EXPECT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_TRUE(r.stdout_data == contents(largest)) << "the rewritten lockfile differs";
}

}  // namespace
}  // namespace roost::e2e
