#include "metadata/headers.h"

#include <gtest/gtest.h>

namespace roost::metadata {
namespace {

std::string error_of(std::string_view text) {
  auto r = parse_headers(text, "METADATA");
  EXPECT_FALSE(r.ok()) << text;
  if (r.ok()) return "";
  EXPECT_EQ(r.error().kind(), ErrorKind::kParse);
  return r.error().render();
}

TEST(Headers, FieldsBodyAndCaseInsensitiveLookup) {
  auto r = parse_headers(
      "Name: foo\r\nclassifier: A\nClassifier:B  \n\nbody line 1\n\nbody line 3\n", "METADATA");
  ASSERT_TRUE(r.ok()) << r.error().render();
  ASSERT_EQ(r->fields.size(), 3u);
  EXPECT_EQ(r->fields[0].name, "Name");
  EXPECT_EQ(r->fields[0].first_line_value, "foo");
  EXPECT_EQ(r->fields[0].line, 1);
  EXPECT_EQ(r->fields[2].value_offset, 11u);
  auto classifiers = r->all("classifier");
  ASSERT_EQ(classifiers.size(), 2u);
  EXPECT_EQ(classifiers[0]->single_line_value(), "A");
  EXPECT_EQ(classifiers[1]->single_line_value(), "B");
  EXPECT_EQ(r->first("name")->line, 1);
  EXPECT_EQ(r->first("version"), nullptr);
  ASSERT_TRUE(r->body.has_value());
  EXPECT_EQ(*r->body, "body line 1\n\nbody line 3\n");
  EXPECT_EQ(r->body_line, 5);
}

TEST(Headers, NoBlankLineMeansNoBody) {
  auto r = parse_headers("Name: foo\nVersion: 1.0", "METADATA");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->body.has_value());
  EXPECT_EQ(r->fields.size(), 2u);
  EXPECT_EQ(r->fields[1].first_line_value, "1.0");
}

TEST(Headers, ContinuationLinesUnfoldForSingleLineFields) {
  auto r = parse_headers("Summary: a long\n   summary\n\tthat folds  \nName: x\n", "METADATA");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->fields[0].single_line_value(), "a long   summary\tthat folds");
  EXPECT_EQ(r->fields[0].continuations.size(), 2u);
}

TEST(Headers, MultiLineFieldsUndoThePipeAndDistutilsConventions) {
  auto pipe = parse_headers("Description: Intro\n       |\n       |    indented\n       |last\n",
                            "PKG-INFO");
  ASSERT_TRUE(pipe.ok());
  EXPECT_EQ(pipe->fields[0].multi_line_value(), "Intro\n\n    indented\nlast");
  auto distutils =
      parse_headers("License: MIT\n        Copyright\n            indented more\n", "PKG-INFO");
  ASSERT_TRUE(distutils.ok());
  EXPECT_EQ(distutils->fields[0].multi_line_value(), "MIT\nCopyright\n    indented more");
}

TEST(Headers, WriteHeaderFoldsNewlinesSoTheyReadBack) {
  std::string out;
  write_header(out, "Description", "first\n\n  second\nthird");
  EXPECT_EQ(out, "Description: first\n       |\n       |  second\n       |third\n");
  auto r = parse_headers(out, "METADATA");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->fields[0].multi_line_value(), "first\n\n  second\nthird");
}

TEST(Headers, WriteHeaderDropsWhatTheFormatCannotHold) {
  std::string out;
  write_header(out, "License", "  MIT\r\nsecond\r");
  EXPECT_EQ(out, "License: MIT\n       |second\n");
}

TEST(Headers, ErrorsNameTheLineAndShowACaret) {
  EXPECT_EQ(error_of("Name: foo\nthis is not a header\n"),
            "METADATA line 2: expected a field 'Name: value', found 'this is not a header'\n"
            "    this is not a header\n"
            "        ^");
  EXPECT_EQ(error_of("Name: foo\n: no name\n"),
            "METADATA line 2: expected a field 'Name: value', found ': no name'\n"
            "    : no name\n"
            "    ^");
  EXPECT_EQ(error_of("  Name: foo\n"),
            "METADATA line 1: continuation line before the first field\n"
            "      Name: foo\n"
            "    ^^^^^^^^^^^");
  EXPECT_EQ(error_of("Name: foo\nSummary: caf\xc3\xa9 \xff\n"),
            "METADATA line 2: invalid UTF-8 at column 15\n"
            "    Summary: caf\xc3\xa9 \xff\n"
            "                  ^");
  EXPECT_EQ(error_of("Name: foo\n\nok\nbad \xc3\n"),
            "METADATA line 4: invalid UTF-8 at column 5\n"
            "    bad \xc3\n"
            "        ^");
}

TEST(Headers, LongBadLinesAreShortenedInTheMessage) {
  std::string line(60, 'x');
  auto r = parse_headers(line, "WHEEL");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(), "WHEEL line 1: expected a field 'Name: value', found '" +
                                     std::string(40, 'x') + "'...");
}

}  // namespace
}  // namespace roost::metadata
