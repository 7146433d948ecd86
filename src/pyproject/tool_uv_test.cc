// Tests of the [tool.uv] reader: workspace, indexes, groups settings, dev-dependencies (and its
// warning), conflicts, environments, raw settings and unknown keys.
#include "pyproject/tool_uv.h"

#include <gtest/gtest.h>

#include "pyproject/test_helpers.h"

namespace roost::pyproject {
namespace {

using testing::all_errors;
using testing::first_error;
using testing::parse_ok;
using testing::warnings_of;

TEST(ToolUvWorkspace, MembersAndExcludeAsWritten) {
  PyProject p = parse_ok(R"([tool.uv.workspace]
members = ["packages/*", "../external-package", "./libs/**"]
exclude = ["packages/seeds"]
)");
  ASSERT_TRUE(p.has_workspace());
  const WorkspaceTable& w = *p.tool_uv->workspace;
  ASSERT_EQ(w.members.size(), 3u);
  EXPECT_EQ(w.members[0].value, "packages/*");
  EXPECT_EQ(w.members[1].value, "../external-package");
  EXPECT_EQ(w.members[2].value, "./libs/**");
  EXPECT_EQ(w.members[1].location, (Location{2, 26}));
  ASSERT_EQ(w.exclude.size(), 1u);
  EXPECT_EQ(w.exclude[0].value, "packages/seeds");
  EXPECT_FALSE(p.project);
}

TEST(ToolUvWorkspace, EmptyWorkspaceTable) {
  PyProject p = parse_ok("[tool.uv.workspace]\n");
  EXPECT_TRUE(p.has_workspace());
  EXPECT_TRUE(p.tool_uv->workspace->members.empty());
}

TEST(ToolUvWorkspace, UnknownKeyIsAnError) {
  EXPECT_EQ(first_error("[tool.uv.workspace]\nmember = [\"a\"]\n"),
            "pkg/pyproject.toml:2:1: unknown field `member` in `tool.uv.workspace`, expected "
            "`members` or `exclude`\n"
            "    member = [\"a\"]\n"
            "    ^^^^^^");
}

TEST(ToolUv, ScalarsAndLists) {
  PyProject p = parse_ok(R"([tool.uv]
managed = false
package = true
default-groups = ["dev", "Docs"]
override-dependencies = ["werkzeug==2.3.0"]
constraint-dependencies = ["grpcio<1.65"]
build-constraint-dependencies = ["setuptools==60.0.0"]
exclude-dependencies = ["Werkzeug"]
environments = ["sys_platform == 'darwin'", "sys_platform == 'linux'"]
required-environments = "sys_platform == 'win32'"
)");
  ASSERT_TRUE(p.tool_uv);
  const ToolUv& uv = *p.tool_uv;
  EXPECT_EQ(uv.managed, false);
  EXPECT_FALSE(p.is_managed());
  EXPECT_EQ(uv.package, true);
  ASSERT_TRUE(uv.default_groups);
  EXPECT_FALSE(uv.default_groups->all);
  ASSERT_EQ(uv.default_groups->groups.size(), 2u);
  EXPECT_EQ(uv.default_groups->groups[1].str(), "docs");
  ASSERT_EQ(uv.override_dependencies.size(), 1u);
  EXPECT_EQ(uv.override_dependencies[0].requirement.name.str(), "werkzeug");
  ASSERT_EQ(uv.constraint_dependencies.size(), 1u);
  ASSERT_EQ(uv.build_constraint_dependencies.size(), 1u);
  ASSERT_EQ(uv.exclude_dependencies.size(), 1u);
  EXPECT_EQ(uv.exclude_dependencies[0].value.str(), "werkzeug");
  ASSERT_TRUE(uv.environments);
  EXPECT_EQ(uv.environments->size(), 2u);
  ASSERT_TRUE(uv.required_environments);
  EXPECT_EQ(uv.required_environments->size(), 1u);
  EXPECT_TRUE(p.warnings.empty());
}

TEST(ToolUv, DefaultGroupsAll) {
  PyProject p = parse_ok("[tool.uv]\ndefault-groups = \"all\"\n");
  ASSERT_TRUE(p.tool_uv->default_groups);
  EXPECT_TRUE(p.tool_uv->default_groups->all);
  EXPECT_EQ(first_error("[tool.uv]\ndefault-groups = \"gibberish\"\n"),
            "pkg/pyproject.toml:2:18: default-groups must be \"all\" or a [\"list\", \"of\", "
            "\"groups\"]\n"
            "    default-groups = \"gibberish\"\n"
            "                     ^^^^^^^^^^^");
}

TEST(ToolUv, DevDependenciesAreReadAndWarnedAbout) {
  PyProject p = parse_ok("[tool.uv]\ndev-dependencies = [\"ruff==0.5.0\"]\n");
  ASSERT_TRUE(p.tool_uv->dev_dependencies);
  ASSERT_EQ(p.tool_uv->dev_dependencies->size(), 1u);
  EXPECT_EQ(p.tool_uv->dev_dependencies_location, (Location{2, 1}));
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_EQ(p.warnings[0].kind, WarningKind::kDeprecatedDevDependencies);
  EXPECT_EQ(p.warnings[0].span.file, "pkg/pyproject.toml");
  EXPECT_EQ(p.warnings[0].span.line, 2);
  EXPECT_EQ(warnings_of(p)[0],
            "pkg/pyproject.toml:2:1: The `tool.uv.dev-dependencies` field (used in "
            "`pkg/pyproject.toml`) is deprecated and will be removed in a future release; use "
            "`dependency-groups.dev` instead\n"
            "    dev-dependencies = [\"ruff==0.5.0\"]\n"
            "    ^^^^^^^^^^^^^^^^");
}

TEST(ToolUv, DevDependenciesWarningForAWorkspace) {
  EXPECT_EQ(dev_dependencies_warning({"/w/pyproject.toml", "/w/packages/a/pyproject.toml"}),
            "The `tool.uv.dev-dependencies` field (used in `/w/pyproject.toml`, "
            "`/w/packages/a/pyproject.toml`) is deprecated and will be removed in a future "
            "release; use `dependency-groups.dev` instead");
}

TEST(ToolUv, UnknownKeyIsAWarningNotAnError) {
  PyProject p = parse_ok("[tool.uv]\nmanaged = true\nfrobnicate = 1\n");
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_EQ(p.warnings[0].kind, WarningKind::kUnknownToolUvField);
  EXPECT_EQ(warnings_of(p)[0],
            "pkg/pyproject.toml:3:1: unknown field `frobnicate` in `tool.uv` is ignored\n"
            "    frobnicate = 1\n"
            "    ^^^^^^^^^^");
  EXPECT_EQ(p.tool_uv->managed, true);
}

TEST(ToolUv, OtherSettingsAreKeptRawInFileOrder) {
  PyProject p = parse_ok(R"([tool.uv]
resolution = "lowest-direct"
exclude-newer = 2024-03-25T00:00:00Z
no-build-package = ["numpy"]
concurrent-downloads = 4
cache-keys = [{ file = "pyproject.toml" }, { git = { commit = true } }]
compile-bytecode = true

[tool.uv.pip]
index-url = "https://example.com/simple"
)");
  const std::vector<RawEntry>& s = p.tool_uv->settings;
  ASSERT_EQ(s.size(), 7u);
  EXPECT_EQ(s[0].key, "resolution");
  EXPECT_EQ(std::get<std::string>(s[0].value.value), "lowest-direct");
  EXPECT_EQ(s[1].key, "exclude-newer");
  EXPECT_EQ(std::get<std::string>(s[1].value.value), "2024-03-25T00:00:00Z");
  EXPECT_EQ(s[2].key, "no-build-package");
  EXPECT_EQ(std::get<std::string>(std::get<RawValue::Array>(s[2].value.value)[0].value), "numpy");
  EXPECT_EQ(std::get<int64_t>(s[3].value.value), 4);
  const auto& keys = std::get<RawValue::Array>(s[4].value.value);
  ASSERT_EQ(keys.size(), 2u);
  const auto& git = std::get<RawValue::Table>(keys[1].value);
  ASSERT_EQ(git.size(), 1u);
  EXPECT_EQ(git[0].key, "git");
  EXPECT_EQ(std::get<bool>(s[5].value.value), true);
  EXPECT_EQ(s[6].key, "pip");
  ASSERT_NE(p.tool_uv->setting("pip"), nullptr);
  EXPECT_EQ(p.tool_uv->setting("offline"), nullptr);
  EXPECT_TRUE(p.warnings.empty());
}

TEST(ToolUv, GroupSettings) {
  PyProject p = parse_ok(R"([dependency-groups]
lint = ["ruff"]

[tool.uv.dependency-groups]
lint = { requires-python = ">=3.12" }
)");
  ASSERT_EQ(p.tool_uv->group_settings.size(), 1u);
  const GroupSettings& lint = p.tool_uv->group_settings.begin()->second;
  ASSERT_TRUE(lint.requires_python);
  EXPECT_EQ(lint.requires_python->clauses().size(), 1u);

  EXPECT_EQ(first_error("[dependency-groups]\nlint = []\n[tool.uv.dependency-groups]\n"
                        "docs = { requires-python = \">=3.12\" }\n"),
            "pkg/pyproject.toml:4:1: Failed to find group `docs` specified in "
            "`[tool.uv.dependency-groups]`\n"
            "    docs = { requires-python = \">=3.12\" }\n"
            "    ^^^^");
  EXPECT_EQ(first_error("[tool.uv]\ndev-dependencies = []\n[tool.uv.dependency-groups]\n"
                        "dev = { requires-python = \">=3.12\" }\n"),
            "pkg/pyproject.toml:4:1: `[tool.uv.dependency-groups]` specifies the `dev` group, but "
            "only `tool.uv.dev-dependencies` was found. To reference the `dev` group, remove the "
            "`tool.uv.dev-dependencies` section and add any development dependencies to the "
            "`dev` entry in the `[dependency-groups]` table instead.\n"
            "    dev = { requires-python = \">=3.12\" }\n"
            "    ^^^");
}

TEST(ToolUv, MalformedValues) {
  EXPECT_EQ(first_error("tool = 1\n"),
            "pkg/pyproject.toml:1:8: `tool` must be a table, found an integer\n"
            "    tool = 1\n"
            "           ^");
  EXPECT_EQ(first_error("[tool]\nuv = \"x\"\n"),
            "pkg/pyproject.toml:2:6: `tool.uv` must be a table, found a string\n"
            "    uv = \"x\"\n"
            "         ^^^");
  EXPECT_EQ(first_error("[tool.uv]\ndefault-groups = [\"dev\", 1]\n"),
            "pkg/pyproject.toml:2:26: default-groups must be \"all\" or a [\"list\", \"of\", "
            "\"groups\"]\n"
            "    default-groups = [\"dev\", 1]\n"
            "                             ^");
  EXPECT_EQ(first_error("[tool.uv]\nenvironments = 3\n"),
            "pkg/pyproject.toml:2:16: `tool.uv.environments` must be a string or an array of "
            "strings, found an integer\n"
            "    environments = 3\n"
            "                   ^");
  EXPECT_EQ(
      first_error("[tool.uv]\ndev-dependencies = \"pytest\"\n"),
      "pkg/pyproject.toml:2:20: `tool.uv.dev-dependencies` must be an array of strings, found "
      "a string\n"
      "    dev-dependencies = \"pytest\"\n"
      "                       ^^^^^^^^");
  Result<pep508::PackageName> bad = pep508::PackageName::parse("-x");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(first_error("[tool.uv]\nexclude-dependencies = [\"-x\"]\n"),
            "pkg/pyproject.toml:2:25: `tool.uv.exclude-dependencies`: " + bad.error().message() +
                "\n"
                "    exclude-dependencies = [\"-x\"]\n"
                "                            ^^^^");
}

TEST(ToolUv, EnvironmentMarkerErrorsPointIntoTheString) {
  Result<pep508::Marker> bad = pep508::Marker::parse("sys_platform = 'linux'");
  ASSERT_FALSE(bad.ok());
  ASSERT_TRUE(bad.error().span().has_value());
  int column = 17 + bad.error().span()->column;  // the opening quote is at column 17
  EXPECT_EQ(first_error("[tool.uv]\nenvironments = [\"sys_platform = 'linux'\"]\n"),
            "pkg/pyproject.toml:2:" + std::to_string(column) +
                ": `tool.uv.environments[0]`: " + bad.error().message() + "\n" +
                "    environments = [\"sys_platform = 'linux'\"]\n    " +
                std::string(static_cast<size_t>(column - 1), ' ') +
                std::string(static_cast<size_t>(std::max(bad.error().span()->length, 1)), '^'));
}

TEST(ToolUvIndex, ReadsEveryKey) {
  PyProject p = parse_ok(R"([[tool.uv.index]]
name = "pytorch"
url = "https://download.pytorch.org/whl/cu121"
explicit = true
format = "flat"
publish-url = "https://upload.example.com/"
authenticate = "always"
ignore-error-codes = [401, 403]
cache-control = { api = "max-age=600", files = "max-age=3600" }

[[tool.uv.index]]
url = "./wheels"
default = true
)");
  ASSERT_EQ(p.tool_uv->index.size(), 2u);
  const Index& torch = p.tool_uv->index[0];
  EXPECT_EQ(torch.name, "pytorch");
  EXPECT_EQ(torch.url, "https://download.pytorch.org/whl/cu121");
  EXPECT_TRUE(torch.is_explicit);
  EXPECT_FALSE(torch.is_default);
  EXPECT_EQ(torch.format, IndexFormat::kFlat);
  EXPECT_EQ(torch.publish_url, "https://upload.example.com/");
  EXPECT_EQ(torch.authenticate, AuthPolicy::kAlways);
  EXPECT_EQ(torch.ignore_error_codes, (std::vector<int64_t>{401, 403}));
  EXPECT_EQ(torch.cache_control_api, "max-age=600");
  EXPECT_EQ(torch.cache_control_files, "max-age=3600");
  EXPECT_EQ(torch.location, (Location{1, 1}));
  const Index& local = p.tool_uv->index[1];
  EXPECT_FALSE(local.name);
  EXPECT_EQ(local.url, "./wheels");
  EXPECT_TRUE(local.is_default);
  EXPECT_EQ(local.format, IndexFormat::kSimple);
  EXPECT_EQ(p.tool_uv->find_index("pytorch"), &torch);
  EXPECT_EQ(p.tool_uv->find_index("nope"), nullptr);
}

TEST(ToolUvIndex, Errors) {
  EXPECT_EQ(first_error("[[tool.uv.index]]\nname = \"a\"\n"),
            "pkg/pyproject.toml:1:1: missing field `url` in `tool.uv.index[0]`\n"
            "    [[tool.uv.index]]\n"
            "    ^^^^^^^^^^^^^^^^^");
  EXPECT_EQ(first_error("[[tool.uv.index]]\nname = \"a\"\nurl = \"u\"\n"
                        "[[tool.uv.index]]\nname = \"a\"\nurl = \"v\"\n"),
            "pkg/pyproject.toml:5:8: duplicate index name `a`\n"
            "    name = \"a\"\n"
            "           ^^^");
  EXPECT_EQ(first_error("[[tool.uv.index]]\nurl = \"u\"\ndefault = true\n"
                        "[[tool.uv.index]]\nurl = \"v\"\ndefault = true\n"),
            "pkg/pyproject.toml:6:11: found multiple indexes with `default = true`; only one index "
            "may be marked as default\n"
            "    default = true\n"
            "              ^^^^");
  EXPECT_EQ(first_error("[[tool.uv.index]]\nurl = \"u\"\nformat = \"pep503\"\n"),
            "pkg/pyproject.toml:3:10: `tool.uv.index[0].format` must be \"simple\" or \"flat\", "
            "found \"pep503\"\n"
            "    format = \"pep503\"\n"
            "             ^^^^^^^^");
  EXPECT_EQ(first_error("[[tool.uv.index]]\nurl = \"u\"\nname = \"my index\"\n"),
            "pkg/pyproject.toml:3:8: invalid index name `my index`: index names may only contain "
            "ASCII letters, digits, hyphens, underscores, and periods\n"
            "    name = \"my index\"\n"
            "           ^^^^^^^^^^");
  EXPECT_EQ(first_error("[tool.uv]\nindex = { url = \"u\" }\n"),
            "pkg/pyproject.toml:2:9: `tool.uv.index` must be an array of tables, found a table\n"
            "    index = { url = \"u\" }\n"
            "            ^^^^^^^^^^^^^");
}

TEST(ToolUvIndex, MalformedKeys) {
  EXPECT_EQ(first_error("[[tool.uv.index]]\nurl = \"u\"\nauthenticate = \"sometimes\"\n"),
            "pkg/pyproject.toml:3:16: `tool.uv.index[0].authenticate` must be \"auto\", \"always\" "
            "or \"never\", found \"sometimes\"\n"
            "    authenticate = \"sometimes\"\n"
            "                   ^^^^^^^^^^^");
  EXPECT_EQ(first_error("[[tool.uv.index]]\nurl = \"u\"\nignore-error-codes = [401, \"403\"]\n"),
            "pkg/pyproject.toml:3:28: `tool.uv.index[0].ignore-error-codes[1]` must be an integer, "
            "found a string\n"
            "    ignore-error-codes = [401, \"403\"]\n"
            "                               ^^^^^");
  EXPECT_EQ(first_error("[[tool.uv.index]]\nurl = \"u\"\ncache-control = { apis = \"x\" }\n"),
            "pkg/pyproject.toml:3:19: unknown field `apis` in `tool.uv.index[0].cache-control`, "
            "expected `api` or `files`\n"
            "    cache-control = { apis = \"x\" }\n"
            "                      ^^^^");
  EXPECT_EQ(first_error("[[tool.uv.index]]\nurl = \"u\"\nexplicit = \"yes\"\n"),
            "pkg/pyproject.toml:3:12: `tool.uv.index[0].explicit` must be a boolean, found a "
            "string\n"
            "    explicit = \"yes\"\n"
            "               ^^^^^");
}

TEST(ToolUvIndex, UnknownKeyIsIgnoredWithAWarning) {
  PyProject p = parse_ok("[[tool.uv.index]]\nurl = \"u\"\npriority = 1\n");
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_EQ(warnings_of(p)[0],
            "pkg/pyproject.toml:3:1: unknown field `priority` in `tool.uv.index[0]` is ignored\n"
            "    priority = 1\n"
            "    ^^^^^^^^");
}

TEST(ToolUvConflicts, ReadsSets) {
  PyProject p = parse_ok(R"([tool.uv]
conflicts = [
  [{ extra = "cpu" }, { extra = "CU124" }],
  [{ group = "a" }, { package = "other", group = "b" }],
]
)");
  ASSERT_EQ(p.tool_uv->conflicts.size(), 2u);
  EXPECT_EQ(p.tool_uv->conflicts[0][1].extra->str(), "cu124");
  EXPECT_FALSE(p.tool_uv->conflicts[0][1].group);
  EXPECT_EQ(p.tool_uv->conflicts[1][1].package->str(), "other");
  EXPECT_EQ(p.tool_uv->conflicts[1][1].group->str(), "b");
}

TEST(ToolUvConflicts, Errors) {
  EXPECT_EQ(first_error("[tool.uv]\nconflicts = [[{ extra = \"a\" }]]\n"),
            "pkg/pyproject.toml:2:14: Each set of conflicts must have at least two entries, but "
            "found only one\n"
            "    conflicts = [[{ extra = \"a\" }]]\n"
            "                 ^^^^^^^^^^^^^^^^^");
  EXPECT_EQ(first_error("[tool.uv]\nconflicts = [[]]\n"),
            "pkg/pyproject.toml:2:14: Each set of conflicts must have at least two entries, but "
            "found none\n"
            "    conflicts = [[]]\n"
            "                 ^^");
  EXPECT_EQ(first_error(
                "[tool.uv]\nconflicts = [[{ extra = \"a\", group = \"b\" }, { extra = \"c\" }]]\n"),
            "pkg/pyproject.toml:2:15: Expected one of `extra` or `group` in conflicting entry, but "
            "found both\n"
            "    conflicts = [[{ extra = \"a\", group = \"b\" }, { extra = \"c\" }]]\n"
            "                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^");
  EXPECT_EQ(first_error("[tool.uv]\nconflicts = [[{ package = \"a\" }, { extra = \"c\" }]]\n"),
            "pkg/pyproject.toml:2:15: Expected `extra` or `group` field in conflicting entry\n"
            "    conflicts = [[{ package = \"a\" }, { extra = \"c\" }]]\n"
            "                  ^^^^^^^^^^^^^^^^^");
  EXPECT_EQ(
      first_error("[tool.uv]\nconflicts = [[{ extras = \"a\" }, { extra = \"c\" }]]\n"),
      "pkg/pyproject.toml:2:17: unknown field `extras` in `tool.uv.conflicts[0][0]`, expected "
      "one of `package`, `extra`, `group`\n"
      "    conflicts = [[{ extras = \"a\" }, { extra = \"c\" }]]\n"
      "                    ^^^^^^");
}

}  // namespace
}  // namespace roost::pyproject
