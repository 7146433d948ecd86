// `roost sync` of what only a PEP 517 backend can install: a registry sdist, a path directory,
// a git repository and workspace members whose backend roost does not stand in for (PEP 660
// editables). The backend, `tinybuild`, is itself a wheel on the loopback index
// (tests/e2e/tools/make_index.py), so each build runs the real path: its build requirements
// resolved from the index, installed into a cached build environment, the hooks run there.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "base/fs.h"
#include "base/subprocess.h"
#include "loopback_project.h"
#include "workspace/testing/temp_tree.h"

namespace roost::e2e {
namespace {

namespace fs = std::filesystem;
using workspace::testing::TempTree;

constexpr const char* kTinybuild =
    "\n[build-system]\nrequires = [\"tinybuild\"]\nbuild-backend = \"tinybuild\"\n";

class BuildE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    skip_ = project_.start({"tinybuild==1.0!backend", "beta==1.0", "sdistpkg==1.0:beta!sdist",
                            "urlsdist==2.0:beta!sdist", "pathsdist==0.5!sdist",
                            "baresdist==1.2:beta!bare-sdist"});
    files_ = project_.url.substr(0, project_.url.size() - std::string("simple").size()) + "files";
    std::error_code ec;
    fs::create_directories(ws_.path("dist"), ec);
    fs::copy_file(project_.index.root() / "files" / "pathsdist-0.5.tar.gz",
                  ws_.path("dist/pathsdist-0.5.tar.gz"), ec);
    if (skip_.empty()) skip_ = make_git_repository();

    ws_.write(
        "pyproject.toml",
        std::string(
            "[project]\nname = \"app\"\nversion = \"0.1.0\"\n"
            "requires-python = \">=3.8\"\n"
            "dependencies = [\"lib\", \"dyn\", \"dd\", \"sdistpkg\", \"pathdir\", \"gitpkg\",\n"
            "\"urlsdist\", \"pathsdist\", \"baresdist\"]\n\n"
            "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n\n"
            "[tool.uv.sources]\nlib = { workspace = true }\ndyn = { workspace = true }\n"
            "dd = { workspace = true }\n"
            "pathdir = { path = \"vendor/pathdir\" }\n"
            "pathsdist = { path = \"dist/pathsdist-0.5.tar.gz\" }\n"
            "urlsdist = { url = \"") +
            files_ + "/urlsdist-2.0.tar.gz\" }\n" + "gitpkg = { git = \"file://" +
            repo_.root().string() + "\", tag = \"v1\" }\n" + kTinybuild);
    ws_.write("src/app/__init__.py", "NAME = 'app'\n");
    // The backend asks for beta beyond [build-system].requires: a second build environment.
    ws_.write("packages/lib/pyproject.toml",
              std::string("[project]\nname = \"lib\"\nversion = \"0.2.0\"\n\n"
                          "[tool.tinybuild]\nextra-requires = [\"beta\"]\n") +
                  kTinybuild);
    ws_.write("packages/lib/src/lib/__init__.py", "X = 1\n");
    write_dynamic_member("4.1");
    // A member whose dependencies only its backend knows: locking builds its metadata.
    ws_.write("packages/dd/pyproject.toml",
              std::string("[project]\nname = \"dd\"\nversion = \"0.3\"\n"
                          "dynamic = [\"dependencies\"]\n\n"
                          "[tool.tinybuild]\ndependencies = [\"beta>=1\"]\n") +
                  kTinybuild);
    ws_.write("packages/dd/dd/__init__.py", "import beta\n");
    ws_.write("packages/dyn/dyn/__init__.py", "D = 4\n");
    // A path dependency (not a member) with dynamic dependencies: its metadata is built too.
    ws_.write("vendor/pathdir/pyproject.toml",
              std::string("[project]\nname = \"pathdir\"\nversion = \"1.5\"\n"
                          "dynamic = [\"dependencies\"]\n\n"
                          "[tool.tinybuild]\ndependencies = [\"beta\"]\n") +
                  kTinybuild);
    ws_.write("vendor/pathdir/pathdir/__init__.py", "Y = 2\n");
  }

  // A member whose version only its backend knows.
  void write_dynamic_member(const std::string& version) {
    ws_.write(
        "packages/dyn/pyproject.toml",
        "[project]\nname = \"dyn\"\ndynamic = [\"version\"]\n\n[tool.tinybuild]\nversion = \"" +
            version + "\"\n" + kTinybuild);
  }

  std::string make_git_repository() {
    repo_.write("pyproject.toml",
                std::string("[project]\nname = \"gitpkg\"\nversion = \"3.0\"\n") + kTinybuild);
    repo_.write("gitpkg/__init__.py", "Z = 3\n");
    std::string dir = repo_.root().string();
    for (std::vector<std::string> argv :
         {std::vector<std::string>{"git", "-C", dir, "init", "-q"},
          {"git", "-C", dir, "add", "."},
          {"git", "-C", dir, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "one"},
          {"git", "-C", dir, "tag", "v1"}}) {
      auto r = run_subprocess({.argv = argv});
      if (!r.ok() || r->exit_code != 0) return "git is not usable here";
    }
    return "";
  }

  SubprocessResult roost(std::vector<std::string> args) { return project_.roost(args); }
  std::string python(const std::string& code) { return project_.python(code); }

  fs::path site_packages() {
    for (const auto& lib : fs::directory_iterator(ws_.path(".venv/lib"))) {
      if (fs::exists(lib.path() / "site-packages")) return lib.path() / "site-packages";
    }
    return {};
  }

  LoopbackProject project_;
  TempTree& ws_ = project_.ws;
  TempTree repo_;
  std::string skip_, files_;
};

TEST_F(BuildE2eTest, SdistsDirectoriesGitAndEditablesAreBuiltByTheirBackend) {
  if (!skip_.empty()) GTEST_SKIP() << skip_;
  SubprocessResult first = roost({"sync"});
  ASSERT_EQ(first.exit_code, 0) << first.stderr_data;
  for (const char* line :
       {" + app==0.1.0\n", " + beta==1.0\n", " + dd==0.3\n", " + dyn==4.1\n", " + gitpkg==3.0\n",
        " + lib==0.2.0\n", " + pathdir==1.5\n", " + sdistpkg==1.0\n", " + baresdist==1.2\n",
        " + pathsdist==0.5\n", " + urlsdist==2.0\n"}) {
    EXPECT_NE(first.stderr_data.find(line), std::string::npos) << line << first.stderr_data;
  }
  // Regular builds carry the backend's marker module; the members are its PEP 660 editables.
  EXPECT_EQ(
      python("import app, lib, sdistpkg._tinybuild, pathdir._tinybuild, gitpkg._tinybuild\n"
             "import sdistpkg, pathdir, gitpkg\n"
             "import dyn, importlib.metadata as m\n"
             "print(app.NAME, lib.X, sdistpkg.VERSION, pathdir.Y, gitpkg.Z, m.version('dyn'))"),
      "app 1 1.0 2 3 4.1\n");
  fs::path site = site_packages();
  EXPECT_TRUE(fs::exists(site / "_lib_editable.pth"));
  EXPECT_TRUE(fs::exists(site / "_app_editable.pth"));
  EXPECT_FALSE(fs::exists(ws_.path(".venv/.roost-builds")));
  Result<std::string> direct = read_file(site / "pathdir-1.5.dist-info" / "direct_url.json");
  ASSERT_TRUE(direct.ok());
  EXPECT_NE(direct->find("\"editable\":false"), std::string::npos) << *direct;
  // Two build environments: tinybuild alone, and tinybuild with the extra requirement.
  std::vector<std::string> envs;
  for (const auto& e : fs::directory_iterator(ws_.path("cache/build-envs-v1"))) {
    if (e.is_directory()) envs.push_back(e.path().filename().string());
  }
  EXPECT_EQ(envs.size(), 2u) << ::testing::PrintToString(envs);

  // dd's requirements came from its build, and the lock records them as uv does; so do pathdir's
  // (a path dependency). URL and path sdists: metadata from a build (their PKG-INFO is 2.1),
  // the archive's hash.
  Result<std::string> lock = read_file(ws_.path("uv.lock"));
  ASSERT_TRUE(lock.ok());
  for (const std::string& entry : std::vector<std::string>{
           "name = \"dd\"\nversion = \"0.3\"\nsource = { editable = \"packages/dd\" }\n"
           "dependencies = [\n    { name = \"beta\" },\n]\n\n[package.metadata]\n"
           "requires-dist = [{ name = \"beta\", specifier = \">=1\" }]\n",
           "name = \"pathdir\"\nversion = \"1.5\"\nsource = { directory = \"vendor/pathdir\" }\n"
           "dependencies = [\n    { name = \"beta\" },\n]\n",
           "name = \"urlsdist\"\nversion = \"2.0\"\nsource = { url = \"" + files_ +
               "/urlsdist-2.0.tar.gz\" }\ndependencies = [\n    { name = \"beta\" },\n]\n"
               "sdist = { hash = \"sha256:",
           "name = \"pathsdist\"\nversion = \"0.5\"\nsource = { path = "
           "\"dist/pathsdist-0.5.tar.gz\" }\nsdist = { hash = \"sha256:",
           // A registry sdist the index serves no metadata for: built to be locked.
           "name = \"baresdist\"\nversion = \"1.2\"\nsource = { registry = \"" + project_.url +
               "\" }\ndependencies = [\n    { name = \"beta\" },\n]\nsdist = { url = \""}) {
    EXPECT_NE(lock->find(entry), std::string::npos) << entry << "\nin:\n" << *lock;
  }
  EXPECT_EQ(python("import urlsdist._tinybuild, pathsdist._tinybuild; print(urlsdist.VERSION)"),
            "2.0\n");
  // The built metadata is cached: the check needs no build and finds the lock fresh.
  SubprocessResult check = roost({"lock", "--check", "--offline"});
  EXPECT_EQ(check.exit_code, 0) << check.stderr_data;
  // A local archive is checked by its bytes: a different file makes the lock stale.
  Result<std::string> archive = read_file(ws_.path("dist/pathsdist-0.5.tar.gz"));
  ASSERT_TRUE(archive.ok());
  ws_.write("dist/pathsdist-0.5.tar.gz", *archive + "\n");
  SubprocessResult changed = roost({"lock", "--check", "--offline"});
  EXPECT_EQ(changed.exit_code, 1) << changed.stderr_data;
  EXPECT_NE(changed.stderr_data.find("`dist/pathsdist-0.5.tar.gz` changed since `pathsdist` was "
                                     "locked"),
            std::string::npos)
      << changed.stderr_data;
  ws_.write("dist/pathsdist-0.5.tar.gz", *archive);

  // An editable build follows its source.
  ws_.write("packages/lib/src/lib/__init__.py", "X = 'edited'\n");
  EXPECT_EQ(python("import lib; print(lib.X)"), "edited\n");

  // Nothing changed: an audit, no build.
  SubprocessResult again = roost({"sync"});
  ASSERT_EQ(again.exit_code, 0) << again.stderr_data;
  EXPECT_NE(again.stderr_data.find("Audited 11 packages"), std::string::npos) << again.stderr_data;

  // A dynamic version that changes is seen by the next sync (the lock does not record it).
  write_dynamic_member("4.2");
  SubprocessResult bumped = roost({"sync"});
  ASSERT_EQ(bumped.exit_code, 0) << bumped.stderr_data;
  EXPECT_NE(bumped.stderr_data.find(" - dyn==4.1\n + dyn==4.2\n"), std::string::npos)
      << bumped.stderr_data;

  // A fresh environment from the same cache builds nothing: every wheel is a cache hit.
  fs::remove_all(ws_.path(".venv"));
  fs::remove_all(project_.index.root() / "files" / "tinybuild-1.0-py3-none-any.whl");
  SubprocessResult cached = roost({"sync", "--offline"});
  ASSERT_EQ(cached.exit_code, 0) << cached.stderr_data;
  EXPECT_EQ(python("import gitpkg, sdistpkg; print(gitpkg.Z)"), "3\n");
}

TEST_F(BuildE2eTest, PipCompileBuildsAnSdistWithoutMetadataToReadItsRequirements) {
  if (!skip_.empty()) GTEST_SKIP() << skip_;
  SubprocessResult r =
      run_roost({"pip", "compile", "baresdist", "--no-header", "--index-url", project_.url,
                 "--cache-dir", ws_.path("cache").string()});
  ASSERT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_EQ(r.stdout_data, "baresdist==1.2\nbeta==1.0\n");
}

TEST_F(BuildE2eTest, AFailingBackendNamesThePackageAndLeavesTheEnvironmentAsItWas) {
  if (!skip_.empty()) GTEST_SKIP() << skip_;
  SubprocessResult first = roost({"sync"});
  ASSERT_EQ(first.exit_code, 0) << first.stderr_data;

  ws_.write("vendor/pathdir/pyproject.toml",
            std::string("[project]\nname = \"pathdir\"\nversion = \"1.6\"\n"
                        "dependencies = [\"beta\"]\n\n[tool.tinybuild]\nfail = true\n") +
                kTinybuild);
  SubprocessResult failed = roost({"sync"});
  EXPECT_EQ(failed.exit_code, 2) << failed.stderr_data;
  EXPECT_NE(failed.stderr_data.find("Failed to build `pathdir"), std::string::npos)
      << failed.stderr_data;
  EXPECT_NE(failed.stderr_data.find("tinybuild: compiling pathdir"), std::string::npos)
      << failed.stderr_data;
  // The old version is still installed and importable: builds run before anything is removed.
  EXPECT_EQ(python("import importlib.metadata as m; print(m.version('pathdir'))"), "1.5\n");
}

}  // namespace
}  // namespace roost::e2e
