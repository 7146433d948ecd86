// uv's `tool.uv.environments` in the Python resolver: one initial fork per supported environment,
// in the order declared, and nothing locked that only other environments need.
#include <gtest/gtest.h>

#include "resolve/python/resolver.h"
#include "resolve/python/test_source.h"

namespace roost::resolve::python {
namespace {

using namespace test_universe;  // NOLINT: the universe and its helpers

std::vector<pep508::Marker> markers(std::initializer_list<std::string_view> texts) {
  std::vector<pep508::Marker> out;
  for (std::string_view t : texts) out.push_back(pep508::Marker::parse(t).value());
  return out;
}

TEST(EnvironmentsTest, EachEnvironmentIsAnInitialForkAndOthersAreNotLocked) {
  TestSource s;
  s.add("a", "1.0",
        {.requires_dist = {"b; sys_platform == 'win32'", "c; sys_platform == 'linux'",
                           "d; sys_platform != 'cygwin' and implementation_name == 'cpython'"}});
  s.add("b", "1.0");
  s.add("c", "1.0");
  s.add("d", "1.0");
  ResolveOptions o;
  o.requires_python = python(">=3.10");
  o.environments = markers({"sys_platform == 'linux'", "sys_platform == 'darwin'"});
  auto r = run(s, inputs({"a"}), o);
  ASSERT_TRUE(r.ok()) << r.error().render();
  ASSERT_EQ(r->forks.size(), 2u);
  EXPECT_EQ(r->forks[0].to_string(), "sys_platform == 'linux'");
  EXPECT_EQ(r->forks[1].to_string(), "sys_platform == 'darwin'");
  // b is only needed on Windows, which the lock does not cover.
  EXPECT_EQ(pins(*r), "a==1.0 c==1.0 d==1.0");
  const ResolvedPackage* a = package_named(*r, "a");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->dependencies.size(), 2u);
  EXPECT_EQ(a->dependencies[0].marker.to_string(), "sys_platform == 'linux'");
  // Every supported environment is not Cygwin: that part of d's marker goes (as uv does).
  EXPECT_EQ(a->dependencies[1].marker.to_string(), "implementation_name == 'cpython'");
  EXPECT_EQ(package_named(*r, "d")->reachable.to_string(),
            "implementation_name == 'cpython' and sys_platform == 'darwin' or "
            "implementation_name == 'cpython' and sys_platform == 'linux'");
}

TEST(EnvironmentsTest, ForksSplitWithinTheirEnvironment) {
  TestSource s;
  s.add("a", "1.0",
        {.requires_dist = {"e<2; python_version < '3.12'", "e>=2; python_version >= '3.12'"}});
  s.add("e", "1.0");
  s.add("e", "2.0");
  ResolveOptions o;
  o.requires_python = python(">=3.10");
  o.environments = markers({"sys_platform == 'darwin'", "sys_platform == 'linux'"});
  auto r = run(s, inputs({"a"}), o);
  ASSERT_TRUE(r.ok()) << r.error().render();
  // Within each environment, the higher Python first (uv's order).
  ASSERT_EQ(r->forks.size(), 4u);
  EXPECT_EQ(r->forks[0].simplify_python(o.requires_python).to_string(),
            "python_version >= '3.12' and sys_platform == 'darwin'");
  EXPECT_EQ(r->forks[1].simplify_python(o.requires_python).to_string(),
            "python_version < '3.12' and sys_platform == 'darwin'");
  EXPECT_EQ(r->forks[2].simplify_python(o.requires_python).to_string(),
            "python_version >= '3.12' and sys_platform == 'linux'");
  EXPECT_EQ(pins(*r), "a==1.0 e==1.0[13] e==2.0[02]");
}

TEST(EnvironmentsTest, OneEnvironmentIsOneForkAndEnvironmentsOutsidePythonAreSkipped) {
  TestSource s;
  s.add("a", "1.0", {.requires_dist = {"c; sys_platform == 'win32'"}});
  s.add("c", "1.0");
  ResolveOptions o;
  o.requires_python = python(">=3.12");
  o.environments = markers({"python_version < '3.11'", "sys_platform == 'linux'"});
  auto r = run(s, inputs({"a"}), o);
  ASSERT_TRUE(r.ok()) << r.error().render();
  ASSERT_EQ(r->forks.size(), 1u);
  EXPECT_EQ(r->forks[0].to_string(), "sys_platform == 'linux'");
  EXPECT_EQ(pins(*r), "a==1.0");

  o.environments = markers({"python_version < '3.11'"});
  auto none = run(s, inputs({"a"}), o);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind(), ErrorKind::kUsage);
}

}  // namespace
}  // namespace roost::resolve::python
