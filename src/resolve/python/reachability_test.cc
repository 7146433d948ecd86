// Reachability after a universal resolution: dependencies whose markers contradict every path
// to their parent are dropped, edge markers the parent already implies are left out, and each
// package's wheels are kept only for platforms that reach it.
#include "resolve/python/reachability.h"

#include <gtest/gtest.h>

#include "resolve/python/test_source.h"
#include "resolve/python/wheel_markers.h"

namespace roost::resolve::python {
namespace {

using namespace test_universe;  // NOLINT: the universe and its helpers

pep508::Marker marker(std::string_view text) {
  return pep508::Marker::parse(text).value();
}

const ResolvedPackage& named(const Resolution& r, std::string_view name) {
  for (const ResolvedPackage& p : r.packages) {
    if (p.name == name) return p;
  }
  ADD_FAILURE() << "no package " << name;
  return r.packages.front();
}

TEST(ReachabilityTest, DropsADependencyNoPathCanReach) {
  TestSource s;
  s.add("a", "1.0", {.requires_dist = {"b; sys_platform == 'linux'", "c; os_name == 'nt'"}});
  s.add("b", "1.0");
  s.add("c", "1.0");
  auto r = run(s, inputs({"a; sys_platform == 'win32'"}));
  ASSERT_TRUE(r.ok()) << r.error().render();
  // b needs linux under a, which only win32 reaches; c's marker overlaps win32 and stays.
  EXPECT_EQ(pins(*r), "a==1.0 c==1.0");
  const ResolvedPackage& a = named(*r, "a");
  EXPECT_EQ(a.reachable, marker("sys_platform == 'win32'"));
  ASSERT_EQ(a.dependencies.size(), 1u);
  EXPECT_EQ(a.dependencies[0].marker, marker("os_name == 'nt'"));
  EXPECT_EQ(r->packages[a.dependencies[0].target].name, "c");
  EXPECT_EQ(named(*r, "c").reachable, marker("sys_platform == 'win32' and os_name == 'nt'"));
}

TEST(ReachabilityTest, LeavesOutAnEdgeMarkerTheParentImplies) {
  TestSource s;
  s.add("a", "1.0", {.requires_dist = {"b; sys_platform == 'linux'"}});
  s.add("b", "1.0");
  auto r = run(s, inputs({"a; sys_platform == 'linux'"}));
  ASSERT_TRUE(r.ok()) << r.error().render();
  const ResolvedPackage& a = named(*r, "a");
  ASSERT_EQ(a.dependencies.size(), 1u);
  EXPECT_TRUE(a.dependencies[0].marker.is_true());
  // The root's own edge keeps its marker: the root is reached everywhere.
  ASSERT_EQ(r->roots.size(), 1u);
  EXPECT_EQ(r->roots[0].marker, marker("sys_platform == 'linux'"));
}

TEST(ReachabilityTest, FollowsCyclesAndUnionsPaths) {
  TestSource s;
  s.add("a", "1.0", {.requires_dist = {"b"}});
  s.add("b", "1.0", {.requires_dist = {"a", "c; sys_platform == 'darwin'"}});
  s.add("c", "1.0");
  auto r = run(s, inputs({"a; sys_platform == 'linux'", "b; sys_platform == 'darwin'"}));
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(pins(*r), "a==1.0 b==1.0 c==1.0");
  pep508::Marker both = marker("sys_platform == 'linux' or sys_platform == 'darwin'");
  EXPECT_EQ(named(*r, "a").reachable, both);
  EXPECT_EQ(named(*r, "b").reachable, both);
  EXPECT_EQ(named(*r, "c").reachable, marker("sys_platform == 'darwin'"));
}

TEST(ReachabilityTest, PythonBoundsOutsideRequiresPythonCountAsNever) {
  TestSource s;
  s.add("a", "1.0", {.requires_dist = {"old; python_version < '3.9'"}});
  s.add("old", "1.0");
  ResolveOptions o;
  o.requires_python = python(">=3.10");
  auto r = run(s, inputs({"a"}), o);
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(pins(*r), "a==1.0");
}

TEST(WheelMarkersTest, PlatformTagsImplyPlatformAndMachine) {
  auto implied = [](std::vector<std::string> tags) { return implied_platform_marker(tags); };
  EXPECT_TRUE(implied({"any"}).is_true());
  EXPECT_TRUE(implied({"freebsd_13_x86_64"}).is_true());
  EXPECT_EQ(implied({"win_amd64"}),
            marker("sys_platform == 'win32' and platform_machine == 'AMD64'"));
  EXPECT_EQ(implied({"manylinux_2_17_x86_64", "manylinux2014_x86_64"}),
            marker("sys_platform == 'linux' and platform_machine == 'x86_64'"));
  EXPECT_EQ(implied({"musllinux_1_1_armv7l"}),
            marker("sys_platform == 'linux' and platform_machine == 'armv7l'"));
  EXPECT_EQ(implied({"macosx_11_0_arm64"}),
            marker("sys_platform == 'darwin' and "
                   "(platform_machine == 'arm64' or platform_machine == 'aarch64')"));
  EXPECT_EQ(implied({"macosx_14_0_x86_64"}),
            marker("sys_platform == 'darwin' and platform_machine == 'x86_64'"));
  pep508::Marker universal2 = implied({"macosx_10_9_universal2"});
  EXPECT_FALSE(universal2.and_(marker("platform_machine == 'x86_64'")).is_false());
  EXPECT_TRUE(universal2.and_(marker("platform_machine == 'i686'")).is_false());
  EXPECT_TRUE(universal2.and_(marker("sys_platform == 'linux'")).is_false());
}

}  // namespace
}  // namespace roost::resolve::python
