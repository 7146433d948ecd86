// String and key spellings: the expected texts are toml_writer's own test vectors
// (crates/toml_writer/tests/string.rs, `string_default` / `key_default`), which uv's writer
// follows; the round trip through src/toml/ checks each is valid TOML for the same value.
#include "lock/toml_text.h"

#include <gtest/gtest.h>

#include "toml/parse.h"

namespace roost::lock::detail {
namespace {

std::string value(std::string_view decoded) {
  std::string out;
  append_toml_string(out, decoded);
  return out;
}

std::string key(std::string_view decoded) {
  std::string out;
  append_toml_key(out, decoded);
  return out;
}

// `key = value` parses back to the same key and string.
void expect_parses_back(std::string_view decoded) {
  std::string line = key(decoded) + " = " + value(decoded) + "\n";
  Result<toml::Table> parsed = toml::parse(line);
  ASSERT_TRUE(parsed.ok()) << line << parsed.error().render();
  ASSERT_EQ(parsed->size(), 1u) << line;
  EXPECT_EQ(parsed->begin()->key, decoded) << line;
  const std::string* s = parsed->begin()->value.as_string();
  ASSERT_NE(s, nullptr) << line;
  EXPECT_EQ(*s, decoded) << line;
}

TEST(TomlText, PlainStringsAreBasic) {
  EXPECT_EQ(value(""), R"("")");
  EXPECT_EQ(value("helloworld"), R"("helloworld")");
  EXPECT_EQ(value("sys_platform == 'linux'"), R"("sys_platform == 'linux'")");
  EXPECT_EQ(value("'hello'world'"), R"("'hello'world'")");
  EXPECT_EQ(value("unicode-\xce\xbb"), "\"unicode-\xce\xbb\"");
}

TEST(TomlText, QuotesAndBackslashesPreferLiteral) {
  EXPECT_EQ(value(R"("hello"world")"), R"('"hello"world"')");
  EXPECT_EQ(value(R"("""hello"""world""")"), R"('"""hello"""world"""')");
  EXPECT_EQ(value(R"(\windows\system32\)"), R"('\windows\system32\')");
  // Both kinds of quote: multi-line basic, then multi-line literal when a backslash is there too.
  EXPECT_EQ(value(R"("')"), R"(""""'""")");
  EXPECT_EQ(value(R"(mixed quoted \"start\" 'end'' mixed quote)"),
            R"('''mixed quoted \"start\" 'end'' mixed quote''')");
}

TEST(TomlText, ControlCharactersAreEscaped) {
  EXPECT_EQ(value("\thello\tworld\t"), R"("\thello\tworld\t")");
  EXPECT_EQ(value("\rhello\rworld\r"), R"("\rhello\rworld\r")");
  EXPECT_EQ(value("a\x7f"
                  "b\x01"),
            R"("a\u007Fb\u0001")");
  EXPECT_EQ(value("\b\f"), R"("\b\f")");
}

TEST(TomlText, NewlinesMakeMultiLineStrings) {
  EXPECT_EQ(value("\nhello\nworld\n"), "\"\"\"\n\nhello\nworld\n\"\"\"");
  EXPECT_EQ(value("\r\nhello\r\nworld\r\n"), "\"\"\"\n\\r\nhello\\r\nworld\\r\n\"\"\"");
}

TEST(TomlText, Keys) {
  EXPECT_EQ(key("helloworld"), "helloworld");
  EXPECT_EQ(key("_hello-world_"), "_hello-world_");
  EXPECT_EQ(key(""), R"("")");
  EXPECT_EQ(key("a.b"), R"("a.b")");
  EXPECT_EQ(key("'hello'world'"), R"("'hello'world'")");
  EXPECT_EQ(key(R"("hello"world")"), R"('"hello"world"')");
  EXPECT_EQ(key(R"("')"), R"("\"'")");
  EXPECT_EQ(key(R"(\windows\system32\)"), R"('\windows\system32\')");
  EXPECT_EQ(key("\thello\tworld\t"), R"("\thello\tworld\t")");
  EXPECT_EQ(key("\nhello"), R"("\nhello")");
}

TEST(TomlText, EverySpellingParsesBack) {
  for (std::string_view decoded :
       {"", "helloworld", "'hello'world'", "''hello''world''", "'''hello'''world'''",
        R"("hello"world")", R"(""hello""world"")", R"("""hello"""world""")", R"("')",
        R"(mixed quoted \"start\" 'end'' mixed quote)", R"(\windows\system32\)", "\rhello\rworld\r",
        "\nhello\nworld\n", "\r\nhello\r\nworld\r\n", "\thello\tworld\t",
        "a\x7f"
        "b",
        "end'", "end\"", "x\"\"\"\"y\n"}) {
    expect_parses_back(decoded);
  }
}

}  // namespace
}  // namespace roost::lock::detail
