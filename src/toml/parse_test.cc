// The parser's own rules and messages (toml-test's cases run in conformance_test.cc).
#include "toml/parse.h"

#include <gtest/gtest.h>

#include <cmath>

namespace roost::toml {
namespace {

Table parse_ok(std::string_view text) {
  Result<Table> t = parse(text, "t.toml");
  EXPECT_TRUE(t.ok()) << text << "\n" << (t.ok() ? "" : t.error().render());
  return t.ok() ? std::move(t).value() : Table();
}

std::string parse_error(std::string_view text) {
  Result<Table> t = parse(text, "t.toml");
  EXPECT_FALSE(t.ok()) << text;
  return t.ok() ? "" : t.error().render();
}

std::vector<std::string> keys(const Table& t) {
  std::vector<std::string> out;
  for (const Entry& e : t) out.push_back(e.key);
  return out;
}

TEST(TomlParseTest, KeysKeepTheirWrittenOrder) {
  Table t = parse_ok("zeta = 1\nalpha = 2\n[middle]\nb = 1\na = 2\n");
  EXPECT_EQ(keys(t), (std::vector<std::string>{"zeta", "alpha", "middle"}));
  EXPECT_EQ(keys(*t.get("middle")->as_table()), (std::vector<std::string>{"b", "a"}));
}

TEST(TomlParseTest, RangesPointAtTheText) {
  std::string text = "[project]\nname = \"roost\"\ndeps = [ 'a', \"b\" ]\n";
  Table t = parse_ok(text);
  const Value* name = t.get_path({"project", "name"});
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(text.substr(name->range().offset, name->range().length), "\"roost\"");
  const Entry* entry = t.get("project")->as_table()->find("name");
  EXPECT_EQ(text.substr(entry->key_range.offset, entry->key_range.length), "name");
  EXPECT_EQ(text.substr(t.get("project")->range().offset, t.get("project")->range().length),
            "[project]");
  const Array* deps = t.get_path({"project", "deps"})->as_array();
  ASSERT_NE(deps, nullptr);
  EXPECT_EQ(text.substr((*deps)[1].range().offset, (*deps)[1].range().length), "\"b\"");
}

TEST(TomlParseTest, Scalars) {
  Table t = parse_ok(
      "i = -9_223_372_036_854_775_808\nh = 0xDEAD_beef\no = 0o755\nb = 0b1101\n"
      "f = 6.626e-34\ng = -inf\nn = nan\nz = -0.0\nt = true\nlit = 'C:\\path'\n"
      "esc = \"tab\\tq\\\" \\u00e9 \\U0001F600\"\n");
  EXPECT_EQ(*t.get("i")->as_integer(), INT64_MIN);
  EXPECT_EQ(*t.get("h")->as_integer(), 0xDEADBEEF);
  EXPECT_EQ(*t.get("o")->as_integer(), 0755);
  EXPECT_EQ(*t.get("b")->as_integer(), 13);
  EXPECT_DOUBLE_EQ(*t.get("f")->as_float(), 6.626e-34);
  EXPECT_TRUE(std::isinf(*t.get("g")->as_float()) && *t.get("g")->as_float() < 0);
  EXPECT_TRUE(std::isnan(*t.get("n")->as_float()));
  EXPECT_TRUE(std::signbit(*t.get("z")->as_float()));
  EXPECT_TRUE(*t.get("t")->as_boolean());
  EXPECT_EQ(*t.get("lit")->as_string(), "C:\\path");
  EXPECT_EQ(*t.get("esc")->as_string(), "tab\tq\" \xC3\xA9 \xF0\x9F\x98\x80");
}

TEST(TomlParseTest, MultiLineStrings) {
  Table t = parse_ok(
      "a = \"\"\"\nline one\r\nline two \\\n    continued\"\"\"\n"
      "b = '''\n raw \\n ''''\n"
      "c = \"\"\"quote: \"\"\"\"\"\n");
  EXPECT_EQ(*t.get("a")->as_string(), "line one\nline two continued");
  EXPECT_EQ(*t.get("b")->as_string(), " raw \\n '");
  EXPECT_EQ(*t.get("c")->as_string(), "quote: \"\"");
}

TEST(TomlParseTest, Datetimes) {
  Table t = parse_ok(
      "odt = 1979-05-27T07:32:00.999999-07:00\nodz = 1979-05-27 07:32:00z\n"
      "ldt = 1979-05-27T00:32:00.5\nld = 2024-02-29\nlt = 07:32:00\n");
  EXPECT_EQ(t.get("odt")->as_datetime()->to_string(), "1979-05-27T07:32:00.999999-07:00");
  EXPECT_EQ(t.get("odz")->as_datetime()->to_string(), "1979-05-27T07:32:00Z");
  EXPECT_EQ(t.get("ldt")->as_datetime()->kind, Datetime::Kind::kLocalDateTime);
  EXPECT_EQ(t.get("ldt")->as_datetime()->nanosecond, 500000000u);
  EXPECT_EQ(t.get("ld")->as_datetime()->to_string(), "2024-02-29");
  EXPECT_EQ(t.get("lt")->as_datetime()->to_string(), "07:32:00");
  EXPECT_NE(parse_error("d = 2023-02-29\n").find("no such date"), std::string::npos);
  EXPECT_NE(parse_error("d = 07:60:00\n").find("out of range"), std::string::npos);
}

TEST(TomlParseTest, TablesArraysOfTablesAndDottedKeys) {
  Table t = parse_ok(
      "[a.b.c]\nx = 1\n[a]\nb.d = 2\n"  // a.b so far only named: dotted keys may add
      "[[fruit]]\nname = 'apple'\n[fruit.physical]\ncolor = 'red'\n"
      "[[fruit]]\nname = 'banana'\n"
      "[dog.\"tater.man\"]\ntype.name = 'pug'\n"
      "[x]\ninline = { p.q = 1, p.r = 2 }\n");
  EXPECT_EQ(*t.get_path({"a", "b", "d"})->as_integer(), 2);
  const Array* fruit = t.get("fruit")->as_array();
  ASSERT_NE(fruit, nullptr);
  EXPECT_TRUE(fruit->is_array_of_tables());
  ASSERT_EQ(fruit->size(), 2u);
  EXPECT_EQ(*(*fruit)[0].as_table()->get_path({"physical", "color"})->as_string(), "red");
  EXPECT_EQ((*fruit)[1].as_table()->get("physical"), nullptr);
  EXPECT_EQ(*t.get_path({"dog", "tater.man", "type", "name"})->as_string(), "pug");
  EXPECT_EQ(*t.get_path({"x", "inline", "p", "r"})->as_integer(), 2);
  EXPECT_EQ(t.get_path({"x", "inline"})->as_table()->origin(), Table::Origin::kInline);
}

TEST(TomlParseTest, LargeTablesAreIndexed) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "k" + std::to_string(i) + " = " + std::to_string(i) + "\n";
  Table t = parse_ok(text);
  ASSERT_EQ(t.size(), 2000u);
  EXPECT_EQ(*t.get("k1234")->as_integer(), 1234);
  EXPECT_EQ(t.get("k2000"), nullptr);
  EXPECT_NE(parse_error(text + "k1999 = 0\n").find("duplicate key `k1999`"), std::string::npos);
}

TEST(TomlParseTest, RedefinitionErrorsNameBothPlaces) {
  EXPECT_EQ(parse_error("name = 'a'\nname = 'b'\n"),
            "t.toml:2:1: duplicate key `name` (first written at line 1)\n"
            "    name = 'b'\n"
            "    ^^^^");
  EXPECT_EQ(parse_error("[a]\nx = 1\n[a]\n"),
            "t.toml:3:1: cannot define table `[a]`: table `a` is defined twice (first written at "
            "line 1)\n"
            "    [a]\n"
            "    ^^^");
  EXPECT_EQ(parse_error("[a]\nb.c = 1\n[a.b]\n"),
            "t.toml:3:1: cannot define table `[a.b]`: `a.b` was already defined with dotted keys "
            "(first written at line 2)\n"
            "    [a.b]\n"
            "    ^^^^^");
  EXPECT_EQ(parse_error("[a.b]\n[a]\nb.c = 1\n"),
            "t.toml:3:1: cannot add keys to `b`: it is defined by a `[b]` header (first written "
            "at line 1)\n"
            "    b.c = 1\n"
            "    ^");
  EXPECT_NE(parse_error("a = {b = 1}\n[a]\n").find("`a` is an inline table"), std::string::npos);
  EXPECT_NE(parse_error("a = {b = 1}\n[a.c]\n").find("cannot add to the inline table `a`"),
            std::string::npos);
  EXPECT_NE(parse_error("a = [1]\n[[a]]\n").find("cannot append to `a` with `[[a]]`"),
            std::string::npos);
  EXPECT_NE(parse_error("[[a]]\n[a]\n").find("cannot define table `[a]`"), std::string::npos);
  EXPECT_NE(parse_error("[a]\nx.y = 1\n[b]\n[a]\n").find("cannot define table"), std::string::npos);
  EXPECT_NE(parse_error("t = {a = {b = 1}, a.c = 2}\n").find("cannot add keys to `a`"),
            std::string::npos);
  EXPECT_NE(parse_error("a.b = 1\n[x]\n[a.c]\n[a]\n").find("dotted keys"), std::string::npos);
}

TEST(TomlParseTest, SyntaxErrorsSayWhatWasExpected) {
  EXPECT_EQ(parse_error("[project\nname = 1\n"),
            "t.toml:1:9: unexpected end of line, expected `]` to close the table header\n"
            "    [project\n"
            "            ^");
  EXPECT_EQ(parse_error("name \"x\"\n"),
            "t.toml:1:6: unexpected `\"`, expected `=` after the key `name`\n"
            "    name \"x\"\n"
            "         ^");
  EXPECT_EQ(parse_error("name = roost\n"),
            "t.toml:1:8: invalid value `roost` (strings are quoted; booleans are `true` / "
            "`false`)\n"
            "    name = roost\n"
            "           ^^^^^");
  EXPECT_EQ(parse_error("s = \"abc\n"),
            "t.toml:1:5: unterminated string (a `\"` string ends on its line)\n"
            "    s = \"abc\n"
            "        ^^^^");
  EXPECT_NE(parse_error("a = 1 2\n").find("unexpected `2`, expected a newline after the value"),
            std::string::npos);
  EXPECT_NE(parse_error("t = {a = 1,}\n").find("trailing comma"), std::string::npos);
  EXPECT_NE(parse_error("t = {a = 1,\n b = 2}\n").find("expected a key"), std::string::npos);
  EXPECT_NE(parse_error("n = 012\n").find("leading zeros"), std::string::npos);
  EXPECT_NE(parse_error("n = 1__0\n").find("`_` must stand between digits"), std::string::npos);
  EXPECT_NE(parse_error("n = 9223372036854775808\n").find("64-bit"), std::string::npos);
  EXPECT_NE(parse_error("n = 1.\n").find("after the decimal point"), std::string::npos);
  EXPECT_NE(parse_error("s = \"\\x41\"\n").find("invalid escape `\\x`"), std::string::npos);
  EXPECT_NE(parse_error("s = \"\\uD800\"\n").find("not a Unicode scalar value"), std::string::npos);
  EXPECT_NE(parse_error("s = 'a\x01'\n").find("control character U+0001"), std::string::npos);
  EXPECT_NE(parse_error("a = 1\r\rb = 2\n").find("carriage return"), std::string::npos);
  EXPECT_NE(parse_error("# \x7F\n").find("in a comment"), std::string::npos);
  EXPECT_NE(parse_error("k = \"\xC3\x28\"\n").find("invalid UTF-8"), std::string::npos);
  EXPECT_NE(parse_error("a = ").find("end of the file"), std::string::npos);
}

TEST(TomlParseTest, ColumnsCountCharactersNotBytes) {
  std::string rendered = parse_error("name = \"\xC3\xA9t\xC3\xA9\" x\n");
  EXPECT_NE(rendered.find("t.toml:1:14:"), std::string::npos) << rendered;
}

TEST(TomlParseTest, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "a = " + std::string(100000, '[');
  EXPECT_NE(parse_error(deep).find("nested too deeply"), std::string::npos);
  std::string ok = "a = " + std::string(100, '[') + std::string(100, ']') + "\n";
  parse_ok(ok);
}

TEST(TomlParseTest, EmptyAndCommentOnlyDocuments) {
  EXPECT_TRUE(parse_ok("").empty());
  EXPECT_TRUE(parse_ok("# only a comment\r\n\n   \t\n").empty());
}

}  // namespace
}  // namespace roost::toml
