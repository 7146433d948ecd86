// Unpacking sdists: the layout rules, every way out of the directory refused with nothing left
// behind, .tar.gz and .zip; and a good sdist built into a wheel.
#include "build/sdist.h"

#include <gtest/gtest.h>

#include "build/testing/archive_writer.h"
#include "build/testing/projects.h"
#include "install/unpack.h"
#include "python/test_support.h"

namespace roost::build {
namespace {

namespace fs = std::filesystem;
using python::testing::TempDir;
using testing::ArchiveEntry;
using testing::ArchiveFormat;
using Type = ArchiveEntry::Type;

const char* kPkgInfo = "Metadata-Version: 2.1\nName: mypkg\nVersion: 0.1.0\n";

std::vector<ArchiveEntry> good_entries(const std::string& top = "mypkg-0.1.0") {
  return {
      {.name = top + "/", .mode = 0755, .type = Type::kDirectory},
      {.name = top + "/PKG-INFO", .content = kPkgInfo},
      {.name = top + "/pyproject.toml",
       .content = "[build-system]\nrequires = []\nbuild-backend = \"mybackend\"\n"
                  "backend-path = [\".\"]\n\n[project]\nname = \"mypkg\"\nversion = \"0.1.0\"\n"},
      {.name = top + "/mybackend.py", .content = testing::backend_source()},
      {.name = top + "/src/mypkg/__init__.py", .content = "X = 1\n"},
      {.name = top + "/tools/run.sh", .content = "#!/bin/sh\n", .mode = 0755},
  };
}

// What unpacking left in `dir` (the destination and any temporary directory).
std::vector<std::string> entries_of(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path().filename());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Sdist, UnpacksTarGzAndZip) {
  for (ArchiveFormat format : {ArchiveFormat::kTarGz, ArchiveFormat::kZip}) {
    TempDir t;
    const fs::path archive =
        t.path(format == ArchiveFormat::kZip ? "mypkg-0.1.0.zip" : "mypkg-0.1.0.tar.gz");
    std::vector<ArchiveEntry> entries = good_entries();
    entries.push_back({.name = "mypkg-0.1.0/src/mypkg/alias.py",
                       .target = "__init__.py",
                       .type = Type::kSymlink});
    if (format == ArchiveFormat::kTarGz) {
      entries.push_back({.name = "mypkg-0.1.0/src/mypkg/same.py",
                         .target = "mypkg-0.1.0/src/mypkg/__init__.py",
                         .type = Type::kHardlink});
    }
    testing::write_archive(archive, entries, format);
    Result<UnpackedSdist> s = unpack_sdist(archive, t.path("work/mypkg"));
    ASSERT_TRUE(s.ok()) << s.error().render();
    EXPECT_EQ(s->top_level, "mypkg-0.1.0");
    EXPECT_EQ(s->source_tree, t.path("work/mypkg/mypkg-0.1.0"));
    EXPECT_EQ(read_file(s->source_tree / "PKG-INFO").value_or(""), kPkgInfo);
    EXPECT_EQ(read_file(s->source_tree / "src/mypkg/alias.py").value_or(""), "X = 1\n");
    EXPECT_TRUE(fs::is_symlink(s->source_tree / "src/mypkg/alias.py"));
    EXPECT_EQ(fs::status(s->source_tree / "tools/run.sh").permissions() & fs::perms::owner_exec,
              fs::perms::owner_exec);
    EXPECT_EQ(entries_of(t.path("work")), std::vector<std::string>{"mypkg"});
    // Unpacked already: the tree is used as it is.
    Result<UnpackedSdist> again = unpack_sdist(t.path("missing.tar.gz"), t.path("work/mypkg"));
    ASSERT_TRUE(again.ok()) << again.error().render();
    EXPECT_EQ(again->source_tree, s->source_tree);
  }
}

TEST(Sdist, RefusesWhatCouldEscapeOrIsNotAnSdist) {
  struct Case {
    const char* what;
    std::vector<ArchiveEntry> extra;
    std::string message;  // after "invalid sdist <archive>"
  };
  const std::string top = "mypkg-0.1.0";
  const std::vector<Case> cases = {
      {"traversal",
       {{.name = top + "/../evil.py", .content = "x"}},
       ": entry `mypkg-0.1.0/../evil.py`: path has a '..' component"},
      {"absolute",
       {{.name = "/tmp/evil.py", .content = "x"}},
       ": entry `/tmp/evil.py`: absolute path"},
      {"second top level",
       {{.name = "other-1.0/x.py", .content = "x"}},
       ": entry `other-1.0/x.py`: a second top-level directory (an sdist has one: `mypkg-0.1.0`)"},
      {"link out",
       {{.name = top + "/up", .target = "../..", .type = Type::kSymlink}},
       ": entry `mypkg-0.1.0/up`: a symbolic link to `../..`, outside the sdist's directory"},
      {"absolute link",
       {{.name = top + "/etc", .target = "/etc", .type = Type::kSymlink}},
       ": entry `mypkg-0.1.0/etc`: a symbolic link to `/etc`, outside the sdist's directory"},
      {"link chain",
       {{.name = top + "/s", .target = ".", .type = Type::kSymlink},
        {.name = top + "/e", .target = "s/s/s/../../..", .type = Type::kSymlink}},
       ": entry `mypkg-0.1.0/e`: a symbolic link that resolves outside the sdist"},
      {"through a link",
       {{.name = top + "/d", .target = "src", .type = Type::kSymlink},
        {.name = top + "/d/x.py", .content = "x"}},
       ": entry `mypkg-0.1.0/d/x.py`: it is inside the symbolic link `mypkg-0.1.0/d`"},
      {"hard link out",
       {{.name = top + "/h", .target = "/etc/passwd", .type = Type::kHardlink}},
       ": entry `mypkg-0.1.0/h`: a hard link to `/etc/passwd`, which is not an earlier file"},
      {"fifo",
       {{.name = top + "/pipe", .type = Type::kFifo}},
       ": entry `mypkg-0.1.0/pipe`: a FIFO"},
      {"device",
       {{.name = top + "/tty", .type = Type::kCharDevice}},
       ": entry `mypkg-0.1.0/tty`: a device file"},
      {"twice",
       {{.name = top + "/PKG-INFO", .content = "again"}},
       ": entry `mypkg-0.1.0/PKG-INFO`: given twice"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    TempDir t;
    std::vector<ArchiveEntry> entries = good_entries();
    entries.insert(entries.end(), c.extra.begin(), c.extra.end());
    testing::write_archive(t.path("mypkg-0.1.0.tar.gz"), entries);
    Result<UnpackedSdist> s = unpack_sdist(t.path("mypkg-0.1.0.tar.gz"), t.path("work/mypkg"));
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().kind(), ErrorKind::kIntegrity);
    EXPECT_EQ(s.error().message(),
              "invalid sdist " + t.path("mypkg-0.1.0.tar.gz").string() + c.message);
    EXPECT_TRUE(entries_of(t.path("work")).empty());  // nothing left behind
    EXPECT_FALSE(fs::exists(t.path("evil.py")));
  }
}

TEST(Sdist, Layout) {
  TempDir t;
  const fs::path archive = t.path("mypkg-0.1.0.tar.gz");
  testing::write_archive(archive, {{.name = "mypkg-0.1.0/setup.py", .content = "x"}});
  Result<UnpackedSdist> s = unpack_sdist(archive, t.path("a"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message(),
            "invalid sdist " + archive.string() + ": no PKG-INFO file in `mypkg-0.1.0/`");

  testing::write_archive(archive, {{.name = "PKG-INFO", .content = kPkgInfo}});
  s = unpack_sdist(archive, t.path("a"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message(), "invalid sdist " + archive.string() +
                                     ": entry `PKG-INFO`: a file at the top level (an sdist has "
                                     "one directory)");

  testing::write_archive(archive, good_entries("otherpkg-0.1.0"));
  s = unpack_sdist(archive, t.path("a"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message(), "invalid sdist " + archive.string() +
                                     ": its directory `otherpkg-0.1.0` does not match the file "
                                     "name");
  // Legacy spellings of the same name and version are the same.
  testing::write_archive(t.path("My_Pkg-0.1.tar.gz"), good_entries("my.pkg-0.1.0"));
  EXPECT_TRUE(unpack_sdist(t.path("My_Pkg-0.1.tar.gz"), t.path("b")).ok());

  testing::write_archive(archive, {});
  s = unpack_sdist(archive, t.path("a"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message(), "invalid sdist " + archive.string() + ": the archive is empty");

  ASSERT_TRUE(write_file_atomic(t.path("junk.tar.gz"), "not an archive").ok());
  s = unpack_sdist(t.path("junk.tar.gz"), t.path("c"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(entries_of(t.root()), (std::vector<std::string>{"My_Pkg-0.1.tar.gz", "b", "junk.tar.gz",
                                                            "mypkg-0.1.0.tar.gz"}));
}

TEST(Sdist, BuildsAWheel) {
  ROOST_REQUIRE_PYTHON(python3, testing::system_python());
  TempDir t;
  testing::write_archive(t.path("mypkg-0.1.0.tar.gz"), good_entries());
  BuildRequest r{.python = *python3, .output_dir = t.path("wheels"), .timeout_ms = 60000};
  Result<BuildResult> built = build_sdist_wheel(t.path("mypkg-0.1.0.tar.gz"), t.path("work"), r);
  ASSERT_TRUE(built.ok()) << built.error().render();
  Result<install::UnpackedWheel> w = install::unpack_wheel(built->wheel, t.path("unpacked"));
  ASSERT_TRUE(w.ok()) << w.error().render();
  EXPECT_EQ(w->version.to_string(), "0.1.0");

  r.kind = BuildKind::kEditable;
  Result<BuildResult> editable = build_sdist_wheel(t.path("mypkg-0.1.0.tar.gz"), t.path("work"), r);
  ASSERT_FALSE(editable.ok());
  EXPECT_EQ(editable.error().kind(), ErrorKind::kUsage);
}

}  // namespace
}  // namespace roost::build
