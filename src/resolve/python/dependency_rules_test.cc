#include "resolve/python/dependency_rules.h"

#include <gtest/gtest.h>

#include "resolve/python/test_source.h"

namespace roost::resolve::python {
namespace {

using test_universe::Release;
using test_universe::TestSource;

pep508::Requirement req(std::string_view text) {
  return pep508::Requirement::parse(text).value();
}

std::string texts(const std::vector<pep508::Requirement>& rs) {
  std::string out;
  for (const pep508::Requirement& r : rs) out += (out.empty() ? "" : " | ") + r.to_string();
  return out;
}

TEST(DependencyRules, RewriteRequirementsAsUvDoes) {
  DependencyRules rules;
  rules.overrides["werkzeug"] = {req("werkzeug==2.3.0")};
  rules.overrides["opencv-python"] = {req("opencv-python; python_version < '0'")};
  rules.constraints["idna"] = {req("idna<3.4")};
  rules.constraints["numpy"] = {req("numpy<2; python_version < '3.10'")};
  rules.excludes = {"torch"};
  EXPECT_EQ(texts(rules.apply({req("werkzeug>=3"), req("torch>=2"), req("opencv-python")})),
            "werkzeug==2.3.0");
  // An override of an optional dependency stays optional.
  EXPECT_EQ(texts(rules.apply({req("werkzeug; extra == 'web'")})),
            "werkzeug==2.3.0; extra == 'web'");
  EXPECT_EQ(texts(rules.apply({req("idna>=2")})), "idna<3.4,>=2");
  // A constraint under its own marker splits the requirement there.
  EXPECT_EQ(texts(rules.apply({req("numpy>=1.20")})),
            "numpy<2,>=1.20; python_version < '3.10' | numpy>=1.20; python_version >= '3.10'");
  // ...and leaves a requirement that never meets that marker alone.
  EXPECT_EQ(texts(rules.apply({req("numpy; python_version >= '3.11'")})),
            "numpy; python_version >= \"3.11\"");
}

TEST(DependencyRules, TheResolverSeesThemInTheWorkspaceAndInEveryPackagesMetadata) {
  TestSource s;
  s.add("app-dep", "1.0", Release{.requires_dist = {"b<2", "gone", "c"}});
  s.add("b", "1.0");
  s.add("b", "2.0");
  s.add("c", "1.0");
  s.add("c", "2.0");
  s.add("gone", "1.0");
  s.add("unused", "1.0");
  DependencyRules rules;
  rules.overrides["b"] = {req("b>=2")};  // overrides the transitive b<2
  rules.constraints["c"] = {req("c<2")};
  rules.constraints["unused"] = {req("unused<1")};  // constrains, never adds
  rules.excludes = {"gone"};
  ResolveInput input = test_universe::inputs({"app-dep"});
  apply_to_input(rules, input);
  DependencyRulesSource ruled(s, rules);
  Result<Resolution> r = resolve(input, {}, ruled);
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(test_universe::pins(*r), "app-dep==1.0 b==2.0 c==1.0");

  // A direct requirement is overridden too.
  ResolveInput direct = test_universe::inputs({"b<2"});
  apply_to_input(rules, direct);
  Result<Resolution> d = resolve(direct, {}, ruled);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(test_universe::pins(*d), "b==2.0");
}

}  // namespace
}  // namespace roost::resolve::python
