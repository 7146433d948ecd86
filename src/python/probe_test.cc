// Probing real interpreters (probe.h) and the probe cache. Tests skip when this machine lacks the
// interpreter they use (pyenv's 3.11.7, Debian's /usr/bin/python3.11).
#include "python/probe.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "python/test_support.h"

namespace roost::python {
namespace {

using testing::TempDir;

cache::Cache open_cache(const TempDir& t) {
  Result<cache::Cache> cache = cache::Cache::open(t.path("cache"));
  EXPECT_TRUE(cache.ok());
  return std::move(cache).value();
}

TEST(Probe, PyenvInterpreter) {
  ROOST_REQUIRE_PYTHON(exe, testing::pyenv_python("3.11.7"));
  std::atomic<int> spawns = 0;
  Result<Interpreter> py = probe_interpreter(*exe, {.spawn_count = &spawns});
  ASSERT_TRUE(py.ok()) << py.error().render();
  EXPECT_EQ(spawns, 1);
  EXPECT_EQ(py->path, *exe);
  EXPECT_EQ(py->sys_executable, *exe);
  EXPECT_EQ(py->base_executable, *exe);
  EXPECT_EQ(py->prefix, "/root/.pyenv/versions/3.11.7");
  EXPECT_FALSE(py->is_venv());
  EXPECT_EQ(py->version_text(), "3.11.7");
  EXPECT_EQ(py->implementation_name, "cpython");
  EXPECT_EQ(py->markers.at("python_version"), "3.11");
  EXPECT_EQ(py->markers.at("python_full_version"), "3.11.7");
  EXPECT_EQ(py->markers.at("implementation_version"), "3.11.7");
  EXPECT_EQ(py->markers.size(), 11u);
  EXPECT_EQ(py->scheme.purelib, "lib/python3.11/site-packages");
  EXPECT_EQ(py->scheme.scripts, "bin");
  EXPECT_EQ(py->scheme.data, "");
  EXPECT_EQ(py->cache_tag, "cpython-311");
  EXPECT_EQ(py->pointer_size, 64);
  EXPECT_TRUE(py->glibc.has_value());
  Result<std::vector<tags::Tag>> tags = py->compatible_tags();
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ((*tags)[0].to_string(), "cp311-cp311-linux_x86_64");
  EXPECT_TRUE((*tags)[1].to_string().starts_with("cp311-cp311-manylinux_2_"))
      << (*tags)[1].to_string();
}

TEST(Probe, DebianInterpreterAndOldOnes) {
  ROOST_REQUIRE_PYTHON(exe, testing::debian_python311());
  Result<Interpreter> py = probe_interpreter(*exe);
  ASSERT_TRUE(py.ok()) << py.error().render();
  EXPECT_EQ(py->prefix, "/usr");
  EXPECT_EQ(py->major_minor(), "3.11");
  // Debian's default scheme is posix_local (/usr/local/...), but a venv's is the plain one.
  EXPECT_EQ(py->scheme.purelib, "lib/python3.11/site-packages");
  // 3.6 has no "venv" scheme and a "m" ABI flag.
  if (std::optional<std::filesystem::path> old = testing::pyenv_python("3.6.15")) {
    Result<Interpreter> py36 = probe_interpreter(*old);
    ASSERT_TRUE(py36.ok()) << py36.error().render();
    EXPECT_EQ(py36->abiflags, "m");
    EXPECT_EQ(py36->scheme.purelib, "lib/python3.6/site-packages");
    EXPECT_EQ(py36->tag_interpreter().abis[0], "cp36m");
  }
}

TEST(Probe, CacheHitDoesNotSpawn) {
  ROOST_REQUIRE_PYTHON(exe, testing::pyenv_python("3.11.7"));
  TempDir t;
  cache::Cache cache = open_cache(t);
  std::atomic<int> spawns = 0;
  ProbeOptions options{.cache = &cache, .spawn_count = &spawns};
  Result<Interpreter> first = probe_interpreter(*exe, options);
  ASSERT_TRUE(first.ok()) << first.error().render();
  EXPECT_EQ(spawns, 1);
  std::optional<std::string> key = probe_cache_key(*exe);
  ASSERT_TRUE(key.has_value());
  Result<std::optional<std::string>> entry = cache.read_entry(cache::Bucket::kInterpreters, *key);
  ASSERT_TRUE(entry.ok() && entry->has_value());
  EXPECT_NE((*entry)->find("\nroost-probe-v1\nexecutable="), std::string::npos);

  Result<Interpreter> second = probe_interpreter(*exe, options);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(spawns, 1) << "a cache hit must not start Python";
  EXPECT_EQ(second->version_text(), first->version_text());
  EXPECT_EQ(second->markers, first->markers);
  EXPECT_EQ(second->sys_executable, first->sys_executable);

  // Not an assertion (timings vary): how long a hit takes, for the record.
  constexpr int kRounds = 2000;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kRounds; ++i) ASSERT_TRUE(probe_interpreter(*exe, options).ok());
  auto elapsed =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start);
  std::printf("[ timing ] probe cache hit: %.1f us (mean of %d)\n", elapsed.count() / kRounds,
              kRounds);
  EXPECT_EQ(spawns, 1);

  // Threads share the cache safely.
  std::vector<std::thread> threads;
  std::atomic<int> failures = 0;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 50; ++j) {
        if (!probe_interpreter(*exe, options).ok()) ++failures;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(spawns, 1);
}

TEST(Probe, KeyFollowsTheLinkTarget) {
  ROOST_REQUIRE_PYTHON(pyenv, testing::pyenv_python("3.11.7"));
  ROOST_REQUIRE_PYTHON(debian, testing::debian_python311());
  TempDir t;
  cache::Cache cache = open_cache(t);
  std::atomic<int> spawns = 0;
  ProbeOptions options{.cache = &cache, .spawn_count = &spawns};
  std::filesystem::path link = t.symlink("bin/python3", *pyenv);
  Result<Interpreter> a = probe_interpreter(link, options);
  ASSERT_TRUE(a.ok()) << a.error().render();
  EXPECT_EQ(a->version_text(), "3.11.7");
  // Re-pointed at another interpreter: a new key, a new probe, the new answer.
  std::filesystem::remove(link);
  t.symlink("bin/python3", *debian);
  Result<Interpreter> b = probe_interpreter(link, options);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(spawns, 2);
  EXPECT_EQ(b->prefix, "/usr");
  EXPECT_NE(probe_cache_key(link), std::nullopt);
}

TEST(Probe, ScriptsAreNotCachedButWhatTheyRanIs) {
  ROOST_REQUIRE_PYTHON(debian, testing::debian_python311());
  TempDir t;
  cache::Cache cache = open_cache(t);
  std::atomic<int> spawns = 0;
  ProbeOptions options{.cache = &cache, .spawn_count = &spawns};
  // A pyenv-like shim: which interpreter it runs may change from one run to the next.
  std::filesystem::path shim =
      t.write("shims/python3", "#!/bin/sh\nexec " + debian->string() + " \"$@\"\n", 0755);
  for (int i = 1; i <= 2; ++i) {
    Result<Interpreter> py = probe_interpreter(shim, options);
    ASSERT_TRUE(py.ok()) << py.error().render();
    EXPECT_EQ(py->path, shim);
    EXPECT_EQ(py->sys_executable, *debian);
    EXPECT_EQ(spawns, i);
  }
  // The real interpreter's answer was stored on the way.
  Result<Interpreter> real = probe_interpreter(*debian, options);
  ASSERT_TRUE(real.ok());
  EXPECT_EQ(spawns, 2);
  EXPECT_EQ(real->path, *debian);
}

TEST(Probe, Failures) {
  TempDir t;
  Result<Interpreter> relative = probe_interpreter("python3");
  ASSERT_FALSE(relative.ok());
  EXPECT_EQ(relative.error().kind(), ErrorKind::kUsage);

  Result<Interpreter> missing = probe_interpreter(t.path("nope/python3"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(missing.error().message(),
            "no interpreter at " + t.path("nope/python3").string() + ": No such file or directory");

  std::filesystem::path failing =
      t.write("bin/python3",
              "#!/bin/sh\necho 'pyenv: python3.12: command not found' >&2\nexit 127\n", 0755);
  Result<Interpreter> failed = probe_interpreter(failing);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().kind(), ErrorKind::kSubprocess);
  EXPECT_EQ(failed.error().message(),
            "cannot query the interpreter at " + failing.string() +
                ": it exited with code 127: pyenv: python3.12: command not found");

  std::filesystem::path chatty = t.write("bin/python", "#!/bin/sh\necho hello\n", 0755);
  Result<Interpreter> garbage = probe_interpreter(chatty);
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().kind(), ErrorKind::kParse);

  std::filesystem::path plain = t.write("bin/python2", "not executable", 0644);
  EXPECT_EQ(probe_interpreter(plain).error().kind(), ErrorKind::kNotFound);

  if (std::optional<std::filesystem::path> py2 =
          testing::existing_executable("/root/.pyenv/versions/2.7.18/bin/python2.7")) {
    Result<Interpreter> old = probe_interpreter(*py2);
    ASSERT_FALSE(old.ok());
    EXPECT_NE(old.error().message().find("Unknown option: -I"), std::string::npos)
        << old.error().message();
  }
}

}  // namespace
}  // namespace roost::python
