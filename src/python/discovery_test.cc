// Discovery (discovery.h) over PATH directories the tests build from this machine's real
// interpreters, plus pyenv's versions folder. Tests skip when the interpreters are absent.
#include "python/discovery.h"

#include <gtest/gtest.h>

#include <atomic>

#include "python/test_support.h"
#include "python/venv.h"

namespace roost::python {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

PythonRequest request(std::string_view text) {
  return PythonRequest::parse(text).value();
}

// Three PATH directories: a broken python3, Debian's 3.11 as python3, pyenv's 3.12 as python3.12.
struct FakePath {
  TempDir t;
  fs::path broken, debian_dir, newer_dir;
  std::string path_env;
  FakePath(const fs::path& debian, const fs::path& py312) {
    broken = t.write("broken/python3", "#!/bin/sh\nexit 1\n", 0755).parent_path();
    debian_dir = t.symlink("debian/python3", debian).parent_path();
    newer_dir = t.symlink("newer/python3.12", py312).parent_path();
    path_env = broken.string() + ":" + debian_dir.string() + ":" + newer_dir.string();
  }
  DiscoveryInputs inputs() const { return {.path_env = path_env, .cwd = t.root()}; }
};

Result<FoundInterpreter> find(const std::optional<PythonRequest>& r, const DiscoveryInputs& in) {
  return find_interpreter(r, in);
}

TEST(Discovery, FirstOnPathSkippingOnesThatFail) {
  ROOST_REQUIRE_PYTHON(debian, testing::debian_python311());
  ROOST_REQUIRE_PYTHON(py312, testing::pyenv_python("3.12.1"));
  FakePath p(*debian, *py312);
  Result<FoundInterpreter> found = find(std::nullopt, p.inputs());
  ASSERT_TRUE(found.ok()) << found.error().render();
  EXPECT_EQ(found->interpreter.path, p.debian_dir / "python3");
  EXPECT_EQ(found->interpreter.prefix, "/usr");
  EXPECT_EQ(found->source, InterpreterSource::kSearchPath);
  EXPECT_FALSE(found->request_file.has_value());
}

TEST(Discovery, VersionRequestsLookForVersionedNames) {
  ROOST_REQUIRE_PYTHON(debian, testing::debian_python311());
  ROOST_REQUIRE_PYTHON(py312, testing::pyenv_python("3.12.1"));
  FakePath p(*debian, *py312);
  for (std::string_view text : {"3.12", "python3.12", ">=3.12", "cpython@3.12", "3.12.1"}) {
    Result<FoundInterpreter> found = find(request(text), p.inputs());
    ASSERT_TRUE(found.ok()) << text << ": " << found.error().render();
    EXPECT_EQ(found->interpreter.path, p.newer_dir / "python3.12") << text;
    EXPECT_EQ(found->interpreter.version_text(), "3.12.1") << text;
  }
  Result<FoundInterpreter> old = find(request("3.11"), p.inputs());
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->interpreter.path, p.debian_dir / "python3");
}

TEST(Discovery, RequiresPythonFiltersAndTheErrorSaysWhatWasFound) {
  ROOST_REQUIRE_PYTHON(debian, testing::debian_python311());
  ROOST_REQUIRE_PYTHON(py312, testing::pyenv_python("3.12.1"));
  FakePath p(*debian, *py312);
  DiscoveryInputs in = p.inputs();
  in.requires_python = pep440::SpecifierSet::parse(">=3.12").value();
  Result<FoundInterpreter> found = find(std::nullopt, in);
  ASSERT_TRUE(found.ok()) << found.error().render();
  EXPECT_EQ(found->interpreter.version_text(), "3.12.1");

  in.requires_python = pep440::SpecifierSet::parse(">=3.13").value();
  Result<FoundInterpreter> none = find(std::nullopt, in);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind(), ErrorKind::kNotFound);
  std::string debian_version = probe_interpreter(*debian)->version_text();
  EXPECT_EQ(none.error().message(),
            "No interpreter found for Python satisfying requires-python `>=3.13` in PATH; found " +
                debian_version + " at " + (p.debian_dir / "python3").string() + ", 3.12.1 at " +
                (p.newer_dir / "python3.12").string());
  ASSERT_TRUE(none.error().hint().has_value());
  EXPECT_EQ(*none.error().hint(), "skipped: cannot query the interpreter at " +
                                      (p.broken / "python3").string() + ": it exited with code 1");
}

TEST(Discovery, PyenvVersionsComeLast) {
  ROOST_REQUIRE_PYTHON(debian, testing::debian_python311());
  ROOST_REQUIRE_PYTHON(py312, testing::pyenv_python("3.12.1"));
  ROOST_REQUIRE_PYTHON(py313, testing::pyenv_python("3.13.0"));
  FakePath p(*debian, *py312);
  DiscoveryInputs in = p.inputs();
  in.pyenv_root = "/root/.pyenv";
  in.requires_python = pep440::SpecifierSet::parse(">=3.13").value();
  Result<FoundInterpreter> found = find(std::nullopt, in);
  ASSERT_TRUE(found.ok()) << found.error().render();
  EXPECT_EQ(found->source, InterpreterSource::kPyenv);
  EXPECT_EQ(found->interpreter.path, *py313);
  // Nothing at all: the error names every place searched.
  in.requires_python = pep440::SpecifierSet::parse(">=4").value();
  Result<FoundInterpreter> none = find(request("3.12"), in);
  ASSERT_FALSE(none.ok());
  EXPECT_TRUE(none.error().message().starts_with(
      "No interpreter found for Python 3.12 satisfying requires-python `>=4` in PATH or pyenv "
      "versions; found "))
      << none.error().message();
}

TEST(Discovery, PythonVersionFileIsTheDefaultRequest) {
  ROOST_REQUIRE_PYTHON(debian, testing::debian_python311());
  ROOST_REQUIRE_PYTHON(py312, testing::pyenv_python("3.12.1"));
  FakePath p(*debian, *py312);
  fs::path pin = p.t.write("project/.python-version", "# pinned\n3.12\n");
  p.t.mkdir("project/src");
  DiscoveryInputs in = p.inputs();
  in.project_dir = p.t.path("project/src");
  Result<FoundInterpreter> found = find(std::nullopt, in);
  ASSERT_TRUE(found.ok()) << found.error().render();
  EXPECT_EQ(found->interpreter.version_text(), "3.12.1");
  EXPECT_EQ(found->request_file, pin);
  // --python wins over the file.
  Result<FoundInterpreter> explicit_request = find(request("3.11"), in);
  ASSERT_TRUE(explicit_request.ok());
  EXPECT_EQ(explicit_request->interpreter.major_minor(), "3.11");
  EXPECT_FALSE(explicit_request->request_file.has_value());
  // A pin nothing satisfies says where it came from.
  p.t.write("project/.python-version", "3.9\n");
  Result<FoundInterpreter> none = find(std::nullopt, in);
  ASSERT_FALSE(none.ok());
  EXPECT_TRUE(none.error().message().starts_with("No interpreter found for Python 3.9 (from " +
                                                 pin.string() + ") in PATH; found "))
      << none.error().message();
}

TEST(Discovery, PathRequestsPickThatExactInterpreter) {
  ROOST_REQUIRE_PYTHON(debian, testing::debian_python311());
  ROOST_REQUIRE_PYTHON(pyenv, testing::pyenv_python("3.11.7"));
  // Both are 3.11: a version request cannot tell them apart, a path does.
  DiscoveryInputs in{.path_env = pyenv->parent_path().string() + ":/usr/bin", .cwd = "/usr"};
  Result<FoundInterpreter> by_version = find(request("3.11"), in);
  ASSERT_TRUE(by_version.ok());
  EXPECT_EQ(by_version->interpreter.prefix, "/root/.pyenv/versions/3.11.7");

  Result<FoundInterpreter> by_path = find(request(debian->string()), in);
  ASSERT_TRUE(by_path.ok()) << by_path.error().render();
  EXPECT_EQ(by_path->source, InterpreterSource::kExplicitPath);
  EXPECT_EQ(by_path->interpreter.path, *debian);
  EXPECT_EQ(by_path->interpreter.prefix, "/usr");

  Result<FoundInterpreter> relative = find(request("bin/python3.11"), in);  // against cwd /usr
  ASSERT_TRUE(relative.ok()) << relative.error().render();
  EXPECT_EQ(relative->interpreter.path, "/usr/bin/python3.11");

  Result<FoundInterpreter> prefix = find(request("/root/.pyenv/versions/3.11.7"), in);
  ASSERT_TRUE(prefix.ok()) << prefix.error().render();
  EXPECT_EQ(prefix->interpreter.path, "/root/.pyenv/versions/3.11.7/bin/python3");

  in.home = "/root/.pyenv";
  Result<FoundInterpreter> home = find(request("~/versions/3.11.7/bin/python3"), in);
  ASSERT_TRUE(home.ok()) << home.error().render();
  EXPECT_EQ(home->interpreter.version_text(), "3.11.7");

  in.requires_python = pep440::SpecifierSet::parse(">=3.12").value();
  Result<FoundInterpreter> too_old = find(request("/root/.pyenv/versions/3.11.7/bin/python3"), in);
  ASSERT_FALSE(too_old.ok());
  EXPECT_EQ(too_old.error().kind(), ErrorKind::kUsage);
  EXPECT_EQ(too_old.error().message(),
            "The interpreter at /root/.pyenv/versions/3.11.7/bin/python3 is Python 3.11.7, which "
            "does not satisfy requires-python `>=3.12`");

  Result<FoundInterpreter> missing = find(request("/nonexistent/python"), in);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message(),
            "No interpreter found at /nonexistent/python: no such file or directory");
}

TEST(Discovery, VirtualEnvironmentFirstWhenItFits) {
  ROOST_REQUIRE_PYTHON(debian, testing::debian_python311());
  ROOST_REQUIRE_PYTHON(py312, testing::pyenv_python("3.12.1"));
  FakePath p(*debian, *py312);
  Result<Interpreter> base = probe_interpreter(*debian);
  ASSERT_TRUE(base.ok());
  fs::path venv = p.t.path("project/.venv");
  ASSERT_TRUE(create_venv(venv, *base, {.roost_version = "0.0.0-test"}).ok());
  DiscoveryInputs in = p.inputs();
  in.venv = venv;
  Result<FoundInterpreter> found = find(std::nullopt, in);
  ASSERT_TRUE(found.ok()) << found.error().render();
  EXPECT_EQ(found->source, InterpreterSource::kVirtualEnv);
  EXPECT_TRUE(found->interpreter.is_venv());
  EXPECT_EQ(found->interpreter.prefix, venv);
  EXPECT_EQ(found->interpreter.base_prefix, "/usr");
  EXPECT_EQ(found->interpreter.base_executable, *debian);
  // A venv that does not fit is passed over.
  Result<FoundInterpreter> newer = find(request("3.12"), in);
  ASSERT_TRUE(newer.ok());
  EXPECT_EQ(newer->source, InterpreterSource::kSearchPath);
  EXPECT_EQ(newer->interpreter.version_text(), "3.12.1");
}

TEST(Discovery, ExecutableNamesAreLookedUpOnPathOnly) {
  ROOST_REQUIRE_PYTHON(debian, testing::debian_python311());
  TempDir t;
  fs::path custom = t.symlink("tools/python-custom", *debian);
  DiscoveryInputs in{.path_env = "/nonexistent:" + custom.parent_path().string(), .cwd = t.root()};
  Result<FoundInterpreter> found = find(request("python-custom"), in);
  ASSERT_TRUE(found.ok()) << found.error().render();
  EXPECT_EQ(found->interpreter.path, custom);
  Result<FoundInterpreter> none = find(request("python-other"), in);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().message(),
            "No interpreter found for Python executable `python-other` in PATH; no other "
            "interpreters were found");
}

TEST(Discovery, ThisMachinesPathWithPyenvShims) {
  // The machine's own layout: python3 on PATH is pyenv's shim for 3.11.7; the python3.12 shim
  // is not selected (3.12 is installed but not chosen), so 3.12 comes from pyenv's versions
  // folder.
  ROOST_REQUIRE_PYTHON(shim, testing::existing_executable("/root/.pyenv/shims/python3"));
  ROOST_REQUIRE_PYTHON(py312, testing::pyenv_python("3.12.1"));
  TempDir t;
  cache::Cache cache = cache::Cache::open(t.path("cache")).value();
  std::atomic<int> spawns = 0;
  DiscoveryInputs in{.path_env = "/root/.pyenv/shims:/usr/bin:/bin",
                     .pyenv_root = "/root/.pyenv",
                     .cwd = t.root()};
  ProbeOptions probe{.cache = &cache, .spawn_count = &spawns};
  Result<FoundInterpreter> any = find_interpreter(std::nullopt, in, probe);
  ASSERT_TRUE(any.ok()) << any.error().render();
  // The shim is resolved as pyenv would (pyenv_shim.h) to the real binary, which a venv must
  // link to, and whose probe is cached: a second discovery starts no Python.
  EXPECT_TRUE(any->interpreter.path.string().starts_with("/root/.pyenv/versions/"))
      << any->interpreter.path;
  EXPECT_TRUE(any->interpreter.sys_executable.string().starts_with("/root/.pyenv/versions/"))
      << any->interpreter.sys_executable;
  int spawned = spawns;
  ASSERT_TRUE(find_interpreter(std::nullopt, in, probe).ok());
  EXPECT_EQ(spawns, spawned);
  Result<FoundInterpreter> py312_found = find_interpreter(request("3.12"), in, probe);
  ASSERT_TRUE(py312_found.ok()) << py312_found.error().render();
  EXPECT_EQ(py312_found->interpreter.path, *py312);
  EXPECT_EQ(py312_found->source, InterpreterSource::kPyenv);
}

}  // namespace
}  // namespace roost::python
