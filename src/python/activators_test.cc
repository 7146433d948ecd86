// Activation scripts (activators.h): quoting, and the POSIX `activate` run for real in bash and
// dash (fish, csh and nushell are not installed here; their scripts are checked as text).
#include "python/activators.h"

#include <gtest/gtest.h>

#include "python/test_support.h"

namespace roost::python {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

TEST(Activators, Quoting) {
  EXPECT_EQ(sh_quote("/p/it's $HOME"), R"('/p/it'\''s $HOME')");
  EXPECT_EQ(fish_quote(R"(/p/it's \x)"), R"('/p/it\'s \\x')");
  EXPECT_EQ(csh_quote("/p/it's!"), R"('/p/it'\''s\!')");
  EXPECT_EQ(nu_quote(R"(/p/"q" \x)"), R"("/p/\"q\" \\x")");
}

TEST(Activators, EveryShellGetsTheVenvAndPrompt) {
  std::vector<ActivationScript> scripts = activation_scripts("/p/.venv", "demo");
  ASSERT_EQ(scripts.size(), 4u);
  EXPECT_EQ(scripts[0].file_name, "activate");
  EXPECT_EQ(scripts[1].file_name, "activate.fish");
  EXPECT_EQ(scripts[2].file_name, "activate.csh");
  EXPECT_EQ(scripts[3].file_name, "activate.nu");
  EXPECT_NE(scripts[0].text.find("VIRTUAL_ENV='/p/.venv'\n"), std::string::npos);
  EXPECT_NE(scripts[1].text.find("set -gx VIRTUAL_ENV '/p/.venv'\n"), std::string::npos);
  EXPECT_NE(scripts[2].text.find("setenv VIRTUAL_ENV '/p/.venv'\n"), std::string::npos);
  EXPECT_NE(scripts[3].text.find("let venv = \"/p/.venv\"\n"), std::string::npos);
  for (const ActivationScript& s : scripts) {
    EXPECT_NE(s.text.find("demo"), std::string::npos) << s.file_name;
    EXPECT_EQ(s.text.find('@'), std::string::npos) << s.file_name << ": an unfilled placeholder";
  }
}

// Sets PS1 (a non-interactive bash drops an inherited one), sources `activate` in `shell`, runs
// `commands` and returns their output.
std::string in_shell(const char* shell, const fs::path& activate, const std::string& commands,
                     std::vector<std::string> env = {"PATH=/usr/bin:/bin"}) {
  return testing::run(
      {shell, "-c", "PS1='$ ' && . " + sh_quote(activate.string()) + " && " + commands}, env);
}

TEST(Activators, PosixActivateAndDeactivate) {
  TempDir t;
  fs::path venv = t.path("dir with space/it's a $venv");
  for (const ActivationScript& s : activation_scripts(venv, "proj")) {
    t.write(venv / "bin" / s.file_name, s.text);
  }
  t.write(venv / "bin/python", "#!/bin/sh\necho fake\n", 0755);
  fs::path activate = venv / "bin/activate";
  for (const char* shell : {"bash", "dash"}) {
    SCOPED_TRACE(shell);
    EXPECT_EQ(
        in_shell(shell, activate, "echo \"$VIRTUAL_ENV\" && command -v python && echo \"$PS1\""),
        venv.string() + "\n" + (venv / "bin/python").string() + "\n(proj) $ ");
    EXPECT_EQ(in_shell(shell, activate,
                       "deactivate && echo \"${VIRTUAL_ENV:-unset} $PATH $PS1\" && "
                       "(command -v deactivate || echo gone)"),
              "unset /usr/bin:/bin $ \ngone");
    // PYTHONHOME is set aside while active and restored after; the prompt can be turned off.
    EXPECT_EQ(in_shell(shell, activate,
                       "echo \"${PYTHONHOME:-none}\" && deactivate && echo \"$PYTHONHOME\"",
                       {"PATH=/usr/bin:/bin", "PYTHONHOME=/opt/py"}),
              "none\n/opt/py");
    EXPECT_EQ(in_shell(shell, activate, "echo \"[$PS1]\"",
                       {"PATH=/usr/bin:/bin", "VIRTUAL_ENV_DISABLE_PROMPT=1"}),
              "[$ ]");
    // Activating twice does not stack PATH entries.
    EXPECT_EQ(in_shell(shell, activate, ". " + sh_quote(activate.string()) + " && echo \"$PATH\""),
              (venv / "bin").string() + ":/usr/bin:/bin");
  }
}

}  // namespace
}  // namespace roost::python
