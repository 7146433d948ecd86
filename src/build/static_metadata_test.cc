// [project] to METADATA and entry_points.txt.
#include "build/static_metadata.h"

#include <gtest/gtest.h>

#include "build/testing/projects.h"
#include "python/test_support.h"

namespace roost::build {
namespace {

using python::testing::TempDir;

pyproject::PyProject read(const std::filesystem::path& dir) {
  Result<pyproject::PyProject> p = pyproject::read_pyproject(dir / "pyproject.toml");
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().render());
  return std::move(p).value();
}

TEST(StaticMetadata, HatchProject) {
  TempDir t;
  testing::write_hatch_src_project(t.root());
  Result<metadata::CoreMetadata> m = core_metadata_from_project(read(t.root()), t.root());
  ASSERT_TRUE(m.ok()) << m.error().render();
  EXPECT_EQ(m->to_string(),
            "Metadata-Version: 2.3\n"
            "Name: demo-pkg\n"
            "Version: 1.2.3\n"
            "Summary: A demo package\n"
            "Requires-Python: >=3.8\n"
            "Requires-Dist: attrs>=21\n"
            "Requires-Dist: click>=8; python_version >= \"3.8\" and extra == \"cli\"\n"
            "Provides-Extra: cli\n");
  // What the resolver reads back is what was declared.
  Result<metadata::CoreMetadata> again = metadata::CoreMetadata::parse(m->to_string());
  ASSERT_TRUE(again.ok()) << again.error().render();
  EXPECT_EQ(again->requires_dist.size(), 2u);
}

TEST(StaticMetadata, ReadmeLicensePeopleUrls) {
  TempDir t;
  t.write("README.md", "# Hello\n\nLong text.\n");
  t.write("pyproject.toml",
          "[project]\n"
          "name = \"Shiny.Thing\"\n"
          "version = \"2.0\"\n"
          "readme = \"README.md\"\n"
          "license = \"MIT OR Apache-2.0\"\n"
          "keywords = [\"a\", \"b\"]\n"
          "classifiers = [\"Programming Language :: Python\"]\n"
          "authors = [{name = \"Ann\"}, {name = \"Bob\", email = \"bob@example.org\"}]\n"
          "maintainers = [{email = \"m@example.org\"}]\n"
          "optional-dependencies = {url = [\"pkg @ https://example.org/pkg.whl\"]}\n"
          "[project.urls]\n"
          "Homepage = \"https://example.org\"\n");
  Result<metadata::CoreMetadata> m = core_metadata_from_project(read(t.root()), t.root());
  ASSERT_TRUE(m.ok()) << m.error().render();
  const std::string text = m->to_string();
  EXPECT_NE(text.find("Metadata-Version: 2.4\nName: Shiny.Thing\nVersion: 2.0\n"),
            std::string::npos)
      << text;
  for (const char* line :
       {"Keywords: a,b\n", "Author: Ann\n", "Author-email: Bob <bob@example.org>\n",
        "Maintainer-email: m@example.org\n", "License-Expression: MIT OR Apache-2.0\n",
        "Classifier: Programming Language :: Python\n",
        "Project-URL: Homepage, https://example.org\n",
        "Requires-Dist: pkg @ https://example.org/pkg.whl ; extra == \"url\"\n",
        "Description-Content-Type: text/markdown\n", "\n# Hello\n\nLong text.\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\n---\n" << text;
  }
}

TEST(StaticMetadata, MissingReadmeIsAnError) {
  TempDir t;
  t.write("pyproject.toml",
          "[project]\nname = \"a\"\nversion = \"1\"\nreadme = {file = \"NO.rst\"}\n");
  Result<metadata::CoreMetadata> m = core_metadata_from_project(read(t.root()), t.root());
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().kind(), ErrorKind::kNotFound);
}

TEST(StaticMetadata, EntryPoints) {
  TempDir t;
  testing::write_hatch_src_project(t.root());
  pyproject::PyProject p = read(t.root());
  Result<metadata::EntryPoints> eps = entry_points_from_project(*p.project);
  ASSERT_TRUE(eps.ok()) << eps.error().render();
  EXPECT_EQ(eps->to_string(),
            "[console_scripts]\n"
            "demo-cli = demo_pkg.cli:main\n"
            "\n"
            "[demo.plugins]\n"
            "basic = demo_pkg:X\n");
}

TEST(StaticMetadata, BadEntryPoint) {
  TempDir t;
  t.write("pyproject.toml",
          "[project]\nname = \"a\"\nversion = \"1\"\n[project.gui-scripts]\nx = \"not valid!\"\n");
  pyproject::PyProject p = read(t.root());
  Result<metadata::EntryPoints> eps = entry_points_from_project(*p.project);
  ASSERT_FALSE(eps.ok());
  EXPECT_EQ(eps.error().kind(), ErrorKind::kParse);
}

}  // namespace
}  // namespace roost::build
