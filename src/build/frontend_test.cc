// The PEP 517 / 660 frontend against an in-tree backend (tests/projects.h), with the machine's
// python3 as the build environment: wheels and editables that unpack_wheel accepts, metadata,
// extra requirements, failures with the backend's output, and cache hits that start no Python.
#include "build/frontend.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "build/testing/projects.h"
#include "install/unpack.h"
#include "python/test_support.h"

namespace roost::build {
namespace {

namespace fs = std::filesystem;
using python::testing::TempDir;

BuildRequest request(const TempDir& t, const fs::path& python, BuildKind kind = BuildKind::kWheel) {
  return BuildRequest{.source_dir = t.path("src-tree"),
                      .kind = kind,
                      .python = python,
                      .python_version = "3.11.2",
                      .output_dir = t.path("out"),
                      .timeout_ms = 60000};
}

install::UnpackedWheel unpack(const fs::path& wheel, const fs::path& dest) {
  Result<install::UnpackedWheel> w = install::unpack_wheel(wheel, dest);
  EXPECT_TRUE(w.ok()) << (w.ok() ? "" : w.error().render());
  return std::move(w).value();
}

TEST(Frontend, BackendAndRequirementsDefaults) {
  Result<pyproject::PyProject> none =
      pyproject::parse_pyproject("[project]\nname = \"a\"\nversion = \"1\"\n", "p/pyproject.toml");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(build_backend(&*none).name, "setuptools.build_meta:__legacy__");
  EXPECT_EQ(build_backend(nullptr).name, "setuptools.build_meta:__legacy__");
  EXPECT_EQ(build_requirements(*none).value(), std::vector<std::string>{"setuptools>=40.8.0"});

  Result<pyproject::PyProject> hatch = pyproject::parse_pyproject(
      "[build-system]\nrequires = [\"hatchling >= 1.20\", \"hatch-vcs\"]\n"
      "build-backend = \"hatchling.build\"\nbackend-path = [\"_build\"]\n",
      "p/pyproject.toml");
  ASSERT_TRUE(hatch.ok()) << hatch.error().render();
  EXPECT_EQ(build_backend(&*hatch).name, "hatchling.build");
  EXPECT_EQ(build_backend(&*hatch).path, std::vector<std::string>{"_build"});
  EXPECT_EQ(build_requirements(*hatch).value(),
            (std::vector<std::string>{"hatchling>=1.20", "hatch-vcs"}));

  Result<pyproject::PyProject> no_backend =
      pyproject::parse_pyproject("[build-system]\nrequires = [\"setuptools\", \"wheel\"]\n", "p");
  ASSERT_TRUE(no_backend.ok());
  EXPECT_EQ(build_backend(&*no_backend).name, "setuptools.build_meta:__legacy__");
  EXPECT_EQ(build_requirements(*no_backend).value(),
            (std::vector<std::string>{"setuptools", "wheel"}));
}

TEST(Frontend, BuildsAWheelAndAnEditable) {
  ROOST_REQUIRE_PYTHON(python3, testing::system_python());
  TempDir t;
  testing::write_backend_project(t.path("src-tree"));
  BuildRequest r = request(t, *python3);
  r.config_settings = {{"--build-option", "a"}, {"--build-option", "b"}, {"mode", "fast"}};
  Result<BuildResult> built = build_wheel(r);
  ASSERT_TRUE(built.ok()) << built.error().render();
  EXPECT_EQ(built->wheel, t.path("out/mypkg-0.1.0-py3-none-any.whl"));
  EXPECT_FALSE(built->from_cache);
  // stdout and stderr arrive as one stream.
  EXPECT_NE(built->output.find("building mypkg into"), std::string::npos) << built->output;
  EXPECT_NE(built->output.find("a warning on stderr"), std::string::npos) << built->output;
  install::UnpackedWheel w = unpack(built->wheel, t.path("unpacked"));
  EXPECT_EQ(w.name.str(), "mypkg");
  EXPECT_EQ(read_file(t.path("unpacked/mypkg/__init__.py")).value_or(""), "X = 1\n");
  EXPECT_EQ(read_file(t.path("unpacked/mypkg/_config.py")).value_or(""),
            "CONFIG = {'--build-option': ['a', 'b'], 'mode': 'fast'}\n");
  // Nothing of the frontend's is left in the output directory but the wheel.
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(t.path("out"))) left.push_back(e.path().filename());
  EXPECT_EQ(left, std::vector<std::string>{"mypkg-0.1.0-py3-none-any.whl"});

  Result<BuildResult> editable = build_wheel(request(t, *python3, BuildKind::kEditable));
  ASSERT_TRUE(editable.ok()) << editable.error().render();
  install::UnpackedWheel e = unpack(editable->wheel, t.path("unpacked-editable"));
  EXPECT_EQ(read_file(t.path("unpacked-editable/_mypkg.pth")).value_or(""),
            t.path("src-tree/src").string() + "\n");
}

TEST(Frontend, ThirdPartyPyprojectNeedNotPassRoostsChecks) {
  ROOST_REQUIRE_PYTHON(python3, testing::system_python());
  TempDir t;
  testing::write_backend_project(t.path("src-tree"));
  // No version and no `dynamic`: roost's reader refuses it, the backend does not care.
  t.write("src-tree/pyproject.toml",
          "[build-system]\nrequires = []\nbuild-backend = \"mybackend\"\nbackend-path = [\".\"]\n"
          "[project]\nname = \"mypkg\"\n[tool.uv.sources]\nx = {unknown = 1}\n");
  ASSERT_FALSE(pyproject::read_pyproject(t.path("src-tree/pyproject.toml")).ok());
  Result<BuildResult> built = build_wheel(request(t, *python3));
  ASSERT_TRUE(built.ok()) << built.error().render();
  // A malformed [build-system] is still an error.
  t.write("src-tree/pyproject.toml", "[build-system]\nbuild-backend = 1\n");
  built = build_wheel(request(t, *python3));
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error().message(), t.path("src-tree/pyproject.toml").string() +
                                         ": `build-system.build-backend` must be a string");
}

TEST(Frontend, PrepareMetadataAndExtraRequirements) {
  ROOST_REQUIRE_PYTHON(python3, testing::system_python());
  TempDir t;
  testing::write_backend_project(t.path("src-tree"));
  Result<std::string> metadata = prepare_metadata(request(t, *python3));
  ASSERT_TRUE(metadata.ok()) << metadata.error().render();
  EXPECT_EQ(*metadata,
            "Metadata-Version: 2.1\nName: mypkg\nVersion: 0.1.0\nRequires-Dist: attrs\n");
  // No prepare_metadata_for_build_editable: PEP 517's fallback builds and reads the wheel.
  Result<std::string> editable = prepare_metadata(request(t, *python3, BuildKind::kEditable));
  ASSERT_TRUE(editable.ok()) << editable.error().render();
  EXPECT_EQ(*editable, *metadata);

  Result<std::vector<std::string>> extra = extra_build_requirements(request(t, *python3));
  ASSERT_TRUE(extra.ok()) << extra.error().render();
  EXPECT_EQ(*extra, std::vector<std::string>{"foo>=1"});
  // No get_requires_for_build_editable: PEP 517's default, nothing.
  extra = extra_build_requirements(request(t, *python3, BuildKind::kEditable));
  ASSERT_TRUE(extra.ok()) << extra.error().render();
  EXPECT_TRUE(extra->empty());
  EXPECT_TRUE(fs::is_empty(t.path("out")));
}

TEST(Frontend, ABackendThatFailsGivesItsOutput) {
  ROOST_REQUIRE_PYTHON(python3, testing::system_python());
  TempDir t;
  testing::write_backend_project(t.path("src-tree"), {.fail = true});
  Result<BuildResult> built = build_wheel(request(t, *python3));
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error().kind(), ErrorKind::kSubprocess);
  const std::string& m = built.error().message();
  const std::string head = "Failed to build `mypkg @ " + t.path("src-tree").string() +
                           "`: the build backend returned an error\nbuilding mypkg into ";
  EXPECT_EQ(m.substr(0, head.size()), head) << m;
  EXPECT_NE(m.find("a warning on stderr\ncompiling foo\nTraceback (most recent call last):"),
            std::string::npos)
      << m;
  EXPECT_TRUE(m.ends_with("\nRuntimeError: boom: the compiler is missing")) << m;
  // The shim's own frames are not the user's business.
  EXPECT_EQ(m.find("roost_hook_shim"), std::string::npos) << m;
}

TEST(Frontend, TheOutputIsCutToItsLast50Lines) {
  EXPECT_EQ(output_tail("a\nb\nc\n", 2), "b\nc");
  EXPECT_EQ(output_tail("a\nb\nc", 5), "a\nb\nc");
  EXPECT_EQ(output_tail("", 5), "");
  std::string many;
  for (int i = 0; i < 80; ++i) many += "line " + std::to_string(i) + "\n";
  std::string tail = output_tail(many);
  EXPECT_EQ(tail.substr(0, 8), "line 30\n");
  EXPECT_EQ(std::count(tail.begin(), tail.end(), '\n'), 49);
}

TEST(Frontend, EditableNeedsPep660) {
  ROOST_REQUIRE_PYTHON(python3, testing::system_python());
  TempDir t;
  testing::write_backend_project(t.path("src-tree"), {.editable = false});
  Result<BuildResult> built = build_wheel(request(t, *python3, BuildKind::kEditable));
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error().message(),
            "Failed to build `mypkg @ " + t.path("src-tree").string() +
                "`: the build backend `mybackend` does not support editable installs (PEP 660)");
}

TEST(Frontend, BackendProblems) {
  ROOST_REQUIRE_PYTHON(python3, testing::system_python());
  TempDir t;
  const std::string dir = t.path("src-tree").string();
  // Not importable: the hint says where it should come from.
  t.write("src-tree/pyproject.toml",
          "[build-system]\nrequires = []\nbuild-backend = \"no_such_backend.api\"\n");
  Result<BuildResult> built = build_wheel(request(t, *python3));
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error().message().substr(0, built.error().message().find('\n')),
            "Failed to build `src-tree @ " + dir +
                "`: the build backend `no_such_backend.api` could not be imported");
  EXPECT_NE(built.error().message().find("ModuleNotFoundError"), std::string::npos);
  EXPECT_EQ(built.error().hint(),
            "the build environment must provide `no_such_backend.api`: is "
            "it in [build-system].requires?");
  // backend-path given, but the module comes from elsewhere (the standard library).
  t.write("src-tree/pyproject.toml",
          "[build-system]\nrequires = []\nbuild-backend = \"json\"\nbackend-path = [\"tools\"]\n");
  t.mkdir("src-tree/tools");
  built = build_wheel(request(t, *python3));
  ASSERT_FALSE(built.ok());
  EXPECT_NE(built.error().message().find("the build backend `json` was loaded from /"),
            std::string::npos)
      << built.error().message();
  // backend-path outside the tree.
  t.write("src-tree/pyproject.toml",
          "[build-system]\nrequires = []\nbuild-backend = \"x\"\nbackend-path = [\"../x\"]\n");
  built = build_wheel(request(t, *python3));
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error().message(),
            "[build-system].backend-path entry `../x` is not inside " + dir);
  // An interpreter that does not exist.
  testing::write_backend_project(t.path("src-tree"));
  built = build_wheel(request(t, "/nonexistent/bin/python"));
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error().kind(), ErrorKind::kSubprocess);
}

TEST(Frontend, Timeout) {
  ROOST_REQUIRE_PYTHON(python3, testing::system_python());
  TempDir t;
  testing::write_backend_project(t.path("src-tree"), {.sleep_seconds = 30});
  BuildRequest r = request(t, *python3);
  r.timeout_ms = 1000;
  Result<BuildResult> built = build_wheel(r);
  ASSERT_FALSE(built.ok());
  EXPECT_NE(built.error().message().find("`: the build backend did not finish within 1 s\n"),
            std::string::npos)
      << built.error().message();
}

TEST(Frontend, CacheHitStartsNoPython) {
  ROOST_REQUIRE_PYTHON(python3, testing::system_python());
  TempDir t;
  testing::write_backend_project(t.path("src-tree"));
  Result<cache::Cache> cache = cache::Cache::open(t.path("cache"));
  ASSERT_TRUE(cache.ok());
  std::atomic<int> runs{0};
  BuildRequest r = request(t, *python3);
  r.cache = &*cache;
  r.python_runs = &runs;
  Result<BuildResult> first = build_wheel(r);
  ASSERT_TRUE(first.ok()) << first.error().render();
  EXPECT_FALSE(first->from_cache);
  EXPECT_EQ(runs.load(), 1);

  // The same tree again, with an interpreter that cannot run: only the cache can answer.
  fs::remove_all(t.path("out"));
  r.python = "/nonexistent/bin/python";
  const auto start = std::chrono::steady_clock::now();
  Result<BuildResult> second = build_wheel(r);
  const std::chrono::duration<double, std::milli> elapsed =
      std::chrono::steady_clock::now() - start;
  std::printf("[ timing ] build_wheel cache hit (tree hash included): %.2f ms\n", elapsed.count());
  ASSERT_TRUE(second.ok()) << second.error().render();
  EXPECT_TRUE(second->from_cache);
  EXPECT_EQ(runs.load(), 1);
  EXPECT_EQ(second->wheel, first->wheel);
  unpack(second->wheel, t.path("unpacked"));

  // Another kind, Python version or config is another entry; so is an edited tree.
  r.python_version = "3.12.0";
  EXPECT_FALSE(build_wheel(r).ok());
  r.python_version = "3.11.2";
  r.kind = BuildKind::kEditable;
  EXPECT_FALSE(build_wheel(r).ok());
  r.kind = BuildKind::kWheel;
  testing::write_text(t.path("src-tree/src/mypkg/__init__.py"), "X = 2\n");
  EXPECT_FALSE(build_wheel(r).ok());
  r.python = *python3;
  Result<BuildResult> rebuilt = build_wheel(r);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.error().render();
  EXPECT_FALSE(rebuilt->from_cache);
  EXPECT_EQ(runs.load(), 2);
  unpack(rebuilt->wheel, t.path("unpacked-2"));
  EXPECT_EQ(read_file(t.path("unpacked-2/mypkg/__init__.py")).value_or(""), "X = 2\n");

  // A cached build needs the Python version for its key.
  r.python_version.clear();
  Result<BuildResult> unkeyed = build_wheel(r);
  ASSERT_FALSE(unkeyed.ok());
  EXPECT_EQ(unkeyed.error().kind(), ErrorKind::kUsage);
}

TEST(Frontend, EditableCacheEntriesAreTiedToTheirDirectory) {
  ROOST_REQUIRE_PYTHON(python3, testing::system_python());
  TempDir t;
  testing::write_backend_project(t.path("src-tree"));
  testing::write_backend_project(t.path("copy"));
  Result<cache::Cache> cache = cache::Cache::open(t.path("cache"));
  ASSERT_TRUE(cache.ok());
  std::atomic<int> runs{0};
  BuildRequest r = request(t, *python3, BuildKind::kEditable);
  r.cache = &*cache;
  r.python_runs = &runs;
  ASSERT_TRUE(build_wheel(r).ok());
  r.source_dir = t.path("copy");
  r.output_dir = t.path("out-copy");
  Result<BuildResult> copy = build_wheel(r);
  ASSERT_TRUE(copy.ok());
  EXPECT_FALSE(copy->from_cache);
  EXPECT_EQ(runs.load(), 2);
  // A regular wheel of identical content is shared.
  r.kind = BuildKind::kWheel;
  ASSERT_TRUE(build_wheel(r).ok());
  r.source_dir = t.path("src-tree");
  Result<BuildResult> shared = build_wheel(r);
  ASSERT_TRUE(shared.ok());
  EXPECT_TRUE(shared->from_cache);
  EXPECT_EQ(runs.load(), 3);
}

TEST(Frontend, RequestChecks) {
  BuildRequest r{.source_dir = "relative", .python = "/usr/bin/python3", .output_dir = "/tmp"};
  EXPECT_EQ(build_wheel(r).error().kind(), ErrorKind::kUsage);
  r.source_dir = "/nonexistent/roost/tree";
  EXPECT_EQ(build_wheel(r).error().kind(), ErrorKind::kNotFound);
}

}  // namespace
}  // namespace roost::build
