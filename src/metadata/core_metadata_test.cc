#include "metadata/core_metadata.h"

#include <gtest/gtest.h>

namespace roost::metadata {
namespace {

constexpr std::string_view kWheelMetadata =
    "Metadata-Version: 2.1\n"
    "Name: Sample_Project\n"
    "Version: 2.0.0\n"
    "Summary: A sample Python project\n"
    "Home-page: https://github.com/pypa/sampleproject\n"
    "Author: A. Random Developer\n"
    "Author-email: author@example.com\n"
    "License: MIT\n"
    "Project-URL: Bug Reports, https://github.com/pypa/sampleproject/issues\n"
    "Project-URL: Source,https://github.com/pypa/sampleproject/\n"
    "Keywords: sample,setuptools, development\n"
    "Classifier: Development Status :: 3 - Alpha\n"
    "classifier: Programming Language :: Python :: 3\n"
    "Requires-Python: >=3.7, <4\n"
    "Description-Content-Type: text/markdown\n"
    "Requires-Dist: peppercorn\n"
    "Requires-Dist: check-manifest ; extra == 'dev'\n"
    "Provides-Extra: Dev_Tools\n"
    "X-Custom: kept\n"
    "\n"
    "# A sample Python project\n"
    "\n"
    "A longer description.\n";

CoreMetadata parsed(std::string_view text) {
  auto r = CoreMetadata::parse(text);
  EXPECT_TRUE(r.ok()) << r.error().render();
  return std::move(r).value();
}

std::string error_of(std::string_view text) {
  auto r = CoreMetadata::parse(text);
  EXPECT_FALSE(r.ok()) << text;
  if (r.ok()) return "";
  EXPECT_EQ(r.error().kind(), ErrorKind::kParse);
  return r.error().message();
}

TEST(CoreMetadata, ReadsAWheelsMetadata) {
  CoreMetadata m = parsed(kWheelMetadata);
  EXPECT_EQ(m.metadata_version, (MetadataVersion{2, 1}));
  EXPECT_EQ(m.name.str(), "sample-project");
  EXPECT_EQ(m.name_as_written, "Sample_Project");
  EXPECT_EQ(m.version.to_string(), "2.0.0");
  EXPECT_EQ(m.summary, "A sample Python project");
  EXPECT_EQ(m.home_page, "https://github.com/pypa/sampleproject");
  EXPECT_EQ(m.author_email, "author@example.com");
  EXPECT_EQ(m.license, "MIT");
  ASSERT_EQ(m.project_urls.size(), 2u);
  EXPECT_EQ(m.project_urls[0],
            (ProjectUrl{"Bug Reports", "https://github.com/pypa/sampleproject/issues"}));
  EXPECT_EQ(m.project_urls[1], (ProjectUrl{"Source", "https://github.com/pypa/sampleproject/"}));
  EXPECT_EQ(m.keyword_list(), (std::vector<std::string>{"sample", "setuptools", "development"}));
  EXPECT_EQ(m.classifiers, (std::vector<std::string>{"Development Status :: 3 - Alpha",
                                                     "Programming Language :: Python :: 3"}));
  ASSERT_TRUE(m.requires_python.has_value());
  EXPECT_TRUE(m.requires_python->contains(pep440::Version::parse("3.11").value()));
  EXPECT_FALSE(m.requires_python->contains(pep440::Version::parse("4.0").value()));
  ASSERT_EQ(m.requires_dist.size(), 2u);
  EXPECT_EQ(m.requires_dist[0].name.str(), "peppercorn");
  EXPECT_EQ(m.requires_dist[1].name.str(), "check-manifest");
  EXPECT_TRUE(m.requires_dist[1].marker.has_value());
  ASSERT_EQ(m.provides_extra.size(), 1u);
  EXPECT_EQ(m.provides_extra[0].str(), "dev-tools");
  EXPECT_EQ(m.description_content_type, "text/markdown");
  EXPECT_EQ(m.description, "# A sample Python project\n\nA longer description.\n");
  EXPECT_EQ(m.unknown_fields,
            (std::vector<std::pair<std::string, std::string>>{{"X-Custom", "kept"}}));
  EXPECT_FALSE(m.metadata_version.is_newer_than_supported());
}

TEST(CoreMetadata, ReadsAnOldPkgInfoWithAFoldedDescription) {
  CoreMetadata m = parsed(
      "Metadata-Version: 1.1\n"
      "Name: old\n"
      "Version: 0.1\n"
      "Summary: UNKNOWN\n"
      "Description: First line\n"
      "        second line\n"
      "        \n"
      "            indented\n"
      "License: BSD\n"
      "        Copyright holders\n"
      "Platform: UNKNOWN\n"
      "Requires: os.path\n"
      "Provides: old\n");
  EXPECT_EQ(m.metadata_version, (MetadataVersion{1, 1}));
  EXPECT_EQ(m.description, "First line\nsecond line\n\n    indented");
  EXPECT_EQ(m.license, "BSD\nCopyright holders");
  EXPECT_EQ(m.platforms, (std::vector<std::string>{"UNKNOWN"}));
  EXPECT_EQ(m.legacy_requires, (std::vector<std::string>{"os.path"}));
  EXPECT_EQ(m.legacy_provides, (std::vector<std::string>{"old"}));
}

TEST(CoreMetadata, MetadataVersions) {
  for (const char* v : {"1.0", "1.1", "1.2", "2.0", "2.1", "2.2", "2.3", "2.4"}) {
    auto r = CoreMetadata::parse(std::string("Metadata-Version: ") + v + "\nName: a\nVersion: 1\n");
    EXPECT_TRUE(r.ok()) << v;
  }
  CoreMetadata newer = parsed("Metadata-Version: 2.7\nName: a\nVersion: 1\nNew-Field: x\n");
  EXPECT_TRUE(newer.metadata_version.is_newer_than_supported());
  EXPECT_EQ(newer.unknown_fields.size(), 1u);
  EXPECT_EQ(error_of("Metadata-Version: 3.0\nName: a\nVersion: 1\n"),
            "METADATA line 1 (Metadata-Version): unsupported metadata version '3.0': major version "
            "3 is not 1 or 2");
  EXPECT_EQ(error_of("Metadata-Version: two\nName: a\nVersion: 1\n"),
            "METADATA line 1 (Metadata-Version): invalid metadata version 'two': expected "
            "'<major>.<minor>', like "
            "'2.4'");
  EXPECT_EQ(error_of("Name: a\nVersion: 1\n"),
            "METADATA: missing the required field 'Metadata-Version'");
  EXPECT_EQ(error_of("Metadata-Version: 2.1\nVersion: 1\n"),
            "METADATA: missing the required field 'Name'");
  EXPECT_EQ(error_of("Metadata-Version: 2.1\nName: a\n"),
            "METADATA: missing the required field 'Version'");
}

TEST(CoreMetadata, InvalidNameAndVersionNameTheFieldAndLine) {
  auto bad_name = CoreMetadata::parse("Metadata-Version: 2.1\nName: foo bar\nVersion: 1\n");
  ASSERT_FALSE(bad_name.ok());
  EXPECT_EQ(bad_name.error().message(),
            "METADATA line 2 (Name): " + pep508::PackageName::parse("foo bar").error().message());
  ASSERT_TRUE(bad_name.error().span().has_value());
  EXPECT_EQ(bad_name.error().span()->line, 2);
  EXPECT_EQ(bad_name.error().span()->source_line, "Name: foo bar");

  auto bad_version =
      CoreMetadata::parse("Metadata-Version: 2.1\nName: foo\nVersion:  1.0.foo\n", "PKG-INFO");
  ASSERT_FALSE(bad_version.ok());
  Error inner = pep440::Version::parse("1.0.foo").error();
  EXPECT_EQ(bad_version.error().message(), "PKG-INFO line 3 (Version): " + inner.message());
  ASSERT_TRUE(bad_version.error().span().has_value());
  ASSERT_TRUE(inner.span().has_value());
  // The caret moves from the version text to the same characters of the line.
  EXPECT_EQ(bad_version.error().span()->column, 10 + inner.span()->column);
  EXPECT_EQ(bad_version.error().span()->length, inner.span()->length);
}

TEST(CoreMetadata, InvalidRequirementsNameTheirLine) {
  auto r = CoreMetadata::parse(
      "Metadata-Version: 2.1\nName: a\nVersion: 1\nRequires-Dist: ok\nRequires-Dist: bad >=\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(), "METADATA line 5 (Requires-Dist): " +
                                     pep508::Requirement::parse("bad >=").error().message());
  EXPECT_EQ(r.error().span()->line, 5);
  auto py =
      CoreMetadata::parse("Metadata-Version: 2.1\nName: a\nVersion: 1\nRequires-Python: >=3.x\n");
  ASSERT_FALSE(py.ok());
  EXPECT_EQ(py.error().message(), "METADATA line 4 (Requires-Python): " +
                                      pep440::SpecifierSet::parse(">=3.x").error().message());
  auto extra = CoreMetadata::parse(
      "Metadata-Version: 2.3\nName: a\nVersion: 1\nProvides-Extra: not valid!\n");
  ASSERT_FALSE(extra.ok());
  EXPECT_EQ(extra.error().message(), "METADATA line 4 (Provides-Extra): " +
                                         pep508::ExtraName::parse("not valid!").error().message());
}

TEST(CoreMetadata, StructuralErrors) {
  const std::string head = "Metadata-Version: 2.1\nName: a\nVersion: 1\n";
  EXPECT_EQ(error_of(head + "Summary: one\nsummary: two\n"),
            "METADATA line 5: field 'summary' appears twice (first at line 4); it may be given "
            "only once");
  EXPECT_EQ(error_of(head + "Project-URL: https://example.com\n"),
            "METADATA line 4: Project-URL 'https://example.com' must be 'label, url'");
  EXPECT_EQ(error_of(head + "Dynamic: Version\n"),
            "METADATA line 4: Dynamic cannot name 'Version' (Name, Version and Metadata-Version "
            "are always static)");
  EXPECT_EQ(error_of(head + "Description: short\n\nlong body\n"),
            "METADATA line 6: the description is given twice, by the Description field (line 4) "
            "and as the message "
            "body");
  EXPECT_EQ(error_of(head + "Summary\n"),
            "METADATA line 4: expected a field 'Name: value', found 'Summary'");
}

TEST(CoreMetadata, WritesFieldsInAFixedOrderWithTheBody) {
  CoreMetadata m(pep508::PackageName::parse("demo").value(), pep440::Version::parse("1.0").value());
  m.metadata_version = {2, 4};
  m.name_as_written = "Demo";
  m.summary = "Line one\nline two";
  m.license_expression = "MIT";
  m.license_files = {"LICENSE"};
  m.requires_python = pep440::SpecifierSet::parse(">=3.9").value();
  m.requires_dist.push_back(pep508::Requirement::parse("attrs>=22").value());
  m.provides_extra.push_back(pep508::ExtraName::parse("test").value());
  m.project_urls.push_back({"Docs", "https://demo.example"});
  m.dynamic = {"Classifier"};
  m.unknown_fields = {{"X-Tool", "1"}};
  m.description = "Hello\n";
  std::string text = m.to_string();
  EXPECT_EQ(text,
            "Metadata-Version: 2.4\n"
            "Name: Demo\n"
            "Version: 1.0\n"
            "Dynamic: Classifier\n"
            "Summary: Line one line two\n"
            "License-Expression: MIT\n"
            "License-File: LICENSE\n"
            "Requires-Python: " +
                m.requires_python->to_string() +
                "\n"
                "Requires-Dist: " +
                m.requires_dist[0].to_string() +
                "\n"
                "Project-URL: Docs, https://demo.example\n"
                "Provides-Extra: test\n"
                "X-Tool: 1\n"
                "\n"
                "Hello\n");
  CoreMetadata back = parsed(text);
  EXPECT_EQ(back.to_string(), text);
  EXPECT_EQ(back.description, "Hello\n");
}

TEST(CoreMetadata, OldVersionsWriteTheDescriptionAsAFoldedField) {
  CoreMetadata m =
      parsed("Metadata-Version: 1.2\nName: a\nVersion: 1\n\nBody line\n\n  indented\n");
  EXPECT_EQ(m.description, "Body line\n\n  indented\n");
  std::string text = m.to_string();
  EXPECT_EQ(text,
            "Metadata-Version: 1.2\nName: a\nVersion: 1\nDescription: Body line\n       |\n       "
            "|  indented\n       |\n");
  EXPECT_EQ(parsed(text).description, m.description);
}

TEST(CoreMetadata, WrittenMetadataReadsBackTheSame) {
  CoreMetadata m = parsed(kWheelMetadata);
  std::string text = m.to_string();
  CoreMetadata back = parsed(text);
  EXPECT_EQ(back.to_string(), text);
  EXPECT_EQ(back.name, m.name);
  EXPECT_EQ(back.version, m.version);
  EXPECT_EQ(back.description, m.description);
  EXPECT_EQ(back.classifiers, m.classifiers);
  EXPECT_EQ(back.project_urls, m.project_urls);
  EXPECT_EQ(back.requires_dist.size(), m.requires_dist.size());
}

TEST(CoreMetadata, KeywordsSplitAtBlanksWithoutCommas) {
  CoreMetadata m =
      parsed("Metadata-Version: 1.0\nName: a\nVersion: 1\nKeywords: one  two\tthree\n");
  EXPECT_EQ(m.keyword_list(), (std::vector<std::string>{"one", "two", "three"}));
}

}  // namespace
}  // namespace roost::metadata
