// Native editable installs into a real venv made from the machine's python3: imports, edits seen
// without reinstalling, console scripts, what site-packages scans report, and uninstall through
// install/uninstall.h. Skips without /usr/bin/python3.
#include "build/native_editable.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "build/testing/projects.h"
#include "install/installed.h"
#include "install/uninstall.h"
#include "metadata/record.h"
#include "python/probe.h"
#include "python/test_support.h"
#include "python/venv.h"

namespace roost::build {
namespace {

namespace fs = std::filesystem;
using python::testing::run;
using python::testing::TempDir;

pyproject::PyProject read(const fs::path& dir) {
  Result<pyproject::PyProject> p = pyproject::read_pyproject(dir / "pyproject.toml");
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().render());
  return std::move(p).value();
}

// A venv from /usr/bin/python3 at `dir`; its scheme.
std::optional<python::Scheme> make_venv(const fs::path& python3, const fs::path& dir) {
  Result<python::Interpreter> py = python::probe_interpreter(python3);
  EXPECT_TRUE(py.ok()) << py.error().render();
  if (!py.ok()) return std::nullopt;
  Result<python::VenvResult> venv = python::create_venv(dir, *py, {.roost_version = "0"});
  EXPECT_TRUE(venv.ok()) << venv.error().render();
  if (!venv.ok()) return std::nullopt;
  return venv->venv.scheme;
}

InstalledEditable install(const fs::path& dir, const python::Scheme& scheme) {
  const auto start = std::chrono::steady_clock::now();
  Result<InstalledEditable> e = install_editable_natively(read(dir), dir, scheme, {});
  const std::chrono::duration<double, std::milli> elapsed =
      std::chrono::steady_clock::now() - start;
  std::printf("[ timing ] install_editable_natively (parse included): %.2f ms\n", elapsed.count());
  EXPECT_TRUE(e.ok()) << e.error().render();
  return std::move(e).value();
}

TEST(NativeEditable, HatchSrcLayoutInARealVenv) {
  ROOST_REQUIRE_PYTHON(python3, testing::system_python());
  TempDir t;
  const fs::path project = t.path("demo");
  testing::write_hatch_src_project(project);
  std::optional<python::Scheme> scheme = make_venv(*python3, t.path(".venv"));
  ASSERT_TRUE(scheme);
  const fs::path python = t.path(".venv/bin/python");

  InstalledEditable e = install(project, *scheme);
  EXPECT_EQ(e.dist_info, scheme->purelib / "demo_pkg-1.2.3.dist-info");
  EXPECT_EQ(e.pth, scheme->purelib / "_demo_pkg.pth");
  EXPECT_EQ(read_file(e.pth).value_or(""), (project / "src").string() + "\n");
  ASSERT_EQ(e.scripts.size(), 1u);
  EXPECT_EQ(e.scripts[0], scheme->scripts / "demo-cli");

  EXPECT_EQ(run({python.string(), "-c", "import demo_pkg; print(demo_pkg.X)"}), "1");
  // Edits are seen without reinstalling: the .pth names the source.
  testing::write_text(project / "src/demo_pkg/__init__.py", "X = 2\n");
  EXPECT_EQ(run({python.string(), "-c", "import demo_pkg; print(demo_pkg.X)"}), "2");
  EXPECT_EQ(run({(scheme->scripts / "demo-cli").string()}), "hello from demo-pkg");
  // importlib.metadata sees the distribution, its entry points, extras and origin.
  EXPECT_EQ(run({python.string(), "-c",
                 "import importlib.metadata as m; d = m.distribution('demo-pkg'); "
                 "print(d.version, d.metadata['Provides-Extra'], len(d.requires), "
                 "sorted(e.name for e in d.entry_points), d.read_text('INSTALLER').strip())"}),
            "1.2.3 cli 2 ['basic', 'demo-cli'] roost");
  EXPECT_EQ(read_file(e.dist_info / "direct_url.json").value_or(""),
            "{\"dir_info\":{\"editable\":true},\"url\":\"file://" + project.string() + "\"}");

  // roost's own scan reads it as an editable directory install.
  Result<install::SiteScan> scan = install::scan_site_packages(scheme->purelib);
  ASSERT_TRUE(scan.ok());
  ASSERT_EQ(scan->dists.size(), 1u);
  EXPECT_EQ(scan->dists[0].name.str(), "demo-pkg");
  ASSERT_TRUE(scan->dists[0].direct_url);
  EXPECT_TRUE(std::get<metadata::DirInfo>(scan->dists[0].direct_url->info).editable);

  // RECORD lists everything written, with hashes, and the script relative to site-packages.
  Result<metadata::Record> record =
      metadata::Record::parse(read_file(e.dist_info / "RECORD").value_or(""));
  ASSERT_TRUE(record.ok());
  for (const char* path :
       {"_demo_pkg.pth", "demo_pkg-1.2.3.dist-info/METADATA", "demo_pkg-1.2.3.dist-info/WHEEL",
        "demo_pkg-1.2.3.dist-info/entry_points.txt", "demo_pkg-1.2.3.dist-info/INSTALLER",
        "demo_pkg-1.2.3.dist-info/direct_url.json", "demo_pkg-1.2.3.dist-info/RECORD",
        "../../../bin/demo-cli"}) {
    EXPECT_NE(record->find(path), nullptr) << path;
  }
  EXPECT_EQ(record->entries.size(), 8u);

  // Uninstall like any distribution: nothing of it is left.
  Result<install::UninstallResult> removed =
      install::uninstall_distribution(scheme->purelib, "demo_pkg-1.2.3.dist-info", t.path(".venv"));
  ASSERT_TRUE(removed.ok()) << removed.error().render();
  EXPECT_TRUE(removed->missing.empty());
  EXPECT_FALSE(fs::exists(e.pth));
  EXPECT_FALSE(fs::exists(e.dist_info));
  EXPECT_FALSE(fs::exists(scheme->scripts / "demo-cli"));
  EXPECT_TRUE(fs::exists(project / "src/demo_pkg/__init__.py"));  // the source stays
  Result<SubprocessResult> gone =
      run_subprocess({.argv = {python.string(), "-c", "import demo_pkg"}, .timeout_ms = 60000});
  ASSERT_TRUE(gone.ok());
  EXPECT_NE(gone->exit_code, 0);
}

TEST(NativeEditable, FlatLayoutInARealVenv) {
  ROOST_REQUIRE_PYTHON(python3, testing::system_python());
  TempDir t;
  const fs::path project = t.path("flat");
  testing::write_flat_setuptools_project(project);
  std::optional<python::Scheme> scheme = make_venv(*python3, t.path("env"));
  ASSERT_TRUE(scheme);
  const fs::path python = t.path("env/bin/python");

  InstalledEditable e = install(project, *scheme);
  EXPECT_EQ(e.import_root, project);
  EXPECT_EQ(run({python.string(), "-c", "import flat_pkg; print(flat_pkg.X)"}), "flat");
  testing::write_text(project / "flat_pkg/extra.py", "Y = 'new module'\n");
  EXPECT_EQ(run({python.string(), "-c", "import flat_pkg.extra as x; print(x.Y)"}), "new module");
  EXPECT_EQ(run({(scheme->scripts / "flat-run").string()}), "flat main");
  EXPECT_FALSE(fs::exists(e.dist_info / "REQUESTED"));

  Result<install::UninstallResult> removed = install::uninstall_distribution(
      scheme->purelib, e.dist_info.filename().string(), t.path("env"));
  ASSERT_TRUE(removed.ok()) << removed.error().render();
  EXPECT_FALSE(fs::exists(e.pth));
  EXPECT_FALSE(fs::exists(scheme->scripts / "flat-run"));
  EXPECT_TRUE(fs::exists(scheme->python));  // the venv's own files stay
}

TEST(NativeEditable, RefusesIneligibleProjects) {
  TempDir t;
  const python::Scheme scheme{t.path("sp"), t.path("sp"),  t.path("bin"),
                              t.root(),     t.path("inc"), t.path("bin/python")};
  struct Case {
    std::string pyproject;
    std::string setup_py;
    std::string message;
  };
  const Case cases[] = {
      {"[build-system]\nrequires = []\nbuild-backend = \"hatchling.build\"\n"
       "[project]\nname = \"dyn\"\ndynamic = [\"version\"]\n",
       "", "cannot install `dyn` natively: `dynamic` lists version"},
      {"[build-system]\nrequires = []\nbuild-backend = \"hatchling.build\"\n"
       "[project]\nname = \"pk\"\nversion = \"1\"\n"
       "[tool.hatch.build.targets.wheel]\npackages = [\"src/pk\"]\n",
       "",
       "cannot install `pk` natively: `[tool.hatch.build.targets.wheel] packages` changes "
       "what hatchling.build puts in the wheel"},
      {"[build-system]\nrequires = []\nbuild-backend = \"setuptools.build_meta\"\n"
       "[project]\nname = \"sp\"\nversion = \"1\"\n",
       "import os\nfrom setuptools import setup\nsetup(version=os.environ['V'])\n",
       "cannot install `sp` natively: setup.py has code other than a bare setup()"},
  };
  for (const Case& c : cases) {
    TempDir p;
    p.write("pyproject.toml", c.pyproject);
    p.write("src/pk/__init__.py", "");
    if (!c.setup_py.empty()) p.write("setup.py", c.setup_py);
    EXPECT_FALSE(can_install_natively(read(p.root()), p.root()));
    Result<InstalledEditable> e = install_editable_natively(read(p.root()), p.root(), scheme);
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().kind(), ErrorKind::kUsage);
    EXPECT_EQ(e.error().message(), c.message);
    EXPECT_FALSE(fs::exists(t.path("sp")));  // nothing written
  }
}

TEST(NativeEditable, RequestedAndInstallerOptions) {
  TempDir t;
  testing::write_hatch_src_project(t.path("p"));
  const python::Scheme scheme{
      t.path("lib/site-packages"), t.path("lib/site-packages"), t.path("bin"), t.root(),
      t.path("include"),           t.path("bin/python")};
  Result<InstalledEditable> e = install_editable_natively(
      read(t.path("p")), t.path("p"), scheme, {.installer = "roost-test", .requested = true});
  ASSERT_TRUE(e.ok()) << e.error().render();
  EXPECT_EQ(read_file(e->dist_info / "INSTALLER").value_or(""), "roost-test\n");
  EXPECT_TRUE(fs::exists(e->dist_info / "REQUESTED"));
  EXPECT_NE(read_file(e->dist_info / "RECORD").value_or("").find("\n../../bin/demo-cli,sha256="),
            std::string::npos);
  // Relative paths are refused rather than guessed.
  Result<InstalledEditable> relative = install_editable_natively(read(t.path("p")), "p", scheme);
  ASSERT_FALSE(relative.ok());
  EXPECT_EQ(relative.error().kind(), ErrorKind::kUsage);
}

}  // namespace
}  // namespace roost::build
