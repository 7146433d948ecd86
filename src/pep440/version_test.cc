// Tests for PEP 440 versions: spellings, normalisation, the total order, sentinels, errors.
#include "pep440/version.h"

#include <gtest/gtest.h>

#include <unordered_set>

#include "pep440/canonicalize.h"

namespace roost::pep440 {
namespace {

Version v(std::string_view text) {
  auto r = Version::parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message());
  return r.ok() ? *r : Version::from_release({0});
}

std::string norm(std::string_view text) { return v(text).to_string(); }

std::string error_of(std::string_view text) {
  auto r = Version::parse(text);
  if (r.ok()) return "parsed as " + r->to_string();
  EXPECT_EQ(r.error().kind(), ErrorKind::kParse);
  return r.error().message();
}

TEST(VersionTest, NormalisesEverySpelling) {
  EXPECT_EQ(norm("1.0"), "1.0");
  EXPECT_EQ(norm("v1.0"), "1.0");
  EXPECT_EQ(norm("V1.0"), "1.0");
  EXPECT_EQ(norm("01.002.0003"), "1.2.3");
  EXPECT_EQ(norm("0!1.0"), "1.0");
  EXPECT_EQ(norm("2!1.0"), "2!1.0");
  EXPECT_EQ(norm("1.0ALPHA2"), "1.0a2");
  EXPECT_EQ(norm("1.0.beta"), "1.0b0");
  EXPECT_EQ(norm("1.0-c3"), "1.0rc3");
  EXPECT_EQ(norm("1.0_pre4"), "1.0rc4");
  EXPECT_EQ(norm("1.0preview5"), "1.0rc5");
  EXPECT_EQ(norm("1.0a.1"), "1.0a1");
  EXPECT_EQ(norm("1.0a-"), "1.0a0");  // the separator after the letter needs no number
  EXPECT_EQ(norm("1.0-1"), "1.0.post1");
  EXPECT_EQ(norm("1.0.r"), "1.0.post0");
  EXPECT_EQ(norm("1.0rev7"), "1.0.post7");
  EXPECT_EQ(norm("1.0-POST_8"), "1.0.post8");
  EXPECT_EQ(norm("1.0dev"), "1.0.dev0");
  EXPECT_EQ(norm("1.0-dev.9"), "1.0.dev9");
  EXPECT_EQ(norm("1.0a1-2dev3"), "1.0a1.post2.dev3");
  EXPECT_EQ(norm("1.0+ABC-def_0.01"), "1.0+abc.def.0.1");
  EXPECT_EQ(norm(" \t1.0\n"), "1.0");
  EXPECT_EQ(norm("\u3000\u00a01.0\u2029"), "1.0");  // Unicode whitespace, as Python strips it
  EXPECT_EQ(norm("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1"), "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1");
}

// parse() takes a fast path for common spellings; leading whitespace forces the general parser.
// Both must build the same value: same text, order, equality and hash.
TEST(VersionTest, FastPathAgreesWithGeneralParser) {
  const char* kTexts[] = {"0",        "1.2.3",     "2.31.0",    "1.0rc1",   "3.11.4.post2",
                          "1.0a0",    "1.0b4095",  "1.0b4096",  "65535.4095.4095.255",
                          "65536",    "1.4096",    "1.2.3.256", "1.0.dev3", "1.0.post0",
                          "0.0.0.0",  "01.02",     "1.2.3.4.5", "1.0.dev12345", "1.0rc"};
  std::vector<Version> fast, general;
  for (const char* text : kTexts) {
    fast.push_back(v(text));
    general.push_back(v(std::string(" ") + text));
    EXPECT_EQ(fast.back().to_string(), general.back().to_string()) << text;
    EXPECT_EQ(fast.back().hash(), general.back().hash()) << text;
    EXPECT_EQ(fast.back().release().size(), general.back().release().size()) << text;
  }
  for (size_t i = 0; i < fast.size(); ++i) {
    for (size_t j = 0; j < fast.size(); ++j) {
      EXPECT_EQ(fast[i] <=> fast[j], general[i] <=> general[j]) << kTexts[i] << " " << kTexts[j];
      EXPECT_EQ(fast[i] <=> general[j], general[i] <=> fast[j]) << kTexts[i] << " " << kTexts[j];
    }
  }
}

TEST(VersionTest, Components) {
  Version x = v("3!1.2.3rc4.post5.dev6+ubuntu.7");
  EXPECT_EQ(x.epoch(), 3u);
  EXPECT_EQ(std::vector<uint64_t>(x.release().begin(), x.release().end()),
            (std::vector<uint64_t>{1, 2, 3}));
  EXPECT_EQ(x.pre(), (PreRelease{PreKind::kRc, 4}));
  EXPECT_EQ(x.post(), 5u);
  EXPECT_EQ(x.dev(), 6u);
  ASSERT_EQ(x.local().size(), 2u);
  EXPECT_EQ(std::get<std::string>(x.local()[0]), "ubuntu");
  EXPECT_EQ(std::get<uint64_t>(x.local()[1]), 7u);
  EXPECT_TRUE(x.is_prerelease());
  EXPECT_TRUE(x.is_postrelease());
  EXPECT_TRUE(x.is_devrelease());
  EXPECT_TRUE(x.has_local());
  EXPECT_EQ(x.without_local().to_string(), "3!1.2.3rc4.post5.dev6");
  EXPECT_EQ(x.base_version().to_string(), "3!1.2.3");
  EXPECT_EQ(Version::from_parts(x.parts()), x);
  EXPECT_EQ(Version::from_parts(x.parts()).to_string(), x.to_string());

  Version y = v("2.31.0");
  EXPECT_EQ(y.epoch(), 0u);
  EXPECT_EQ(y.release().size(), 3u);
  EXPECT_FALSE(y.pre() || y.post() || y.dev() || y.has_local() || y.is_prerelease());
  EXPECT_EQ(v("1.0.post2").post(), 2u);
  EXPECT_FALSE(v("1.0.post2").is_prerelease());
  EXPECT_EQ(v("1.0b3").pre(), (PreRelease{PreKind::kBeta, 3}));
  EXPECT_EQ(v("1.0.dev4").dev(), 4u);
  VersionParts parts;
  parts.release = {1, 2};
  parts.local = {std::string("ABC"), std::string("007"), uint64_t{5}};
  EXPECT_EQ(Version::from_parts(parts).to_string(), "1.2+abc.7.5");
  EXPECT_EQ(Version::from_parts(parts), v("1.2+abc.7.5"));
  EXPECT_EQ(Version::from_parts(VersionParts{}).to_string(), "0");
  EXPECT_EQ(Version::from_release({3, 11}).to_string(), "3.11");
  EXPECT_EQ(Version::from_release({3, 11}, 2).to_string(), "2!3.11");
}

// Every corner of the order, hand-sorted; each must be strictly greater than all before it.
TEST(VersionTest, HandOrderedListIsStrictlyIncreasing) {
  const char* kOrdered[] = {
      "0.dev0",          "0.dev0+local",    "0.dev1",          "0a0.dev0",
      "0a0",             "0",               "0+0",             "0.post0",
      "0.0.0.1",         "0.1",             "0.9.9999",        "0.99999",
      "1.0.dev0",        "1.0.dev1",        "1.0.dev1+abc",    "1.0.dev2",
      "1.0a1.dev0",      "1.0a1.dev0+x",    "1.0a1",           "1.0a1+local",
      "1.0a1.post1.dev0", "1.0a1.post1",    "1.0a1.post2",     "1.0a2.dev0",
      "1.0a12",          "1.0b1.dev0",      "1.0b1",           "1.0b1.post0",
      "1.0rc1",          "1.0rc2.dev0",     "1.0rc2",          "1.0",
      "1.0+a",           "1.0+a.b",         "1.0+a.0",         "1.0+aa",
      "1.0+b",           "1.0+0",           "1.0+0.a",         "1.0+0.0",
      "1.0+2",           "1.0+10",          "1.0.post0.dev0",  "1.0.post0",
      "1.0.post0+local", "1.0.post1.dev0",  "1.0.post1",       "1.0.post10",
      "1.0.0.0.1.dev0",  "1.0.0.1",         "1.0.1.dev0",      "1.0.1a1",
      "1.0.1",           "1.0.1.post1",     "1.1",             "1.2.3.4.5.6.7",
      "1.10",            "2.0",             "4095.4095.4095.255", "4096",
      "65535",           "65536",           "18446744073709551615",
      "1!0.dev0",        "1!0",             "1!1.0",           "2!0.1"};
  std::vector<Version> versions;
  for (const char* text : kOrdered) versions.push_back(v(text));
  ASSERT_GE(versions.size(), 60u);
  for (size_t i = 0; i < versions.size(); ++i) {
    for (size_t j = 0; j < versions.size(); ++j) {
      auto expected = i <=> j;
      EXPECT_EQ(versions[i] <=> versions[j], expected) << kOrdered[i] << " vs " << kOrdered[j];
      EXPECT_EQ(versions[i] == versions[j], i == j) << kOrdered[i] << " vs " << kOrdered[j];
    }
  }
}

TEST(VersionTest, ZeroPaddingMakesEqualVersionsWithEqualHashes) {
  // Written release lengths beyond four leave the packed form: both forms must agree.
  std::vector<std::string> same = {"1", "1.0", "1.0.0", "1.0.0.0", "1.0.0.0.0", "v1.0.0.0.0.0"};
  for (const auto& a : same) {
    for (const auto& b : same) {
      EXPECT_EQ(v(a), v(b)) << a << " vs " << b;
      EXPECT_EQ(v(a).hash(), v(b).hash()) << a << " vs " << b;
    }
  }
  EXPECT_EQ(v("1.0a1"), v("1.0.0.0.0a1"));
  EXPECT_EQ(v("1.0a1").hash(), v("1.0.0.0.0a1").hash());
  EXPECT_EQ(v("1.0+abc.01"), v("1.0.0+ABC.1"));
  EXPECT_EQ(v("1.0+abc.01").hash(), v("1.0.0+ABC.1").hash());
  EXPECT_NE(v("1.0+abc"), v("1.0"));
  EXPECT_EQ(v("1.0").to_string(), "1.0");  // equal, but each keeps its own spelling
  EXPECT_EQ(v("1.0.0").to_string(), "1.0.0");
  std::unordered_set<Version> set = {v("1.0"), v("1.0.0"), v("1.0.0.0.0.0"), v("1.1")};
  EXPECT_EQ(set.size(), 2u);
}

TEST(VersionTest, MixedRepresentationsCompareCorrectly) {
  // Large numbers, epochs, locals and double suffixes use the full form; the order must not
  // depend on the representation.
  EXPECT_LT(v("1.4095"), v("1.4096"));
  EXPECT_LT(v("1.2.3.255"), v("1.2.3.256"));
  EXPECT_LT(v("1.0a4095"), v("1.0a4096"));
  EXPECT_LT(v("1.0a4096"), v("1.0b0"));
  EXPECT_LT(v("1.0.post4095"), v("1.0.post4096"));
  EXPECT_LT(v("1.0.dev20240101"), v("1.0a0"));
  EXPECT_LT(v("1.0"), v("1.0+0"));
  EXPECT_LT(v("9.9"), v("1!0.1"));
  EXPECT_GT(v("65536"), v("65535.65535"));
}

TEST(VersionTest, Sentinels) {
  Version small = Version::smallest_of(v("1.0"));
  EXPECT_TRUE(small.is_sentinel());
  EXPECT_FALSE(v("1.0").is_sentinel());
  EXPECT_LT(small, v("1.0.dev0"));
  EXPECT_LT(small, v("1.0a0.dev0"));
  EXPECT_GT(small, v("0.9.post99+local"));
  EXPECT_GT(small, v("0.9999999"));
  EXPECT_EQ(small, Version::smallest_of(v("1.0.0a1.post1")));

  Version large = Version::largest_of(v("1.0"));
  EXPECT_TRUE(large.is_sentinel());
  EXPECT_GT(large, v("1.0"));
  EXPECT_GT(large, v("1.0+local"));
  EXPECT_GT(large, v("1.0.post18446744073709551615+zzz"));
  EXPECT_GT(large, v("1.0.post5.dev1"));
  EXPECT_LT(large, v("1.0.0.0.0.0.1.dev0"));
  EXPECT_LT(large, v("1.0.1.dev0"));
  EXPECT_LT(large, v("1.1a1"));

  Version after_a1 = Version::largest_of(v("1.0a1"));
  EXPECT_GT(after_a1, v("1.0a1.post3+x"));
  EXPECT_LT(after_a1, v("1.0a2.dev0"));

  Version after_post = Version::largest_of(v("1.0.post1"));  // >1.0.post1 keeps later posts
  EXPECT_GT(after_post, v("1.0.post1+local"));
  EXPECT_LT(after_post, v("1.0.post2.dev0"));
  Version after_dev = Version::largest_of(v("1.0.dev1"));
  EXPECT_GT(after_dev, v("1.0.dev1+local"));
  EXPECT_LT(after_dev, v("1.0.dev2"));
  EXPECT_NE(large, v("1.0"));
  EXPECT_LT(Version::largest_of(v("0.9")), Version::smallest_of(v("1.0")));
  EXPECT_LT(Version::largest_of(v("1.0.post1")), Version::largest_of(v("1.0")));
}

TEST(VersionTest, NumbersUpTo64Bits) {
  EXPECT_EQ(norm("18446744073709551615"), "18446744073709551615");
  EXPECT_EQ(norm("1.0+18446744073709551615"), "1.0+18446744073709551615");
  EXPECT_EQ(error_of("18446744073709551616"),
            "invalid version '18446744073709551616': number '18446744073709551616' is too large "
            "(the limit is 18446744073709551615) at column 1");
  EXPECT_EQ(error_of("1.0.post99999999999999999999"),
            "invalid version '1.0.post99999999999999999999': number '99999999999999999999' is "
            "too large (the limit is 18446744073709551615) at column 9");
  EXPECT_EQ(error_of("1.0+abc.123456789012345678901"),
            "invalid version '1.0+abc.123456789012345678901': number '123456789012345678901' is "
            "too large (the limit is 18446744073709551615) at column 9");
}

TEST(VersionTest, ExactErrorMessages) {
  EXPECT_EQ(error_of("french toast"),
            "invalid version 'french toast': expected a release number, found 'french toast' at "
            "column 1");
  EXPECT_EQ(error_of("1.0.foo"), "invalid version '1.0.foo': unexpected '.foo' at column 4");
  EXPECT_EQ(error_of("1..0"), "invalid version '1..0': empty release segment '..' at column 2");
  EXPECT_EQ(error_of("1.0."), "invalid version '1.0.': trailing '.' at column 4");
  EXPECT_EQ(error_of(""),
            "invalid version '': expected a version such as '1.0', found an empty string at "
            "column 1");
  EXPECT_EQ(error_of("   "),
            "invalid version '   ': expected a version such as '1.0', found an empty string at "
            "column 4");
  EXPECT_EQ(error_of("v"),
            "invalid version 'v': expected a release number after 'v', found the end of the text "
            "at column 2");
  EXPECT_EQ(error_of("1!"),
            "invalid version '1!': expected a release number after '1!', found the end of the "
            "text at column 3");
  EXPECT_EQ(error_of("1.0+"),
            "invalid version '1.0+': expected a local version label after '+' at column 4");
  EXPECT_EQ(error_of("1.0+_foobar"),
            "invalid version '1.0+_foobar': expected a letter or digit to start the local "
            "version label, found '_' at column 5");
  EXPECT_EQ(error_of("1.0+a+"), "invalid version '1.0+a+': unexpected '+' at column 6");
  EXPECT_EQ(error_of("  1.0 a1"), "invalid version '  1.0 a1': unexpected ' a1' at column 6");
  EXPECT_EQ(error_of("1.0\n2"), "invalid version '1.0\\n2': unexpected '\\n2' at column 4");
  EXPECT_EQ(error_of("1.0+\u0130"),
            "invalid version '1.0+\u0130': expected a letter or digit to start the local version "
            "label, found '\u0130' at column 5");
  EXPECT_EQ(error_of("\u00e91.0"),
            "invalid version '\u00e91.0': expected a release number, found '\u00e91.0' at column 1");
}

TEST(VersionTest, ErrorsCarryACaretSpan) {
  auto r = Version::parse("1.0.foo");
  ASSERT_FALSE(r.ok());
  ASSERT_TRUE(r.error().span().has_value());
  EXPECT_EQ(r.error().span()->column, 4);
  EXPECT_EQ(r.error().span()->length, 4);
  EXPECT_EQ(r.error().render(),
            "invalid version '1.0.foo': unexpected '.foo' at column 4\n"
            "    1.0.foo\n"
            "       ^^^^");
}

TEST(VersionTest, RejectsWhatPackagingRejects) {
  for (const char* bad : {"1.0-", "1.0_", "1.0a1a1", "1.0.post1.post2", "1.0.dev1.dev2",
                          "1.0.dev1.post1", "1.0+", "1.0+a..b", "1.0+a.", "1!2!3", "a1",
                          "1.0alp", "1.*", "1.0-+a", "1.0-1-1", "1.0a1b1", "-1.0", "1.0.-1"}) {
    auto r = Version::parse(bad);
    EXPECT_FALSE(r.ok()) << bad << " parsed as " << r->to_string();
  }
  // Separators after a word need no number: these follow packaging's pattern.
  EXPECT_EQ(norm("1.0-r-"), "1.0.post0");
  EXPECT_EQ(norm("1.0.dev."), "1.0.dev0");
}

TEST(CanonicalizeVersionTest, StripsTrailingZerosOnly) {
  EXPECT_EQ(canonicalize_version("1.4.0"), "1.4");
  EXPECT_EQ(canonicalize_version("1.0.0.0+local"), "1+local");
  EXPECT_EQ(canonicalize_version("2!0.0.0a1"), "2!0a1");
  EXPECT_EQ(canonicalize_version("1.10.0"), "1.10");
  EXPECT_EQ(canonicalize_version("v1.4.0", false), "1.4.0");
  EXPECT_EQ(canonicalize_version("not a version"), "not a version");
  EXPECT_EQ(canonicalize_version(v("1.0.post0")), "1.post0");
}

}  // namespace
}  // namespace roost::pep440
