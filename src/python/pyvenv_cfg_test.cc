// pyvenv.cfg writing (uv's key order) and reading (site.py's rules), and read_venv's version
// spellings (pyvenv_cfg.h, venv.h).
#include "python/pyvenv_cfg.h"

#include <gtest/gtest.h>

#include "python/test_support.h"
#include "python/venv.h"

namespace roost::python {
namespace {

TEST(PyvenvCfg, WritesUvsKeysInUvsOrder) {
  PyvenvCfgValues values{.home = "/usr/bin",
                         .implementation = "CPython",
                         .roost_version = "0.1.0",
                         .version_info = "3.11.2"};
  EXPECT_EQ(write_pyvenv_cfg(values),
            "home = /usr/bin\n"
            "implementation = CPython\n"
            "roost = 0.1.0\n"
            "version_info = 3.11.2\n"
            "include-system-site-packages = false\n");
  values.prompt = "my project";
  values.include_system_site_packages = true;
  EXPECT_EQ(write_pyvenv_cfg(values),
            "home = /usr/bin\n"
            "implementation = CPython\n"
            "roost = 0.1.0\n"
            "version_info = 3.11.2\n"
            "include-system-site-packages = true\n"
            "prompt = my project\n");
}

TEST(PyvenvCfg, ReadsAsSitePyDoes) {
  PyvenvCfg cfg = parse_pyvenv_cfg(
      "home = /usr/bin\r\n"
      "no equals sign here\n"
      "Include-System-Site-Packages=TRUE\n"
      "version = 3.11.2\n"
      "command = /usr/bin/python3 -m venv /p/.venv\n"
      "home = /usr/local/bin\n");
  EXPECT_EQ(cfg.entries.size(), 5u);
  EXPECT_EQ(cfg.get("home"), "/usr/local/bin");  // the last one wins
  EXPECT_EQ(cfg.get("include-system-site-packages"), "TRUE");
  EXPECT_EQ(cfg.get("command"), "/usr/bin/python3 -m venv /p/.venv");
  EXPECT_EQ(cfg.get("prompt"), std::nullopt);
}

TEST(ReadVenv, VersionSpellingsOfOtherTools) {
  testing::TempDir t;
  struct Case {
    const char* cfg;
    const char* version;
    const char* creator;
    const char* implementation;
  };
  for (const Case& c : {
           Case{"home = /usr/bin\nversion = 3.11.2\n", "3.11.2", "", ""},  // python -m venv
           Case{"home = /usr/bin\nimplementation = CPython\nversion_info = 3.12.0.candidate.2\n"
                "virtualenv = 20.26.0\n",
                "3.12.0rc2", "virtualenv 20.26.0", "cpython"},
           Case{"home = /usr/bin\nimplementation = PyPy\nuv = 0.5.4\nversion_info = 3.10.14\n",
                "3.10.14", "uv 0.5.4", "pypy"},
       }) {
    t.write("v/pyvenv.cfg", c.cfg);
    Result<VenvInfo> info = read_venv(t.path("v"));
    ASSERT_TRUE(info.ok()) << info.error().render();
    EXPECT_EQ(info->version.to_string(), c.version);
    EXPECT_EQ(info->creator.value_or(""), c.creator);
    EXPECT_EQ(info->implementation, c.implementation);
    EXPECT_EQ(info->home, "/usr/bin");
  }
  // PyPy's site-packages lives under lib/pypy3.10 when that is what exists.
  t.mkdir("v/lib/pypy3.10/site-packages");
  EXPECT_EQ(read_venv(t.path("v"))->scheme.purelib, t.path("v/lib/pypy3.10/site-packages"));

  t.write("v/pyvenv.cfg", "home = /usr/bin\n");
  Result<VenvInfo> no_version = read_venv(t.path("v"));
  ASSERT_FALSE(no_version.ok());
  EXPECT_EQ(no_version.error().message(),
            t.path("v/pyvenv.cfg").string() +
                ": no Python version in it (no `version_info` or `version`)");
  Result<VenvInfo> none = read_venv(t.path("nothing"));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(none.error().message(),
            t.path("nothing").string() + " is not a virtual environment: it has no pyvenv.cfg");
}

}  // namespace
}  // namespace roost::python
