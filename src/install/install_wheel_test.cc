#include "install/install_wheel.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <set>

#include "base/fs.h"
#include "base/sha256.h"
#include "base/subprocess.h"
#include "install/testing/temp_dir.h"
#include "install/testing/wheel_builder.h"
#include "metadata/record.h"

namespace roost::install {
namespace {

namespace fs = std::filesystem;
using testing::stat_of;
using testing::TempDir;
using testing::TestWheel;

// Every regular file or symlink below `dir`, relative, sorted.
std::set<std::string> files_below(const fs::path& dir) {
  std::set<std::string> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_directory() || it->is_symlink()) {
      out.insert(it->path().lexically_relative(dir).generic_string());
    }
  }
  return out;
}

class InstallTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = root_ / "env";
    scheme_.purelib = env_ / "lib/python3.11/site-packages";
    scheme_.platlib = env_ / "lib/python3.11/site-packages";
    scheme_.scripts = env_ / "bin";
    scheme_.data = env_;
    scheme_.include = env_ / "include/site/python3.11";
    scheme_.python = "/usr/bin/python3";
  }

  static TestWheel hello_wheel() {
    TestWheel w;
    w.entries = {
        {"hello/__init__.py", "X = 42\ndef main():\n    print('hello', X)\n"},
        {"hello/sub/util.py", "Y = 1\n"},
        {"hello/tool.sh", "#!/bin/sh\necho tool\n", 0755},
        {"hello-1.0.data/scripts/hello-script", "#!python\nprint('from script')\n", 0644},
        {"hello-1.0.data/scripts/plain-script", "#!/bin/sh\necho plain\n", 0644},
        {"hello-1.0.data/data/share/hello/readme.txt", "read me\n"},
        {"hello-1.0.data/headers/hello.h", "#define HELLO 1\n"},
        {"hello-1.0.data/purelib/hello_extra.py", "Z = 3\n"},
        {"hello-1.0.data/platlib/hello_native.py", "N = 4\n"},
    };
    w.entry_points =
        "[console_scripts]\nhello-cli = hello:main\nhello-obj = hello.sub.util:Obj.run\n"
        "[gui_scripts]\nhello-gui = hello:main\n[other.plugins]\nignored = hello:main\n";
    return w;
  }

  Result<UnpackedWheel> unpack(const TestWheel& w) {
    ROOST_TRY(fs::path path, testing::write_test_wheel(w, root_.path()));
    return unpack_wheel(path, cache_ / ("archive-" + w.name + "-" + w.version));
  }

  // RECORD must list every installed file with its true hash and size, and itself unhashed.
  void expect_record_consistent(const InstalledDist& d) {
    auto text = read_file(d.dist_info / "RECORD");
    ASSERT_TRUE(text.ok());
    auto record = metadata::Record::parse(*text);
    ASSERT_TRUE(record.ok()) << record.error().render();
    const fs::path base = d.dist_info.parent_path();
    std::set<std::string> listed;
    for (const metadata::RecordEntry& e : record->entries) {
      fs::path file = (base / e.path).lexically_normal();
      listed.insert(file.lexically_relative(env_).generic_string());
      if (e.path == d.dist_info.filename().string() + "/RECORD") {
        EXPECT_FALSE(e.hash.has_value());
        EXPECT_FALSE(e.size.has_value());
        continue;
      }
      auto content = read_file(file);
      ASSERT_TRUE(content.ok()) << e.path;
      ASSERT_TRUE(e.hash.has_value()) << e.path;
      EXPECT_EQ(e.hash->algorithm, "sha256");
      EXPECT_EQ(*e.hash, metadata::HashDigest::sha256(sha256(*content))) << e.path;
      EXPECT_EQ(e.size, content->size()) << e.path;
    }
    EXPECT_EQ(listed, files_below(env_));
  }

  TempDir root_;
  TempDir cache_;
  fs::path env_;
  Scheme scheme_;
};

TEST_F(InstallTest, InstallsAWheel) {
  auto unpacked = unpack(hello_wheel());
  ASSERT_TRUE(unpacked.ok()) << unpacked.error().render();
  metadata::DirectUrl url{"file:///wheels/hello-1.0-py3-none-any.whl", metadata::ArchiveInfo{}};
  auto installed = install_wheel(
      *unpacked, scheme_, {.link_mode = LinkMode::kHardlink, .requested = true, .direct_url = url});
  ASSERT_TRUE(installed.ok()) << installed.error().render();
  EXPECT_EQ(installed->name.str(), "hello");
  EXPECT_EQ(installed->dist_info, scheme_.purelib / "hello-1.0.dist-info");
  EXPECT_EQ(installed->link_mode, LinkMode::kHardlink);
  EXPECT_FALSE(installed->link_fallback.has_value());

  const fs::path site = scheme_.purelib;
  EXPECT_EQ(*read_file(site / "hello/__init__.py"), "X = 42\ndef main():\n    print('hello', X)\n");
  EXPECT_EQ(*read_file(site / "hello_extra.py"), "Z = 3\n");
  EXPECT_EQ(*read_file(site / "hello_native.py"), "N = 4\n");
  EXPECT_EQ(*read_file(env_ / "share/hello/readme.txt"), "read me\n");
  EXPECT_EQ(*read_file(env_ / "include/site/python3.11/hello/hello.h"), "#define HELLO 1\n");
  EXPECT_EQ(*read_file(site / "hello-1.0.dist-info/INSTALLER"), "roost\n");
  EXPECT_EQ(*read_file(site / "hello-1.0.dist-info/REQUESTED"), "");
  EXPECT_EQ(*read_file(site / "hello-1.0.dist-info/direct_url.json"), url.to_json());
  EXPECT_NE(stat_of(site / "hello/tool.sh").st_mode & 0100, 0u);

  // Scripts: "#!python" rewritten, others kept; all executable.
  EXPECT_EQ(*read_file(env_ / "bin/hello-script"), "#!/usr/bin/python3\nprint('from script')\n");
  EXPECT_EQ(*read_file(env_ / "bin/plain-script"), "#!/bin/sh\necho plain\n");
  EXPECT_EQ(stat_of(env_ / "bin/hello-script").st_mode & 0777 & ~0022u, 0755u & ~0022u);
  EXPECT_NE(stat_of(env_ / "bin/plain-script").st_mode & 0100, 0u);
  // Launchers.
  EXPECT_EQ(*read_file(env_ / "bin/hello-cli"),
            "#!/usr/bin/python3\n# -*- coding: utf-8 -*-\nimport re\nimport sys\n"
            "from hello import main\nif __name__ == \"__main__\":\n"
            "    sys.argv[0] = re.sub(r\"(-script\\.pyw|\\.exe)?$\", \"\", sys.argv[0])\n"
            "    sys.exit(main())\n");
  EXPECT_NE(read_file(env_ / "bin/hello-obj")->find("from hello.sub.util import Obj\n"),
            std::string::npos);
  EXPECT_NE(read_file(env_ / "bin/hello-obj")->find("    sys.exit(Obj.run())\n"),
            std::string::npos);
  EXPECT_TRUE(fs::exists(env_ / "bin/hello-gui"));
  EXPECT_FALSE(fs::exists(env_ / "bin/ignored"));
  EXPECT_NE(stat_of(env_ / "bin/hello-cli").st_mode & 0100, 0u);

  // RECORD: paths relative to site-packages, scripts as ../../../bin/x.
  std::string record = *read_file(site / "hello-1.0.dist-info/RECORD");
  EXPECT_NE(record.find("\n../../../bin/hello-cli,sha256="), std::string::npos) << record;
  EXPECT_NE(record.find("\n../../../share/hello/readme.txt,sha256="), std::string::npos);
  EXPECT_NE(record.find("\n../../../include/site/python3.11/hello/hello.h,sha256="),
            std::string::npos);
  EXPECT_NE(record.find("\nhello-1.0.dist-info/INSTALLER,sha256="), std::string::npos);
  EXPECT_EQ(record.substr(record.size() - 29), "hello-1.0.dist-info/RECORD,,\n");
  EXPECT_EQ(record.find("hello-1.0.data"), std::string::npos);
  expect_record_consistent(*installed);
  // Linked: 3 root files, 4 .data files, METADATA, WHEEL, entry_points.txt. Written: 2 scripts,
  // 3 launchers, INSTALLER, REQUESTED, direct_url.json, RECORD.
  EXPECT_EQ(installed->linked_files, 10u);
  EXPECT_EQ(installed->written_files, 9u);
}

TEST_F(InstallTest, RootIsPlatlibAndDataKeysGoToTheirDirectories) {
  scheme_.platlib = env_ / "lib64/python3.11/site-packages";
  TestWheel w = hello_wheel();
  w.root_is_purelib = false;
  auto unpacked = unpack(w);
  ASSERT_TRUE(unpacked.ok()) << unpacked.error().render();
  auto installed = install_wheel(*unpacked, scheme_, {.link_mode = LinkMode::kCopy});
  ASSERT_TRUE(installed.ok()) << installed.error().render();
  EXPECT_EQ(installed->dist_info, scheme_.platlib / "hello-1.0.dist-info");
  EXPECT_TRUE(fs::exists(scheme_.platlib / "hello/__init__.py"));
  EXPECT_TRUE(fs::exists(scheme_.platlib / "hello_native.py"));
  EXPECT_TRUE(fs::exists(scheme_.purelib / "hello_extra.py"));
  EXPECT_FALSE(fs::exists(scheme_.purelib / "hello"));
  std::string record = *read_file(installed->dist_info / "RECORD");
  EXPECT_NE(record.find("\n../../../lib/python3.11/site-packages/hello_extra.py,"),
            std::string::npos)
      << record;
  EXPECT_FALSE(fs::exists(installed->dist_info / "REQUESTED"));
  EXPECT_FALSE(fs::exists(installed->dist_info / "direct_url.json"));
  expect_record_consistent(*installed);
}

TEST_F(InstallTest, ARealInterpreterImportsAndRunsTheInstalledPackage) {
  auto probe = run_subprocess({.argv = {"python3", "-c", "import sys; print(sys.executable)"}});
  if (!probe.ok() || probe->exit_code != 0) GTEST_SKIP() << "python3 is not available";
  std::string python = probe->stdout_data.substr(0, probe->stdout_data.find('\n'));
  scheme_.python = python;
  auto unpacked = unpack(hello_wheel());
  ASSERT_TRUE(unpacked.ok()) << unpacked.error().render();
  auto installed = install_wheel(*unpacked, scheme_);
  ASSERT_TRUE(installed.ok()) << installed.error().render();

  auto imported = run_subprocess(
      {.argv = {python, "-c",
                "import sys; sys.path.insert(0, '" + scheme_.purelib.string() +
                    "'); import hello, hello.sub.util; print(hello.X, hello.sub.util.Y)"}});
  ASSERT_TRUE(imported.ok()) << imported.error().render();
  EXPECT_EQ(imported->exit_code, 0) << imported->stderr_data;
  EXPECT_EQ(imported->stdout_data, "42 1\n");

  // The launcher and the rewritten script run through their shebangs.
  std::vector<std::string> env = {"PYTHONPATH=" + scheme_.purelib.string(), "PATH=/usr/bin:/bin"};
  auto cli = run_subprocess({.argv = {(env_ / "bin/hello-cli").string()}, .env = env});
  ASSERT_TRUE(cli.ok()) << cli.error().render();
  EXPECT_EQ(cli->exit_code, 0) << cli->stderr_data;
  EXPECT_EQ(cli->stdout_data, "hello 42\n");
  auto script = run_subprocess({.argv = {(env_ / "bin/hello-script").string()}, .env = env});
  ASSERT_TRUE(script.ok()) << script.error().render();
  EXPECT_EQ(script->stdout_data, "from script\n");
}

// A real-world wheel: the pip that python3 bundles for ensurepip, installed and run through its
// generated `pip` launcher.
TEST_F(InstallTest, InstallsAndRunsTheBundledPipWheel) {
  auto probe = run_subprocess(
      {.argv = {"python3", "-c",
                "import ensurepip, glob, os, sys; print(sys.executable); "
                "print(*glob.glob(os.path.join(os.path.dirname(ensurepip.__file__), '_bundled', "
                "'pip-*.whl')))"}});
  if (!probe.ok() || probe->exit_code != 0) GTEST_SKIP() << "python3 with ensurepip is missing";
  const std::string& out = probe->stdout_data;
  const size_t eol = out.find('\n');
  const std::string python = out.substr(0, eol);
  const std::string wheel = out.substr(eol + 1, out.find_first_of(" \n", eol + 1) - eol - 1);
  if (wheel.empty()) GTEST_SKIP() << "no bundled pip wheel";
  scheme_.python = python;
  auto unpacked = unpack_wheel(wheel, cache_ / "pip");
  ASSERT_TRUE(unpacked.ok()) << unpacked.error().render();
  auto installed = install_wheel(*unpacked, scheme_);
  ASSERT_TRUE(installed.ok()) << installed.error().render();
  expect_record_consistent(*installed);
  std::vector<std::string> env = {"PYTHONPATH=" + scheme_.purelib.string(), "PATH=/usr/bin:/bin"};
  auto pip = run_subprocess({.argv = {(env_ / "bin/pip").string(), "--version"}, .env = env});
  ASSERT_TRUE(pip.ok()) << pip.error().render();
  EXPECT_EQ(pip->exit_code, 0) << pip->stderr_data;
  EXPECT_EQ(pip->stdout_data.substr(0, 4 + installed->version.to_string().size()),
            "pip " + installed->version.to_string())
      << pip->stdout_data;
}

TEST_F(InstallTest, AnInterpreterPathWithASpaceGetsATrampoline) {
  auto probe = run_subprocess({.argv = {"python3", "-c", "import sys; print(sys.executable)"}});
  if (!probe.ok() || probe->exit_code != 0) GTEST_SKIP() << "python3 is not available";
  fs::path spaced = root_ / "my python" / "python3";
  fs::create_directories(spaced.parent_path());
  fs::create_symlink(probe->stdout_data.substr(0, probe->stdout_data.find('\n')), spaced);
  scheme_.python = spaced;
  auto unpacked = unpack(hello_wheel());
  ASSERT_TRUE(unpacked.ok()) << unpacked.error().render();
  ASSERT_TRUE(install_wheel(*unpacked, scheme_).ok());
  EXPECT_EQ(read_file(env_ / "bin/hello-cli")->substr(0, 10), "#!/bin/sh\n");
  std::vector<std::string> env = {"PYTHONPATH=" + scheme_.purelib.string(), "PATH=/usr/bin:/bin"};
  auto cli = run_subprocess({.argv = {(env_ / "bin/hello-cli").string()}, .env = env});
  ASSERT_TRUE(cli.ok()) << cli.error().render();
  EXPECT_EQ(cli->exit_code, 0) << cli->stderr_data;
  EXPECT_EQ(cli->stdout_data, "hello 42\n");
}

TEST_F(InstallTest, RefusesUnsafeEntryPointNamesBeforeWriting) {
  for (std::string name : {"../../evil", "/tmp/evil", "sub/evil", ".."}) {
    TestWheel w = hello_wheel();
    w.entry_points = "[console_scripts]\n" + name + " = hello:main\n";
    auto unpacked = unpack(w);  // entry_points.txt is just a file to unpack
    ASSERT_TRUE(unpacked.ok()) << unpacked.error().render();
    auto installed = install_wheel(*unpacked, scheme_);
    ASSERT_FALSE(installed.ok()) << name;
    EXPECT_EQ(installed.error().kind(), ErrorKind::kIntegrity);
    EXPECT_NE(installed.error().message().find("is not a plain file name"), std::string::npos)
        << installed.error().message();
    EXPECT_FALSE(fs::exists(env_)) << "nothing may be written";
    std::error_code ec;
    fs::remove_all(cache_.path(), ec);
    fs::create_directories(cache_.path());
  }
  TestWheel w = hello_wheel();
  w.entry_points = "[console_scripts]\nhello-cli = hello:main()\n";
  auto unpacked = unpack(w);
  ASSERT_TRUE(unpacked.ok());
  auto installed = install_wheel(*unpacked, scheme_);
  ASSERT_FALSE(installed.ok());
  EXPECT_EQ(installed.error().kind(), ErrorKind::kParse);
  EXPECT_FALSE(fs::exists(env_));
}

TEST_F(InstallTest, RefusesRelativeSchemePaths) {
  auto unpacked = unpack(hello_wheel());
  ASSERT_TRUE(unpacked.ok());
  scheme_.scripts = "bin";
  auto installed = install_wheel(*unpacked, scheme_);
  ASSERT_FALSE(installed.ok());
  EXPECT_EQ(installed.error().kind(), ErrorKind::kUsage);
  EXPECT_FALSE(fs::exists(env_));
}

TEST_F(InstallTest, ATamperedCacheCannotWriteOutsideTheScheme) {
  auto unpacked = unpack(hello_wheel());
  ASSERT_TRUE(unpacked.ok());
  // A RECORD edited in the cache after unpacking: install_wheel checks paths again.
  unpacked->record.entries.push_back({"../../../../evil.py", std::nullopt, std::nullopt, 0});
  auto installed = install_wheel(*unpacked, scheme_);
  ASSERT_FALSE(installed.ok());
  EXPECT_EQ(installed.error().kind(), ErrorKind::kIntegrity);
  EXPECT_NE(installed.error().message().find("'../../../../evil.py': path has a '..' component"),
            std::string::npos)
      << installed.error().message();
  EXPECT_FALSE(fs::exists(env_));
}

TEST_F(InstallTest, ReinstallingOverExistingFilesReplacesThem) {
  auto unpacked = unpack(hello_wheel());
  ASSERT_TRUE(unpacked.ok());
  ASSERT_TRUE(install_wheel(*unpacked, scheme_, {.link_mode = LinkMode::kHardlink}).ok());
  // Another distribution shipped the same file earlier.
  fs::remove(scheme_.purelib / "hello/sub/util.py");
  ASSERT_TRUE(write_file_replace(scheme_.purelib / "hello/sub/util.py", "stale\n").ok());
  auto again = install_wheel(*unpacked, scheme_, {.link_mode = LinkMode::kHardlink});
  ASSERT_TRUE(again.ok()) << again.error().render();
  EXPECT_EQ(*read_file(scheme_.purelib / "hello/sub/util.py"), "Y = 1\n");
  expect_record_consistent(*again);
  // A file roost writes (a script) over a hardlink into the cache must replace the link, never
  // write through it into the cache.
  const fs::path cached = unpacked->dir / "hello/__init__.py";
  const std::string cached_text = *read_file(cached);
  fs::remove(env_ / "bin/hello-script");
  fs::create_hard_link(cached, env_ / "bin/hello-script");
  ASSERT_TRUE(install_wheel(*unpacked, scheme_, {.link_mode = LinkMode::kHardlink}).ok());
  EXPECT_EQ(*read_file(cached), cached_text);
  EXPECT_EQ(*read_file(env_ / "bin/hello-script"), "#!/usr/bin/python3\nprint('from script')\n");
}

}  // namespace
}  // namespace roost::install
