// `exclude-newer` end to end: `roost lock` over a loopback index whose JSON pages give PEP 700
// upload times leaves out files uploaded after the cutoff (and files without an upload time),
// records the setting in uv.lock's [options] as uv does, and `--check` fails when the setting
// changes. A relative span keeps the lock unchanged when locked again.
#include <gtest/gtest.h>

#include <string>

#include "base/fs.h"
#include "loopback_project.h"

namespace roost::e2e {
namespace {

std::string pyproject(const std::string& tool_uv) {
  return "[project]\nname = \"app\"\nversion = \"0.1.0\"\nrequires-python = \">=3.8\"\n"
         "dependencies = [\"beta\", \"gamma\"]\n\n[tool.uv]\n" +
         tool_uv;
}

// `name = "beta"\nversion = "X"` in the lock: the version locked for a package.
std::string locked_version(const std::string& lock, const std::string& name) {
  size_t at = lock.find("name = \"" + name + "\"\nversion = \"");
  if (at == std::string::npos) return "";
  at = lock.find("version = \"", at) + 11;
  return lock.substr(at, lock.find('"', at) - at);
}

class ExcludeNewerE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    skip_ = p_.start({"beta==1.0@2024-01-01T00:00:00Z", "beta==2.0@2024-06-01T00:00:00Z",
                      "gamma==1.0@2024-01-01T00:00:00Z", "gamma==2.0"},
                     /*json=*/true);
  }
  std::string lock() {
    Result<std::string> text = read_file(p_.ws.path("uv.lock"));
    return text.ok() ? *text : "";
  }

  LoopbackProject p_;
  std::string skip_;
};

TEST_F(ExcludeNewerE2eTest, ATimestampLeavesOutNewerFilesAndIsRecorded) {
  if (!skip_.empty()) GTEST_SKIP() << skip_;
  p_.ws.write("pyproject.toml", pyproject("exclude-newer = \"2024-03-01T00:00:00Z\"\n"));
  SubprocessResult first = p_.roost({"lock"});
  ASSERT_EQ(first.exit_code, 0) << first.stderr_data;
  std::string text = lock();
  EXPECT_EQ(locked_version(text, "beta"), "1.0") << text;
  EXPECT_EQ(locked_version(text, "gamma"), "1.0") << text;  // 2.0 states no upload time
  EXPECT_NE(text.find("[options]\nexclude-newer = \"2024-03-01T00:00:00Z\"\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("upload-time = \"2024-01-01T00:00:00Z\""), std::string::npos) << text;
  EXPECT_EQ(p_.roost({"lock", "--check"}).exit_code, 0);

  // A later cutoff: the lock is stale. Locking again records it but, as uv, keeps the locked
  // versions while they are still allowed; an upgrade takes beta 2.0.
  p_.ws.write("pyproject.toml", pyproject("exclude-newer = \"2024-07-01\"\n"));
  SubprocessResult stale = p_.roost({"lock", "--check"});
  EXPECT_EQ(stale.exit_code, 1);
  EXPECT_NE(stale.stderr_data.find("the exclude-newer setting changed"), std::string::npos)
      << stale.stderr_data;
  SubprocessResult again = p_.roost({"lock"});
  ASSERT_EQ(again.exit_code, 0) << again.stderr_data;
  EXPECT_EQ(locked_version(lock(), "beta"), "1.0");
  EXPECT_NE(lock().find("exclude-newer = \"2024-07-01T00:00:00Z\""), std::string::npos);
  SubprocessResult upgrade = p_.roost({"lock", "-U"});
  ASSERT_EQ(upgrade.exit_code, 0) << upgrade.stderr_data;
  EXPECT_NE(upgrade.stderr_data.find("Updated beta v1.0 -> v2.0"), std::string::npos)
      << upgrade.stderr_data;

  // An earlier cutoff excludes the locked beta 2.0 itself: it goes back to 1.0 without -U.
  // The flag wins over the setting; `NAME=false` lifts the rule for one package.
  SubprocessResult flags = p_.roost({"lock", "--exclude-newer", "2024-03-01",
                                     "--exclude-newer-package", "gamma=false", "-P", "gamma"});
  ASSERT_EQ(flags.exit_code, 0) << flags.stderr_data;
  text = lock();
  EXPECT_EQ(locked_version(text, "beta"), "1.0") << text;
  EXPECT_EQ(locked_version(text, "gamma"), "2.0") << text;
  EXPECT_NE(text.find("[options.exclude-newer-package]\ngamma = false\n"), std::string::npos)
      << text;
}

TEST_F(ExcludeNewerE2eTest, ASpanIsWrittenAsUvDoesAndKeepsTheLockStable) {
  if (!skip_.empty()) GTEST_SKIP() << skip_;
  p_.ws.write("pyproject.toml", pyproject("exclude-newer = \"30 days\"\n"));
  SubprocessResult first = p_.roost({"lock"});
  ASSERT_EQ(first.exit_code, 0) << first.stderr_data;
  std::string text = lock();
  EXPECT_EQ(locked_version(text, "beta"), "2.0") << text;  // uploaded long before 30 days ago
  EXPECT_NE(text.find("[options]\nexclude-newer = \"0001-01-01T00:00:00Z\" # This has no effect "
                      "and is included for backwards compatibility when using relative "
                      "exclude-newer values.\nexclude-newer-span = \"P30D\"\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(p_.roost({"lock", "--check"}).exit_code, 0);
  // A new span: uv's note, and the lock records it.
  p_.ws.write("pyproject.toml", pyproject("exclude-newer = \"4 weeks\"\n"));
  SubprocessResult span = p_.roost({"lock"});
  ASSERT_EQ(span.exit_code, 0) << span.stderr_data;
  EXPECT_NE(span.stderr_data.find("Resolving despite existing lockfile due to change of exclude "
                                  "newer span from `P30D` to `P4W`"),
            std::string::npos)
      << span.stderr_data;
  EXPECT_NE(lock().find("exclude-newer-span = \"P4W\""), std::string::npos);
  p_.ws.write("pyproject.toml", pyproject("exclude-newer = \"30 days\"\n"));
  ASSERT_EQ(p_.roost({"lock"}).exit_code, 0);
  ASSERT_EQ(lock(), text);

  // Resolving again (an upgrade of one package) writes the same bytes.
  SubprocessResult again = p_.roost({"lock", "-P", "beta"});
  ASSERT_EQ(again.exit_code, 0) << again.stderr_data;
  EXPECT_EQ(lock(), text);

  // An unparseable value is an error naming the file and line.
  p_.ws.write("pyproject.toml", pyproject("exclude-newer = \"a while\"\n"));
  SubprocessResult bad = p_.roost({"lock"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.stderr_data.find("pyproject.toml:8:17:"), std::string::npos) << bad.stderr_data;
  EXPECT_NE(bad.stderr_data.find("is not an exclude-newer value"), std::string::npos);
}

}  // namespace
}  // namespace roost::e2e
