// `.python-version` reading and lookup (python_version_file.h).
#include "python/python_version_file.h"

#include <gtest/gtest.h>

#include "python/test_support.h"

namespace roost::python {
namespace {

using testing::TempDir;

TEST(PythonVersionFile, FirstRequestLineWins) {
  Result<std::optional<PythonRequest>> r =
      parse_python_version_file("# pinned for CI\n\n  3.12  \n3.11\n", "/p/.python-version");
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->version, (std::vector<uint64_t>{3, 12}));
  EXPECT_EQ((*r)->text, "3.12");
}

TEST(PythonVersionFile, CommentsOnlyIsNoRequest) {
  Result<std::optional<PythonRequest>> r =
      parse_python_version_file("# nothing\n\n", "/p/.python-version");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->has_value());
}

TEST(PythonVersionFile, RelativePathIsRelativeToTheFile) {
  Result<std::optional<PythonRequest>> r =
      parse_python_version_file("./venvs/a/bin/python\n", "/p/sub/.python-version");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->path, "/p/sub/venvs/a/bin/python");
}

TEST(PythonVersionFile, BadLineNamesTheFile) {
  Result<std::optional<PythonRequest>> r = parse_python_version_file("3.x\n", "/p/.python-version");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().render(),
            "invalid Python request `3.x`: `3.x` is not a Python version\n"
            "  while reading /p/.python-version");
}

TEST(PythonVersionFile, FoundWalkingUp) {
  TempDir t;
  t.write(".python-version", "3.11\n");
  t.mkdir("a/b/c");
  Result<std::optional<PythonVersionFile>> found = find_python_version_file(t.path("a/b/c"));
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->path, t.path(".python-version"));
  EXPECT_EQ((*found)->request.version, (std::vector<uint64_t>{3, 11}));

  // The nearest one wins; one holding only comments is skipped.
  t.write("a/.python-version", "cpython@3.12\n");
  t.write("a/b/.python-version", "# empty\n");
  found = find_python_version_file(t.path("a/b/c"));
  ASSERT_TRUE(found.ok());
  EXPECT_EQ((*found)->path, t.path("a/.python-version"));
  EXPECT_EQ((*found)->request.implementation, "cpython");
}

TEST(PythonVersionFile, NoneFound) {
  TempDir t;
  t.mkdir("x");
  Result<std::optional<PythonVersionFile>> found = find_python_version_file(t.path("x"));
  ASSERT_TRUE(found.ok());
  // Nothing in the temp tree; a file above the temp dir would be found, so only check the path.
  if (found->has_value()) {
    EXPECT_FALSE((*found)->path.string().starts_with(t.root().string()));
  }
}

}  // namespace
}  // namespace roost::python
