// Which projects roost installs as editables without their backend.
#include "build/native_eligibility.h"

#include <gtest/gtest.h>

#include "build/testing/projects.h"
#include "python/test_support.h"

namespace roost::build {
namespace {

using python::testing::TempDir;

// check_native_editable() of `dir`/pyproject.toml.
NativeEligibility check(const std::filesystem::path& dir) {
  Result<pyproject::PyProject> p = pyproject::read_pyproject(dir / "pyproject.toml");
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().render());
  if (!p.ok()) return {};
  return check_native_editable(*p, dir);
}

std::string project(std::string_view backend, std::string_view extra = "") {
  return "[build-system]\nrequires = []\nbuild-backend = \"" + std::string(backend) +
         "\"\n\n[project]\nname = \"Demo-Pkg\"\nversion = \"1.0\"\n" + std::string(extra);
}

TEST(NativeEligibility, HatchSrcLayout) {
  TempDir t;
  testing::write_hatch_src_project(t.root());
  NativeEligibility e = check(t.root());
  EXPECT_FALSE(e.blocker) << *e.blocker;
  EXPECT_EQ(e.import_root, t.root() / "src");
  EXPECT_EQ(e.backend, "hatchling.build");
}

TEST(NativeEligibility, SetuptoolsFlatLayoutWithBareSetupPy) {
  TempDir t;
  testing::write_flat_setuptools_project(t.root());
  NativeEligibility e = check(t.root());
  EXPECT_FALSE(e.blocker) << *e.blocker;
  EXPECT_EQ(e.import_root, t.root());
}

TEST(NativeEligibility, EveryBackendItsDefaultLayout) {
  struct Case {
    const char* backend;
    const char* file;  // the one module file written
    const char* root;  // "" (project dir), "src", or "-" (blocked)
  };
  const Case cases[] = {
      {"hatchling.build", "demo_pkg/__init__.py", ""},
      {"hatchling.build", "src/demo_pkg/__init__.py", "src"},
      {"hatchling.build", "Demo_Pkg.py", ""},
      {"hatchling.build", "src/other/__init__.py", "-"},
      {"flit_core.buildapi", "src/Demo_Pkg/__init__.py", "src"},
      {"flit_core.buildapi", "demo_pkg.py", ""},
      {"setuptools.build_meta", "src/anything/__init__.py", "src"},
      {"setuptools.build_meta:__legacy__", "anything/__init__.py", ""},
      {"pdm.backend", "src/x/__init__.py", "src"},
      {"pdm.backend", "x/__init__.py", ""},
      {"uv_build", "src/demo_pkg/__init__.py", "src"},
      {"uv_build", "demo_pkg/__init__.py", "-"},
  };
  for (const Case& c : cases) {
    TempDir t;
    t.write("pyproject.toml", project(c.backend));
    t.write(c.file, "");
    NativeEligibility e = check(t.root());
    SCOPED_TRACE(std::string(c.backend) + " with " + c.file);
    if (std::string(c.root) == "-") {
      EXPECT_TRUE(e.blocker);
    } else {
      ASSERT_FALSE(e.blocker) << *e.blocker;
      EXPECT_EQ(e.import_root, *c.root ? t.root() / c.root : t.root());
    }
  }
}

TEST(NativeEligibility, Blockers) {
  struct Case {
    std::string pyproject;
    std::string blocker;
  };
  const Case cases[] = {
      {"[project]\nname = \"a\"\nversion = \"1\"\n",
       "no [build-system].build-backend (PEP 517's legacy setuptools path)"},
      {project("maturin"), "the build backend `maturin` is not one roost installs natively"},
      {"[build-system]\nrequires = []\nbuild-backend = \"hatchling.build\"\nbackend-path = "
       "[\".\"]\n"
       "[project]\nname = \"a\"\nversion = \"1\"\n",
       "[build-system].backend-path names an in-tree backend"},
      {"[build-system]\nrequires = []\nbuild-backend = \"hatchling.build\"\n"
       "[project]\nname = \"a\"\ndynamic = [\"version\", \"readme\"]\n",
       "`dynamic` lists version, readme"},
      {"[build-system]\nrequires = []\nbuild-backend = \"hatchling.build\"\n"
       "[project]\nname = \"a\"\nversion = \"1\"\ndynamic = [\"dependencies\"]\n",
       "`dynamic` lists dependencies"},
      {project("hatchling.build", "[tool.hatch.build.targets.wheel]\npackages = [\"lib/demo\"]\n"),
       "`[tool.hatch.build.targets.wheel] packages` changes what hatchling.build puts in the "
       "wheel"},
      {project("hatchling.build", "[tool.hatch.build]\nsources = [\"lib\"]\n"),
       "`[tool.hatch.build] sources` changes what hatchling.build puts in the wheel"},
      {project("hatchling.build", "[tool.hatch.metadata.hooks.custom]\n"),
       "`[tool.hatch.metadata] hooks` changes what hatchling.build puts in the wheel"},
      {project("setuptools.build_meta", "[tool.setuptools]\npackage-dir = {\"\" = \"lib\"}\n"),
       "`[tool.setuptools] package-dir` changes what setuptools.build_meta puts in the wheel"},
      {project("setuptools.build_meta:__legacy__",
               "[tool.setuptools.packages.find]\nwhere = [\"lib\"]\n"),
       "`[tool.setuptools] packages` changes what setuptools.build_meta puts in the wheel"},
      {project("flit_core.buildapi", "[tool.flit.module]\nname = \"other\"\n"),
       "`[tool.flit] module` changes what flit_core.buildapi puts in the wheel"},
      {project("pdm.backend", "[tool.pdm.build]\npackage-dir = \"lib\"\n"),
       "`[tool.pdm.build] package-dir` changes what pdm.backend puts in the wheel"},
      {project("uv_build", "[tool.uv.build-backend]\nmodule-root = \"\"\n"),
       "`[tool.uv.build-backend] module-root` changes what uv_build puts in the wheel"},
  };
  for (const Case& c : cases) {
    TempDir t;
    t.write("pyproject.toml", c.pyproject);
    t.write("src/demo_pkg/__init__.py", "");
    t.write("src/a/__init__.py", "");
    NativeEligibility e = check(t.root());
    ASSERT_TRUE(e.blocker) << c.pyproject;
    EXPECT_EQ(*e.blocker, c.blocker);
  }
}

TEST(NativeEligibility, FilesWithBuildLogic) {
  TempDir t;
  t.write("pyproject.toml", project("setuptools.build_meta"));
  t.write("demo_pkg/__init__.py", "");
  EXPECT_FALSE(check(t.root()).blocker);
  t.write(
      "setup.py",
      "from setuptools import setup, Extension\nsetup(ext_modules=[Extension('x', ['x.c'])])\n");
  EXPECT_EQ(check(t.root()).blocker, "setup.py has code other than a bare setup()");
  t.write("setup.py", "import setuptools\nif __name__ == '__main__':\n    setuptools.setup()\n");
  EXPECT_FALSE(check(t.root()).blocker);
  t.write("setup.cfg", "[flake8]\nmax-line-length = 100\n");
  EXPECT_FALSE(check(t.root()).blocker);
  t.write("setup.cfg", "[options]\npackages = find:\n");
  EXPECT_EQ(check(t.root()).blocker, "setup.cfg has a [options...] section");

  TempDir pdm;
  pdm.write("pyproject.toml", project("pdm.backend"));
  pdm.write("pdm_build.py", "def pdm_build_initialize(context): pass\n");
  EXPECT_EQ(check(pdm.root()).blocker, "pdm_build.py holds build hooks");
}

TEST(NativeEligibility, BareSetupPy) {
  EXPECT_TRUE(is_bare_setup_py(""));
  EXPECT_TRUE(is_bare_setup_py("#!/usr/bin/env python\nfrom setuptools import setup\nsetup( )\n"));
  EXPECT_TRUE(is_bare_setup_py("import setuptools\r\nsetuptools.setup()  # why not\r\n"));
  EXPECT_FALSE(is_bare_setup_py("from setuptools import setup\nsetup(name='x')\n"));
  EXPECT_FALSE(is_bare_setup_py("import os\nfrom setuptools import setup\nsetup()\n"));
  EXPECT_FALSE(is_bare_setup_py("\"\"\"docs\"\"\"\nfrom setuptools import setup\nsetup()\n"));
}

}  // namespace
}  // namespace roost::build
