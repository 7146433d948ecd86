// Every reader error, word for word: the message, file:line:col and caret a user sees.
#include <gtest/gtest.h>

#include <string>

#include "lock/read_lock.h"

namespace roost::lock {
namespace {

// The rendered error for `text` read as `uv.lock`, or "<no error>".
std::string error_of(std::string_view text) {
  Result<Lockfile> lock = parse_lock(text, "uv.lock");
  return lock.ok() ? "<no error>" : lock.error().render();
}

// A lockfile whose one `[[package]]` table (line 4) has the lines `body`.
std::string with_package(std::string_view body) {
  return "version = 1\nrequires-python = \">=3.9\"\n\n[[package]]\n" + std::string(body);
}

TEST(ReadLockErrors, BadToml) {
  EXPECT_EQ(error_of("version = 1\n"
                     "requires-python = \n"),
            "uv.lock:2:19: invalid TOML: unexpected end of line, expected a value\n"
            "    requires-python = \n"
            "                      ^");
}

TEST(ReadLockErrors, MissingVersion) {
  EXPECT_EQ(error_of("requires-python = \">=3.9\"\n"),
            "uv.lock:1:1: missing `version` in the top-level table\n"
            "    requires-python = \">=3.9\"\n"
            "    ^");
}

TEST(ReadLockErrors, UnsupportedVersion) {
  EXPECT_EQ(error_of("version = 2\n"
                     "requires-python = \">=3.9\"\n"),
            "uv.lock:1:11: unsupported uv.lock schema version 2 (roost reads version 1)\n"
            "    version = 2\n"
            "              ^");
}

TEST(ReadLockErrors, VersionNotInteger) {
  EXPECT_EQ(error_of("version = \"1\"\n"),
            "uv.lock:1:11: `version` must be an integer, found a string\n"
            "    version = \"1\"\n"
            "              ^^^");
}

TEST(ReadLockErrors, MissingRequiresPython) {
  EXPECT_EQ(error_of("version = 1\n"
                     "revision = 3\n"),
            "uv.lock:1:1: missing `requires-python` in the top-level table\n"
            "    version = 1\n"
            "    ^");
}

TEST(ReadLockErrors, NegativeRevision) {
  EXPECT_EQ(error_of("version = 1\n"
                     "revision = -1\n"
                     "requires-python = \">=3.9\"\n"),
            "uv.lock:2:12: `revision` must be a non-negative integer\n"
            "    revision = -1\n"
            "               ^^");
}

TEST(ReadLockErrors, UnknownTopLevelKey) {
  EXPECT_EQ(error_of("version = 1\n"
                     "requires-python = \">=3.9\"\n"
                     "lockfile-format = 2\n"),
            "uv.lock:3:1: unknown key `lockfile-format` in the top-level table\n"
            "    lockfile-format = 2\n"
            "    ^^^^^^^^^^^^^^^\n"
            "hint: roost keeps every key of the uv.lock format it knows and refuses the rest "
            "rather than drop them on rewrite; a newer uv may have written this lockfile");
}

TEST(ReadLockErrors, PackageVersionNotString) {
  EXPECT_EQ(error_of(with_package("name = \"idna\"\n"
                                  "version = 3\n"
                                  "source = { registry = \"https://pypi.org/simple\" }\n")),
            "uv.lock:6:11: `package[0].version` must be a string, found an integer\n"
            "    version = 3\n"
            "              ^");
}

TEST(ReadLockErrors, PackagesNotArray) {
  EXPECT_EQ(error_of("version = 1\n"
                     "requires-python = \">=3.9\"\n"
                     "package = \"idna\"\n"),
            "uv.lock:3:11: `package` must be an array, found a string\n"
            "    package = \"idna\"\n"
            "              ^^^^^^");
}

TEST(ReadLockErrors, MissingPackageName) {
  EXPECT_EQ(error_of(with_package("version = \"3.10\"\n"
                                  "source = { registry = \"https://pypi.org/simple\" }\n")),
            "uv.lock:4:1: missing `name` in `package[0]`\n"
            "    [[package]]\n"
            "    ^^^^^^^^^^^");
}

TEST(ReadLockErrors, MissingSource) {
  EXPECT_EQ(error_of(with_package("name = \"idna\"\n"
                                  "version = \"3.10\"\n")),
            "uv.lock:4:1: missing `source` in `package[0]`\n"
            "    [[package]]\n"
            "    ^^^^^^^^^^^");
}

TEST(ReadLockErrors, UnknownSourceKind) {
  EXPECT_EQ(error_of(with_package("name = \"idna\"\n"
                                  "version = \"3.10\"\n"
                                  "source = { svn = \"https://svn.example/idna\" }\n")),
            "uv.lock:7:12: unknown source kind `svn` in `package[0].source`, expected `registry`, "
            "`git`, `url`, `path`, `directory`, `editable` or `virtual`\n"
            "    source = { svn = \"https://svn.example/idna\" }\n"
            "               ^^^");
}

TEST(ReadLockErrors, TwoSources) {
  EXPECT_EQ(error_of(with_package("name = \"idna\"\n"
                                  "source = { registry = \"https://pypi.org/simple\", git = "
                                  "\"https://github.com/kjd/idna\" }\n")),
            "uv.lock:6:50: `package[0].source` names two sources: `registry` and `git`\n"
            "    source = { registry = \"https://pypi.org/simple\", git = "
            "\"https://github.com/kjd/idna\" }\n"
            "                                                     ^^^");
}

TEST(ReadLockErrors, NoSource) {
  EXPECT_EQ(error_of(with_package("name = \"idna\"\n"
                                  "source = {}\n")),
            "uv.lock:6:10: `package[0].source` names no source, expected `registry`, `git`, `url`, "
            "`path`, `directory`, `editable` or `virtual`\n"
            "    source = {}\n"
            "             ^^");
}

TEST(ReadLockErrors, SubdirectoryWithoutUrl) {
  EXPECT_EQ(error_of(with_package("name = \"idna\"\n"
                                  "source = { editable = \"idna\", subdirectory = \"src\" }\n")),
            "uv.lock:6:31: `subdirectory` in `package[0].source` goes only with `url`\n"
            "    source = { editable = \"idna\", subdirectory = \"src\" }\n"
            "                                  ^^^^^^^^^^^^");
}

TEST(ReadLockErrors, UnknownPackageKey) {
  EXPECT_EQ(error_of(with_package("name = \"idna\"\n"
                                  "source = { registry = \"https://pypi.org/simple\" }\n"
                                  "license = \"BSD-3-Clause\"\n")),
            "uv.lock:7:1: unknown key `license` in `package[0]`\n"
            "    license = \"BSD-3-Clause\"\n"
            "    ^^^^^^^\n"
            "hint: roost keeps every key of the uv.lock format it knows and refuses the rest "
            "rather than drop them on rewrite; a newer uv may have written this lockfile");
}

TEST(ReadLockErrors, UnknownWheelKey) {
  EXPECT_EQ(error_of(with_package("name = \"idna\"\n"
                                  "source = { registry = \"https://pypi.org/simple\" }\n"
                                  "wheels = [\n"
                                  "    { url = \"https://x/idna-3.10-py3-none-any.whl\", hash = "
                                  "\"sha256:00\", sha512 = \"00\" },\n"
                                  "]\n")),
            "uv.lock:8:73: unknown key `sha512` in `package[0].wheels[0]`\n"
            "        { url = \"https://x/idna-3.10-py3-none-any.whl\", hash = \"sha256:00\", "
            "sha512 = \"00\" },\n"
            "                                                                            ^^^^^^\n"
            "hint: roost keeps every key of the uv.lock format it knows and refuses the rest "
            "rather than drop them on rewrite; a newer uv may have written this lockfile");
}

TEST(ReadLockErrors, WheelWithoutFile) {
  EXPECT_EQ(
      error_of(with_package("name = \"idna\"\n"
                            "source = { registry = \"https://pypi.org/simple\" }\n"
                            "wheels = [\n"
                            "    { hash = \"sha256:00\" },\n"
                            "]\n")),
      "uv.lock:8:5: `package[0].wheels[0]` names no file, expected `url`, `path` or `filename`\n"
      "        { hash = \"sha256:00\" },\n"
      "        ^^^^^^^^^^^^^^^^^^^^^^");
}

TEST(ReadLockErrors, NegativeSize) {
  EXPECT_EQ(error_of(with_package("name = \"idna\"\n"
                                  "source = { registry = \"https://pypi.org/simple\" }\n"
                                  "sdist = { url = \"https://x/idna-3.10.tar.gz\", size = -1 }\n")),
            "uv.lock:7:54: `package[0].sdist.size` must be a non-negative integer\n"
            "    sdist = { url = \"https://x/idna-3.10.tar.gz\", size = -1 }\n"
            "                                                         ^^");
}

TEST(ReadLockErrors, SizeNotInteger) {
  EXPECT_EQ(
      error_of(with_package("name = \"idna\"\n"
                            "source = { registry = \"https://pypi.org/simple\" }\n"
                            "sdist = { url = \"https://x/idna-3.10.tar.gz\", size = \"12\" }\n")),
      "uv.lock:7:54: `package[0].sdist.size` must be a non-negative integer, found a string\n"
      "    sdist = { url = \"https://x/idna-3.10.tar.gz\", size = \"12\" }\n"
      "                                                         ^^^^");
}

TEST(ReadLockErrors, EmptyMarker) {
  EXPECT_EQ(error_of(with_package("name = \"app\"\n"
                                  "source = { virtual = \".\" }\n"
                                  "dependencies = [\n"
                                  "    { name = \"idna\", marker = \"\" },\n"
                                  "]\n")),
            "uv.lock:8:31: `package[0].dependencies[0].marker` must not be empty\n"
            "        { name = \"idna\", marker = \"\" },\n"
            "                                  ^^");
}

TEST(ReadLockErrors, InvalidName) {
  EXPECT_EQ(error_of(with_package("name = \"-idna\"\n"
                                  "source = { registry = \"https://pypi.org/simple\" }\n")),
            "uv.lock:5:8: `package[0].name` is not a valid name: `-idna`\n"
            "    name = \"-idna\"\n"
            "           ^^^^^^^");
}

TEST(ReadLockErrors, InvalidGroupName) {
  EXPECT_EQ(error_of(with_package("name = \"app\"\n"
                                  "source = { virtual = \".\" }\n"
                                  "\n"
                                  "[package.dev-dependencies]\n"
                                  "\"dev group\" = []\n")),
            "uv.lock:9:1: key `dev group` in `package[0].dev-dependencies` is not a valid name\n"
            "    \"dev group\" = []\n"
            "    ^^^^^^^^^^^");
}

TEST(ReadLockErrors, RequirementMixesSources) {
  EXPECT_EQ(
      error_of(with_package(
          "name = \"app\"\n"
          "source = { virtual = \".\" }\n"
          "\n"
          "[package.metadata]\n"
          "requires-dist = [{ name = \"idna\", specifier = \">=3\", editable = \"idna\" }]\n")),
      "uv.lock:9:35: `specifier` in `package[0].metadata.requires-dist[0]` does not go with "
      "`editable`\n"
      "    requires-dist = [{ name = \"idna\", specifier = \">=3\", editable = \"idna\" }]\n"
      "                                      ^^^^^^^^^");
}

TEST(ReadLockErrors, ConflictExtraAndGroup) {
  EXPECT_EQ(error_of("version = 1\n"
                     "requires-python = \">=3.9\"\n"
                     "conflicts = [[\n"
                     "    { package = \"app\", extra = \"a\", group = \"b\" },\n"
                     "]]\n"),
            "uv.lock:4:37: `conflicts[0][0]` names both an extra and a group\n"
            "        { package = \"app\", extra = \"a\", group = \"b\" },\n"
            "                                        ^^^^^");
}

TEST(ReadLockErrors, ExcludeNewerPackageTrue) {
  EXPECT_EQ(error_of("version = 1\n"
                     "requires-python = \">=3.9\"\n"
                     "\n"
                     "[options.exclude-newer-package]\n"
                     "idna = true\n"),
            "uv.lock:5:8: `options.exclude-newer-package.idna` must be a timestamp, `false` or a "
            "table, found a boolean\n"
            "    idna = true\n"
            "           ^^^^");
}

TEST(ReadLockErrors, DependencyWithoutName) {
  EXPECT_EQ(error_of(with_package("name = \"app\"\n"
                                  "source = { virtual = \".\" }\n"
                                  "dependencies = [\n"
                                  "    { marker = \"sys_platform == 'linux'\" },\n"
                                  "]\n")),
            "uv.lock:8:5: missing `name` in `package[0].dependencies[0]`\n"
            "        { marker = \"sys_platform == 'linux'\" },\n"
            "        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^");
}

TEST(ReadLockErrors, RelativeExcludeNewerWithoutTimestamp) {
  EXPECT_EQ(error_of("version = 1\n"
                     "requires-python = \">=3.9\"\n"
                     "\n"
                     "[options.exclude-newer-package]\n"
                     "rich = { span = \"P1W\" }\n"),
            "uv.lock:5:8: missing `timestamp` in `options.exclude-newer-package.rich`\n"
            "    rich = { span = \"P1W\" }\n"
            "           ^^^^^^^^^^^^^^^^");
}

TEST(ReadLockErrors, AreParseErrors) {
  Result<Lockfile> lock = parse_lock("version = 1\n", "uv.lock");
  ASSERT_FALSE(lock.ok());
  EXPECT_EQ(lock.error().kind(), ErrorKind::kParse);
}

}  // namespace
}  // namespace roost::lock
