// Gathering the packages a workspace takes from directories and local wheels (git and URL
// sources run end to end in tests/e2e/sources_e2e_test.cc).
#include "project/source_packages.h"

#include <gtest/gtest.h>

#include "base/sha256.h"
#include "index/test_zip.h"
#include "workspace/testing/temp_tree.h"

namespace roost::project {
namespace {

using workspace::testing::TempTree;

Result<SourcedPackages> gather(const TempTree& t, const std::string& root_dir = "ws") {
  ROOST_TRY(workspace::Workspace ws, workspace::discover_uv_workspace({.start = t.path(root_dir)}));
  ROOST_TRY(LoweredWorkspace w, lower_workspace(ws));
  return gather_source_packages(w, SourceFetch{});
}

TEST(SourcePackagesTest, DirectoriesAndTheirOwnPathDependenciesAreReadWithoutABuild) {
  TempTree t;
  t.write("ws/pyproject.toml",
          "[project]\nname = \"app\"\nversion = \"1\"\ndependencies = [\"lib\"]\n"
          "[tool.uv.sources]\nlib = { path = \"../lib\", editable = true }\n");
  t.write("lib/pyproject.toml",
          "[project]\nname = \"lib\"\nversion = \"0.3\"\ndependencies = [\"base\", \"idna\"]\n"
          "[tool.uv.sources]\nbase = { path = \"../base\" }\n");
  t.write("base/pyproject.toml", "[project]\nname = \"base\"\nversion = \"2.0\"\n");
  auto s = gather(t);
  ASSERT_TRUE(s.ok()) << s.error().render();
  ASSERT_EQ(s->packages.size(), 2u);
  const SourcedPackage& lib = s->packages[0];
  EXPECT_EQ(lib.lowered.name.str(), "lib");
  EXPECT_EQ(lib.lowered.version, "0.3");
  EXPECT_EQ(lib.lowered.source.kind, lock::SourceKind::kEditable);
  EXPECT_EQ(lib.lowered.source.location, "../lib");
  EXPECT_TRUE(lib.writes_metadata);
  const SourcedPackage& base = s->packages[1];
  EXPECT_EQ(base.lowered.source.kind, lock::SourceKind::kDirectory);
  EXPECT_EQ(base.lowered.source.location, "../base");  // relative to the workspace root
  ASSERT_EQ(lib.lowered.requires_dist.size(), 2u);
  EXPECT_EQ(s->index_of(lib.lowered.requires_dist[0]), std::optional<size_t>(1));
}

TEST(SourcePackagesTest, ALocalWheelIsReadAndHashed) {
  TempTree t;
  std::string wheel = index::testing::make_stored_zip(
      {{"w-1.0.dist-info/METADATA",
        "Metadata-Version: 2.1\nName: w\nVersion: 1.0\nRequires-Dist: idna ; extra == 'x'\n"
        "Provides-Extra: x\n"}});
  t.write("ws/dist/w-1.0-py3-none-any.whl", wheel);
  t.write("ws/pyproject.toml",
          "[project]\nname = \"app\"\nversion = \"1\"\ndependencies = [\"w\"]\n"
          "[tool.uv.sources]\nw = { path = \"dist/w-1.0-py3-none-any.whl\" }\n");
  auto s = gather(t);
  ASSERT_TRUE(s.ok()) << s.error().render();
  ASSERT_EQ(s->packages.size(), 1u);
  const SourcedPackage& w = s->packages[0];
  EXPECT_EQ(w.lowered.source.kind, lock::SourceKind::kPath);
  EXPECT_EQ(w.lowered.version, "1.0");
  EXPECT_EQ(w.lowered.provides_extras, std::vector<std::string>{"x"});
  ASSERT_EQ(w.wheels.size(), 1u);
  EXPECT_EQ(w.wheels[0].kind, lock::FileKind::kFilename);
  EXPECT_EQ(w.wheels[0].location, "w-1.0-py3-none-any.whl");
  EXPECT_EQ(w.wheels[0].hash, "sha256:" + to_hex(sha256(wheel)));
}

TEST(SourcePackagesTest, WhatNeedsABuildOrIsMisnamedIsRefused) {
  TempTree t;
  t.write("ws/pyproject.toml",
          "[project]\nname = \"app\"\nversion = \"1\"\ndependencies = [\"lib\"]\n"
          "[tool.uv.sources]\nlib = { path = \"../lib\" }\n");
  t.write("lib/pyproject.toml", "[project]\nname = \"other\"\nversion = \"1\"\n");
  auto misnamed = gather(t);
  ASSERT_FALSE(misnamed.ok());
  EXPECT_EQ(misnamed.error().message(),
            "`lib` from directory ../lib is a package named `other`, not `lib`");
  t.write("lib/pyproject.toml",
          "[project]\nname = \"lib\"\nversion = \"1\"\ndynamic = [\"dependencies\"]\n");
  auto dynamic = gather(t);
  ASSERT_FALSE(dynamic.ok());
  EXPECT_NE(dynamic.error().message().find("needs a PEP 517 build"), std::string::npos)
      << dynamic.error().message();
}

// A local sdist: its PKG-INFO when PEP 643 makes it reliable (2.2+, nothing dynamic that
// matters), else only a build can tell, and without a builder that is the error.
TEST(SourcePackagesTest, SdistsAreReadFromPkgInfoWhenItIsStaticElseNeedABuild) {
  TempTree t;
  t.write("ws/pyproject.toml",
          "[project]\nname = \"app\"\nversion = \"1\"\ndependencies = [\"s\"]\n"
          "[tool.uv.sources]\ns = { path = \"../s-1.0.zip\" }\n");
  auto write_sdist = [&](const std::string& pkg_info) {
    std::string zip = index::testing::make_stored_zip(
        {{"s-1.0/PKG-INFO", pkg_info}, {"s-1.0/pyproject.toml", "[project]\nname = \"s\"\n"}});
    t.write("s-1.0.zip", zip);
    return to_hex(sha256(zip));
  };
  Result<workspace::Workspace> ws = workspace::discover_uv_workspace({.start = t.path("ws")});
  ASSERT_TRUE(ws.ok());
  Result<LoweredWorkspace> w = lower_workspace(*ws);
  ASSERT_TRUE(w.ok());
  cache::Cache cache = cache::Cache::open(t.path("cache")).value();
  SourceFetch fetch{.cache = &cache};

  std::string sha = write_sdist(
      "Metadata-Version: 2.2\nName: s\nVersion: 1.0\nRequires-Dist: idna>=3\nDynamic: Summary\n");
  Result<SourcedPackages> s = gather_source_packages(*w, fetch);
  ASSERT_TRUE(s.ok()) << s.error().render();
  ASSERT_EQ(s->packages.size(), 1u);
  const SourcedPackage& p = s->packages[0];
  EXPECT_EQ(p.lowered.version, "1.0");
  ASSERT_EQ(p.lowered.requires_dist.size(), 1u);
  EXPECT_EQ(p.lowered.requires_dist[0].requirement.name.str(), "idna");
  EXPECT_EQ(p.lowered.source.kind, lock::SourceKind::kPath);
  ASSERT_TRUE(p.sdist.has_value());
  EXPECT_EQ(p.sdist->hash, "sha256:" + sha);
  EXPECT_TRUE(p.wheels.empty());

  for (std::string pkg_info : {"Metadata-Version: 2.1\nName: s\nVersion: 1.0\n",
                               "Metadata-Version: 2.2\nName: s\nVersion: 1.0\n"
                               "Dynamic: Requires-Dist\n"}) {
    write_sdist(pkg_info);
    Result<SourcedPackages> built = gather_source_packages(*w, fetch);
    ASSERT_FALSE(built.ok()) << pkg_info;
    EXPECT_NE(built.error().message().find("is a source archive; reading it needs a PEP 517 build"),
              std::string::npos)
        << built.error().message();
  }
}

}  // namespace
}  // namespace roost::project
