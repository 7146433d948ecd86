// Tests for version ranges: exact PEP 440 boundaries, canonical form, set algebra, printing, and
// property tests against SpecifierSet::contains on random sets and versions.
#include "pep440/ranges.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace roost::pep440 {

void PrintTo(const VersionRanges& ranges, std::ostream* os) {
  *os << ranges.to_string();
}
void PrintTo(const Version& version, std::ostream* os) {
  *os << version.to_string();
}

namespace {

Version v(std::string_view text) {
  return Version::parse(text).value();
}
VersionRanges r(std::string_view set_text) {
  auto s = SpecifierSet::parse(set_text);
  EXPECT_TRUE(s.ok()) << set_text;
  return VersionRanges::from(s.ok() ? *s : SpecifierSet());
}

TEST(VersionRangesTest, ExactExclusionsAtBoundaries) {
  EXPECT_TRUE(r(">1.0,<1.0.post0.dev0").is_empty());
  EXPECT_TRUE(r(">1.0,<=1.0.post5").is_empty());
  EXPECT_TRUE(r("!=0.dev0,<0.dev1").is_empty());
  EXPECT_TRUE(r("<0").is_empty());
  EXPECT_TRUE(r(">0.dev0,<0.dev1").is_empty());
  EXPECT_FALSE(r(">=0.dev0,<0.dev1").is_empty());

  VersionRanges gt = r(">1.0");
  EXPECT_FALSE(gt.contains(v("1.0.post1")));
  EXPECT_FALSE(gt.contains(v("1.0+local")));
  EXPECT_FALSE(gt.contains(v("1.0.post1+local")));
  EXPECT_TRUE(gt.contains(v("1.0.1.dev0")));  // a prerelease: ranges include them
  EXPECT_TRUE(gt.contains(v("1.0.0.0.0.1")));

  VersionRanges lt = r("<2.0");
  EXPECT_FALSE(lt.contains(v("2.0a1")));
  EXPECT_FALSE(lt.contains(v("2.0.dev0")));
  EXPECT_TRUE(lt.contains(v("1.9.post3+local")));
  EXPECT_FALSE(lt.contains(v("2.0.0.0.0.0a1")));

  VersionRanges eq = r("==1.0");
  EXPECT_TRUE(eq.contains(v("1.0+local")));
  EXPECT_FALSE(eq.contains(v("1.0.post0.dev0")));
  EXPECT_FALSE(r("===1.0").contains(v("1.0+local")));
  EXPECT_TRUE(r("===1.0").contains(v("1.0")));
  EXPECT_TRUE(r("===1.01").is_empty());  // no parsed version prints as "1.01"
  EXPECT_TRUE(r("===foobar").is_empty());
}

TEST(VersionRangesTest, EqualSetsHaveEqualForms) {
  // Sentinels and the real versions right next to them describe the same sets.
  EXPECT_EQ(r("<1.0"), VersionRanges::lower_than(Version::smallest_of(v("1.0"))));
  EXPECT_EQ(r("<1.0"), r("<1.0.dev0"));
  EXPECT_EQ(r("<1.0"), VersionRanges::lower_than(v("1.0.dev0")));
  EXPECT_EQ(r(">1.0"), VersionRanges::higher_than(Version::largest_of(v("1.0"))));
  EXPECT_EQ(r(">1.0.post1"), r(">=1.0.post2.dev0"));
  EXPECT_EQ(r(">1.0a1"), r(">=1.0a2.dev0"));
  EXPECT_EQ(r(">1.0.dev3"), r(">=1.0.dev4"));
  EXPECT_EQ(r("<=1.0"), r("<1.0.post0.dev0"));
  EXPECT_EQ(r("==1.0"), r(">=1.0,<=1.0"));
  EXPECT_EQ(r("==1.0"), r(">=1.0,<1.0.post0.dev0"));
  EXPECT_EQ(r(">=0.dev0"), VersionRanges::full());
  EXPECT_EQ(r("~=1.4.2"), r(">=1.4.2,==1.4.*"));
  EXPECT_EQ(r("!=1.0"), r("==1.0").complement());
  // largest_of(1.0) is no version: the two sides of it leave nothing out.
  Version top = Version::largest_of(v("1.0"));
  EXPECT_EQ(VersionRanges::higher_than(top).union_with(VersionRanges::at_most(top)),
            VersionRanges::full());
  // What ">1.0" and "<=1.0" both leave out is exactly 1.0's post releases.
  EXPECT_EQ(r(">1.0").union_with(r("<=1.0")).complement(),
            VersionRanges::at_least(v("1.0.post0.dev0")).intersect(VersionRanges::lower_than(top)));
  EXPECT_EQ(r(">1.0").complement().complement(), r(">1.0"));
  EXPECT_EQ(r("<=1.0,>=2").complement(), VersionRanges::full());
  EXPECT_EQ(VersionRanges::exactly(Version::largest_of(v("1.0"))), VersionRanges::empty());
}

TEST(VersionRangesTest, SetAlgebra) {
  VersionRanges a = r(">=1.0,<2.0");
  VersionRanges b = r(">=1.5,<3.0");
  EXPECT_EQ(a.intersect(b), r(">=1.5,<2.0"));
  EXPECT_EQ(a.union_with(b), r(">=1.0,<3.0"));
  EXPECT_TRUE(r(">=1.2,<1.3").is_subset_of(a));
  EXPECT_FALSE(a.is_subset_of(r(">=1.2")));
  EXPECT_TRUE(VersionRanges::empty().is_subset_of(a));
  EXPECT_TRUE(a.is_disjoint(r(">=2.0")));
  EXPECT_TRUE(a.is_disjoint(r(">=2.0a1")));  // <2.0 excludes 2.0's prereleases
  EXPECT_FALSE(a.is_disjoint(r(">=1.9a1")));
  EXPECT_TRUE(r("<2.0").is_disjoint(r(">=2.0a1,<2.0")));
  EXPECT_TRUE(VersionRanges::full().is_full());
  EXPECT_FALSE(a.is_full());
  EXPECT_TRUE(VersionRanges::empty().complement().is_full());
  EXPECT_EQ(a.complement().intersect(a), VersionRanges::empty());
  EXPECT_EQ(r("!=1.5").intervals().size(), 2u);
}

TEST(VersionRangesTest, Singletons) {
  EXPECT_EQ(VersionRanges::exactly(v("1.0")).as_singleton(), v("1.0"));
  EXPECT_EQ(r("==1.0+local").as_singleton(), v("1.0+local"));
  EXPECT_EQ(r("===1.0").as_singleton(), v("1.0"));
  EXPECT_FALSE(r("==1.0").as_singleton());  // 1.0's local versions match too
  EXPECT_FALSE(r(">=1.0").as_singleton());
  EXPECT_EQ(r(">=1.0,<=1.0").intersect(VersionRanges::at_most(v("1.0"))).as_singleton(), v("1.0"));
}

TEST(VersionRangesTest, FinalReleases) {
  EXPECT_TRUE(r(">=1.0").has_final_release());
  EXPECT_FALSE(r(">=1.0a1,<1.0").has_final_release());
  EXPECT_FALSE(r(">=1.0.dev0,<=1.0,!=1.0").has_final_release());
  EXPECT_TRUE(r(">=1.0.dev0,<=1.0").has_final_release());
  EXPECT_TRUE(r(">=1.0.post0.dev0,<=1.0.post0").has_final_release());
  EXPECT_FALSE(r(">=1.0.post1.dev0,<1.0.post1").has_final_release());
  EXPECT_TRUE(r("<0.1").has_final_release());  // 0
  EXPECT_FALSE(r("<0a1").has_final_release());
  EXPECT_TRUE(r(">1.0,<1.0.0.1").has_final_release());
  EXPECT_FALSE(VersionRanges::empty().has_final_release());
}

TEST(VersionRangesTest, PrintsInSpecifierTerms) {
  EXPECT_EQ(r(">=1.0,<2.0").to_string(), ">=1.0, <2.0");
  EXPECT_EQ(r("==1.0").to_string(), "==1.0");
  EXPECT_EQ(r("<=1.0").to_string(), "<=1.0");
  EXPECT_EQ(r(">1.0").to_string(), ">1.0");
  EXPECT_EQ(r(">1.0a1").to_string(), ">1.0a1");
  EXPECT_EQ(r(">1.0.post1").to_string(), ">1.0.post1");
  EXPECT_EQ(r("<1.0a1").to_string(), "<1.0a1");
  EXPECT_EQ(r("==1.0+local").to_string(), "==1.0+local");
  EXPECT_EQ(r("!=1.5").to_string(), "!=1.5");
  EXPECT_EQ(r(">=1.0, <2.0, !=1.5, !=1.7+local, !=1.3.*").to_string(),
            ">=1.0, !=1.3.*, !=1.5, !=1.7+local, <2.0");
  EXPECT_EQ(r("!=1.5,!=1.5.post0").to_string(), "!=1.5, !=1.5.post0");
  EXPECT_EQ(r("!=1.0+local").to_string(), "!=1.0+local");
  EXPECT_EQ(r("").to_string(), "*");
  EXPECT_EQ(VersionRanges::empty().to_string(), "<empty>");
  EXPECT_EQ(r(">=1,<2").union_with(r("==3.0")).to_string(), ">=1, <2 | ==3.0");
  EXPECT_EQ(r("~=1.4.2").to_string(), ">=1.4.2, <1.5");
  // No specifier says "1.0 but none of its local versions", or "up to 1.0's last post".
  EXPECT_EQ(VersionRanges::exactly(v("1.0")).to_string(), "[1.0, 1.0]");
  EXPECT_EQ(r(">1.0").complement().to_string(), "(-inf, largest_of(1.0))");
}

// --- Property tests: random specifier sets against SpecifierSet::contains -------------------

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  // Versions from a small alphabet, so that random specifiers and candidates meet at the
  // boundaries (same release, its pre/dev/post/local neighbours, zero padding).
  std::string version(bool allow_local = true, bool release_only = false, int min_segments = 1) {
    std::string out;
    if (pick(8) == 0) out += "1!";
    int segments = std::max(min_segments, 1 + pick(3));
    for (int i = 0; i < segments; ++i) {
      if (i) out += '.';
      out += std::to_string(pick(3));
    }
    if (release_only) return out;
    if (pick(3) == 0) out += std::string(kPre[pick(3)]) + std::to_string(pick(3));
    if (pick(3) == 0) out += ".post" + std::to_string(pick(3));
    if (pick(3) == 0) out += ".dev" + std::to_string(pick(3));
    if (allow_local && pick(4) == 0) out += pick(2) ? "+a" : "+1.b";
    return out;
  }

  // A random clause other than === (its text comparison is not a property of versions).
  std::string clause() {
    switch (pick(9)) {
      case 0:
        return "==" + version();
      case 1:
        return "!=" + version();
      case 2:
        return "==" + version(false, true) + ".*";
      case 3:
        return "!=" + version(false, true) + ".*";
      case 4:
        return "~=" + version(false, false, 2);
      case 5:
        return "<=" + version(false);
      case 6:
        return ">=" + version(false);
      case 7:
        return "<" + version(false);
      default:
        return ">" + version(false);
    }
  }

  std::string set() {
    int n = pick(4);
    std::string out;
    for (int i = 0; i < n; ++i) {
      if (i) out += ",";
      out += clause();
    }
    return out;
  }

 private:
  static constexpr const char* kPre[3] = {"a", "b", "rc"};
  std::mt19937 rng_;
};

// Checks the representation invariants: sorted, disjoint, non-adjacent, canonical bounds.
void expect_canonical(const VersionRanges& ranges, const std::string& what) {
  const auto& ivs = ranges.intervals();
  for (size_t i = 0; i < ivs.size(); ++i) {
    for (const Bound* b : {&ivs[i].lower, &ivs[i].upper}) {
      if (b->version && b->version->is_sentinel()) {
        EXPECT_FALSE(b->inclusive) << what;
      }
    }
    if (i > 0) {
      ASSERT_TRUE(ivs[i - 1].upper.version && ivs[i].lower.version) << what;
      EXPECT_LE(*ivs[i - 1].upper.version, *ivs[i].lower.version) << what;
      if (*ivs[i - 1].upper.version == *ivs[i].lower.version) {
        EXPECT_FALSE(ivs[i - 1].upper.inclusive || ivs[i].lower.inclusive) << what;
        EXPECT_FALSE(ivs[i].lower.version->is_sentinel()) << what;
      }
    }
  }
}

TEST(VersionRangesPropertyTest, RangesMatchSpecifierSets) {
  Generator gen(20240601);
  std::vector<Version> samples;
  for (int i = 0; i < 400; ++i) samples.push_back(v(gen.version()));
  int checks = 0, nonempty = 0, reparsed = 0;
  for (int round = 0; round < 1500; ++round) {
    std::string text_a = gen.set(), text_b = gen.set();
    auto set_a = SpecifierSet::parse(text_a);
    auto set_b = SpecifierSet::parse(text_b);
    ASSERT_TRUE(set_a.ok()) << text_a << ": " << set_a.error().message();
    ASSERT_TRUE(set_b.ok()) << text_b << ": " << set_b.error().message();
    VersionRanges a = VersionRanges::from(*set_a), b = VersionRanges::from(*set_b);
    expect_canonical(a, text_a);
    VersionRanges both = a.intersect(b), either = a.union_with(b), not_a = a.complement();
    expect_canonical(both, text_a + " & " + text_b);
    expect_canonical(either, text_a + " | " + text_b);
    expect_canonical(not_a, "!" + text_a);
    // De Morgan, and canonical forms make equal sets compare equal.
    EXPECT_EQ(either, not_a.intersect(b.complement()).complement()) << text_a << " | " << text_b;
    EXPECT_EQ(a.is_subset_of(b), a.intersect(b) == a);
    // The allocation-free sweeps agree with the set algebra, on multi-interval sets too.
    EXPECT_EQ(a.is_disjoint(b), both.is_empty()) << text_a << " & " << text_b;
    EXPECT_EQ(not_a.is_disjoint(either), not_a.intersect(either).is_empty());
    EXPECT_EQ(not_a.is_subset_of(b.complement()), not_a.intersect(b.complement()) == not_a);
    EXPECT_EQ(both.is_subset_of(either), true);
    EXPECT_EQ(either.is_subset_of(not_a), either.intersect(not_a) == either);
    bool any_a = false;
    for (const Version& x : samples) {
      bool in_a = set_a->contains(x, PrereleasePolicy::kAllow);
      bool in_b = set_b->contains(x, PrereleasePolicy::kAllow);
      any_a = any_a || in_a;
      ASSERT_EQ(a.contains(x), in_a)
          << "'" << text_a << "' " << x.to_string() << " ranges " << a.to_string();
      ASSERT_EQ(both.contains(x), in_a && in_b)
          << text_a << " & " << text_b << " at " << x.to_string();
      ASSERT_EQ(either.contains(x), in_a || in_b) << text_a << " | " << text_b;
      ASSERT_EQ(not_a.contains(x), !in_a) << text_a << " at " << x.to_string();
      if (in_a && a.is_subset_of(b)) {
        ASSERT_TRUE(in_b) << text_a << " <= " << text_b;
      }
      if (in_a && a.is_disjoint(b)) {
        ASSERT_FALSE(in_b) << text_a << " disjoint " << text_b;
      }
      if (in_a && !x.is_prerelease()) {
        ASSERT_TRUE(a.has_final_release()) << text_a;
      }
      checks += 5;
    }
    if (any_a) {
      ++nonempty;
      EXPECT_FALSE(a.is_empty()) << text_a;
      EXPECT_FALSE(set_a->is_unsatisfiable()) << text_a;
    }
    EXPECT_EQ(set_a->is_unsatisfiable(), a.is_empty()) << text_a;
    // Printing in specifier terms must mean exactly the same set when it parses back.
    std::string printed = a.to_string();
    if (printed.find_first_of("[(|") == std::string::npos && printed != "<empty>" &&
        printed != "*") {
      auto back = SpecifierSet::parse(printed);
      ASSERT_TRUE(back.ok()) << text_a << " printed " << printed;
      EXPECT_EQ(VersionRanges::from(*back), a) << text_a << " printed " << printed;
      ++reparsed;
    }
  }
  EXPECT_GT(nonempty, 300);  // the generator is not degenerate
  EXPECT_GT(checks, 1000000);
  EXPECT_GT(reparsed, 300);
}

}  // namespace
}  // namespace roost::pep440
