#include "metadata/entry_points.h"

#include <gtest/gtest.h>

namespace roost::metadata {
namespace {

std::string error_of(std::string_view text) {
  auto r = EntryPoints::parse(text);
  EXPECT_FALSE(r.ok()) << text;
  if (r.ok()) return "";
  EXPECT_EQ(r.error().kind(), ErrorKind::kParse);
  return r.error().render();
}

TEST(EntryPoints, ParsesGroupsCommentsAndReferences) {
  auto r = EntryPoints::parse(
      "# generated\n"
      "[console_scripts]\n"
      "foo = foo.cli:main\n"
      "  bar=bar:App.run [fast, color]  \n"
      "; another comment\n"
      "\n"
      "[gui_scripts]\n"
      "foo-gui = foo.gui : start\n"
      "[pytest11]\n"
      "myplugin = myplugin\n");
  ASSERT_TRUE(r.ok()) << r.error().render();
  ASSERT_EQ(r->entries.size(), 4u);
  const EntryPoint& bar = r->entries[1];
  EXPECT_EQ(bar.group, "console_scripts");
  EXPECT_EQ(bar.name, "bar");
  EXPECT_EQ(bar.module, "bar");
  EXPECT_EQ(bar.attr, "App.run");
  EXPECT_EQ(bar.extras, (std::vector<std::string>{"fast", "color"}));
  EXPECT_EQ(bar.line, 4);
  EXPECT_EQ(bar.value(), "bar:App.run [fast,color]");
  EXPECT_EQ(r->entries[2].attr, "start");
  EXPECT_EQ(r->entries[3].attr, "");
  EXPECT_EQ(r->entries[3].value(), "myplugin");
  ASSERT_EQ(r->group("console_scripts").size(), 2u);
  EXPECT_EQ(r->group("console_scripts")[0]->name, "foo");
  EXPECT_TRUE(r->group("nothing").empty());
}

TEST(EntryPoints, WriterGroupsByFirstAppearanceAndRoundTrips) {
  EntryPoints eps;
  eps.entries.push_back({"console_scripts", "a", "pkg.a", "main", {}, 0});
  eps.entries.push_back({"gui_scripts", "g", "pkg.g", "run", {"qt"}, 0});
  eps.entries.push_back({"console_scripts", "b", "pkg.b", "", {}, 0});
  std::string text = eps.to_string();
  EXPECT_EQ(text,
            "[console_scripts]\n"
            "a = pkg.a:main\n"
            "b = pkg.b\n"
            "\n"
            "[gui_scripts]\n"
            "g = pkg.g:run [qt]\n");
  auto back = EntryPoints::parse(text);
  ASSERT_TRUE(back.ok());
  // Parsing regroups: entries come back in file order.
  EXPECT_EQ(back->to_string(), text);
  EXPECT_EQ(back->group("console_scripts")[1]->module, "pkg.b");
}

TEST(EntryPoints, ErrorsNameTheLine) {
  EXPECT_EQ(error_of("foo = bar:baz\n"),
            "entry_points.txt line 1: entry 'foo = bar:baz' comes before any [section]\n"
            "    foo = bar:baz\n"
            "    ^^^^^^^^^^^^^");
  EXPECT_EQ(error_of("[console_scripts\n"),
            "entry_points.txt line 1: section header '[console_scripts' has no closing ']'\n"
            "    [console_scripts\n"
            "    ^^^^^^^^^^^^^^^^");
  EXPECT_EQ(error_of("[ ]\n"),
            "entry_points.txt line 1: empty section name\n"
            "    [ ]\n"
            "    ^^^");
  EXPECT_EQ(error_of("[console_scripts]\nfoo bar:baz\n"),
            "entry_points.txt line 2: expected 'name = module:attr', found 'foo bar:baz'\n"
            "    foo bar:baz\n"
            "    ^^^^^^^^^^^");
  EXPECT_EQ(error_of("[console_scripts]\n = bar:baz\n"),
            "entry_points.txt line 2: empty entry point name\n"
            "     = bar:baz\n"
            "     ^");
  EXPECT_EQ(error_of("[console_scripts]\nfoo = a:b\nfoo = c:d\n"),
            "entry_points.txt line 3: entry point 'foo' appears twice in [console_scripts] (first "
            "at line 2)\n"
            "    foo = c:d\n"
            "    ^^^");
  EXPECT_EQ(error_of("[console_scripts]\nfoo = pkg.cli:\n"),
            "entry_points.txt line 2: invalid object reference 'pkg.cli:' for 'foo': expected an "
            "attribute name "
            "after ':' at column 15\n"
            "    foo = pkg.cli:\n"
            "                  ^");
  EXPECT_EQ(error_of("[console_scripts]\nfoo = pkg-cli:main\n"),
            "entry_points.txt line 2: invalid object reference 'pkg-cli:main' for 'foo': "
            "unexpected '-' at column 10\n"
            "    foo = pkg-cli:main\n"
            "             ^");
  EXPECT_EQ(error_of("[console_scripts]\nfoo = = x\n"),
            "entry_points.txt line 2: invalid object reference '= x' for 'foo': expected a module "
            "name at column 7\n"
            "    foo = = x\n"
            "          ^");
  EXPECT_EQ(error_of("[x]\nfoo = a:b [one,,two]\n"),
            "entry_points.txt line 2: invalid object reference 'a:b [one,,two]' for 'foo': empty "
            "extra name at "
            "column 16\n"
            "    foo = a:b [one,,two]\n"
            "                   ^");
  EXPECT_EQ(error_of("[x]\nfoo = a:b [one\n"),
            "entry_points.txt line 2: invalid object reference 'a:b [one' for 'foo': missing ']' "
            "for the '[' at "
            "column 11\n"
            "    foo = a:b [one\n"
            "              ^");
}

TEST(EntryPoints, ObjectReferenceAlone) {
  auto r = parse_object_reference("pkg.mod:Cls.method [a]");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->module, "pkg.mod");
  EXPECT_EQ(r->attr, "Cls.method");
  EXPECT_EQ(r->extras, (std::vector<std::string>{"a"}));
  auto bad = parse_object_reference("pkg.mod:Cls.method [a] x");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message(),
            "invalid object reference 'pkg.mod:Cls.method [a] x': unexpected 'x' at column 24");
}

}  // namespace
}  // namespace roost::metadata
