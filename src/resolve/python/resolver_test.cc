// The Python resolver over small in-memory universes: versions, extras, markers and forks,
// Requires-Python, pre-releases, yanked files, resolution modes, preferences, workspace members
// and the prose of a failure.
#include "resolve/python/resolver.h"

#include <gtest/gtest.h>

#include "resolve/python/test_source.h"

namespace roost::resolve::python {
namespace {

using namespace test_universe;  // NOLINT: the universe and its helpers

TEST(ResolverTest, PicksTheHighestVersionsThatWorkTogether) {
  TestSource s;
  s.add("a", "1.0", {.requires_dist = {"b>=1"}});
  s.add("a", "2.0", {.requires_dist = {"b>=2"}});
  s.add("b", "1.0");
  s.add("b", "1.5");
  auto r = run(s, inputs({"a", "b<2"}));
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(pins(*r), "a==1.0 b==1.5");
  EXPECT_EQ(r->forks.size(), 1u);
}

TEST(ResolverTest, ExtrasBringTheirDependenciesAtTheBaseVersion) {
  TestSource s;
  s.add("a", "1.0", {.requires_dist = {"c; extra == 'x'"}});
  s.add("a", "2.0", {.requires_dist = {"c>=2; extra == 'x'", "d"}});
  s.add("c", "1.0");
  s.add("d", "1.0");
  auto r = run(s, inputs({"a[x]", "c<2"}));
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(pins(*r), "a==1.0 c==1.0");
  ASSERT_EQ(r->packages[0].optional_dependencies.size(), 1u);
  EXPECT_EQ(r->packages[0].optional_dependencies[0].first, "x");
  EXPECT_TRUE(r->packages[0].dependencies.empty());
  ASSERT_EQ(r->roots.size(), 2u);
  EXPECT_EQ(r->roots[0].extras, std::vector<std::string>{"x"});
}

TEST(ResolverTest, ThePackageAndEachExtraAreEdgesOfTheirOwnAcrossForks) {
  TestSource s;
  s.add("a", "1.0", {.requires_dist = {"c; extra == 'x' and implementation_name != 'pypy'"}});
  s.add("c", "1.0");
  auto r = run(s, inputs({"a[x]; sys_platform == 'linux'", "a; sys_platform != 'linux'"}));
  ASSERT_TRUE(r.ok()) << r.error().render();
  ASSERT_EQ(r->forks.size(), 2u);
  // `a` is required in both forks (through a[x] on Linux): one unconditional edge; the extra
  // only on Linux.
  ASSERT_EQ(r->roots.size(), 2u);
  EXPECT_TRUE(r->roots[0].extras.empty());
  EXPECT_TRUE(r->roots[0].marker.is_true()) << r->roots[0].marker.to_string();
  EXPECT_EQ(r->roots[1].extras, std::vector<std::string>{"x"});
  EXPECT_EQ(r->roots[1].marker.to_string(), "sys_platform == 'linux'");
  // c has one version: the extra's edge keeps its own marker, not the fork's.
  ASSERT_EQ(r->packages[0].optional_dependencies.size(), 1u);
  EXPECT_EQ(r->packages[0].optional_dependencies[0].second[0].marker.to_string(),
            "implementation_name != 'pypy'");
}

TEST(ResolverTest, ExplainsAFailureInProse) {
  TestSource s;
  s.add("a", "1.0", {.requires_dist = {"b>=2"}});
  s.add("b", "1.0");
  auto r = run(s, inputs({"a==1.0"}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind(), ErrorKind::kUnsatisfiable);
  EXPECT_NE(r.error().message().find("a==1.0 depends on b>=2"), std::string::npos)
      << r.error().message();
  EXPECT_NE(r.error().message().find("you require a==1.0"), std::string::npos);

  auto missing = run(s, inputs({"zzz"}));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message().find("zzz was not found in the package registry"),
            std::string::npos)
      << missing.error().message();
}

TEST(ResolverTest, ForksWhenOnePackageIsRequiredUnderDifferentMarkers) {
  TestSource s;
  s.add("a", "1.0");
  s.add("a", "2.0", {.requires_dist = {"c"}});
  s.add("c", "1.0");
  auto r = run(s, inputs({"a>=2; sys_platform == 'linux'", "a<2; sys_platform == 'darwin'"}));
  ASSERT_TRUE(r.ok()) << r.error().render();
  ASSERT_EQ(r->forks.size(), 3u);  // linux, darwin, and neither
  std::set<std::string> forks;
  for (const auto& m : r->forks) forks.insert(m.to_string());
  EXPECT_EQ(forks, (std::set<std::string>{"sys_platform == 'linux'", "sys_platform == 'darwin'",
                                          "sys_platform != 'darwin' and sys_platform != 'linux'"}));
  ASSERT_EQ(r->packages.size(), 3u);
  EXPECT_EQ(r->packages[0].forks.size(), 1u);  // a 1.0: darwin only
  ASSERT_EQ(r->roots.size(), 2u);
  std::set<std::string> root_markers;
  for (const Edge& e : r->roots) root_markers.insert(e.marker.to_string());
  EXPECT_EQ(root_markers,
            (std::set<std::string>{"sys_platform == 'darwin'", "sys_platform == 'linux'"}));
  // a 2.0's own edge to c is not narrowed by the fork it lives in.
  ASSERT_EQ(r->packages[1].dependencies.size(), 1u);
  EXPECT_TRUE(r->packages[1].dependencies[0].marker.is_true());
}

TEST(ResolverTest, ForksAreSolvedInUvsOrderAndPreferWhatEarlierForksChose) {
  // The darwin piece has a capped requirement, so it is solved first: a 0.2.0 needs b>=2 there,
  // so it gets a 0.1.0, which the other pieces then prefer (uv's fork-marker-selection).
  TestSource s;
  s.add("a", "0.1.0");
  s.add("a", "0.2.0", {.requires_dist = {"b>=2"}});
  s.add("b", "1.0");
  s.add("b", "2.0");
  auto r = run(s, inputs({"a", "b>=2; sys_platform == 'linux'", "b<2; sys_platform == 'darwin'"}));
  ASSERT_TRUE(r.ok()) << r.error().render();
  ASSERT_EQ(r->forks.size(), 3u);
  EXPECT_EQ(r->forks[0].to_string(), "sys_platform == 'darwin'");
  EXPECT_EQ(pins(*r), "a==0.1.0 b==1.0[0] b==2.0[1]");

  // Equal pieces: the last made (the one with the marker) first; the other prefers its choices
  // (uv's preferences-dependent-forking).
  TestSource t;
  t.add("cleaver", "1.0",
        {.requires_dist = {"foo==1; sys_platform == 'linux'", "bar==1; sys_platform != 'linux'"}});
  t.add("cleaver", "2.0",
        {.requires_dist = {"dep==1; sys_platform == 'linux'", "dep==2; sys_platform != 'linux'",
                           "reject"}});
  t.add("reject", "1.0", {.requires_dist = {"dep==3"}});
  for (const char* v : {"1.0", "2.0", "3.0"}) t.add("dep", v);
  for (const char* v : {"1.0", "2.0"}) t.add("foo", v), t.add("bar", v);
  r = run(t, inputs({"cleaver", "foo", "bar"}));
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(r->forks[0].to_string(), "sys_platform == 'linux'");
  EXPECT_EQ(pins(*r), "bar==1.0[1] bar==2.0[0] cleaver==1.0 foo==1.0");
}

TEST(ResolverTest, APieceGoesOnFromWhereTheSolveSplit) {
  // a is decided before x splits the resolution, while `c<2; sys_platform == 'win32'` still
  // holds (the whole universe is one fork then): a 2.0 needs c>=2, so a 1.0. The pieces keep
  // that decision, as uv's do; solved from scratch, the darwin piece (the first) would pick
  // a 2.0.
  TestSource s;
  s.add("a", "1.0");
  s.add("a", "2.0", {.requires_dist = {"c>=2"}});
  for (const char* v : {"1.0", "2.0"}) s.add("c", v), s.add("y", v);
  s.add("x", "1.0",
        {.requires_dist = {"y>=2; sys_platform == 'linux'", "y<2; sys_platform == 'darwin'"}});
  auto r = run(s, inputs({"a", "x", "c<2; sys_platform == 'win32'"}));
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(r->forks.size(), 3u);
  EXPECT_EQ(pins(*r), "a==1.0 c==1.0 x==1.0 y==1.0[0] y==2.0[1]");
}

TEST(ResolverTest, SameMarkersOrNoMarkersDoNotFork) {
  TestSource s;
  s.add("a", "1.0");
  s.add("a", "2.0");
  auto r = run(s, inputs({"a>=1", "a<2"}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->forks.size(), 1u);
  EXPECT_EQ(pins(*r), "a==1.0");
}

TEST(ResolverTest, DropsRequirementsOutsideRequiresPythonAndSkipsTooNewCandidates) {
  TestSource s;
  s.add("a", "1.0");
  s.add("a", "2.0", {.requires_python = ">=3.13"});
  s.add("old", "1.0");
  ResolveOptions o;
  o.requires_python = python(">=3.12");
  auto r = run(s, inputs({"a", "old; python_version < '3.9'"}), o);
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(pins(*r), "a==1.0");
  o.requires_python = python(">=3.13");
  r = run(s, inputs({"a"}), o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(pins(*r), "a==2.0");
}

TEST(ResolverTest, PrereleasesOnlyWhenNecessaryOrAsked) {
  TestSource s;
  s.add("a", "1.0");
  s.add("a", "2.0a1");
  s.add("b", "1.0b1");
  auto r = run(s, inputs({"a", "b"}));
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(pins(*r), "a==1.0 b==1.0b1");
  r = run(s, inputs({"a>=2.0a1"}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(pins(*r), "a==2.0a1");
  ResolveOptions o;
  o.prerelease = PrereleaseMode::kDisallow;
  EXPECT_FALSE(run(s, inputs({"b"}), o).ok());
  o.prerelease = PrereleaseMode::kAllow;
  r = run(s, inputs({"a"}), o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(pins(*r), "a==2.0a1");
}

TEST(ResolverTest, YankedVersionsOnlyWhenPinnedExactly) {
  TestSource s;
  s.add("a", "1.0");
  s.add("a", "2.0", {.yanked = true});
  auto r = run(s, inputs({"a"}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(pins(*r), "a==1.0");
  r = run(s, inputs({"a==2.0"}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(pins(*r), "a==2.0");
  EXPECT_FALSE(run(s, inputs({"a>1"})).ok());
  // A pin in some package's metadata does not unlock a yanked release: only the user's does.
  s.add("b", "1.0", {.requires_dist = {"a==2.0"}});
  EXPECT_FALSE(run(s, inputs({"b"})).ok());
  EXPECT_TRUE(run(s, inputs({"b", "a==2.0"})).ok());
}

TEST(ResolverTest, LowestAndLowestDirectAndPreferences) {
  TestSource s;
  s.add("a", "1.0", {.requires_dist = {"b"}});
  s.add("a", "2.0", {.requires_dist = {"b"}});
  s.add("b", "1.0");
  s.add("b", "2.0");
  ResolveOptions o;
  o.resolution = ResolutionMode::kLowest;
  EXPECT_EQ(pins(run(s, inputs({"a"}), o).value()), "a==1.0 b==1.0");
  o.resolution = ResolutionMode::kLowestDirect;
  EXPECT_EQ(pins(run(s, inputs({"a"}), o).value()), "a==1.0 b==2.0");
  ResolveOptions prefer;
  prefer.preferences.emplace(pep508::PackageName::parse("b").value(),
                             pep440::Version::parse("1.0").value());
  EXPECT_EQ(pins(run(s, inputs({"a"}), prefer).value()), "a==2.0 b==1.0");
  prefer.upgrade.insert(pep508::PackageName::parse("b").value());
  EXPECT_EQ(pins(run(s, inputs({"a"}), prefer).value()), "a==2.0 b==2.0");
}

TEST(ResolverTest, AMarkerThatRaisesThePythonFloorForksAndLowestSolvesLowPythonsFirst) {
  TestSource s;
  s.add("root", "1.0", {.requires_dist = {"dep>=2.8"}});
  s.add("dep", "2.8");
  s.add("dep", "3.0");
  s.add("dep", "3.1");
  ResolveOptions o;
  o.requires_python = python(">=3.11");
  o.resolution = ResolutionMode::kLowest;
  auto r = run(s, inputs({"root", "dep>=3; python_version >= '3.12'"}), o);
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(r->forks.size(), 2u);
  EXPECT_EQ(pins(*r), "dep==2.8[0] dep==3.0[1] root==1.0");
  // lowest-direct: dep is direct only where the root requires it, and no fork prefers another's.
  o.resolution = ResolutionMode::kLowestDirect;
  r = run(s, inputs({"root", "dep>=3; python_version >= '3.12'"}), o);
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(pins(*r), "dep==3.0[0] dep==3.1[1] root==1.0");
  // A marker that does not raise the floor does not fork.
  r = run(s, inputs({"root", "dep>=3; python_version < '3.12'"}), o);
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(r->forks.size(), 1u);
}

TEST(ResolverTest, RequiredEnvironmentsNeedAWheelWhereThePackageIsNeeded) {
  TestSource s;
  s.add("win-only", "1.0", {.wheel_tags = {"cp312-abi3-win_amd64"}, .sdist = false});
  ResolveOptions o;
  o.requires_python = python(">=3.12");
  o.required_environments = {pep508::Marker::parse("sys_platform == 'linux'").value(),
                             pep508::Marker::parse("sys_platform == 'win32'").value()};
  // Needed only on Windows: Linux needs no wheel of it.
  auto r = run(s, inputs({"win-only; sys_platform == 'win32'"}), o);
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(pins(*r), "win-only==1.0");
  // Needed on Linux too: no version can serve it.
  r = run(s, inputs({"win-only"}), o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("required environment"), std::string::npos)
      << r.error().message();
}

TEST(ResolverTest, ATargetEnvironmentEvaluatesMarkersAndWheelTags) {
  TestSource s;
  s.add("a", "1.0",
        {.requires_dist = {"win; sys_platform == 'win32'", "lin; sys_platform == 'linux'"}});
  s.add("lin", "1.0");
  s.add("native", "1.0", {.wheel_tags = {"cp312-cp312-manylinux_2_17_x86_64"}, .sdist = false});
  s.add("native", "2.0", {.wheel_tags = {"cp312-cp312-win_amd64"}, .sdist = false});
  ResolveOptions o;
  TargetEnvironment env;
  env.markers.values = {
      {"sys_platform", "linux"}, {"python_full_version", "3.12.0"}, {"platform_machine", "x86_64"}};
  env.python = pep440::Version::parse("3.12.0").value();
  env.tags = {tags::Tag::parse("cp312-cp312-manylinux_2_17_x86_64").value(),
              tags::Tag::parse("py3-none-any").value()};
  o.target = env;
  auto r = run(s, inputs({"a", "native"}), o);
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(pins(*r), "a==1.0 lin==1.0 native==1.0");
  // For one target Python, Requires-Python's upper bound is ignored (uv's rule); the lower
  // bound still holds.
  s.add("capped", "1.0", {.requires_python = "<=3.8"});
  s.add("capped", "2.0", {.requires_python = ">=3.13"});
  r = run(s, inputs({"capped"}), o);
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(pins(*r), "capped==1.0");
}

TEST(ResolverTest, WorkspaceMembersAreRootsWithTheirExtrasAndGroups) {
  TestSource s;
  s.add("idna", "3.0");
  s.add("pytest", "8.0");
  ResolveInput in;
  LocalPackage lib{pep508::PackageName::parse("lib").value(),
                   pep440::Version::parse("0.2").value(),
                   {req("idna>=3; sys_platform == 'linux'")},
                   {},
                   {}};
  LocalPackage app{pep508::PackageName::parse("app").value(),
                   pep440::Version::parse("0.1").value(),
                   {Requirement{pep508::Requirement::parse("lib").value(), 1}},
                   {},
                   {{"dev", {req("pytest")}}}};
  in.locals = {app, lib};
  in.root_locals = {0, 1};
  auto r = run(s, in);
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(pins(*r), "app==0.1 idna==3.0 lib==0.2 pytest==8.0");
  const ResolvedPackage& a = r->packages[0];
  ASSERT_EQ(a.dev_dependencies.size(), 1u);
  EXPECT_EQ(a.dev_dependencies[0].first, "dev");
  EXPECT_EQ(r->packages[2].dependencies[0].marker.to_string(), "sys_platform == 'linux'");
  EXPECT_EQ(r->packages[2].local, 1u);

  // A member that cannot be satisfied is named the way it was written.
  LocalPackage bad = lib;
  bad.dependencies = {req("idna>=9")};
  in.locals = {app, bad};
  auto failed = run(s, in);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().message().find("lib depends on idna>=9"), std::string::npos)
      << failed.error().message();
}

}  // namespace
}  // namespace roost::resolve::python
