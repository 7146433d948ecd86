// Native venv creation end to end (venv.h): the layout, a real interpreter running in it, .pth
// files, bash activation, keep / replace decisions, and read_venv. Skips without the interpreters.
#include "python/venv.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

#include "python/probe.h"
#include "python/test_support.h"

namespace roost::python {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

Interpreter probe(const fs::path& exe) {
  Result<Interpreter> py = probe_interpreter(exe);
  EXPECT_TRUE(py.ok()) << py.error().render();
  return py.ok() ? std::move(py).value() : Interpreter{};
}

std::string read_link(const fs::path& link) {
  std::error_code ec;
  return fs::read_symlink(link, ec).string();
}

std::string contents(const fs::path& path) {
  return read_file(path).value_or("<missing>");
}

// Entries of `dir` whose names start with "." and contain ".tmp-": leftovers of a creation.
std::vector<std::string> temp_leftovers(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name.starts_with(".") && name.find(".tmp-") != std::string::npos) out.push_back(name);
  }
  return out;
}

TEST(Venv, LayoutAndARealInterpreterInIt) {
  // The real `python3` on this machine is pyenv's shim; the venv must link what it runs.
  std::optional<fs::path> python3 = testing::existing_executable("/root/.pyenv/shims/python3");
  if (!python3) python3 = testing::pyenv_python("3.11.7");
  ROOST_REQUIRE_PYTHON(exe, python3);
  Interpreter py = probe(*exe);
  ASSERT_FALSE(py.base_executable.empty());
  TempDir t;
  fs::path venv = t.path("project/.venv");

  auto start = std::chrono::steady_clock::now();
  Result<VenvResult> made = create_venv(venv, py, {.roost_version = "0.1.0"});
  auto elapsed =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
  std::printf("[ timing ] create_venv: %.2f ms\n", elapsed.count());
  ASSERT_TRUE(made.ok()) << made.error().render();
  EXPECT_EQ(made->outcome, VenvOutcome::kCreated);

  // pyvenv.cfg, uv's keys and order.
  EXPECT_EQ(contents(venv / "pyvenv.cfg"),
            "home = " + py.base_executable.parent_path().string() + "\n" +
                "implementation = CPython\n"
                "roost = 0.1.0\n"
                "version_info = " +
                py.version_text() + "\n" + "include-system-site-packages = false\n");
  // Links: to the real binary, never the shim.
  EXPECT_EQ(read_link(venv / "bin/python"), py.base_executable.string());
  EXPECT_FALSE(py.base_executable.string().find("/shims/") != std::string::npos);
  EXPECT_EQ(read_link(venv / "bin/python3"), "python");
  EXPECT_EQ(read_link(venv / ("bin/python" + py.major_minor())), "python");
  EXPECT_EQ(read_link(venv / "lib64"), "lib");
  EXPECT_TRUE(fs::is_directory(venv / ("lib/python" + py.major_minor() + "/site-packages")));
  for (const char* name : {"activate", "activate.fish", "activate.csh", "activate.nu"}) {
    EXPECT_TRUE(fs::is_regular_file(venv / "bin" / name)) << name;
  }
  EXPECT_EQ(contents(venv / ".gitignore"), "*");
  EXPECT_TRUE(
      contents(venv / "CACHEDIR.TAG").starts_with("Signature: 8a477f597d28d172789f06886806bc55\n"));
  EXPECT_EQ(temp_leftovers(venv.parent_path()), std::vector<std::string>{});

  // The result describes the new venv.
  EXPECT_EQ(made->venv.root, venv);
  EXPECT_EQ(made->venv.version, py.version);
  EXPECT_EQ(made->venv.creator, "roost 0.1.0");
  fs::path site = venv / ("lib/python" + py.major_minor() + "/site-packages");
  EXPECT_EQ(made->venv.scheme.purelib, site);
  EXPECT_EQ(made->venv.scheme.python, venv / "bin/python");
  EXPECT_TRUE(made->venv.interpreter_exists());

  // Python agrees it runs in the venv, with the venv's site-packages, and honours a .pth file.
  fs::path extra = t.mkdir("extra-path");
  ASSERT_TRUE(write_file_atomic(site / "roost_test.pth",
                                extra.string() + "\nimport os; os.environ['ROOST_PTH'] = 'ran'\n")
                  .ok());
  std::string out = testing::run({(venv / "bin/python").string(), "-c",
                                  "import os, sys\n"
                                  "print(sys.prefix)\nprint(sys.base_prefix)\n"
                                  "print([p for p in sys.path if p.endswith('site-packages')])\n"
                                  "print(" +
                                      std::string("'") + extra.string() +
                                      "' in sys.path)\nprint(os.environ.get('ROOST_PTH'))"},
                                 std::vector<std::string>{"PATH=/usr/bin:/bin"});
  EXPECT_EQ(out, venv.string() + "\n" + py.base_prefix.string() + "\n['" + site.string() +
                     "']\nTrue\nran");

  // Probing the venv's python reports the venv as its prefix (the probe runs with -S).
  Result<Interpreter> inside = probe_interpreter(venv / "bin/python");
  ASSERT_TRUE(inside.ok()) << inside.error().render();
  EXPECT_TRUE(inside->is_venv());
  EXPECT_EQ(inside->prefix, venv);
  EXPECT_EQ(inside->base_prefix, py.base_prefix);
  // 3.11 names the base by pyvenv.cfg's home and its own file name: the same binary.
  EXPECT_EQ(fs::canonical(inside->base_executable), fs::canonical(py.base_executable));

  // `source activate` in bash.
  EXPECT_EQ(testing::run({"bash", "-c",
                          "cd " + t.root().string() +
                              "/project && . .venv/bin/activate && echo $VIRTUAL_ENV "
                              "&& command -v python"},
                         std::vector<std::string>{"PATH=/usr/bin:/bin"}),
            venv.string() + "\n" + (venv / "bin/python").string());

  // read_venv: the same facts, without Python.
  Result<VenvInfo> info = read_venv(venv);
  ASSERT_TRUE(info.ok()) << info.error().render();
  EXPECT_EQ(info->home, py.base_executable.parent_path());
  EXPECT_EQ(info->implementation, "cpython");
  EXPECT_EQ(info->version_text, py.version_text());
  EXPECT_EQ(info->scheme.purelib, site);
  EXPECT_EQ(info->scheme.scripts, venv / "bin");
  EXPECT_EQ(info->scheme.include, venv / ("include/site/python" + py.major_minor()));
  EXPECT_FALSE(info->prompt.has_value());

  // A venv that still fits is kept untouched.
  ASSERT_TRUE(write_file_atomic(venv / "keep-me", "x").ok());
  Result<VenvResult> again = create_venv(
      venv, py,
      {.roost_version = "0.1.0", .request = PythonRequest::parse(py.major_minor()).value()});
  ASSERT_TRUE(again.ok()) << again.error().render();
  EXPECT_EQ(again->outcome, VenvOutcome::kKept);
  EXPECT_TRUE(fs::exists(venv / "keep-me"));
}

TEST(Venv, TheDerivedInterpreterIsWhatAProbeOfTheVenvSays) {
  ROOST_REQUIRE_PYTHON(exe, testing::pyenv_python("3.11.7"));
  Interpreter base = probe(*exe);
  TempDir t;
  Result<VenvResult> made = create_venv(t.path(".venv"), base, {.roost_version = "0.1.0"});
  ASSERT_TRUE(made.ok()) << made.error().render();
  Interpreter derived = venv_interpreter(base, made->venv);
  Interpreter probed = probe(made->venv.scheme.python);
  EXPECT_EQ(derived.path, probed.path);
  EXPECT_EQ(derived.sys_executable, probed.sys_executable);
  // One file under two names (python3 / python3.11): the venv reports the one its home has.
  EXPECT_EQ(fs::canonical(derived.base_executable), fs::canonical(probed.base_executable));
  EXPECT_EQ(derived.prefix, probed.prefix);
  EXPECT_EQ(derived.base_prefix, probed.base_prefix);
  EXPECT_EQ(derived.version_text(), probed.version_text());
  EXPECT_EQ(derived.markers, probed.markers);
  EXPECT_EQ(derived.scheme.purelib, probed.scheme.purelib);
  EXPECT_EQ(derived.scheme.scripts, probed.scheme.scripts);
  EXPECT_EQ(derived.soabi, probed.soabi);
  EXPECT_EQ(derived.compatible_tags().value(), probed.compatible_tags().value());
  EXPECT_TRUE(derived.is_venv());

  // The same answer stored for the venv's python: its first probe starts no Python.
  cache::Cache cache = cache::Cache::open(t.path("cache")).value();
  std::atomic<int> spawns = 0;
  ASSERT_TRUE(probe_interpreter(*exe, {.cache = &cache, .spawn_count = &spawns}).ok());
  remember_venv_probe(*exe, made->venv.scheme.python, made->venv.root, cache);
  int before = spawns;
  Result<Interpreter> remembered =
      probe_interpreter(made->venv.scheme.python, {.cache = &cache, .spawn_count = &spawns});
  ASSERT_TRUE(remembered.ok()) << remembered.error().render();
  EXPECT_EQ(spawns, before);
  EXPECT_EQ(remembered->sys_executable, probed.sys_executable);
  EXPECT_EQ(remembered->prefix, probed.prefix);
  EXPECT_EQ(remembered->markers, probed.markers);
  EXPECT_EQ(remembered->scheme.purelib, probed.scheme.purelib);
  EXPECT_TRUE(remembered->is_venv());
}

TEST(Venv, ReplacedWhenItNoLongerFits) {
  ROOST_REQUIRE_PYTHON(py311_exe, testing::pyenv_python("3.11.7"));
  ROOST_REQUIRE_PYTHON(py312_exe, testing::pyenv_python("3.12.1"));
  Interpreter py311 = probe(*py311_exe);
  Interpreter py312 = probe(*py312_exe);
  TempDir t;
  fs::path venv = t.path(".venv");
  ASSERT_EQ(create_venv(venv, py311, {.roost_version = "0"})->outcome, VenvOutcome::kCreated);
  ASSERT_TRUE(write_file_atomic(venv / "old-marker", "x").ok());

  // requires-python moved past the venv's 3.11.
  VenvOptions options{.roost_version = "0",
                      .requires_python = pep440::SpecifierSet::parse(">=3.12").value()};
  auto start = std::chrono::steady_clock::now();
  Result<VenvResult> replaced = create_venv(venv, py312, options);
  auto elapsed =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
  std::printf("[ timing ] create_venv (replacing): %.2f ms\n", elapsed.count());
  ASSERT_TRUE(replaced.ok()) << replaced.error().render();
  EXPECT_EQ(replaced->outcome, VenvOutcome::kReplaced);
  EXPECT_EQ(replaced->venv.version_text, "3.12.1");
  EXPECT_FALSE(fs::exists(venv / "old-marker"));
  EXPECT_EQ(read_link(venv / "bin/python"), py312_exe->string());
  EXPECT_TRUE(fs::is_directory(venv / "lib/python3.12/site-packages"));
  EXPECT_EQ(temp_leftovers(t.root()), std::vector<std::string>{});
  EXPECT_EQ(testing::run({(venv / "bin/python").string(), "-c", "import sys; print(sys.prefix)"}),
            venv.string());

  // Now it fits: kept. A request for another version, or `replace`, recreates it.
  EXPECT_EQ(create_venv(venv, py312, options)->outcome, VenvOutcome::kKept);
  options.request = PythonRequest::parse("3.11").value();
  options.requires_python.reset();
  EXPECT_EQ(create_venv(venv, py311, options)->outcome, VenvOutcome::kReplaced);
  EXPECT_EQ(read_venv(venv)->version_text, "3.11.7");
  options.replace = true;
  EXPECT_EQ(create_venv(venv, py311, options)->outcome, VenvOutcome::kReplaced);
}

TEST(Venv, PathRequestsDistinguishTwoInstallationsOfOneVersion) {
  ROOST_REQUIRE_PYTHON(pyenv_exe, testing::pyenv_python("3.11.7"));
  ROOST_REQUIRE_PYTHON(debian_exe, testing::debian_python311());
  Interpreter pyenv = probe(*pyenv_exe);
  Interpreter debian = probe(*debian_exe);
  TempDir t;
  fs::path venv = t.path(".venv");
  ASSERT_TRUE(create_venv(venv, pyenv, {.roost_version = "0"}).ok());
  VenvOptions by_version{.roost_version = "0", .request = PythonRequest::parse("3.11").value()};
  EXPECT_EQ(create_venv(venv, debian, by_version)->outcome, VenvOutcome::kKept);
  VenvOptions by_path{.roost_version = "0",
                      .request = PythonRequest::parse(debian_exe->string()).value()};
  Result<VenvResult> switched = create_venv(venv, debian, by_path);
  ASSERT_TRUE(switched.ok()) << switched.error().render();
  EXPECT_EQ(switched->outcome, VenvOutcome::kReplaced);
  EXPECT_EQ(switched->venv.home, "/usr/bin");
  EXPECT_EQ(create_venv(venv, debian, by_path)->outcome, VenvOutcome::kKept);
}

TEST(Venv, WhatIsAlreadyThere) {
  ROOST_REQUIRE_PYTHON(exe, testing::debian_python311());
  Interpreter py = probe(*exe);
  TempDir t;
  // An empty directory is used.
  t.mkdir("empty");
  Result<VenvResult> empty =
      create_venv(t.path("empty"), py, {.roost_version = "0", .prompt = "demo"});
  ASSERT_TRUE(empty.ok()) << empty.error().render();
  EXPECT_EQ(empty->outcome, VenvOutcome::kCreated);
  EXPECT_EQ(empty->venv.prompt, "demo");
  EXPECT_NE(contents(t.path("empty/bin/activate")).find("VIRTUAL_ENV_PROMPT='demo'"),
            std::string::npos);
  EXPECT_TRUE(contents(t.path("empty/pyvenv.cfg")).ends_with("prompt = demo\n"));

  // A directory of someone else's files is not ours to delete.
  t.write("src/main.py", "print(1)\n");
  Result<VenvResult> occupied = create_venv(t.path("src"), py, {.roost_version = "0"});
  ASSERT_FALSE(occupied.ok());
  EXPECT_EQ(occupied.error().kind(), ErrorKind::kUsage);
  EXPECT_EQ(occupied.error().render(),
            "The directory " + t.path("src").string() +
                " exists, but it is not a virtual environment (it has no pyvenv.cfg)\n"
                "hint: remove it, or choose another path for the environment");
  EXPECT_TRUE(fs::exists(t.path("src/main.py")));

  t.write("file", "x");
  Result<VenvResult> file = create_venv(t.path("file"), py, {});
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.error().message(), "cannot create a virtual environment at " +
                                        t.path("file").string() + ": a file of that name exists");
}

TEST(Venv, ConcurrentCreatorsAgreeOnOneTree) {
  ROOST_REQUIRE_PYTHON(exe, testing::debian_python311());
  Interpreter py = probe(*exe);
  TempDir t;
  fs::path venv = t.path("v");
  std::mutex mutex;
  std::vector<VenvOutcome> outcomes;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      Result<VenvResult> r = create_venv(venv, py, {.roost_version = "0"});
      std::lock_guard<std::mutex> hold(mutex);
      EXPECT_TRUE(r.ok()) << r.error().render();
      if (r.ok()) outcomes.push_back(r->outcome);
    });
  }
  for (std::thread& th : threads) th.join();
  ASSERT_EQ(outcomes.size(), 4u);
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), VenvOutcome::kCreated), 1);
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), VenvOutcome::kKept), 3);
  EXPECT_EQ(temp_leftovers(t.root()), std::vector<std::string>{});
  EXPECT_TRUE(read_venv(venv)->interpreter_exists());
}

TEST(Venv, Errors) {
  ROOST_REQUIRE_PYTHON(exe, testing::debian_python311());
  Interpreter py = probe(*exe);
  Result<VenvResult> relative = create_venv(".venv", py, {});
  ASSERT_FALSE(relative.ok());
  EXPECT_EQ(relative.error().kind(), ErrorKind::kUsage);
  // A venv whose interpreter is gone is replaced.
  TempDir t;
  fs::path venv = t.path("v");
  ASSERT_TRUE(create_venv(venv, py, {.roost_version = "0"}).ok());
  fs::remove(venv / "bin/python");
  t.symlink(venv / "bin/python", "/nonexistent/python3.11");
  EXPECT_FALSE(read_venv(venv)->interpreter_exists());
  EXPECT_EQ(create_venv(venv, py, {.roost_version = "0"})->outcome, VenvOutcome::kReplaced);
  EXPECT_TRUE(read_venv(venv)->interpreter_exists());
}

}  // namespace
}  // namespace roost::python
