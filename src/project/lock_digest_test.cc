#include "project/lock_digest.h"

#include <gtest/gtest.h>
#include <unistd.h>

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

// Registry packages skip the TOML parser; the digest still lists every package in file order,
// and a registry package the stub reading cannot take whole is parsed as TOML.
TEST(LockDigest, RegistryPackagesKeepTheirPlacesAndOddOnesAreParsed) {
  std::string text =
      "version = 1\nrequires-python = \">=3.9\"\n\n"
      "[[package]]\nname = \"a\"\nversion = \"1.0\"\nsource = { registry = \"https://x/simple\" }\n"
      "wheels = [\n    { url = \"u\", hash = \"h\" },\n]\n\n"
      "[[package]]\nname = \"b\"\nsource = { editable = \"b\" }\ndependencies = [\n"
      "    { name = \"a\" },\n    { name = \"c-d\" },\n]\n\n"
      "[[package]]\nname = \"C_D\"\nversion = \"2\"\nsource = { registry = \"https://x/simple\" "
      "}\n\n"
      "[[package]]\nname = \"e\"\nversion = \"3\"\nsource = { registry = "
      "\"https://x/\\u0073imple\" }\n";
  Result<lock::Lockfile> digest = parse_lock_digest(text);
  ASSERT_TRUE(digest.ok()) << digest.error().render();
  ASSERT_EQ(digest->packages.size(), 4u);
  EXPECT_EQ(digest->packages[0].name, "a");
  EXPECT_EQ(digest->packages[0].version, "1.0");
  EXPECT_EQ(digest->packages[0].source.kind, lock::SourceKind::kRegistry);
  EXPECT_EQ(digest->packages[0].source.location, "https://x/simple");
  EXPECT_TRUE(digest->packages[0].wheels.empty());
  EXPECT_EQ(digest->packages[1].name, "b");
  EXPECT_EQ(digest->packages[1].dependencies.size(), 2u);
  EXPECT_EQ(digest->packages[2].name, "c-d");  // not normalized as written: read as TOML
  EXPECT_EQ(digest->packages[3].source.location, "https://x/simple");  // an escape: TOML

  // A key the cut keeps, under a registry package, would fall into the table before it: the
  // whole file is parsed instead, and says what is wrong with it.
  std::string odd = text + "[package.metadata]\nrequires-dist = []\n";
  Result<lock::Lockfile> whole = lock::parse_lock(odd, "uv.lock");
  Result<lock::Lockfile> read = parse_lock_digest(odd, "uv.lock");
  ASSERT_EQ(whole.ok(), read.ok());
  if (whole.ok()) {
    EXPECT_EQ(read->packages.size(), 4u);
    EXPECT_EQ(read->packages[1].dependencies.size(), 2u);  // the full parse's, edges and all
  } else {
    EXPECT_EQ(read.error().render(), whole.error().render());
  }
}

// A lock read from a file in chunks is the same digest as from its text.
TEST(LockDigest, ReadingAFileInChunksGivesTheSameDigest) {
  fs::path dir = fs::temp_directory_path() / ("roost-digest-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string text = "version = 1\nrequires-python = \">=3.9\"\n";
  for (int i = 0; i < 3000; ++i) {  // several chunks of the reader's buffer
    text += "\n[[package]]\nname = \"p" + std::to_string(i) +
            "\"\nversion = \"1\"\nsource = { registry = \"https://x/simple\" }\nsdist = { url = "
            "\"https://x/p-1.tar.gz\", hash = \"sha256:00\", size = 1 }\n";
  }
  ASSERT_TRUE(write_file_atomic(dir / "uv.lock", text).ok());
  Result<lock::Lockfile> from_file = read_lock_digest(dir / "uv.lock");
  Result<lock::Lockfile> from_text = parse_lock_digest(text);
  ASSERT_TRUE(from_file.ok() && from_text.ok());
  EXPECT_TRUE(*from_file == *from_text);
  EXPECT_EQ(from_file->packages.size(), 3000u);
  Result<std::optional<lock::Lockfile>> missing = read_lock_digest_if_exists(dir / "nope.lock");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
  fs::remove_all(dir);
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
