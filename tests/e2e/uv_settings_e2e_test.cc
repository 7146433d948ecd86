// uv's settings beyond the flags, end to end: a workspace with no index flags finds its index in
// a uv.toml beside it, in [tool.uv] (`index-url`, `extra-index-url`), in the user's uv.toml
// (HOME / XDG_CONFIG_HOME) or in UV_* variables; flags win over variables, variables over files;
// `--no-config` and `--config-file` replace the files; a malformed uv.toml is an error naming
// its line; UV_LOCKED acts as --locked.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/fs.h"
#include "loopback_project.h"

namespace roost::e2e {
namespace {

class UvSettingsE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    skip_ = p_.start({"beta==1.0", "beta==2.0"});
    p_.ws.write("pyproject.toml",
                "[project]\nname = \"app\"\nversion = \"0.1.0\"\nrequires-python = \">=3.8\"\n"
                "dependencies = [\"beta\"]\n");
  }
  // roost with only PATH, NO_COLOR and `env` in its environment: no index flag of its own.
  SubprocessResult roost(std::vector<std::string> args, std::vector<std::string> env = {}) {
    std::vector<std::string> all = {"--directory", p_.ws.root().string()};
    all.insert(all.end(), args.begin(), args.end());
    all.push_back("--cache-dir");
    all.push_back(p_.ws.path("cache").string());
    env.insert(env.begin(), {"PATH=/usr/bin:/bin", "NO_COLOR=1"});
    return run_roost(all, "", env);
  }
  std::string lock() {
    Result<std::string> text = read_file(p_.ws.path("uv.lock"));
    return text.ok() ? *text : "";
  }

  LoopbackProject p_;
  std::string skip_;
};

TEST_F(UvSettingsE2eTest, AUvTomlBesideTheProjectGivesItsIndexAndResolverSettings) {
  if (!skip_.empty()) GTEST_SKIP() << skip_;
  p_.ws.write("uv.toml",
              "resolution = \"lowest\"\n\n[[index]]\nurl = \"" + p_.url + "\"\ndefault = true\n");
  SubprocessResult locked = roost({"lock"});
  ASSERT_EQ(locked.exit_code, 0) << locked.stderr_data;
  std::string text = lock();
  EXPECT_NE(text.find("name = \"beta\"\nversion = \"1.0\"\nsource = { registry = \"" + p_.url),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("[options]\nresolution-mode = \"lowest\""), std::string::npos) << text;
  EXPECT_EQ(roost({"lock", "--check"}).exit_code, 0);
  // The flag wins over the file: the lock no longer matches it.
  EXPECT_EQ(roost({"lock", "--check", "--resolution", "highest"}).exit_code, 1);

  // --no-config: no index but PyPI, which this machine cannot reach, and no `lowest`.
  SubprocessResult bare = roost({"lock", "--check", "--no-config", "--offline"});
  EXPECT_NE(bare.exit_code, 0) << bare.stderr_data;

  // A key uv does not know is a warning naming the file and line.
  p_.ws.write("uv.toml", "resolution = \"lowest\"\nverify-ssl = true\n\n[[index]]\nurl = \"" +
                             p_.url + "\"\ndefault = true\n");
  SubprocessResult unknown = roost({"lock", "--check"});
  EXPECT_EQ(unknown.exit_code, 0) << unknown.stderr_data;
  EXPECT_NE(unknown.stderr_data.find("uv.toml:2:1: unknown field `verify-ssl` in `uv.toml`"),
            std::string::npos)
      << unknown.stderr_data;

  // A malformed uv.toml is an error that names it and the line.
  p_.ws.write("uv.toml", "resolution = 3\n");
  SubprocessResult bad = roost({"lock"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.stderr_data.find("uv.toml:1:"), std::string::npos) << bad.stderr_data;
}

TEST_F(UvSettingsE2eTest, VariablesAndUserFilesSupplyTheIndexInUvsOrder) {
  if (!skip_.empty()) GTEST_SKIP() << skip_;
  // UV_INDEX_URL (uv's legacy name) and UV_DEFAULT_INDEX.
  SubprocessResult from_env = roost({"lock"}, {"UV_INDEX_URL=" + p_.url});
  ASSERT_EQ(from_env.exit_code, 0) << from_env.stderr_data;
  EXPECT_NE(lock().find("version = \"2.0\"\nsource = { registry = \"" + p_.url), std::string::npos);

  // The user's uv.toml (~/.config/uv/uv.toml), then XDG_CONFIG_HOME's, which comes first.
  std::filesystem::path home = p_.ws.path("home");
  p_.ws.write("home/.config/uv/uv.toml", "extra-index-url = [\"" + p_.url + "\"]\n");
  std::string index_from_home = "HOME=" + home.string();
  EXPECT_EQ(roost({"lock", "--check", "--offline"}, {index_from_home}).exit_code, 0);
  p_.ws.write("xdg/uv/uv.toml", "prerelease = \"allow\"\n");
  SubprocessResult xdg = roost({"lock", "--check", "--offline"},
                               {index_from_home, "XDG_CONFIG_HOME=" + p_.ws.path("xdg").string()});
  EXPECT_EQ(xdg.exit_code, 1) << xdg.stderr_data;  // prerelease-mode = "allow" is not locked
  EXPECT_NE(xdg.stderr_data.find("the resolver options changed"), std::string::npos);

  // [tool.uv] extra-index-url in the project itself, with UV_LOCKED as --locked.
  p_.ws.write("pyproject.toml",
              "[project]\nname = \"app\"\nversion = \"0.1.0\"\nrequires-python = \">=3.8\"\n"
              "dependencies = [\"beta<2\"]\n\n[tool.uv]\nextra-index-url = [\"" +
                  p_.url + "\"]\n");
  SubprocessResult stale = roost({"lock", "--offline"}, {"UV_LOCKED=1"});
  EXPECT_EQ(stale.exit_code, 1) << stale.stderr_data;
  EXPECT_NE(stale.stderr_data.find("needs to be updated"), std::string::npos);
  SubprocessResult relock = roost({"lock"});
  ASSERT_EQ(relock.exit_code, 0) << relock.stderr_data;
  EXPECT_NE(relock.stderr_data.find("Updated beta v2.0 -> v1.0"), std::string::npos)
      << relock.stderr_data;

  // --config-file replaces every discovered file.
  p_.ws.write("elsewhere.toml", "resolution = \"lowest-direct\"\n");
  SubprocessResult replaced = roost(
      {"--config-file", p_.ws.path("elsewhere.toml").string(), "lock", "--check", "--offline"});
  EXPECT_EQ(replaced.exit_code, 1) << replaced.stderr_data;
}

}  // namespace
}  // namespace roost::e2e
