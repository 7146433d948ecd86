// uv's `tool.uv.conflicts` in the Python resolver: conflicting extras and groups are resolved in
// forks of their own (at most one item of each set per fork), with uv's conflict markers on the
// forks and edges, simplified where the path to an edge already says which item is active.
#include "resolve/python/conflicts.h"

#include <gtest/gtest.h>

#include "resolve/python/resolver.h"
#include "resolve/python/test_source.h"

namespace roost::resolve::python {
namespace {

using namespace test_universe;  // NOLINT: the universe and its helpers

ConflictItem extra(std::string package, std::string name) {
  return {package, name, ""};
}
ConflictItem group(std::string package, std::string name) {
  return {package, "", name};
}

// uv's lock_conflict.rs `extra_basic`: one project whose extras pin different versions.
ResolveInput basic_project() {
  return one_member("project", "0.1.0",
                    {req("sortedcontainers==2.3.0; extra == 'extra1'"),
                     req("sortedcontainers==2.4.0; extra == 'extra2'")},
                    {"extra1", "extra2"});
}

TestSource sortedcontainers() {
  TestSource s;
  s.add("sortedcontainers", "2.3.0");
  s.add("sortedcontainers", "2.4.0");
  return s;
}

TEST(ConflictsTest, WithoutTheDeclarationConflictingExtrasFail) {
  TestSource s = sortedcontainers();
  auto r = run(s, basic_project());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind(), ErrorKind::kUnsatisfiable);
  EXPECT_NE(r.error().message().find("project[extra2] depends on sortedcontainers==2.4.0"),
            std::string::npos)
      << r.error().message();
}

TEST(ConflictsTest, DeclaredConflictingExtrasResolveInForksOfTheirOwn) {
  TestSource s = sortedcontainers();
  ResolveInput in = basic_project();
  in.conflicts = {{extra("project", "extra1"), extra("project", "extra2")}};
  auto r = run(s, in);
  ASSERT_TRUE(r.ok()) << r.error().render();
  // uv's pieces: none of the set, extra1, extra2; solved last made first.
  ASSERT_EQ(r->forks.size(), 3u);
  ASSERT_EQ(r->fork_conflicts.size(), 3u);
  EXPECT_EQ(r->fork_conflicts[0].to_string(),
            "'extra-7-project-extra1' not in extras and 'extra-7-project-extra2' in extras");
  EXPECT_EQ(r->fork_conflicts[1].to_string(),
            "'extra-7-project-extra1' in extras and 'extra-7-project-extra2' not in extras");
  EXPECT_EQ(r->fork_conflicts[2].to_string(),
            "'extra-7-project-extra1' not in extras and 'extra-7-project-extra2' not in extras");
  EXPECT_EQ(pins(*r), "project==0.1.0 sortedcontainers==2.3.0[1] sortedcontainers==2.4.0[0]");
  // Each extra's edge goes to its own version, with no marker left: inside the extra's list
  // the extra is active and the other one not.
  const ResolvedPackage& project = r->packages[0];
  ASSERT_EQ(project.optional_dependencies.size(), 2u);
  for (const auto& [name, edges] : project.optional_dependencies) {
    ASSERT_EQ(edges.size(), 1u) << name;
    EXPECT_EQ(r->packages[edges[0].target].version.to_string(),
              name == "extra1" ? "2.3.0" : "2.4.0");
    EXPECT_TRUE(edges[0].marker.is_true()) << name << ": " << edges[0].marker.to_string();
  }
}

TEST(ConflictsTest, AnExtraAgainstAGroupAndMarkersAlongThePath) {
  TestSource s;
  s.add("lib", "1.0", {.requires_dist = {"x"}});
  s.add("lib", "2.0");
  s.add("x", "1.0");
  s.add("common", "1.0");
  ResolveInput in = one_member("app", "0.1", {req("common"), req("lib==1.0; extra == 'old'")},
                               {"old"}, {{"dev", {req("lib==2.0")}}});
  in.conflicts = {{extra("app", "old"), group("app", "dev")}};
  auto r = run(s, in);
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(r->forks.size(), 3u);
  const ResolvedPackage& a = r->packages[0];
  EXPECT_EQ(a.name, "app");
  // common is in every fork: uv's imbibed union of the forks' choices is true.
  ASSERT_EQ(a.dependencies.size(), 1u);
  EXPECT_TRUE(a.dependencies[0].marker.is_true()) << a.dependencies[0].marker.to_string();
  ASSERT_EQ(a.dev_dependencies.size(), 1u);
  EXPECT_TRUE(a.dev_dependencies[0].second[0].marker.is_true());
  // lib 1.0 is reached only through `app[old]`: its own edge to x needs no marker either.
  const ResolvedPackage* lib1 = package_named(*r, "lib", "1.0");
  ASSERT_NE(lib1, nullptr);
  ASSERT_EQ(lib1->dependencies.size(), 1u);
  EXPECT_TRUE(lib1->dependencies[0].marker.is_true()) << lib1->dependencies[0].marker.to_string();
}

TEST(ConflictsTest, OverlappingSetsSplitIntoPossibleChoicesOnly) {
  ConflictItem a = extra("p", "a"), b = extra("p", "b"), c = extra("p", "c");
  std::vector<ConflictChoice> pieces =
      split_by_conflicts({}, {{a, c}, {b, c}}, [](const ConflictItem&) { return true; });
  std::vector<std::string> markers;
  for (const ConflictChoice& p : pieces) markers.push_back(conflict_marker(p).to_string());
  // a and b may go together; c goes with neither.
  EXPECT_EQ(markers, (std::vector<std::string>{
                         "'extra-1-p-a' not in extras and 'extra-1-p-b' not in extras and "
                         "'extra-1-p-c' not in extras",
                         "'extra-1-p-a' not in extras and 'extra-1-p-b' in extras and "
                         "'extra-1-p-c' not in extras",
                         "'extra-1-p-a' in extras and 'extra-1-p-b' not in extras and "
                         "'extra-1-p-c' not in extras",
                         "'extra-1-p-a' in extras and 'extra-1-p-b' in extras and "
                         "'extra-1-p-c' not in extras",
                         "'extra-1-p-a' not in extras and 'extra-1-p-b' not in extras and "
                         "'extra-1-p-c' in extras"}));
  // Nothing of a set in the list: no split.
  EXPECT_EQ(split_by_conflicts({}, {{a, c}}, [](const ConflictItem&) { return false; }).size(), 1u);
  EXPECT_TRUE(conflict_marker(pieces[2])
                  .or_(conflict_marker(pieces[0]))
                  .or_(impossible_choices({{a, c}, {b, c}}))
                  .to_string()
                  .find("in extras") != std::string::npos);
}

// uv's edges in locks with conflicts: and-ed with the forks' markers, then imbibed, so a
// platform marker keeps the impossible choices beside it (`sys_platform == 'win32' or (extra ==
// 'extra-1-p-a' and extra == 'extra-1-p-b')`), and with supported environments an edge every
// fork has says where they are; an item's own list loses the conflict terms.
TEST(ConflictsTest, EdgesCarryTheForksMarkersAsUvWritesThem) {
  TestSource s;
  s.add("click", "1.0", {.requires_dist = {"colorama; sys_platform == 'win32'"}});
  s.add("colorama", "1.0");
  s.add("lib", "1.0");
  s.add("lib", "2.0");
  ResolveInput in = one_member(
      "p", "0.1", {req("click"), req("lib==1.0; extra == 'a'"), req("lib==2.0; extra == 'b'")},
      {"a", "b"});
  in.conflicts = {{extra("p", "a"), extra("p", "b")}};
  auto r = run(s, in);
  ASSERT_TRUE(r.ok()) << r.error().render();
  auto m = [](const std::string& text) { return pep508::Marker::parse(text).value(); };
  const std::string pair = "'extra-1-p-a' in extras and 'extra-1-p-b' in extras";
  EXPECT_EQ(package_named(*r, "click")->dependencies[0].marker,
            m(pair + " or sys_platform == 'win32'"));
  EXPECT_TRUE(package_named(*r, "p")->dependencies[0].marker.is_true());
  // colorama's reachability keeps the impossible choices: its wheels for other platforms stay.
  EXPECT_FALSE(
      package_named(*r, "colorama")->reachable.and_(m("sys_platform == 'linux'")).is_false());

  ResolveOptions o;
  o.environments = {pep508::Marker::parse("sys_platform == 'darwin'").value(),
                    pep508::Marker::parse("sys_platform == 'linux'").value()};
  auto limited = run(s, in, o);
  ASSERT_TRUE(limited.ok()) << limited.error().render();
  EXPECT_EQ(limited->packages[3].name, "p");
  EXPECT_EQ(limited->packages[3].dependencies[0].marker,
            m(pair + " or sys_platform == 'darwin' or sys_platform == 'linux'"));
  for (const auto& [extra, edges] : limited->packages[3].optional_dependencies) {
    EXPECT_EQ(edges[0].marker.to_string(), "sys_platform == 'darwin' or sys_platform == 'linux'")
        << extra;
  }
}

}  // namespace
}  // namespace roost::resolve::python
