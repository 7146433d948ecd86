// Every pyproject.toml and dg.toml of the real-world corpus in
// ../shared/conformance/uv-workspaces parses without an error (uv and dg accept them all).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "pyproject/dg_config.h"
#include "pyproject/pyproject.h"

namespace roost::pyproject {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus =
    fs::path(ROOST_SOURCE_DIR) / ".." / "shared" / "conformance" / "uv-workspaces";

std::vector<fs::path> corpus_files(std::string_view name) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(kCorpus)) {
    if (entry.is_regular_file() && entry.path().filename() == name) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Corpus, EveryPyprojectParses) {
  if (!fs::is_directory(kCorpus)) GTEST_SKIP() << "corpus not found at " << kCorpus;
  std::vector<fs::path> files = corpus_files("pyproject.toml");
  ASSERT_EQ(files.size(), 481u);  // the corpus README's count
  size_t with_project = 0, with_workspace = 0, with_sources = 0, with_dg = 0;
  size_t dev_dependencies = 0, python_environment = 0;
  for (const fs::path& file : files) {
    PyProjectCheck check = check_pyproject_file(file);
    for (const Error& e : check.errors) ADD_FAILURE() << e.render();
    for (const Warning& w : check.warnings) {
      dev_dependencies += w.kind == WarningKind::kDeprecatedDevDependencies;
      python_environment += w.kind == WarningKind::kDgDeprecatedPythonEnvironment;
      // No key of the corpus is unknown to uv, so none may be unknown to us.
      EXPECT_NE(w.kind, WarningKind::kUnknownToolUvField) << w.render();
    }
    if (!check.pyproject) continue;
    with_project += check.pyproject->project.has_value();
    with_workspace += check.pyproject->has_workspace();
    with_sources += check.pyproject->tool_uv && !check.pyproject->tool_uv->sources.empty();
    with_dg += check.pyproject->tool_dg.has_value();
  }
  // Counted independently (grep) over the corpus: 7 files without [project] (virtual roots and
  // build-only members), 31 workspace roots, 143 files with sources, 11 dg projects.
  EXPECT_EQ(with_project, 474u);
  EXPECT_EQ(with_workspace, 31u);
  EXPECT_EQ(with_sources, 143u);
  EXPECT_EQ(with_dg, 11u);
  EXPECT_EQ(dev_dependencies, 7u);
  EXPECT_EQ(python_environment, 2u);
}

TEST(Corpus, EveryDgTomlParses) {
  if (!fs::is_directory(kCorpus)) GTEST_SKIP() << "corpus not found at " << kCorpus;
  std::vector<fs::path> files = corpus_files("dg.toml");
  ASSERT_GE(files.size(), 4u);
  for (const fs::path& file : files) {
    Result<DgConfig> dg = read_dg_toml(file);
    ASSERT_TRUE(dg.ok()) << dg.error().render();
    EXPECT_EQ(dg->directory_type, DgDirectoryType::kWorkspace) << file;
    ASSERT_TRUE(dg->workspace) << file;
    EXPECT_FALSE(dg->workspace->projects.empty()) << file;
  }
}

}  // namespace
}  // namespace roost::pyproject
