#include "install/scripts.h"

#include <gtest/gtest.h>

namespace roost::install {
namespace {

metadata::EntryPoint entry(const std::string& value, const std::string& group = "console_scripts") {
  metadata::EntryPoint e = *metadata::parse_object_reference(value);
  e.group = group;
  e.name = "tool";
  return e;
}

TEST(PythonShebang, PlainAndTrampoline) {
  EXPECT_EQ(python_shebang("/venv/bin/python"), "#!/venv/bin/python\n");
  EXPECT_EQ(python_shebang("/my venv/bin/python"),
            "#!/bin/sh\n'''exec' '/my venv/bin/python' \"$0\" \"$@\"\n' '''\n");
  EXPECT_EQ(python_shebang("/it's/python"),
            "#!/bin/sh\n'''exec' '/it'\"'\"'s/python' \"$0\" \"$@\"\n' '''\n");
  const std::string long_path = "/" + std::string(130, 'x') + "/python";
  EXPECT_EQ(python_shebang(long_path).substr(0, 10), "#!/bin/sh\n");
  const std::string fits = "/" + std::string(117, 'x') + "/python";  // 125 bytes
  EXPECT_EQ(python_shebang(fits), "#!" + fits + "\n");
}

TEST(EntryPointLauncher, TheStandardLauncher) {
  auto text = entry_point_launcher(entry("pkg.cli:main"), "/venv/bin/python");
  ASSERT_TRUE(text.ok()) << text.error().render();
  EXPECT_EQ(*text,
            "#!/venv/bin/python\n"
            "# -*- coding: utf-8 -*-\n"
            "import re\n"
            "import sys\n"
            "from pkg.cli import main\n"
            "if __name__ == \"__main__\":\n"
            "    sys.argv[0] = re.sub(r\"(-script\\.pyw|\\.exe)?$\", \"\", sys.argv[0])\n"
            "    sys.exit(main())\n");
}

TEST(EntryPointLauncher, ObjectAttributes) {
  auto text = entry_point_launcher(entry("pkg:App.cli.run [extra]", "gui_scripts"), "/p");
  ASSERT_TRUE(text.ok()) << text.error().render();
  EXPECT_NE(text->find("from pkg import App\n"), std::string::npos);
  EXPECT_NE(text->find("    sys.exit(App.cli.run())\n"), std::string::npos);
}

TEST(EntryPointLauncher, RefusesModulesAndNonIdentifiers) {
  auto module_only = entry_point_launcher(entry("pkg.cli"), "/p");
  ASSERT_FALSE(module_only.ok());
  EXPECT_EQ(module_only.error().message(),
            "entry point 'tool' = 'pkg.cli' in [console_scripts]: a script needs an object to "
            "call, as in 'module:function'");
  metadata::EntryPoint injected = entry("pkg:main");
  injected.attr = "main()\nimport os";
  EXPECT_FALSE(entry_point_launcher(injected, "/p").ok());
  injected.attr = "1abc";
  EXPECT_FALSE(entry_point_launcher(injected, "/p").ok());
  injected.attr = "main";
  injected.module = "pkg;os";
  EXPECT_FALSE(entry_point_launcher(injected, "/p").ok());
}

TEST(RewritePythonShebang, OnlyHashBangPython) {
  EXPECT_EQ(rewrite_python_shebang("#!python\nprint(1)\n", "/v/python"), "#!/v/python\nprint(1)\n");
  EXPECT_EQ(rewrite_python_shebang("#!pythonw -u\r\nx\n", "/v/python"), "#!/v/python\nx\n");
  EXPECT_EQ(rewrite_python_shebang("#!python", "/v/python"), "#!/v/python\n");
  EXPECT_EQ(rewrite_python_shebang("#!/usr/bin/python\n", "/v/python"), std::nullopt);
  EXPECT_EQ(rewrite_python_shebang("#!/bin/sh\n", "/v/python"), std::nullopt);
  EXPECT_EQ(rewrite_python_shebang("", "/v/python"), std::nullopt);
}

}  // namespace
}  // namespace roost::install
