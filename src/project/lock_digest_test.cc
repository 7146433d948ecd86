#include "project/lock_digest.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/fs.h"
#include "lock/read_lock.h"

namespace roost::project {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(ROOST_SOURCE_DIR "/../shared/conformance/uv-workspaces");

TEST(LockDigest, DropsDistributionsAndImmutableEdgesKeepingLineNumbers) {
  std::string text =
      "version = 1\n[[package]]\nname = \"a\"\nsource = { editable = \".\" }\ndependencies = [\n"
      "    { name = \"b\" },\n]\n\n[package.metadata]\n\n"
      "[[package]]\nname = \"b\"\nsource = { registry = \"https://x/simple\" }\ndependencies = [\n"
      "    { name = \"c\" },\n]\nsdist = { url = \"u\", hash = \"h\" }\nwheels = [\n"
      "    { url = \"w\", hash = \"h\" },\n]\n\n[package.optional-dependencies]\nx = [\n    { name "
      "= \"c\" },\n]\n";
  EXPECT_EQ(
      without_distributions(text),
      "version = 1\n[[package]]\nname = \"a\"\nsource = { editable = \".\" }\ndependencies = [\n"
      "    { name = \"b\" },\n]\n\n[package.metadata]\n\n"
      "[[package]]\nname = \"b\"\nsource = { registry = \"https://x/simple\" "
      "}\n\n\n\n\n\n\n\n\n\n\n\n\n");
  Result<lock::Lockfile> broken = parse_lock_digest("version = 1\nwheels = [\nnope\n", "uv.lock");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().render(),
            lock::parse_lock("version = 1\nwheels = [\nnope\n", "uv.lock").error().render());
}

// Every corpus lock: the digest is the whole lock without distributions and immutable edges.
TEST(LockDigest, EveryCorpusLockIsTheFullLockWithoutWhatTheCheckSkips) {
  if (!fs::is_directory(kCorpus)) {
    GTEST_SKIP() << "the uv-workspaces corpus is not at " << kCorpus << " (it lives in ../shared)";
  }
  int checked = 0;
  for (const auto& entry : fs::recursive_directory_iterator(kCorpus)) {
    if (entry.path().filename() != "uv.lock") continue;
    Result<lock::Lockfile> full = lock::read_lock(entry.path());
    Result<lock::Lockfile> digest = read_lock_digest(entry.path());
    ASSERT_TRUE(full.ok() && digest.ok()) << entry.path();
    for (lock::Package& p : full->packages) {
      p.sdist.reset();
      p.wheels.clear();
      if (p.source.kind == lock::SourceKind::kRegistry || p.source.kind == lock::SourceKind::kGit) {
        p.dependencies.clear();
        p.optional_dependencies.clear();
        p.dev_dependencies.clear();
        p.resolution_markers.clear();
      }
    }
    EXPECT_TRUE(*full == *digest) << entry.path();
    ++checked;
  }
  EXPECT_GE(checked, 49);
}

}  // namespace
}  // namespace roost::project
