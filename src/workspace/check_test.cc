// Sources lowering checks and the workspace Python range (uv.md §1.5-1.6).
#include "workspace/check.h"

#include <gtest/gtest.h>

#include "workspace/testing/temp_tree.h"

namespace roost::workspace {
namespace {

using testing::TempTree;

std::vector<std::string> messages(const std::vector<Error>& errors) {
  std::vector<std::string> out;
  for (const Error& e : errors) out.push_back(e.message());
  return out;
}

Workspace discover_ok(const TempTree& t) {
  Result<Workspace> ws = discover_workspace({t.root(), false});
  EXPECT_TRUE(ws.ok()) << ws.error().render();
  return std::move(ws).value();
}

TEST(CheckSources, MemberDependencyNeedsAWorkspaceSource) {
  TempTree t;
  t.write("pyproject.toml",
          "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n[tool.uv.sources]\nc = { git = \"https://example.com/c\" }\n");
  t.project("packages/a", "a", "dependencies = [\"b\", \"c\"]\n");
  t.project("packages/c", "c");
  t.project("packages/b", "b");
  Workspace ws = discover_ok(t);
  EXPECT_EQ(messages(check_sources(ws)),
            (std::vector<std::string>{
                "`b` is included as a workspace member, but is missing an entry in `tool.uv.sources` "
                "(e.g., `b = { workspace = true }`)",
                "`c` is included as a workspace member, but references a git in `tool.uv.sources`. "
                "Workspace members must be declared as workspace sources (e.g., `c = { workspace = true }`)."}));
  // The error points at the dependency string in the member's file.
  std::vector<Error> errors = check_sources(ws);
  ASSERT_TRUE(errors[0].span().has_value());
  EXPECT_EQ(errors[0].span()->file, t.path("packages/a/pyproject.toml").string());
  EXPECT_EQ(errors[0].span()->line, 4);
}

TEST(CheckSources, RootSourcesApplyUnlessTheMemberHasItsOwnEntry) {
  TempTree t;
  t.write("pyproject.toml",
          "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n[tool.uv.sources]\nb = { workspace = true }\n"
          "requests = { index = \"internal\" }\n");
  t.project("packages/a", "a", "dependencies = [\"b\", \"requests\"]\n");
  t.project("packages/b", "b", "dependencies = [\"requests\"]\n[tool.uv.sources]\nrequests = { index = \"mine\" }\n"
            "[[tool.uv.index]]\nname = \"mine\"\nurl = \"https://mine.example/simple\"\n");
  t.project("packages/c", "c", "dependencies = [\"not-a-member\"]\n[tool.uv.sources]\nnot-a-member = { workspace = true }\n");
  Workspace ws = discover_ok(t);
  const Member& a = *ws.find(*pep508::PackageName::parse("a"));
  const Member& b = *ws.find(*pep508::PackageName::parse("b"));
  auto requests = *pep508::PackageName::parse("requests");
  EXPECT_EQ(effective_source(ws, a, requests), ws.root_pyproject->tool_uv->source(requests));
  EXPECT_EQ(effective_source(ws, b, requests), b.pyproject->tool_uv->source(requests));
  EXPECT_EQ(messages(check_sources(ws)),
            (std::vector<std::string>{
                "Package `requests` references an undeclared index: `internal`",
                "`not-a-member` references a workspace in `tool.uv.sources` (e.g., `not-a-member = { "
                "workspace = true }`), but is not a workspace member"}));
}

TEST(CheckSources, RelativePathsResolveAgainstTheDeclaringFile) {
  TempTree t;
  t.write("pyproject.toml",
          "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n[tool.uv.sources]\nshared = { path = \"vendor/shared\" }\n");
  t.project("packages/a", "a", "dependencies = [\"shared\", \"local\"]\n[tool.uv.sources]\nlocal = { path = \"../../libs/local\" }\n");
  Workspace ws = discover_ok(t);
  const Member& a = *ws.find(*pep508::PackageName::parse("a"));
  const pyproject::SourceEntry* shared = effective_source(ws, a, *pep508::PackageName::parse("shared"));
  const pyproject::SourceEntry* local = effective_source(ws, a, *pep508::PackageName::parse("local"));
  ASSERT_TRUE(shared && local);
  EXPECT_EQ(resolve_source_path(ws, a, *shared, "vendor/shared"), t.path("vendor/shared"));
  EXPECT_EQ(resolve_source_path(ws, a, *local, "../../libs/local"), t.path("libs/local"));
  EXPECT_EQ(resolve_source_path(ws, a, *local, "/opt/x/../y"), "/opt/y");
}

TEST(CheckSources, SelfReferencesAreAllowed) {
  TempTree t;
  t.project("", "pkg", "[project.optional-dependencies]\nall = [\"pkg[extra]\"]\nextra = []\n");
  EXPECT_TRUE(check_sources(discover_ok(t)).empty());
}

TEST(RequiresPython, IntersectionOfMembers) {
  TempTree t;
  t.write("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n");
  t.project("packages/a", "a", "requires-python = \">=3.9\"\n");
  t.project("packages/b", "b", "requires-python = \">=3.10, <4\"\n");
  t.project("packages/c", "c");
  Result<std::optional<pep440::SpecifierSet>> rp = workspace_requires_python(discover_ok(t));
  ASSERT_TRUE(rp.ok());
  ASSERT_TRUE(rp->has_value());
  EXPECT_EQ((*rp)->to_string(), "<4,>=3.10");
}

TEST(RequiresPython, NoneSetIsNull) {
  TempTree t;
  t.project("", "solo");
  EXPECT_FALSE(workspace_requires_python(discover_ok(t))->has_value());
}

TEST(RequiresPython, EmptyIntersectionListsEachMember) {
  TempTree t;
  t.write("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n");
  t.project("packages/albatross", "albatross", "requires-python = \">=3.12\"\n");
  t.project("packages/seeds", "seeds", "requires-python = \"<3.10\"\n");
  Result<std::optional<pep440::SpecifierSet>> rp = workspace_requires_python(discover_ok(t));
  ASSERT_FALSE(rp.ok());
  EXPECT_EQ(rp.error().message(), "Found conflicting Python requirements:\n- albatross: >=3.12\n- seeds: <3.10");
}

}  // namespace
}  // namespace roost::workspace
