// Tests for PEP 440 specifiers and specifier sets: every operator's rules, prerelease policy,
// normalisation, equality, filtering and exact error texts.
#include "pep440/specifier.h"

#include <gtest/gtest.h>

namespace roost::pep440 {
namespace {

Version v(std::string_view text) { return Version::parse(text).value(); }
Specifier spec(std::string_view text) {
  auto r = Specifier::parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message());
  return std::move(r).value();
}
SpecifierSet set(std::string_view text) {
  auto r = SpecifierSet::parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message());
  return std::move(r).value();
}

// Whether `spec_text` matches each version (prereleases allowed: plain PEP 440 matching).
void expect_matches(std::string_view spec_text, std::initializer_list<const char*> yes,
                    std::initializer_list<const char*> no) {
  Specifier s = spec(spec_text);
  for (const char* text : yes) {
    EXPECT_TRUE(s.contains(v(text), PrereleasePolicy::kAllow)) << spec_text << " should match "
                                                               << text;
  }
  for (const char* text : no) {
    EXPECT_FALSE(s.contains(v(text), PrereleasePolicy::kAllow)) << spec_text << " should not match "
                                                                << text;
  }
}

std::string error_of(std::string_view text) {
  auto r = Specifier::parse(text);
  if (r.ok()) return "parsed as " + r->to_string();
  EXPECT_EQ(r.error().kind(), ErrorKind::kParse);
  return r.error().message();
}

std::string set_error_of(std::string_view text) {
  auto r = SpecifierSet::parse(text);
  if (r.ok()) return "parsed as " + r->to_string();
  return r.error().message();
}

TEST(SpecifierTest, ParsesAndNormalises) {
  EXPECT_EQ(spec("== 1.0").to_string(), "==1.0");
  EXPECT_EQ(spec("  ~=2.2  ").to_string(), "~=2.2");
  EXPECT_EQ(spec(">=v1.0ALPHA").to_string(), ">=1.0a0");
  EXPECT_EQ(spec("==1.*").to_string(), "==1.*");
  EXPECT_EQ(spec("!=1!01.0.*").to_string(), "!=1!1.0.*");
  EXPECT_EQ(spec("<1.0-1").to_string(), "<1.0.post1");
  EXPECT_EQ(spec("===FooBar").to_string(), "===FooBar");
  EXPECT_EQ(spec("===").to_string(), "===");  // packaging accepts an empty arbitrary string
  EXPECT_EQ(spec("==1.0+LOCAL.01").to_string(), "==1.0+local.1");
  EXPECT_EQ(spec("==1.0.*").op(), Operator::kEqualStar);
  EXPECT_EQ(spec("!=1.0.*").op(), Operator::kNotEqualStar);
  EXPECT_EQ(spec("==1.0.*").version_text(), "1.0.*");
  EXPECT_EQ(spec("==1.0.*").version().to_string(), "1.0");
  EXPECT_EQ(spec(">= 1.0").version_text(), "1.0");
  EXPECT_EQ(to_string(Operator::kEqualStar), "==");
  EXPECT_EQ(to_string(Operator::kArbitrary), "===");
}

TEST(SpecifierTest, ExactErrorMessages) {
  EXPECT_EQ(error_of("2.0"),
            "invalid specifier '2.0': expected an operator (~=, ==, !=, <=, >=, <, > or ===), "
            "found '2.0' at column 1");
  EXPECT_EQ(error_of("=>2.0"), "invalid specifier '=>2.0': unknown operator '=>' at column 1");
  EXPECT_EQ(Specifier::parse("=>2.0").error().hint(), "did you mean '>='?");
  EXPECT_EQ(error_of("=="), "invalid specifier '==': expected a version after '==' at column 3");
  EXPECT_EQ(error_of(""),
            "invalid specifier '': expected a version specifier such as '>=1.0', found nothing "
            "at column 1");
  EXPECT_EQ(error_of("~=1"),
            "invalid specifier '~=1': '~=' needs at least two release numbers (such as '~=1.0'), "
            "found '1' at column 3");
  EXPECT_EQ(error_of("<1.0.*"),
            "invalid specifier '<1.0.*': '<' does not allow a '.*' wildcard (only == and != do) "
            "at column 5");
  EXPECT_EQ(error_of("~=1.0.*"),
            "invalid specifier '~=1.0.*': '~=' does not allow a '.*' wildcard (only == and != "
            "do) at column 6");
  EXPECT_EQ(error_of(">=1.0+local"),
            "invalid specifier '>=1.0+local': '>=' does not allow a local version label "
            "('+local') at column 6");
  EXPECT_EQ(error_of("==1.0.*+local"),
            "invalid specifier '==1.0.*+local': unexpected '+local' after the '.*' wildcard at "
            "column 8");
  EXPECT_EQ(error_of("==1.0.*.5"),
            "invalid specifier '==1.0.*.5': unexpected '.5' after the '.*' wildcard at column 8");
  EXPECT_EQ(error_of("==2.0a1.*"),
            "invalid specifier '==2.0a1.*': a '.*' wildcard may only follow release numbers, but "
            "'2.0a1' has a pre-release part at column 3");
  EXPECT_EQ(error_of("!=2.0.post1.*"),
            "invalid specifier '!=2.0.post1.*': a '.*' wildcard may only follow release numbers, "
            "but '2.0.post1' has a post-release part at column 3");
  EXPECT_EQ(error_of("==1.0.foo"), "invalid specifier '==1.0.foo': unexpected '.foo' at column 6");
  EXPECT_EQ(error_of(">= 1..0"),
            "invalid specifier '>= 1..0': empty release segment '..' at column 5");
  EXPECT_EQ(error_of("===a b"), "invalid specifier '===a b': unexpected ' b' after '===' at column 5");
  EXPECT_EQ(error_of("===a;b"), "invalid specifier '===a;b': unexpected ';b' after '===' at column 5");
  auto r = Specifier::parse(">=1.0+local");
  EXPECT_EQ(r.error().render(),
            "invalid specifier '>=1.0+local': '>=' does not allow a local version label "
            "('+local') at column 6\n"
            "    >=1.0+local\n"
            "         ^^^^^^\n"
            "hint: only == and != accept a local version label such as '==1.0+local'");
}

TEST(SpecifierSetTest, ExactErrorMessages) {
  EXPECT_EQ(set_error_of(">=1.0,,<2"),
            "invalid specifier '>=1.0,,<2': expected a version specifier before ',' at column 7");
  EXPECT_EQ(set_error_of(">=1.0, "), "invalid specifier '>=1.0, ': trailing ',' at column 6");
  EXPECT_EQ(set_error_of(">=1.0, <2.0.foo"),
            "invalid specifier '>=1.0, <2.0.foo': unexpected '.foo' at column 12");
  EXPECT_EQ(set_error_of(">=1.0, =>2"),
            "invalid specifier '>=1.0, =>2': unknown operator '=>' at column 8");
}

TEST(SpecifierTest, EqualityIgnoresLocalOfCandidateAndPadsZeros) {
  expect_matches("==1.0", {"1.0", "1", "1.0.0", "1.0+local", "1.0.0+anything.5"},
                 {"1.0.post1", "1.0a1", "1.0.dev0", "1.0.1", "0.9"});
  expect_matches("==1.0+local", {"1.0+local", "1.0.0+LOCAL"}, {"1.0", "1.0+other", "1.0+local.1"});
  expect_matches("!=1.0", {"1.0.post1", "1.0a1", "1.1", "0.9"}, {"1.0", "1.0+local", "1.0.0"});
  expect_matches("!=1.0+local", {"1.0", "1.0+other"}, {"1.0+local"});
}

TEST(SpecifierTest, PrefixMatching) {
  expect_matches("==1.0.*", {"1.0", "1.0.0", "1.0.5", "1.0.post1", "1.0a1", "1.0.dev0", "1.0+loc",
                             "1.0.0.0.1", "1"},
                 {"1.1", "1.1.dev0", "0.9", "1!1.0", "1.01.0"});
  expect_matches("==1.*", {"1", "1.9999", "1.0a1"}, {"2.0.dev0", "0.9.post1"});
  expect_matches("!=1.0.*", {"1.1", "0.9.post9"}, {"1.0.post1", "1.0+local", "1.0.0a1"});
  expect_matches("==2!1.*", {"2!1.5"}, {"1.5", "3!1.0"});
}

TEST(SpecifierTest, CompatibleRelease) {
  expect_matches("~=1.4.2", {"1.4.2", "1.4.5", "1.4.2.post1", "1.4.99+local"},
                 {"1.4.1", "1.5", "1.5.dev0", "1.4.2a1", "2.0"});
  expect_matches("~=1.4", {"1.4", "1.9", "1.4.1"}, {"2.0", "2.0a1", "1.3"});
  expect_matches("~=1.4a1", {"1.4a1", "1.4", "1.8"}, {"1.4.dev0", "2.0"});
  expect_matches("~=1.4.post1", {"1.4.post1", "1.5"}, {"1.4", "2.0"});
}

TEST(SpecifierTest, InclusiveOrderedComparisons) {
  expect_matches("<=1.0", {"1.0", "1.0+local", "0.5", "1.0a1", "1.0.dev0"},
                 {"1.0.post0.dev0", "1.0.post1", "1.0.1"});
  expect_matches(">=1.0", {"1.0", "1.0+local", "1.0.post1", "1.1a1"},
                 {"1.0rc1", "1.0.dev0", "0.9.post1"});
}

TEST(SpecifierTest, ExclusiveOrderedComparisons) {
  // <V excludes V's prereleases unless V is one; >V excludes V's posts (unless V is one) and
  // V's local versions.
  expect_matches("<2.0", {"1.9", "1.9.post1", "1.999", "1.9999a1"},
                 {"2.0", "2.0a1", "2.0.dev0", "2.0rc1.post1", "2.0+local", "2.0.post1"});
  expect_matches("<2.0a2", {"2.0a1", "2.0a2.dev0", "1.0"}, {"2.0a2", "2.0a2+local"});
  expect_matches("<1.0.post1", {"1.0", "1.0.post0", "1.0.dev0", "1.0.post0.dev0", "1.0+local"},
                 {"1.0.post1.dev0", "1.0.post1"});
  expect_matches(">1.0", {"1.0.1", "1.0.1.dev0", "1.1", "1.0.0.0.1"},
                 {"1.0", "1.0+local", "1.0.post1", "1.0.post1.dev2", "1.0.post1+local"});
  expect_matches(">1.0a1", {"1.0a2.dev0", "1.0", "1.0.post0"}, {"1.0a1.post1", "1.0a1+local"});
  expect_matches(">1.0.post1", {"1.0.post2.dev0", "1.0.post2"}, {"1.0.post1+local", "1.0.post1"});
  expect_matches(">1.0.dev1", {"1.0.dev2", "1.0", "1.0a1"}, {"1.0.dev1+local", "1.0.dev1"});
}

TEST(SpecifierTest, ArbitraryEqualityComparesText) {
  Specifier s = spec("===FooBar");
  EXPECT_TRUE(s.contains_text("foobar"));
  EXPECT_TRUE(s.contains_text("FOOBAR"));
  EXPECT_FALSE(s.contains_text("foobar "));
  EXPECT_FALSE(s.contains(v("1.0")));
  Specifier one = spec("===1.0");
  EXPECT_TRUE(one.contains(v("1.0")));
  EXPECT_FALSE(one.contains(v("1.0.0")));      // "1.0.0" is not the text "1.0"
  EXPECT_FALSE(one.contains(v("1.0+local")));  // nor is "1.0+local"
  EXPECT_FALSE(spec("===1.01").contains(v("1.01")));  // a parsed version prints as "1.1"
  EXPECT_TRUE(spec("===1.01").contains_text("1.01"));
  EXPECT_FALSE(spec("==1.0").contains_text("not a version"));
}

TEST(SpecifierTest, PrereleasePolicy) {
  Specifier ge = spec(">=1.0");
  EXPECT_FALSE(ge.admits_prereleases());
  EXPECT_FALSE(ge.contains(v("2.0a1")));  // kDefault: the clause does not opt in
  EXPECT_TRUE(ge.contains(v("2.0a1"), PrereleasePolicy::kAllow));
  EXPECT_FALSE(ge.contains(v("2.0a1"), PrereleasePolicy::kDeny));
  EXPECT_TRUE(ge.contains(v("2.0")));

  Specifier ge_pre = spec(">=1.0a1");
  EXPECT_TRUE(ge_pre.admits_prereleases());
  EXPECT_TRUE(ge_pre.contains(v("2.0b1")));
  EXPECT_FALSE(ge_pre.contains(v("2.0b1"), PrereleasePolicy::kDeny));

  EXPECT_FALSE(spec("!=1.0a1").admits_prereleases());  // excluding one does not opt in
  EXPECT_FALSE(spec("==1.0.*").admits_prereleases());
  EXPECT_TRUE(spec("==1.0.dev1").admits_prereleases());
  EXPECT_TRUE(spec("<1.0rc1").admits_prereleases());
  EXPECT_TRUE(spec("===1.0a1").admits_prereleases());
  EXPECT_FALSE(spec("===foo").admits_prereleases());
  // A dev release of a post is a prerelease too.
  EXPECT_FALSE(ge.contains(v("1.0.post1.dev1")));
  EXPECT_TRUE(ge.contains(v("1.0.post1")));
}

TEST(SpecifierTest, EqualityAsPackaging) {
  EXPECT_EQ(spec("==2.8.0"), spec("==2.8"));
  EXPECT_EQ(spec("==2.8+local"), spec("== 2.8.0+LOCAL"));
  EXPECT_FALSE(spec("~=2.8.0") == spec("~=2.8"));  // different prefixes
  EXPECT_FALSE(spec("==2.8") == spec(">=2.8"));
  EXPECT_FALSE(spec("==1.0.*") == spec("==1.0.0.*"));
  EXPECT_EQ(spec("==1.0.*"), spec("==v1.00.*"));
  EXPECT_EQ(spec("===Foo"), spec("===foo"));
  EXPECT_FALSE(spec("===1.0") == spec("==1.0"));
}

TEST(SpecifierTest, FilterFollowsPep440Recommendation) {
  std::vector<Version> versions = {v("1.0"), v("2.0a1"), v("1.5")};
  std::vector<Candidate> candidates;
  for (const Version& x : versions) candidates.push_back({&x, {}});
  EXPECT_EQ(spec(">=1.0").filter(candidates), (std::vector<size_t>{0, 2}));
  EXPECT_EQ(spec(">=1.0").filter(candidates, PrereleasePolicy::kAllow),
            (std::vector<size_t>{0, 1, 2}));
  EXPECT_EQ(spec(">=1.9").filter(candidates), (std::vector<size_t>{1}));  // only a prerelease
  EXPECT_EQ(spec(">=1.9").filter(candidates, PrereleasePolicy::kDeny), (std::vector<size_t>{}));
  EXPECT_EQ(spec(">=1.0a1").filter(candidates), (std::vector<size_t>{0, 1, 2}));  // opts in
  std::vector<Candidate> texts = {{nullptr, "foo"}, {nullptr, "1.0"}};
  EXPECT_EQ(spec("===foo").filter(texts), (std::vector<size_t>{0}));
  EXPECT_EQ(SpecifierSet().filter(texts), (std::vector<size_t>{0, 1}));
  EXPECT_EQ(set(">=0.1").filter(texts), (std::vector<size_t>{1}));
}

TEST(SpecifierSetTest, MatchesEveryClause) {
  SpecifierSet s = set(">=1.0, !=1.3.*, <2.0");
  EXPECT_TRUE(s.contains(v("1.0")));
  EXPECT_TRUE(s.contains(v("1.2.9+local")));
  EXPECT_FALSE(s.contains(v("1.3.1")));
  EXPECT_FALSE(s.contains(v("2.0")));
  EXPECT_FALSE(s.contains(v("1.5a1")));
  EXPECT_TRUE(s.contains(v("1.5a1"), PrereleasePolicy::kAllow));
  EXPECT_FALSE(s.contains(v("2.0a1"), PrereleasePolicy::kAllow));  // <2.0 excludes 2.0's pres
  EXPECT_EQ(s.clauses().size(), 3u);
  EXPECT_TRUE(SpecifierSet().contains(v("1.0")));
  EXPECT_TRUE(set("").empty());
  EXPECT_TRUE(set("  ").empty());
  EXPECT_FALSE(set("").contains(v("1.0a1")));  // nothing opts in
  EXPECT_TRUE(set(">=1.0, <2.0a5").admits_prereleases());
  EXPECT_TRUE(set(">=1.0, <2.0a5").contains(v("1.5b1")));
  EXPECT_FALSE(set(">=1.0, <2.0a5").contains(v("1.5b1"), PrereleasePolicy::kDeny));
  EXPECT_TRUE(set("===foo").contains_text("FOO"));
  EXPECT_FALSE(set("===foo, >=1").contains_text("foo"));
}

TEST(SpecifierSetTest, PrintsNormalisedSortedDeduplicated) {
  EXPECT_EQ(set(" >=1.0 , <2 ,>=1.0.0").to_string(), "<2,>=1.0");
  EXPECT_EQ(set("!=2.0 ,>1.0").to_string(), "!=2.0,>1.0");
  EXPECT_EQ(set("==1.*,>=v1.0a").to_string(), "==1.*,>=1.0a0");
  EXPECT_EQ(set("").to_string(), "");
  EXPECT_EQ(set(">=1.0,<2"), set("<2.0, >=1"));
  EXPECT_EQ(set(">=1.0,>=1.0.0"), set(">=1"));
  EXPECT_FALSE(set(">=1.0,<2") == set(">=1.0"));
  EXPECT_EQ(set(">2.0").intersect(set("<5.0")), set(">2.0,<5.0"));
  EXPECT_EQ(set(">2.0").intersect(set("<5.0")).to_string(), "<5.0,>2.0");
}

TEST(SpecifierSetTest, Unsatisfiable) {
  EXPECT_TRUE(set(">1.0,<1.0.post0.dev0").is_unsatisfiable());
  EXPECT_TRUE(set(">=2,<1").is_unsatisfiable());
  EXPECT_TRUE(set("==1.0,!=1.0").is_unsatisfiable());
  EXPECT_TRUE(set(">=1.0a1,<1.0").is_unsatisfiable());  // <1.0 excludes 1.0's prereleases
  EXPECT_FALSE(set(">=1.0a1,<1.0a5").is_unsatisfiable());
  EXPECT_TRUE(set(">=1.0a1,<1.0a5").is_unsatisfiable(PrereleasePolicy::kDeny));
  EXPECT_FALSE(set(">=1.0a1,<1.0a5").is_unsatisfiable(PrereleasePolicy::kDefault));  // opts in
  EXPECT_TRUE(set(">=1.0.dev0,<1.0.dev5,!=1.0.dev3").is_unsatisfiable(PrereleasePolicy::kDeny));
  EXPECT_FALSE(set("===foobar").is_unsatisfiable());
  EXPECT_TRUE(set("===foobar,>=1").is_unsatisfiable());
  EXPECT_FALSE(set("").is_unsatisfiable(PrereleasePolicy::kDeny));
}

}  // namespace
}  // namespace roost::pep440
