// Tests for marker parsing, packaging-style printing and PEP 508 evaluation.
#include "pep508/marker.h"

#include <gtest/gtest.h>

namespace roost::pep508 {
namespace {

Marker parse(std::string_view text) {
  auto m = Marker::parse(text);
  EXPECT_TRUE(m.ok()) << text << ": " << (m.ok() ? "" : m.error().render());
  return m.ok() ? std::move(m).value() : Marker::always_false();
}

std::string parse_error(std::string_view text) {
  auto m = Marker::parse(text);
  EXPECT_FALSE(m.ok()) << text;
  return m.ok() ? "" : m.error().render();
}

MarkerEnvironment env(std::map<std::string, std::string, std::less<>> values) {
  MarkerEnvironment e;
  e.values = std::move(values);
  return e;
}

bool eval(std::string_view marker, const MarkerEnvironment& e) {
  auto result = parse(marker).evaluate(e);
  EXPECT_TRUE(result.ok()) << marker << ": " << (result.ok() ? "" : result.error().render());
  return result.ok() && *result;
}

TEST(MarkerParseTest, AsWrittenNormalisesSpacingQuotesAndNames) {
  EXPECT_EQ(parse("python_version=='2.7'").as_written(), "python_version == \"2.7\"");
  EXPECT_EQ(parse("os.name == 'posix' and platform.machine=='x86_64'").as_written(),
            "os_name == \"posix\" and platform_machine == \"x86_64\"");
  EXPECT_EQ(parse("python_implementation == 'CPython'").as_written(),
            "platform_python_implementation == \"CPython\"");
  EXPECT_EQ(parse("extra == 'Foo_Bar'").as_written(), "extra == \"foo-bar\"");
  EXPECT_EQ(parse("'S_P__A_M' not in extras").as_written(), "\"s-p-a-m\" not in extras");
  EXPECT_EQ(parse("os_name == 'a\"b'").as_written(), "os_name == 'a\"b'");
  EXPECT_EQ(parse("( python_version == '2.7' )").as_written(), "python_version == \"2.7\"");
  EXPECT_EQ(parse("'a' in os_name").as_written(), "\"a\" in os_name");
}

TEST(MarkerParseTest, AsWrittenKeepsNeededParentheses) {
  EXPECT_EQ(parse("python_version == '2.7' and (os_name == 'a' or os_name == 'b')").as_written(),
            "python_version == \"2.7\" and (os_name == \"a\" or os_name == \"b\")");
  EXPECT_EQ(parse("(os_name == 'a' and os_name == 'b') or os_name == 'c'").as_written(),
            "(os_name == \"a\" and os_name == \"b\") or os_name == \"c\"");
  // packaging prints "a or b and c" here, which means something else.
  EXPECT_EQ(parse("((os_name == 'a' or os_name == 'b')) and os_name == 'c'").as_written(),
            "(os_name == \"a\" or os_name == \"b\") and os_name == \"c\"");
}

TEST(MarkerParseTest, DeepNestingIsAnErrorNotACrash) {
  std::string ok = std::string(100, '(') + "os_name == 'nt'" + std::string(100, ')');
  EXPECT_TRUE(Marker::parse(ok).ok());
  std::string deep = std::string(101, '(') + "os_name == 'nt'" + std::string(101, ')');
  Result<Marker> m = Marker::parse(deep);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().message().find("nested more than 100 parentheses deep at column 101"),
            std::string::npos)
      << m.error().message();
  // The fuzzer's input: thousands of unbalanced parentheses.
  EXPECT_FALSE(Marker::parse(std::string(100000, '(')).ok());
}

TEST(MarkerParseTest, ErrorsPointAtTheColumn) {
  EXPECT_EQ(
      parse_error("python_version"),
      "invalid marker 'python_version': expected a marker operator (<=, <, !=, ==, >=, >, ~=, "
      "===, in, not in), found the end at column 15\n"
      "    python_version\n"
      "                  ^");
  EXPECT_EQ(
      parse_error("this_isnt_a_real_variable >= '1.0'"),
      "invalid marker \"this_isnt_a_real_variable >= '1.0'\": expected a marker variable or a "
      "quoted string, found 'this_isnt_a_real_variable' at column 1\n"
      "    this_isnt_a_real_variable >= '1.0'\n"
      "    ^");
  EXPECT_EQ(parse_error("(python_version == \"2.7\" and os_name == \"linux\""),
            "invalid marker '(python_version == \"2.7\" and os_name == \"linux\"': expected ')' to "
            "close the '(' at column 1, found the end at column 48\n"
            "    (python_version == \"2.7\" and os_name == \"linux\"\n"
            "    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^");
  EXPECT_EQ(parse_error("python_version >= \"3\"\n"),
            "invalid marker 'python_version >= \"3\"\\n': expected 'and', 'or' or the end of the "
            "marker, found a line break at column 22\n"
            "    python_version >= \"3\" \n"
            "                         ^");
  EXPECT_EQ(
      parse_error("os_name == \"C:\\\""),
      "invalid marker 'os_name == \"C:\\\\\"': invalid quoted string '\"C:\\\\\"' at column 12: "
      "it contains a backslash (PEP 508 strings have no escape sequences)\n"
      "    os_name == \"C:\\\"\n"
      "               ^^^^^^");
  EXPECT_EQ(parse_error("'3.7' not python_version"),
            "invalid marker \"'3.7' not python_version\": expected 'in' after 'not', found "
            "'python_version' at column 11\n"
            "    '3.7' not python_version\n"
            "              ^");
}

TEST(MarkerParseTest, EmptyIsAlwaysTrue) {
  EXPECT_TRUE(parse("").is_true());
  EXPECT_TRUE(parse("  ").is_true());
  EXPECT_EQ(parse(Marker::always_true().to_string()), Marker::always_true());
  EXPECT_EQ(parse(Marker::always_false().to_string()), Marker::always_false());
  EXPECT_FALSE(Marker::parse("\n").ok());
}

TEST(MarkerParseTest, RejectsMeaninglessComparisons) {
  EXPECT_EQ(parse_error("python_version == os_name"),
            "invalid marker 'python_version == os_name': cannot compare two marker variables "
            "('python_version' and 'os_name') at column 1; one side must be a quoted string\n"
            "    python_version == os_name\n"
            "    ^^^^^^^^^^^^^^^^^^^^^^^^^");
  EXPECT_EQ(parse_error("extras == 'foo'"),
            "invalid marker \"extras == 'foo'\": 'extras' is a set of names at column 1: it can "
            "only be tested as '\"<name>\" in extras' or '\"<name>\" not in extras'\n"
            "    extras == 'foo'\n"
            "    ^^^^^^^^^^^^^^^");
  EXPECT_FALSE(Marker::parse("dependency_groups in 'foo'").ok());
  EXPECT_TRUE(Marker::parse("'foo' not in dependency_groups").ok());
}

TEST(MarkerEvalTest, VersionComparisons) {
  auto e = env({{"python_version", "3.8"}, {"python_full_version", "3.8.10"}});
  EXPECT_TRUE(eval("python_version >= '3.8'", e));
  EXPECT_FALSE(eval("python_version > '3.8'", e));
  EXPECT_TRUE(eval("python_version < '3.10'", e));  // as versions, not strings
  EXPECT_TRUE(eval("python_full_version == '3.8.*'", e));
  EXPECT_TRUE(eval("python_version ~= '3.7'", e));
  EXPECT_TRUE(eval("'3.8.9' < python_full_version", e));
  EXPECT_FALSE(eval("python_full_version === '3.8.10.0'", e));
  EXPECT_TRUE(eval("python_full_version === '3.8.10'", e));
  EXPECT_TRUE(eval("python_full_version > '3.6.2'", env({{"python_full_version", "3.11.0a5"}})));
  EXPECT_TRUE(eval("python_full_version < '3.12'", env({{"python_full_version", "3.11.1+"}})));
}

TEST(MarkerEvalTest, StringRules) {
  auto e = env({{"sys_platform", "linux"}, {"platform_release", "6.10.14-linuxkit"}});
  EXPECT_TRUE(eval("sys_platform == 'linux'", e));
  EXPECT_TRUE(eval("sys_platform <= 'linux'", e));
  EXPECT_FALSE(eval("sys_platform < 'zzz'", e));  // < and > are false on strings
  EXPECT_TRUE(eval("'lin' in sys_platform", e));
  EXPECT_TRUE(eval("sys_platform in 'linux2'", e));
  EXPECT_FALSE(eval("platform_release < '22'", e));  // not a version: never below
  // "!=22" is a valid specifier, and a specifier never matches a non-version.
  EXPECT_FALSE(eval("platform_release != '22'", e));
  EXPECT_TRUE(eval("platform_release != 'x'", e));
  EXPECT_TRUE(eval("platform_release >= '22'", env({{"platform_release", "22.1.0"}})));
  EXPECT_FALSE(eval("\"b\" > \"a\"", e));
  EXPECT_TRUE(eval("\"a\" <= \"a\"", e));
}

TEST(MarkerEvalTest, ExtrasAreNormalisedOnBothSides) {
  EXPECT_TRUE(eval("extra == 'Different.punctuation..is...equal'",
                   env({{"extra", "different__punctuation_is_EQUAL"}})));
  EXPECT_FALSE(eval("extra == 'v2'", env({{"extra", ""}})));
  MarkerEnvironment lock;
  lock.extras = std::set<std::string>{"Foo_Bar"};
  EXPECT_TRUE(eval("'foo-bar' in extras", lock));
  EXPECT_TRUE(eval("'baz' not in extras", lock));
}

TEST(MarkerEvalTest, ErrorsNameTheProblem) {
  auto missing =
      parse("os_name == 'nt' and python_version >= '3'").evaluate(env({{"os_name", "nt"}}));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message(), "the marker environment has no 'python_version'");
  auto undefined = parse("os_name ~= '1.0'").evaluate(env({{"os_name", "nt"}}));
  ASSERT_FALSE(undefined.ok());
  EXPECT_EQ(undefined.error().message(),
            "undefined comparison 'os_name ~= \"1.0\"': '~=' only applies to the version-valued "
            "variables (python_version, python_full_version, implementation_version, "
            "platform_release) with a valid version");
  auto no_extras = parse("'a' in extras").evaluate(MarkerEnvironment{});
  ASSERT_FALSE(no_extras.ok());
  EXPECT_EQ(no_extras.error().message(), "the marker environment has no 'extras'");
}

TEST(MarkerEvalTest, AlgebraResultsEvaluateThroughTheDiagram) {
  Marker both = parse("python_version >= '3.8'").and_(parse("sys_platform == 'linux'"));
  EXPECT_TRUE(
      both.evaluate(env({{"python_full_version", "3.9.1"}, {"sys_platform", "linux"}})).value());
  // python_version alone stands for its own releases.
  EXPECT_FALSE(both.evaluate(env({{"python_version", "3.7"}, {"sys_platform", "linux"}})).value());
  auto missing = both.evaluate(env({{"sys_platform", "linux"}}));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message(), "the marker environment has no 'python_full_version'");
  auto bad = both.evaluate(env({{"python_full_version", "3.x"}, {"sys_platform", "linux"}}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message(),
            "the marker environment's python_full_version '3.x' is not a PEP 440 version");
}

TEST(MarkerEvalTest, PythonVersionDerivedFromFullVersion) {
  EXPECT_TRUE(eval("python_version == '3.12'", env({{"python_full_version", "3.12.1"}})));
}

TEST(MarkerEvalTest, PreparedEnvironmentGivesTheSameAnswers) {
  auto e =
      env({{"python_version", "3.8"}, {"python_full_version", "3.8.1"}, {"sys_platform", "win32"}});
  PreparedEnvironment prepared(e);
  Marker m = parse("python_version >= \"3.8\" and sys_platform == \"linux\"");
  EXPECT_FALSE(m.evaluate(prepared).value());
  EXPECT_EQ(m.evaluate(prepared).value(), m.evaluate(e).value());
}

}  // namespace
}  // namespace roost::pep508
