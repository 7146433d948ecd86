// The command line itself: help, version, usage errors and their exit codes.
#include <gtest/gtest.h>

#include "roost_runner.h"

namespace roost::e2e {
namespace {

TEST(CliE2E, VersionAndHelpExitZero) {
  SubprocessResult version = run_roost({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.stdout_data, "roost 0.1.0\n");
  SubprocessResult help = run_roost({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.stdout_data.find("debug"), std::string::npos);
}

TEST(CliE2E, UsageErrorsExitTwo) {
  EXPECT_EQ(run_roost({}).exit_code, 2);
  SubprocessResult unknown = run_roost({"frobnicate"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.stderr_data.find("frobnicate"), std::string::npos) << unknown.stderr_data;
  EXPECT_EQ(run_roost({"--color", "sometimes", "debug", "eval"}).exit_code, 2);
}

TEST(CliE2E, GlobalOptionsAfterTheSubcommand) {
  SubprocessResult r = run_roost({"debug", "eval", "--quiet", "--color", "never"},
                                 "{\"op\":\"name\",\"input\":\"A_B\"}\n");
  EXPECT_EQ(r.exit_code, 0) << r.stderr_data;
  EXPECT_EQ(r.stdout_data, "{\"ok\":true,\"normalized\":\"a-b\"}\n");
}

TEST(CliE2E, DirectoryThatDoesNotExistIsAnError) {
  SubprocessResult r = run_roost({"--directory", "/roost/no/such/dir", "debug", "eval"}, "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.stderr_data.find("/roost/no/such/dir"), std::string::npos) << r.stderr_data;
}

}  // namespace
}  // namespace roost::e2e
