#include "project/index_settings.h"

#include <gtest/gtest.h>

#include "workspace/testing/temp_tree.h"

namespace roost::project {
namespace {

using workspace::Workspace;
using workspace::testing::TempTree;

pep508::PackageName name(const char* s) {
  return *pep508::PackageName::parse(s);
}

Workspace discover(const TempTree& t) {
  Result<Workspace> ws = workspace::discover_workspace({t.root(), false});
  EXPECT_TRUE(ws.ok()) << ws.error().render();
  return std::move(ws).value();
}

// "name=url(explicit)" per index, in priority order.
std::vector<std::string> describe(const IndexSettings& s) {
  std::vector<std::string> out;
  for (const index::IndexLocation& l : s.indexes) {
    out.push_back((l.name.empty() ? "" : l.name + "=") + l.url +
                  (l.explicit_only ? " (explicit)" : ""));
  }
  return out;
}

IndexSettings settings_ok(const IndexFlags& flags, const Workspace* ws,
                          const workspace::Member* project) {
  Result<IndexSettings> s = index_settings(flags, ws, project);
  EXPECT_TRUE(s.ok()) << s.error().render();
  return s.ok() ? std::move(s).value() : IndexSettings{};
}

TEST(IndexSettings, PyPiWhenNothingIsConfigured) {
  EXPECT_EQ(describe(settings_ok({}, nullptr, nullptr)),
            std::vector<std::string>{"https://pypi.org/simple"});
}

TEST(IndexSettings, FlagsInUvOrderWithTheDefaultLast) {
  IndexFlags flags{.default_index = "https://d.example/simple",
                   .indexes = {"a=https://a.example/simple", "https://b.example/simple?x=y"},
                   .extra_index_urls = {"https://c.example/simple"},
                   .cwd = "/work"};
  EXPECT_EQ(describe(settings_ok(flags, nullptr, nullptr)),
            (std::vector<std::string>{"a=https://a.example/simple", "https://b.example/simple?x=y",
                                      "https://c.example/simple", "https://d.example/simple"}));
}

TEST(IndexSettings, PathsBecomeFileUrls) {
  IndexFlags flags{.default_index = "../my index", .cwd = "/work/proj"};
  EXPECT_EQ(describe(settings_ok(flags, nullptr, nullptr)),
            std::vector<std::string>{"file:///work/my%20index"});
  EXPECT_EQ(index_url_from_text("/srv/simple", "/x"), "file:///srv/simple");
  EXPECT_EQ(index_url_from_text("file:///srv/simple", "/x"), "file:///srv/simple");
}

TEST(IndexSettings, AnIndexFlagNeedsAUrlAfterItsName) {
  Result<IndexSettings> s = index_settings({.indexes = {"corp="}}, nullptr, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message(), "--index corp=: the index `corp` has no URL");
}

// The member's [[tool.uv.index]] first, then the root's; a `default = true` one replaces PyPI;
// a repeated name keeps the first; relative URLs resolve against the declaring file.
TEST(IndexSettings, ProjectIndexesBeforeRootIndexesAndTheDeclaredDefaultLast) {
  TempTree t;
  t.write("pyproject.toml",
          "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n"
          "[[tool.uv.index]]\nname = \"corp\"\nurl = \"https://corp.example/simple\"\n"
          "default = true\n"
          "[[tool.uv.index]]\nname = \"shared\"\nurl = \"https://shared.example/simple\"\n"
          "[[tool.uv.index]]\nname = \"mine\"\nurl = \"https://root-mine.example/simple\"\n");
  t.project("packages/a", "a",
            "[[tool.uv.index]]\nname = \"mine\"\nurl = \"./local-index\"\nexplicit = true\n");
  Workspace ws = discover(t);
  const workspace::Member* a = ws.find(name("a"));
  ASSERT_NE(a, nullptr);
  std::string local = "file://" + t.path("packages/a/local-index").generic_string();
  EXPECT_EQ(describe(settings_ok({}, &ws, a)),
            (std::vector<std::string>{"mine=" + local + " (explicit)",
                                      "shared=https://shared.example/simple",
                                      "corp=https://corp.example/simple"}));
  // The root alone: no member's tables.
  EXPECT_EQ(describe(settings_ok({}, &ws, nullptr)),
            (std::vector<std::string>{"shared=https://shared.example/simple",
                                      "mine=https://root-mine.example/simple",
                                      "corp=https://corp.example/simple"}));
  // --default-index beats the declared default; --index goes before everything declared.
  IndexFlags flags{.default_index = "https://d.example/simple",
                   .indexes = {"https://first.example/simple"}};
  EXPECT_EQ(describe(settings_ok(flags, &ws, nullptr)),
            (std::vector<std::string>{
                "https://first.example/simple", "shared=https://shared.example/simple",
                "mine=https://root-mine.example/simple", "https://d.example/simple"}));
}

TEST(IndexSettings, NoIndexKeepsOnlyFindLinks) {
  TempTree t;
  t.project("", "app",
            "[[tool.uv.index]]\nname = \"flat\"\nurl = \"wheels\"\nformat = \"flat\"\n"
            "[[tool.uv.index]]\nname = \"corp\"\nurl = \"https://corp.example/simple\"\n");
  Workspace ws = discover(t);
  IndexSettings s = settings_ok({.find_links = {"more"}, .no_index = true, .cwd = "/w"}, &ws,
                                ws.find(name("app")));
  EXPECT_TRUE(s.indexes.empty());
  EXPECT_EQ(s.find_links,
            (std::vector<std::string>{"file://" + t.path("wheels").generic_string(), "/w/more"}));
  IndexSettings with = settings_ok({}, &ws, ws.find(name("app")));
  EXPECT_EQ(describe(with), (std::vector<std::string>{"corp=https://corp.example/simple",
                                                      "https://pypi.org/simple"}));
}

TEST(IndexSettings, APinToAFlatIndexIsRefusedWithItsPlace) {
  TempTree t;
  t.project("", "app",
            "dependencies = [\"x\"]\n[tool.uv.sources]\nx = { index = \"flat\" }\n"
            "[[tool.uv.index]]\nname = \"flat\"\nurl = \"wheels\"\nformat = \"flat\"\n");
  Workspace ws = discover(t);
  Result<IndexSettings> s = index_settings({}, &ws, ws.find(name("app")));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message().find("`x` is pinned to the flat index `flat`"), std::string::npos);
  ASSERT_TRUE(s.error().span().has_value());
  EXPECT_EQ(s.error().span()->line, 6);
}

TEST(IndexSettings, AMemberPinToTheRootsFlatIndexIsRefused) {
  TempTree t;
  t.write("pyproject.toml",
          "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n"
          "[[tool.uv.index]]\nname = \"flat\"\nurl = \"wheels\"\nformat = \"flat\"\n");
  t.project("packages/m", "m", "[tool.uv.sources]\nx = { index = \"flat\" }\n");
  Workspace ws = discover(t);
  Result<IndexSettings> s = index_settings({}, &ws, ws.find(name("m")));
  ASSERT_FALSE(s.ok());
  ASSERT_TRUE(s.error().span().has_value());
  EXPECT_EQ(s.error().span()->file, t.path("packages/m/pyproject.toml").string());
}

TEST(QueriesFor, PinsFromTheEffectiveSourceEntry) {
  TempTree t;
  t.write("pyproject.toml",
          "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n[tool.uv.sources]\n"
          "torch = { index = \"pytorch\" }\n"
          "numpy = [{ index = \"a\", marker = \"sys_platform == 'linux'\" }, { index = \"b\", "
          "marker = \"sys_platform != 'linux'\" }]\n"
          "[[tool.uv.index]]\nname = \"pytorch\"\nurl = \"https://t.example/simple\"\n"
          "[[tool.uv.index]]\nname = \"a\"\nurl = \"https://a.example/simple\"\n"
          "[[tool.uv.index]]\nname = \"b\"\nurl = \"https://b.example/simple\"\n");
  t.project("packages/m", "m", "[tool.uv.sources]\ntorch = { path = \"../torch.whl\" }\n");
  t.project("packages/n", "n");
  Workspace ws = discover(t);
  auto describe_queries = [](const std::vector<index::ProjectQuery>& qs) {
    std::vector<std::string> out;
    for (const auto& q : qs) out.push_back(q.name.str() + "@" + q.pinned_index.value_or("*"));
    return out;
  };
  const workspace::Member* n = ws.find(name("n"));
  EXPECT_EQ(describe_queries(queries_for(&ws, n, name("torch"))),
            std::vector<std::string>{"torch@pytorch"});
  EXPECT_EQ(describe_queries(queries_for(&ws, nullptr, name("torch"))),
            std::vector<std::string>{"torch@pytorch"});
  // The member's own (path) entry replaces the root's pin entirely.
  EXPECT_EQ(describe_queries(queries_for(&ws, ws.find(name("m")), name("torch"))),
            std::vector<std::string>{"torch@*"});
  // Conditional pins: each index, and the registry for what the markers leave out.
  EXPECT_EQ(describe_queries(queries_for(&ws, n, name("numpy"))),
            (std::vector<std::string>{"numpy@*", "numpy@a", "numpy@b"}));
  EXPECT_EQ(describe_queries(queries_for(&ws, n, name("flask"))),
            std::vector<std::string>{"flask@*"});
  EXPECT_EQ(describe_queries(queries_for(nullptr, nullptr, name("flask"))),
            std::vector<std::string>{"flask@*"});
}

}  // namespace
}  // namespace roost::project
