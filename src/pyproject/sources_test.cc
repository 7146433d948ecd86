// Tests of [tool.uv.sources]: every source form, lists with markers, and uv's errors for
// unknown keys, impossible combinations and overlapping markers.
#include <gtest/gtest.h>

#include "pyproject/test_helpers.h"

namespace roost::pyproject {
namespace {

using testing::all_errors;
using testing::first_error;
using testing::parse_ok;

pep508::PackageName package(std::string_view name) {
  return pep508::PackageName::parse(name).value();
}

const Source& only_source(const PyProject& p, std::string_view name) {
  const SourceEntry* entry = p.tool_uv->source(package(name));
  EXPECT_NE(entry, nullptr) << name;
  EXPECT_EQ(entry->sources.size(), 1u);
  return entry->sources.front();
}

TEST(Sources, EveryForm) {
  PyProject p = parse_ok(R"([tool.uv.sources]
member = { workspace = true }
other-root = { workspace = "../other", editable = false }
local = { path = "../libs/local", editable = true }
wheel = { path = "dist/wheel-1.0-py3-none-any.whl", package = false }
httpx = { git = "git+https://github.com/encode/httpx", tag = "0.27.0", subdirectory = "sub", lfs = true }
flask = { git = "ssh://git@github.com/pallets/flask", rev = "abc123", path = "src" }
pytest = { url = "https://files.example.com/pytest-8.3.3-py3-none-any.whl" }
Torch = { index = "pytorch", marker = "sys_platform == 'linux'" }
bar = { path = "bar", extra = "X" }
baz = { path = "baz", group = "Dev" }
)");
  ASSERT_TRUE(p.tool_uv);
  EXPECT_EQ(p.tool_uv->sources.size(), 10u);

  const auto& member = std::get<WorkspaceSource>(only_source(p, "member").kind);
  EXPECT_FALSE(member.path);
  EXPECT_FALSE(member.editable);
  const auto& other = std::get<WorkspaceSource>(only_source(p, "other-root").kind);
  EXPECT_EQ(other.path, "../other");
  EXPECT_EQ(other.editable, false);

  const auto& local = std::get<PathSource>(only_source(p, "local").kind);
  EXPECT_EQ(local.path, "../libs/local");  // as written: resolving is the caller's job
  EXPECT_EQ(local.editable, true);
  EXPECT_FALSE(local.package);
  const auto& wheel = std::get<PathSource>(only_source(p, "wheel").kind);
  EXPECT_EQ(wheel.package, false);

  const auto& httpx = std::get<GitSource>(only_source(p, "httpx").kind);
  EXPECT_EQ(httpx.url, "https://github.com/encode/httpx");  // `git+` stripped, as uv does
  EXPECT_EQ(httpx.tag, "0.27.0");
  EXPECT_FALSE(httpx.rev);
  EXPECT_EQ(httpx.subdirectory, "sub");
  EXPECT_EQ(httpx.lfs, true);
  const auto& flask = std::get<GitSource>(only_source(p, "flask").kind);
  EXPECT_EQ(flask.rev, "abc123");
  EXPECT_EQ(flask.path, "src");

  const auto& pytest = std::get<UrlSource>(only_source(p, "pytest").kind);
  EXPECT_EQ(pytest.url, "https://files.example.com/pytest-8.3.3-py3-none-any.whl");

  const Source& torch = only_source(p, "torch");
  EXPECT_EQ(std::get<IndexSource>(torch.kind).index, "pytorch");
  ASSERT_TRUE(torch.marker);
  EXPECT_FALSE(torch.marker->is_true());
  const SourceEntry* torch_entry = p.tool_uv->source(package("torch"));
  EXPECT_EQ(torch_entry->name_as_written, "Torch");
  EXPECT_EQ(torch_entry->location, (Location{9, 1}));
  EXPECT_EQ(torch.location, (Location{9, 9}));

  EXPECT_EQ(only_source(p, "bar").extra->str(), "x");
  EXPECT_EQ(only_source(p, "baz").group->str(), "dev");
  EXPECT_EQ(p.tool_uv->source(package("nope")), nullptr);
}

TEST(Sources, ListWithDisjointMarkers) {
  PyProject p = parse_ok(R"([tool.uv.sources]
torch = [
  { index = "torch-cpu", marker = "platform_system == 'Darwin'" },
  { index = "torch-gpu", marker = "platform_system == 'Linux'" },
]
)");
  const SourceEntry* entry = p.tool_uv->source(package("torch"));
  ASSERT_NE(entry, nullptr);
  ASSERT_EQ(entry->sources.size(), 2u);
  EXPECT_EQ(std::get<IndexSource>(entry->sources[1].kind).index, "torch-gpu");
  EXPECT_EQ(entry->sources[1].location, (Location{4, 3}));
}

TEST(Sources, ListEntriesForDifferentExtrasNeedNoMarkers) {
  PyProject p = parse_ok(R"([tool.uv.sources]
torch = [
  { index = "torch-cpu", extra = "cpu" },
  { index = "torch-gpu", extra = "gpu" },
]
)");
  EXPECT_EQ(p.tool_uv->source(package("torch"))->sources.size(), 2u);
}

TEST(Sources, OverlappingMarkers) {
  std::string error = first_error(R"([tool.uv.sources]
torch = [
  { index = "a", marker = "sys_platform == 'linux'" },
  { index = "b", marker = "sys_platform == 'linux' or sys_platform == 'darwin'" },
]
)");
  pep508::Marker right =
      pep508::Marker::parse("sys_platform == 'linux' or sys_platform == 'darwin'").value();
  pep508::Marker left = pep508::Marker::parse("sys_platform == 'linux'").value();
  EXPECT_EQ(error,
            "pkg/pyproject.toml:4:3: Source markers must be disjoint, but the following markers "
            "overlap: `" +
                left.to_string() + "` and `" + right.to_string() +
                "`.\n"
                "      { index = \"b\", marker = \"sys_platform == 'linux' or sys_platform == "
                "'darwin'\" },\n"
                "      ^\n"
                "hint: replace `" +
                right.to_string() + "` with `" + left.not_().and_(right).to_string() + "`.");
}

TEST(Sources, ListWithoutMarkers) {
  EXPECT_EQ(first_error("[tool.uv.sources]\nx = [{ path = \"a\" }, { path = \"b\" }]\n"),
            "pkg/pyproject.toml:2:22: When multiple sources are provided, each source must include "
            "a platform marker (e.g., `marker = \"sys_platform == 'linux'\"`)\n"
            "    x = [{ path = \"a\" }, { path = \"b\" }]\n"
            "                         ^");
}

TEST(Sources, EmptyList) {
  EXPECT_EQ(first_error("[tool.uv.sources]\nx = []\n"),
            "pkg/pyproject.toml:2:5: Must provide at least one source\n"
            "    x = []\n"
            "        ^^");
}

TEST(Sources, UnknownKeyIsAnError) {
  EXPECT_EQ(
      first_error("[tool.uv.sources]\nx = { path = \"a\", editible = true }\n"),
      "pkg/pyproject.toml:2:19: unknown field `editible` in `tool.uv.sources.x`, expected one "
      "of `git`, `subdirectory`, `rev`, `tag`, `branch`, `lfs`, `url`, `path`, `editable`, "
      "`package`, `index`, `workspace`, `marker`, `extra`, `group`\n"
      "    x = { path = \"a\", editible = true }\n"
      "                      ^^^^^^^^");
}

TEST(Sources, AtMostOneGitReference) {
  EXPECT_EQ(
      first_error("[tool.uv.sources]\nx = { git = \"https://g/x\", rev = \"1\", tag = \"v1\" }\n"),
      "pkg/pyproject.toml:2:39: Can only specify one of: `rev`, `tag`, or `branch`\n"
      "    x = { git = \"https://g/x\", rev = \"1\", tag = \"v1\" }\n"
      "                                          ^^^");
  EXPECT_EQ(first_error(
                "[tool.uv.sources]\nx = { git = \"https://g/x\", tag = \"1\", branch = \"b\" }\n"),
            "pkg/pyproject.toml:2:39: Can only specify one of: `rev`, `tag`, or `branch`\n"
            "    x = { git = \"https://g/x\", tag = \"1\", branch = \"b\" }\n"
            "                                          ^^^^^^");
}

TEST(Sources, ImpossibleCombinations) {
  auto error_of = [](std::string_view table) {
    std::string text = "[tool.uv.sources]\nx = " + std::string(table) + "\n";
    Result<PyProject> parsed = parse_pyproject(text, "pyproject.toml");
    return parsed.ok() ? std::string("(parsed)") : parsed.error().message();
  };
  EXPECT_EQ(error_of("{ git = \"https://g/x\", index = \"i\" }"),
            "cannot specify both `git` and `index`");
  EXPECT_EQ(error_of("{ git = \"https://g/x\", editable = true }"),
            "cannot specify both `git` and `editable`");
  EXPECT_EQ(error_of("{ git = \"https://g/x\", url = \"https://u\" }"),
            "cannot specify both `git` and `url`");
  EXPECT_EQ(error_of("{ url = \"https://u\", path = \"p\" }"),
            "cannot specify both `url` and `path`");
  EXPECT_EQ(error_of("{ url = \"https://u\", rev = \"r\" }"),
            "cannot specify both `url` and `rev`");
  EXPECT_EQ(error_of("{ path = \"p\", workspace = true }"),
            "cannot specify both `path` and `workspace`");
  EXPECT_EQ(error_of("{ path = \"p\", branch = \"b\" }"),
            "cannot specify both `path` and `branch`");
  EXPECT_EQ(error_of("{ path = \"p\", editable = true, package = false }"),
            "cannot specify both `editable = true` and `package = false`");
  EXPECT_EQ(error_of("{ index = \"i\", workspace = true }"),
            "cannot specify both `index` and `workspace`");
  EXPECT_EQ(error_of("{ index = \"i\", editable = true }"),
            "cannot specify both `index` and `editable`");
  EXPECT_EQ(error_of("{ workspace = true, package = true }"),
            "cannot specify both `workspace` and `package`");
  EXPECT_EQ(error_of("{ workspace = true, rev = \"r\" }"),
            "cannot specify both `workspace` and `rev`");
  EXPECT_EQ(error_of("{ path = \"p\", extra = \"a\", group = \"b\" }"),
            "cannot specify both `extra` and `group`");
  EXPECT_EQ(error_of("{ editable = true }"),
            "expected one of `git`, `url`, `path`, `index`, or `workspace`");
  EXPECT_EQ(error_of("{ workspace = false }"), "`workspace = false` is not yet supported");
  EXPECT_EQ(
      error_of("{ git = \"git@github.com:a/b\" }"),
      "`tool.uv.sources.x.git`: invalid URL `git@github.com:a/b`: relative URL without a base");
  EXPECT_EQ(
      error_of("{ workspace = 1 }"),
      "`tool.uv.sources.x.workspace` must be a boolean or a path to a workspace root, found an "
      "integer");
  EXPECT_EQ(
      error_of("\"../x\""),
      "`tool.uv.sources.x` must be a source table or an array of source tables, found a string");
  EXPECT_EQ(error_of("{ path = 1 }"),
            "`tool.uv.sources.x.path` must be a string, found an integer");
}

TEST(Sources, CombinationErrorPointsAtTheSecondKey) {
  EXPECT_EQ(first_error("[tool.uv.sources]\nx = { git = \"https://g/x\", index = \"i\" }\n"),
            "pkg/pyproject.toml:2:28: cannot specify both `git` and `index`\n"
            "    x = { git = \"https://g/x\", index = \"i\" }\n"
            "                               ^^^^^");
}

TEST(Sources, DuplicateAfterNormalisation) {
  EXPECT_EQ(
      first_error("[tool.uv.sources]\nFoo_Bar = { path = \"a\" }\nfoo-bar = { path = \"b\" }\n"),
      "pkg/pyproject.toml:3:1: duplicate sources for package `foo-bar`\n"
      "    foo-bar = { path = \"b\" }\n"
      "    ^^^^^^^");
}

TEST(Sources, CheckModeReportsEveryBadSource) {
  std::vector<std::string> errors = all_errors(R"([tool.uv.sources]
a = { path = "a", editible = true }
b = { git = "https://g/b", rev = "1", branch = "main" }
c = { path = "c" }
d = []
)");
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_NE(errors[0].find("unknown field `editible`"), std::string::npos);
  EXPECT_NE(errors[1].find("Can only specify one of"), std::string::npos);
  EXPECT_NE(errors[2].find("Must provide at least one source"), std::string::npos);
  PyProjectCheck check = check_pyproject(R"([tool.uv.sources]
a = { path = "a", editible = true }
c = { path = "c" }
)",
                                         "pyproject.toml");
  ASSERT_TRUE(check.pyproject);
  EXPECT_EQ(check.pyproject->tool_uv->sources.size(), 1u);  // the good one is kept
}

}  // namespace
}  // namespace roost::pyproject
