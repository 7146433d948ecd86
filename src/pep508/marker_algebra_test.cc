// Tests of the marker algebra's readable canonical forms: and / or / not, always-true and
// always-false detection, disjointness and simplification under a Python range.
#include <gtest/gtest.h>

#include "pep508/marker.h"

namespace roost::pep508 {
namespace {

Marker m(std::string_view text) {
  auto parsed = Marker::parse(text);
  EXPECT_TRUE(parsed.ok()) << text << ": " << (parsed.ok() ? "" : parsed.error().render());
  return parsed.ok() ? *parsed : Marker::always_false();
}

std::string canonical(std::string_view text) {
  return m(text).to_string();
}

pep440::VersionRanges python(std::string_view spec) {
  return pep440::VersionRanges::from(pep440::SpecifierSet::parse(spec).value());
}

TEST(MarkerAlgebraTest, PythonVersionBecomesPythonFullVersionRanges) {
  // python_version is x.y of python_full_version: "> 3.8" starts at 3.9's first pre-release, so
  // the canonical form keeps the python_version spelling, which says exactly that.
  EXPECT_EQ(canonical("python_version >= '3.8' and python_version >= '3.9'"),
            "python_version >= '3.9'");
  EXPECT_EQ(canonical("python_version > '3.8'"), "python_version >= '3.9'");
  EXPECT_EQ(canonical("python_version > '3.8.1'"), "python_version >= '3.9'");
  EXPECT_EQ(canonical("'3.8' < python_version"), "python_version >= '3.9'");
  EXPECT_EQ(canonical("python_version == '3.8.0'"), "python_version == '3.8'");
  EXPECT_EQ(canonical("python_version == '3.8.1'"), "python_version < '0'");
  EXPECT_EQ(canonical("python_version != '3.8'"), "python_version != '3.8'");
  EXPECT_EQ(canonical("python_version ~= '3.8'"),
            "python_version >= '3.8' and python_version < '4.0'");
  EXPECT_EQ(canonical("python_version >= '3.8' and python_version < '3.12'"),
            "python_version >= '3.8' and python_version < '3.12'");
  EXPECT_EQ(canonical("python_full_version == '3.8.*'"), "python_version == '3.8'");
  EXPECT_EQ(canonical("python_version == '3.*'"), "python_full_version == '3.*'");
}

TEST(MarkerAlgebraTest, PythonFullVersionKeepsPep440Boundaries) {
  EXPECT_EQ(canonical("python_full_version >= '3.8.1'"), "python_full_version >= '3.8.1'");
  EXPECT_EQ(canonical("python_full_version >= '3.8.1.0'"), "python_full_version >= '3.8.1'");
  // Not ">= 3.8.1": that would exclude 3.8.1rc1 and 3.8.0.1 ... 3.8.1 pre-releases, which
  // "< 3.8.1" excludes too (PEP 440 keeps a release's pre-releases out of "<").
  EXPECT_EQ(m("python_full_version < '3.8.1'").not_().to_string(),
            "python_full_version >= '3.8.1.dev0'");
  // The complement of ">= 3.8.1" includes 3.8.1's pre-releases, which "< 3.8.1" would not.
  EXPECT_EQ(m("python_full_version >= '3.8.1'").not_().to_string(),
            "python_full_version <= '3.8.1' and python_full_version != '3.8.1'");
  EXPECT_EQ(canonical("python_full_version >= '3.8' or python_full_version < '3.8'"),
            "python_version < '3.8' or python_full_version >= '3.8'");
  EXPECT_FALSE(m("python_full_version >= '3.8' or python_full_version < '3.8'").is_true());
  EXPECT_EQ(canonical("python_full_version == '3.12.1'"), "python_full_version == '3.12.1'");
  EXPECT_EQ(canonical("python_full_version === '3.12.1'"), "python_full_version === '3.12.1'");
}

TEST(MarkerAlgebraTest, TautologiesAndContradictions) {
  EXPECT_EQ(canonical("sys_platform == 'linux' or sys_platform != 'linux'"), "");
  EXPECT_TRUE(m("sys_platform == 'linux' or sys_platform != 'linux'").is_true());
  EXPECT_TRUE(m("python_version < '3.8' and python_version >= '3.9'").is_false());
  EXPECT_EQ(canonical("python_version < '3.8' and python_version >= '3.9'"),
            "python_version < '0'");
  EXPECT_TRUE(m("python_version < '3.8' or python_version >= '3.8'").is_true());
  EXPECT_TRUE(m("extra == 'a' and extra == 'b'").is_false());     // extra holds one name
  EXPECT_FALSE(m("'a' in extras and 'b' in extras").is_false());  // extras holds several
  EXPECT_TRUE(m("sys_platform < 'z'").is_false());                // < is false on strings
  EXPECT_TRUE(m("os_name == 'nt' and os_name == 'posix'").is_false());
  EXPECT_TRUE(Marker::always_true().is_true());
  EXPECT_TRUE(Marker::always_false().is_false());
  EXPECT_EQ(Marker::always_true().to_string(), "");
}

TEST(MarkerAlgebraTest, ReadableDisjunctions) {
  EXPECT_EQ(canonical("sys_platform == 'linux' or python_version >= '3.8'"),
            "sys_platform == 'linux' or python_version >= '3.8'");
  EXPECT_EQ(canonical("python_version >= '3.8' or sys_platform == 'linux'"),
            "sys_platform == 'linux' or python_version >= '3.8'");
  EXPECT_EQ(canonical("sys_platform == 'linux' or sys_platform == 'darwin'"),
            "sys_platform == 'darwin' or sys_platform == 'linux'");
  EXPECT_EQ(canonical("sys_platform != 'linux' and sys_platform != 'darwin'"),
            "sys_platform != 'darwin' and sys_platform != 'linux'");
  EXPECT_EQ(canonical("os_name == 'nt' and sys_platform == 'win32' or os_name == 'posix'"),
            "os_name == 'nt' and sys_platform == 'win32' or os_name == 'posix'");
  EXPECT_EQ(
      canonical("python_version >= '3.8' and (extra == 'test' or extra == 'dev')"),
      "python_version >= '3.8' and extra == 'dev' or python_version >= '3.8' and extra == 'test'");
}

TEST(MarkerAlgebraTest, OpaqueComparisons) {
  EXPECT_EQ(canonical("'foo' not in sys_platform or sys_platform == 'x'"),
            "sys_platform == 'x' or 'foo' not in sys_platform");
  EXPECT_EQ(canonical("'A_B' in extras and 'c' not in dependency_groups"),
            "'a-b' in extras and 'c' not in dependency_groups");
  EXPECT_EQ(m("platform_release >= '22'").not_().to_string(), "platform_release < '22'");
  EXPECT_TRUE(m("'x' in os_name or 'x' not in os_name").is_true());
  EXPECT_TRUE(m("'x' in os_name and 'x' not in os_name").is_false());
}

TEST(MarkerAlgebraTest, EqualityIsSemantic) {
  EXPECT_EQ(m("python_version >= '3.9'"), m("python_version > '3.8'"));
  EXPECT_EQ(m("os_name == 'nt' and sys_platform == 'win32'"),
            m("sys_platform == 'win32' and os_name == 'nt'"));
  EXPECT_EQ(m("extra == 'Foo_Bar'"), m("extra == 'foo-bar'"));
  EXPECT_NE(m("python_version >= '3.8'"), m("python_full_version >= '3.8'"));
  EXPECT_EQ(m("sys_platform <= 'linux'"), m("sys_platform == 'linux'"));
}

TEST(MarkerAlgebraTest, Disjointness) {
  EXPECT_TRUE(m("sys_platform == 'linux'").is_disjoint(m("sys_platform == 'win32'")));
  EXPECT_FALSE(m("sys_platform == 'linux'").is_disjoint(m("python_version >= '3.8'")));
  EXPECT_TRUE(m("python_version < '3.8'").is_disjoint(m("python_full_version >= '3.8'")));
  EXPECT_FALSE(m("python_version < '3.9'").is_disjoint(m("python_full_version >= '3.8.5'")));
}

TEST(MarkerAlgebraTest, SimplifyPython) {
  EXPECT_TRUE(m("python_version >= '3.8'").simplify_python(python(">=3.9")).is_true());
  EXPECT_TRUE(m("python_version < '3.8' and sys_platform == 'linux'")
                  .simplify_python(python(">=3.8"))
                  .is_false());
  EXPECT_EQ(m("python_version >= '3.10' or sys_platform == 'win32'")
                .simplify_python(python(">=3.9"))
                .to_string(),
            "sys_platform == 'win32' or python_version >= '3.10'");
  EXPECT_EQ(m("python_version < '3.8' or python_version >= '3.10'")
                .simplify_python(python(">=3.9"))
                .to_string(),
            "python_version >= '3.10'");
  EXPECT_EQ(
      m("python_version >= '3.8' and os_name == 'nt'").simplify_python(python(">=3.9")).to_string(),
      "os_name == 'nt'");
  // Outside the range nothing is promised; inside it the answer is kept.
  Marker kept = m("python_version >= '3.10'").simplify_python(python(">=3.8,<3.12"));
  EXPECT_EQ(kept.to_string(), "python_version >= '3.10'");
}

TEST(MarkerAlgebraTest, CanonicalFormParsesBack) {
  for (std::string_view text :
       {"python_version >= '3.8' and sys_platform == 'linux' or python_version < '3.8' and os_name "
        "== 'nt'",
        "python_full_version >= '3.8.1' and python_full_version < '3.9' or platform_machine == "
        "'arm64'",
        "extra == 'a' or 'b' in extras",
        "implementation_name == 'pypy' and implementation_version >= '7.3'"}) {
    Marker original = m(text);
    Marker again = m(original.to_string());
    EXPECT_EQ(again, original) << text;
    EXPECT_EQ(again.to_string(), original.to_string()) << text;
  }
}

}  // namespace
}  // namespace roost::pep508

namespace roost::pep508 {
namespace {

TEST(MarkerAlgebraTest, AssumeExtraFixesTheExtraVariable) {
  Marker dep = m("extra == 'Socks' and sys_platform == 'linux'");
  EXPECT_EQ(dep.assume_extra("socks").to_string(), "sys_platform == 'linux'");
  EXPECT_TRUE(dep.assume_extra("other").is_false());
  EXPECT_TRUE(dep.assume_extra("").is_false());
  // A requirement without an extra test is the same in every extra.
  Marker plain = m("python_version >= '3.9'");
  EXPECT_EQ(plain.assume_extra("x"), plain);
  EXPECT_EQ(m("extra != 'a' or os_name == 'nt'").assume_extra("a").to_string(), "os_name == 'nt'");
}

TEST(MarkerAlgebraTest, PythonRangeIsWhereSomeEnvironmentSatisfiesTheMarker) {
  EXPECT_EQ(m("python_version >= '3.10' and sys_platform == 'linux'").python_range(),
            python(">=3.10.dev0"));
  EXPECT_TRUE(m("sys_platform == 'linux'").python_range().is_full());
  EXPECT_TRUE(Marker::always_false().python_range().is_empty());
  EXPECT_EQ(
      m("python_version < '3.9' or (python_version >= '3.11' and os_name == 'nt')").python_range(),
      python("<3.9.dev0").union_with(python(">=3.11.dev0")));
}

TEST(MarkerAlgebraTest, AssumeInExtrasFixesOneMembership) {
  Marker both = m("'a' in extras and ('b' in extras or sys_platform == 'linux')");
  EXPECT_EQ(both.assume_in_extras("a", true), m("'b' in extras or sys_platform == 'linux'"));
  EXPECT_TRUE(both.assume_in_extras("a", false).is_false());
  EXPECT_EQ(both.assume_in_extras("b", false), m("'a' in extras and sys_platform == 'linux'"));
  EXPECT_EQ(both.assume_in_extras("c", true), both);
  EXPECT_EQ(m("extra == 'a'").assume_in_extras("a", false), m("extra == 'a'"));
}

TEST(MarkerAlgebraTest, SimplifyGivenDropsWhatTheContextImplies) {
  Marker uvloop =
      m("sys_platform != 'win32' and sys_platform != 'cygwin' and "
        "platform_python_implementation != 'PyPy'");
  EXPECT_EQ(uvloop.simplify_given(m("sys_platform == 'linux' and platform_machine == 'x86_64' or "
                                    "sys_platform == 'linux' and platform_machine == 'aarch64'")),
            m("platform_python_implementation != 'PyPy'"));
  EXPECT_EQ(uvloop.simplify_given(m("sys_platform == 'darwin' or sys_platform == 'linux' or "
                                    "sys_platform == 'win32'")),
            m("platform_python_implementation != 'PyPy' and sys_platform != 'win32'"));
  EXPECT_EQ(m("platform_machine == 'x86_64' and sys_platform == 'linux'")
                .simplify_given(m("sys_platform == 'linux'")),
            m("platform_machine == 'x86_64'"));
  // What the context leaves open stays; the result agrees with the marker inside it.
  Marker mixed = m("python_version >= '3.12' and sys_platform == 'win32' or extra == 'a'");
  Marker context = m("sys_platform == 'win32' or sys_platform == 'linux'");
  Marker simplified = mixed.simplify_given(context);
  EXPECT_EQ(simplified.and_(context), mixed.and_(context));
  EXPECT_EQ(m("sys_platform == 'linux'").simplify_given(Marker::always_true()),
            m("sys_platform == 'linux'"));
  EXPECT_TRUE(m("sys_platform == 'linux'").simplify_given(m("sys_platform == 'linux'")).is_true());
}

}  // namespace
}  // namespace roost::pep508
