// pyenv shim resolution (pyenv_shim.h) over a fake pyenv root: no interpreter runs.
#include "python/pyenv_shim.h"

#include <gtest/gtest.h>

#include "python/test_support.h"

namespace roost::python {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

struct FakePyenv {
  TempDir t;
  fs::path shim;
  FakePyenv() {
    shim = t.write("pyenv/shims/python3", "#!/bin/sh\nexec pyenv exec python3 \"$@\"\n", 0755);
    for (const char* v : {"3.11.7", "3.12.1"}) {
      t.write(std::string("pyenv/versions/") + v + "/bin/python3", "#!/bin/sh\n", 0755);
    }
    t.write("pyenv/versions/3.10.0/bin/python3.10", "#!/bin/sh\n", 0755);  // no python3
  }
  PyenvSelection selection(std::optional<std::string> env = std::nullopt) const {
    return {t.path("pyenv"), std::move(env), t.path("work/sub")};
  }
  fs::path version(const std::string& v) const {
    return t.path("pyenv/versions/" + v + "/bin/python3");
  }
};

TEST(PyenvShim, FollowsPyenvsOrderOfChoices) {
  FakePyenv p;
  // Nothing selected: pyenv's `system`, left to running the shim.
  EXPECT_EQ(resolve_pyenv_shim(p.shim, p.selection()), std::nullopt);
  // The global version file.
  p.t.write("pyenv/version", "3.11.7\n");
  EXPECT_EQ(resolve_pyenv_shim(p.shim, p.selection()), p.version("3.11.7"));
  // A .python-version above the working directory wins over it.
  p.t.write("work/.python-version", "3.12.1\n");
  EXPECT_EQ(resolve_pyenv_shim(p.shim, p.selection()), p.version("3.12.1"));
  // $PYENV_VERSION wins over both; the first listed version that has the command is taken.
  EXPECT_EQ(resolve_pyenv_shim(p.shim, p.selection("3.10.0:3.11.7")), p.version("3.11.7"));
  // `system` first, or no selected version with the command: not resolved.
  EXPECT_EQ(resolve_pyenv_shim(p.shim, p.selection("system:3.11.7")), std::nullopt);
  EXPECT_EQ(resolve_pyenv_shim(p.shim, p.selection("3.10.0")), std::nullopt);
}

TEST(PyenvShim, OnlyShimsOfThatRootAreResolved) {
  FakePyenv p;
  p.t.write("pyenv/version", "3.11.7\n");
  fs::path elsewhere = p.t.write("bin/python3", "#!/bin/sh\n", 0755);
  EXPECT_EQ(resolve_pyenv_shim(elsewhere, p.selection()), std::nullopt);
}

}  // namespace
}  // namespace roost::python
