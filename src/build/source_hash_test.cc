// The source-tree hash builds are cached under: what changes it and what does not.
#include "build/source_hash.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "python/test_support.h"

namespace roost::build {
namespace {

using python::testing::TempDir;

std::string hash(const std::filesystem::path& dir,
                 std::vector<std::filesystem::path> exclude = {}) {
  Result<std::string> h = hash_source_tree(dir, exclude);
  EXPECT_TRUE(h.ok()) << (h.ok() ? "" : h.error().render());
  return h.value_or("");
}

void tree(const TempDir& t) {
  t.write("pyproject.toml", "[project]\nname = \"a\"\nversion = \"1\"\n");
  t.write("src/a/__init__.py", "X = 1\n");
  t.write("src/build/__init__.py", "# a package named build\n");
}

TEST(SourceHash, SameContentSameHashAnywhere) {
  TempDir one, two;
  tree(one);
  tree(two);
  EXPECT_EQ(hash(one.root()).size(), 64u);
  EXPECT_EQ(hash(one.root()), hash(two.root()));
}

TEST(SourceHash, WhatChangesIt) {
  TempDir t;
  tree(t);
  std::string before = hash(t.root());
  t.write("src/a/__init__.py", "X = 2\n");
  std::string edited = hash(t.root());
  EXPECT_NE(edited, before);
  t.write("src/build/__init__.py", "# changed\n");  // only the top-level build/ is skipped
  EXPECT_NE(hash(t.root()), edited);
  edited = hash(t.root());
  ::chmod(t.path("src/a/__init__.py").c_str(), 0755);
  EXPECT_NE(hash(t.root()), edited);
  edited = hash(t.root());
  t.symlink("src/a/link.py", "__init__.py");
  EXPECT_NE(hash(t.root()), edited);
  edited = hash(t.root());
  std::filesystem::rename(t.path("src/a/link.py"), t.path("src/a/other.py"));
  EXPECT_NE(hash(t.root()), edited);
}

TEST(SourceHash, WhatDoesNot) {
  TempDir t;
  tree(t);
  const std::string before = hash(t.root());
  t.write(".git/HEAD", "ref: refs/heads/main\n");
  t.write("src/a/__pycache__/x.cpython-311.pyc", "bytecode");
  t.write("src/a/stale.pyc", "bytecode");
  t.write("build/lib/a/__init__.py", "X = 1\n");
  t.write("dist/a-1.tar.gz", "archive");
  t.write("src/a.egg-info/PKG-INFO", "Name: a\n");
  t.write(".venv/pyvenv.cfg", "home = /usr/bin\n");
  t.mkdir("empty/dir");
  t.write("out/a-1-py3-none-any.whl", "wheel");
  EXPECT_EQ(hash(t.root(), {t.path("out")}), before);
  EXPECT_NE(hash(t.root()), before);  // out/ counts unless excluded
}

TEST(SourceHash, Skips) {
  EXPECT_TRUE(is_skipped_directory("build", true));
  EXPECT_FALSE(is_skipped_directory("build", false));
  EXPECT_TRUE(is_skipped_directory("__pycache__", false));
  EXPECT_TRUE(is_skipped_directory("x.egg-info", false));
  EXPECT_FALSE(is_skipped_directory("src", true));
}

TEST(SourceHash, NotADirectory) {
  Result<std::string> h = hash_source_tree("/nonexistent/roost/tree");
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().kind(), ErrorKind::kNotFound);
}

}  // namespace
}  // namespace roost::build
