#include "base/subprocess.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>

namespace roost {
namespace {

TEST(Subprocess, CapturesStdoutStderrAndExitCode) {
  SubprocessOptions opts;
  opts.argv = {"sh", "-c", "echo out; echo err >&2; exit 3"};
  Result<SubprocessResult> r = run_subprocess(opts);
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(r->exit_code, 3);
  EXPECT_EQ(r->stdout_data, "out\n");
  EXPECT_EQ(r->stderr_data, "err\n");
  EXPECT_FALSE(r->timed_out);
}

TEST(Subprocess, PassesStdinEnvAndCwd) {
  SubprocessOptions opts;
  opts.argv = {"sh", "-c", "cat; printf ' %s %s' \"$GREETING\" \"$(pwd)\""};
  opts.env = std::vector<std::string>{"GREETING=hello", "PATH=/usr/bin:/bin"};
  opts.cwd = "/tmp";
  opts.stdin_data = "from stdin";
  Result<SubprocessResult> r = run_subprocess(opts);
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(r->stdout_data, "from stdin hello /tmp");
}

TEST(Subprocess, EnvOverridesReplaceOrAddOnTopOfTheInheritedEnvironment) {
  SubprocessOptions opts{.argv = {"sh", "-c", "printf '%s|%s' \"$ROOST_T1\" \"$PATH\""}};
  opts.env = std::vector<std::string>{"ROOST_T1=old", "PATH=/usr/bin:/bin"};
  opts.env_overrides = {"ROOST_T1=new"};
  auto r = run_subprocess(opts);
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(r->stdout_data, "new|/usr/bin:/bin");
  // Without `env`, the overrides go on top of ours: PATH is still inherited.
  SubprocessOptions inherit{.argv = {"sh", "-c", "printf '%s' \"$ROOST_T2\"; command -v sh"}};
  inherit.env_overrides = {"ROOST_T2=set"};
  r = run_subprocess(inherit);
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(r->stdout_data.substr(0, 3), "set");
  EXPECT_EQ(r->exit_code, 0);
}

TEST(Subprocess, LargeOutputOnBothStreamsDoesNotDeadlock) {
  SubprocessOptions opts;
  opts.argv = {"sh", "-c", "head -c 1000000 /dev/zero; head -c 1000000 /dev/zero >&2"};
  Result<SubprocessResult> r = run_subprocess(opts);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->stdout_data.size(), 1000000u);
  EXPECT_EQ(r->stderr_data.size(), 1000000u);
}

TEST(Subprocess, TimeoutKillsTheProcessGroup) {
  SubprocessOptions opts;
  // The grandchild `sleep` would keep the pipe open if only the shell were killed.
  opts.argv = {"sh", "-c", "sleep 30 & sleep 30"};
  opts.timeout_ms = 200;
  auto start = std::chrono::steady_clock::now();
  Result<SubprocessResult> r = run_subprocess(opts);
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->timed_out);
  EXPECT_EQ(r->signal, SIGKILL);
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

TEST(Subprocess, TimeoutAppliesWithoutCapture) {
  SubprocessOptions opts;
  opts.argv = {"sleep", "30"};
  opts.capture_output = false;
  opts.timeout_ms = 100;
  Result<SubprocessResult> r = run_subprocess(opts);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->timed_out);
}

TEST(Subprocess, MissingProgramIsAnErrorNamingIt) {
  SubprocessOptions opts;
  opts.argv = {"roost-no-such-program"};
  Result<SubprocessResult> r = run_subprocess(opts);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind(), ErrorKind::kSubprocess);
  EXPECT_EQ(r.error().message(), "cannot run roost-no-such-program: No such file or directory");
}

TEST(Subprocess, MissingWorkingDirectoryIsAnError) {
  SubprocessOptions opts;
  opts.argv = {"true"};
  opts.cwd = "/roost/no/such/dir";
  Result<SubprocessResult> r = run_subprocess(opts);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(), "cannot run true: No such file or directory");
}

}  // namespace
}  // namespace roost
