#include "project/lowering.h"

#include <gtest/gtest.h>

#include "workspace/testing/temp_tree.h"

namespace roost::project {
namespace {

using workspace::testing::TempTree;

Result<LoweredWorkspace> lower(const TempTree& t) {
  ROOST_TRY(workspace::Workspace ws, workspace::discover_uv_workspace({.start = t.root()}));
  return lower_workspace(ws);
}

LoweredWorkspace lower_ok(const TempTree& t) {
  Result<LoweredWorkspace> w = lower(t);
  EXPECT_TRUE(w.ok()) << w.error().render();
  return w.ok() ? std::move(w).value() : LoweredWorkspace{};
}

const LoweredPackage& member(const LoweredWorkspace& w, const char* name) {
  const LoweredPackage* p = w.find(*pep508::PackageName::parse(name));
  EXPECT_NE(p, nullptr) << name;
  static const LoweredPackage kNone{*pep508::PackageName::parse("none")};
  return p ? *p : kNone;
}

// Requirements as one line each, in the lock's order: name[extras] marker source.
std::vector<std::string> lines(const std::vector<lock::Requirement>& reqs) {
  std::vector<std::string> out;
  for (const lock::Requirement& r : reqs) {
    std::string s = r.name;
    if (!r.extras.empty()) {
      s += "[";
      for (size_t i = 0; i < r.extras.size(); ++i) s += (i ? "," : "") + r.extras[i];
      s += "]";
    }
    if (!r.marker.empty()) s += " ; " + r.marker;
    s += " | " + std::string(lock::to_string(r.kind));
    if (!r.specifier.empty()) s += " " + r.specifier;
    if (!r.index.empty()) s += " " + r.index;
    if (!r.location.empty()) s += " " + r.location;
    if (!r.subdirectory.empty()) s += " subdirectory=" + r.subdirectory;
    if (r.conflict)
      s += " conflict=" + r.conflict->package + ":" + r.conflict->extra + r.conflict->group;
    out.push_back(s);
  }
  return out;
}

std::vector<std::string> requires_dist(const LoweredWorkspace& w, const char* name) {
  return lines(lock_metadata(member(w, name)).requires_dist);
}

using Lines = std::vector<std::string>;

// uv.md §2.4's example: an explicit root depending on a member, with a dev group.
TEST(Lowering, ExplicitRootAndMember) {
  TempTree t;
  t.write("pyproject.toml", R"([project]
name = "app"
version = "0.1.0"
requires-python = ">=3.12"
dependencies = ["lib"]
[dependency-groups]
dev = ["iniconfig>=2"]
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"
[tool.uv.workspace]
members = ["packages/*"]
[tool.uv.sources]
lib = { workspace = true }
)");
  t.write("packages/lib/pyproject.toml", R"([project]
name = "lib"
version = "0.2.0"
requires-python = ">=3.10"
dependencies = ["idna>=3; sys_platform == 'linux'"]
)");
  LoweredWorkspace w = lower_ok(t);
  ASSERT_EQ(w.members.size(), 2u);
  EXPECT_EQ(w.requires_python_text, ">=3.12");
  EXPECT_FALSE(w.single_project);
  EXPECT_EQ(member(w, "app").source, (lock::Source{lock::SourceKind::kEditable, ".", ""}));
  EXPECT_EQ(member(w, "lib").source,
            (lock::Source{lock::SourceKind::kEditable, "packages/lib", ""}));
  EXPECT_EQ(member(w, "lib").version, "0.2.0");
  EXPECT_EQ(requires_dist(w, "app"), Lines{"lib | editable packages/lib"});
  EXPECT_EQ(requires_dist(w, "lib"), Lines{"idna ; sys_platform == 'linux' | registry >=3"});
  lock::PackageMetadata app = lock_metadata(member(w, "app"));
  ASSERT_EQ(app.requires_dev.size(), 1u);
  EXPECT_EQ(app.requires_dev[0].name, "dev");
  EXPECT_EQ(lines(app.requires_dev[0].requirements), Lines{"iniconfig | registry >=2"});
  lock::Manifest m = lock_manifest(w);
  EXPECT_EQ(m.members, (std::vector<std::string>{"app", "lib"}));
  EXPECT_TRUE(m.dependency_groups.empty());
}

TEST(Lowering, SingleProjectHasNoManifestMembers) {
  TempTree t;
  t.project("", "solo", "dependencies = [\"requests>=2.31\"]\n");
  LoweredWorkspace w = lower_ok(t);
  EXPECT_TRUE(w.single_project);
  EXPECT_TRUE(lock_manifest(w).empty());
  // No build system and nobody requires it: uv locks it as virtual.
  EXPECT_EQ(member(w, "solo").source, (lock::Source{lock::SourceKind::kVirtual, ".", ""}));
  EXPECT_EQ(w.requires_python_text, "");
}

TEST(Lowering, VirtualRootGroupsGoToTheManifest) {
  TempTree t;
  t.write("pyproject.toml", R"([tool.uv.workspace]
members = ["a"]
[dependency-groups]
dev = ["iniconfig>=2"]
lint = []
[tool.uv]
dev-dependencies = ["ruff"]
constraint-dependencies = ["urllib3<3"]
override-dependencies = ["six>=1.16"]
)");
  t.project("a", "a");
  LoweredWorkspace w = lower_ok(t);
  EXPECT_FALSE(w.single_project);
  lock::Manifest m = lock_manifest(w);
  EXPECT_EQ(m.members, std::vector<std::string>{"a"});
  ASSERT_EQ(m.dependency_groups.size(), 1u);  // the empty `lint` group is not written
  EXPECT_EQ(m.dependency_groups[0].name, "dev");
  EXPECT_EQ(lines(m.dependency_groups[0].requirements),
            (Lines{"iniconfig | registry >=2", "ruff | registry"}));
  EXPECT_EQ(lines(m.constraints), Lines{"urllib3 | registry <3"});
  EXPECT_EQ(lines(m.overrides), Lines{"six | registry >=1.16"});
}

TEST(Lowering, MemberSourcesReplaceTheRootsAndMarkersAreAnded) {
  TempTree t;
  t.write("pyproject.toml", R"([tool.uv.workspace]
members = ["m"]
[tool.uv.sources]
torch = { index = "cpu" }
[[tool.uv.index]]
name = "cpu"
url = "https://download.pytorch.org/whl/cpu"
explicit = true
)");
  t.project("m", "m", R"(dependencies = ["torch>=2; python_version >= '3.10'", "numpy"]
[tool.uv.sources]
torch = [
  { index = "cu", marker = "sys_platform == 'linux'" },
  { index = "cpu", marker = "sys_platform == 'darwin'" },
]
numpy = { index = "cpu" }
[[tool.uv.index]]
name = "cu"
url = "https://download.pytorch.org/whl/cu128"
explicit = true
)");
  LoweredWorkspace w = lower_ok(t);
  EXPECT_EQ(
      requires_dist(w, "m"),
      (Lines{"numpy | registry https://download.pytorch.org/whl/cpu",
             "torch ; python_full_version >= '3.10' and sys_platform != 'darwin' and sys_platform "
             "!= 'linux' | "
             "registry >=2",
             "torch ; python_full_version >= '3.10' and sys_platform == 'darwin' | registry >=2 "
             "https://download.pytorch.org/whl/cpu",
             "torch ; python_full_version >= '3.10' and sys_platform == 'linux' | registry >=2 "
             "https://download.pytorch.org/whl/cu128"}));
  EXPECT_EQ(w.declared_indexes,
            (std::vector<std::string>{"https://download.pytorch.org/whl/cpu",
                                      "https://download.pytorch.org/whl/cu128"}));
}

TEST(Lowering, ExtraAndGroupScopedSources) {
  TempTree t;
  t.project("", "app", R"(dependencies = ["torch"]
[project.optional-dependencies]
gpu = ["torch>=2"]
cpu = ["torch>=2", "app[gpu]"]
[dependency-groups]
test = ["torch"]
[tool.uv.sources]
torch = [
  { index = "cu", extra = "gpu" },
  { index = "cu", group = "test" },
]
[[tool.uv.index]]
name = "cu"
url = "https://example.com/cu"
)");
  LoweredWorkspace w = lower_ok(t);
  const LoweredPackage& app = member(w, "app");
  EXPECT_EQ(app.provides_extras, (std::vector<std::string>{"gpu", "cpu"}));  // as written
  EXPECT_EQ(
      requires_dist(w, "app"),
      (Lines{"app[gpu] ; extra == 'cpu' | registry", "torch | registry",
             "torch ; extra == 'cpu' | registry >=2",
             "torch ; extra == 'gpu' | registry >=2 https://example.com/cu conflict=app:gpu"}));
  lock::PackageMetadata md = lock_metadata(app);
  ASSERT_EQ(md.requires_dev.size(), 1u);
  EXPECT_EQ(lines(md.requires_dev[0].requirements),
            Lines{"torch | registry https://example.com/cu conflict=app:test"});
}

// uv has one boolean per extra: a source for `extra == 'cpu' and extra != 'cu'` keeps both
// halves, and `extra == 'cu'` still applies inside the `cpu` extra (exo's torch sources).
TEST(Lowering, SourceMarkersNamingSeveralExtras) {
  TempTree t;
  t.project("", "app", R"(requires-python = ">=3.12"
[project.optional-dependencies]
cpu = ["torch"]
cu = ["torch"]
[tool.uv.sources]
torch = [
  { index = "cpu-idx", marker = "extra == 'cpu' and extra != 'cu'" },
  { index = "cu-idx", marker = "extra == 'cu'" },
]
[[tool.uv.index]]
name = "cpu-idx"
url = "https://example.com/cpu"
[[tool.uv.index]]
name = "cu-idx"
url = "https://example.com/cu"
)");
  LoweredWorkspace w = lower_ok(t);
  EXPECT_EQ(requires_dist(w, "app"),
            (Lines{"torch ; extra == 'cpu' and extra == 'cu' | registry https://example.com/cu",
                   "torch ; extra == 'cpu' and extra != 'cu' | registry https://example.com/cpu",
                   "torch ; extra == 'cu' | registry https://example.com/cu"}));
  // A single extra reads as usual for consumers of the lowered requirement.
  for (const LoweredRequirement& r : member(w, "app").requires_dist) {
    if (r.index == "https://example.com/cu" &&
        r.requirement.marker->as_written().find("cpu") == std::string::npos) {
      EXPECT_EQ(r.requirement.marker->as_written(), "extra == \"cu\"");
    }
  }
}

TEST(Lowering, GitUrlAndPathSources) {
  TempTree t;
  t.project(
      "", "app",
      R"(dependencies = ["a", "b", "c", "d", "e", "f @ git+https://github.com/o/f@v1#subdirectory=py/f"]
[tool.uv.sources]
a = { git = "https://github.com/o/a", tag = "v0.6.0", subdirectory = "pkgs/a" }
b = { url = "https://example.com/b-1.0.tar.gz", subdirectory = "b" }
c = { path = "libs/c", editable = true }
d = { path = "vendor/d" }
e = { path = "dist/e-1.0-py3-none-any.whl" }
)");
  t.write("vendor/d/pyproject.toml",
          "[project]\nname = \"d\"\nversion = \"1\"\n[tool.uv]\npackage = false\n");
  t.mkdir("libs/c");
  LoweredWorkspace w = lower_ok(t);
  EXPECT_EQ(requires_dist(w, "app"),
            (Lines{"a | git https://github.com/o/a?subdirectory=pkgs%2Fa&tag=v0.6.0",
                   "b | url https://example.com/b-1.0.tar.gz subdirectory=b", "c | editable libs/c",
                   "d | virtual vendor/d", "e | path dist/e-1.0-py3-none-any.whl",
                   "f | git https://github.com/o/f?subdirectory=py%2Ff&rev=v1"}));
}

TEST(Lowering, WorkspaceSourcesEditableFalseAndVirtualMembers) {
  TempTree t;
  t.write("pyproject.toml", R"([tool.uv.workspace]
members = ["p/*"]
)");
  t.project("p/app", "app", R"(dependencies = ["lib", "tool"]
[tool.uv.sources]
lib = { workspace = true, editable = false }
tool = { workspace = true }
)");
  t.project("p/lib", "lib");
  t.project("p/tool", "tool", "[tool.uv]\npackage = false\n");
  LoweredWorkspace w = lower_ok(t);
  EXPECT_EQ(member(w, "app").source.kind,
            lock::SourceKind::kVirtual);  // no build system, not required
  EXPECT_EQ(member(w, "lib").source, (lock::Source{lock::SourceKind::kDirectory, "p/lib", ""}));
  EXPECT_EQ(member(w, "tool").source, (lock::Source{lock::SourceKind::kVirtual, "p/tool", ""}));
  EXPECT_EQ(requires_dist(w, "app"), (Lines{"lib | directory p/lib", "tool | virtual p/tool"}));
}

TEST(Lowering, GroupRequiresPythonBecomesAMarker) {
  TempTree t;
  t.project("", "ty", R"(requires-python = ">=3.8"
[dependency-groups]
dev = ["prek==0.4.11"]
all = [{include-group = "dev"}, "rooster"]
[tool.uv.dependency-groups]
dev = {requires-python = ">=3.12"}
)");
  LoweredWorkspace w = lower_ok(t);
  EXPECT_EQ(w.requires_python_text, ">=3.8");  // group settings do not narrow the lock's range
  lock::PackageMetadata md = lock_metadata(member(w, "ty"));
  ASSERT_EQ(md.requires_dev.size(), 2u);
  EXPECT_EQ(md.requires_dev[0].name, "all");
  EXPECT_EQ(lines(md.requires_dev[0].requirements),
            (Lines{"prek | registry ==0.4.11", "rooster | registry"}));
  EXPECT_EQ(lines(md.requires_dev[1].requirements),
            Lines{"prek ; python_full_version >= '3.12' | registry ==0.4.11"});
}

// uv's errors, word for word, at the dependency's position.
std::string error_of(const TempTree& t) {
  Result<LoweredWorkspace> w = lower(t);
  EXPECT_FALSE(w.ok());
  if (w.ok()) return "";
  std::string text = w.error().render();
  size_t at = text.find(t.root().string());
  while (at != std::string::npos) {
    text.replace(at, t.root().string().size(), "<root>");
    at = text.find(t.root().string());
  }
  return text;
}

TEST(Lowering, MissingWorkspaceSourceIsUvsError) {
  TempTree t;
  t.write("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"a\", \"b\"]\n");
  t.project("a", "a", "dependencies = [\"b>=1\"]\n");
  t.project("b", "b");
  EXPECT_EQ(error_of(t),
            "<root>/a/pyproject.toml:4:17: `b` is included as a workspace member, but is missing "
            "an entry in "
            "`tool.uv.sources` (e.g., `b = { workspace = true }`)\n"
            "    dependencies = [\"b>=1\"]\n"
            "                    ^\n"
            "  Failed to parse entry: `b`\n"
            "  while lowering `a` (<root>/a/pyproject.toml)");
}

TEST(Lowering, OtherSourceErrorsAreUvs) {
  {
    TempTree t;
    t.write(
        "pyproject.toml",
        "[tool.uv.workspace]\nmembers = [\"a\", \"b\"]\n[tool.uv.sources]\nb = { path = \"b\" }\n");
    t.project("a", "a", "dependencies = [\"b\"]\n");
    t.project("b", "b");
    EXPECT_NE(
        error_of(t).find(
            "`b` is included as a workspace member, but references a path in `tool.uv.sources`. "
            "Workspace members must be declared as workspace sources (e.g., `b = { workspace = "
            "true }`)."),
        std::string::npos);
  }
  {
    TempTree t;
    t.project("", "a", "dependencies = [\"zz\"]\n[tool.uv.sources]\nzz = { workspace = true }\n");
    EXPECT_NE(
        error_of(t).find(
            "`zz` references a workspace in `tool.uv.sources` (e.g., `zz = { workspace = true }`), "
            "but is not a workspace member"),
        std::string::npos);
  }
  {
    TempTree t;
    t.project("", "a",
              "dependencies = [\"torch\"]\n[tool.uv.sources]\ntorch = { index = \"nope\" }\n");
    EXPECT_NE(error_of(t).find("Package `torch` references an undeclared index: `nope`"),
              std::string::npos);
  }
  {
    TempTree t;
    t.project("", "a",
              "dependencies = [\"torch\"]\n[tool.uv.sources]\ntorch = { path = \"t\", extra = "
              "\"gpu\" }\n");
    EXPECT_NE(
        error_of(t).find(
            "Source entry for `torch` only applies to extra `gpu`, but the `gpu` extra does not "
            "exist. When an extra is present on a source (e.g., `extra = \"gpu\"`), the relevant "
            "package must be included in the `project.optional-dependencies` section for that "
            "extra (e.g., `project.optional-dependencies = { \"gpu\" = [\"torch\"] }`)."),
        std::string::npos);
  }
}

TEST(Lowering, EditableConflictAndDisjointPython) {
  {
    TempTree t;
    t.write("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"a\", \"b\", \"c\"]\n");
    t.project(
        "a", "a",
        "dependencies = [\"c\"]\n[tool.uv.sources]\nc = { workspace = true, editable = true }\n");
    t.project(
        "b", "b",
        "dependencies = [\"c\"]\n[tool.uv.sources]\nc = { workspace = true, editable = false }\n");
    t.project("c", "c");
    EXPECT_EQ(
        error_of(t),
        "Workspace member `c` was requested as both `editable = true` and `editable = false`");
  }
  {
    TempTree t;
    t.write("pyproject.toml",
            "[project]\nname = \"project\"\nversion = \"0.1.0\"\nrequires-python = \">=3.12\"\n"
            "[tool.uv.workspace]\nmembers = [\"child\"]\n");
    t.write("child/pyproject.toml",
            "[project]\nname = \"child\"\nversion = \"0.1.0\"\nrequires-python = \"==3.10\"\n");
    EXPECT_EQ(error_of(t),
              "Found conflicting Python requirements:\n- child: ==3.10\n- project: >=3.12");
  }
}

TEST(Lowering, DgWorkspacesAreNotLowered) {
  workspace::Workspace ws;
  ws.root = "/srv/dg";
  ws.kind = workspace::WorkspaceKind::kIsolated;
  Result<LoweredWorkspace> w = lower_workspace(ws);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().kind(), ErrorKind::kUsage);
}

TEST(Lowering, SelfReferencesNeedNoSource) {
  TempTree t;
  t.write("pyproject.toml", R"([project]
name = "fw"
version = "1.0"
[project.optional-dependencies]
cuda = ["cupy"]
ml = ["fw[cuda]"]
[tool.uv.workspace]
members = []
)");
  LoweredWorkspace w = lower_ok(t);
  EXPECT_EQ(requires_dist(w, "fw"),
            (Lines{"cupy ; extra == 'cuda' | registry", "fw[cuda] ; extra == 'ml' | registry"}));
}

}  // namespace
}  // namespace roost::project
