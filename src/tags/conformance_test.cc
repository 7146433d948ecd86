// packaging's conformance vectors for tags (tests/data/packaging/tags.json) and for wheel / sdist
// filenames (the parse_*_filename groups of utils.json); see tests/data/packaging/README.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "tags/compatible.h"
#include "tags/filename.h"
#include "tags/platform.h"
#include "tags/ranking.h"
#include "tags/tag.h"
#include "testing/packaging_vectors.h"

namespace roost::tags {
namespace {

using nlohmann::json;
using Strings = std::vector<std::string>;

const json& group(const std::string& name, const std::string& group_name) {
  const json& g = roost::testing::packaging_vectors(name).at("groups").at(group_name);
  EXPECT_EQ(g["cases"].size(), g["count"].get<size_t>()) << group_name;
  return g["cases"];
}

Strings strings(const std::vector<Tag>& tags) {
  Strings out;
  for (const Tag& t : tags) out.push_back(t.to_string());
  return out;
}

Strings sorted(Strings v) {
  std::sort(v.begin(), v.end());
  return v;
}

PythonVersion python_version(const json& v) {
  PythonVersion out{v.at(0).get<int>()};
  if (v.size() > 1) out.minor = v.at(1).get<int>();
  return out;
}

TEST(TagsConformance, ParseTagInvalid) {
  for (const json& c : group("tags.json", "parse_tag_invalid")) {
    std::string tag = c["tag"];
    auto r = parse_tag(tag);
    ASSERT_FALSE(r.ok()) << "accepted " << c.dump();
    EXPECT_EQ(r.error().kind(), ErrorKind::kParse) << c.dump();
    // packaging's test matches these words in the message; ours say the same thing.
    EXPECT_NE(r.error().message().find(c["reason"].get<std::string>()), std::string::npos)
        << c.dump() << " -> " << r.error().message();
  }
}

TEST(TagsConformance, ParseTagIdentifierInterpreter) {
  for (const json& c : group("tags.json", "parse_tag_identifier_interpreter")) {
    auto r = parse_tag(c["tag"].get<std::string>());
    ASSERT_TRUE(r.ok()) << c.dump() << ": " << r.error().message();
    EXPECT_EQ(strings(*r), c["expected"].get<Strings>()) << c.dump();
  }
}

TEST(TagsConformance, MacArch) {
  for (const json& c : group("tags.json", "mac_arch")) {
    EXPECT_EQ(mac_arch(c["arch"].get<std::string>(), c["is_32bit"].get<bool>()),
              c["expected"].get<std::string>())
        << c.dump();
  }
}

TEST(TagsConformance, MacBinaryFormats) {
  for (const json& c : group("tags.json", "mac_binary_formats")) {
    AppleVersion v{c["version"][0].get<int>(), c["version"][1].get<int>()};
    EXPECT_EQ(mac_binary_formats(v, c["arch"].get<std::string>()), c["expected"].get<Strings>())
        << c.dump();
  }
}

TEST(TagsConformance, CompatibleTagsSelector) {
  for (const json& c : group("tags.json", "compatible_tags_selector")) {
    std::vector<Tag> supported;
    for (const std::string& s : c["supported"].get<Strings>())
      supported.emplace_back("py3", "none", s);
    Strings things = c["things"].get<Strings>();
    std::vector<TagSet> sets;
    for (const std::string& t : things) sets.push_back(TagSet::parse("py3-none-" + t).value());
    Strings selected;
    for (size_t i : TagRanking(supported).select(sets)) selected.push_back(things[i]);
    EXPECT_EQ(selected, c["expected"].get<Strings>()) << c.dump();
  }
}

// One observed call of packaging.tags; returns false when the case cannot be expressed here.
bool run_observed(const json& c) {
  const std::string fn = c["function"];
  const json& args = c["args"];
  const bool expect_error = c.contains("error");
  const Strings expected = expect_error ? Strings{} : c["result"].get<Strings>();
  const bool ordered = !expect_error && c["ordered"].get<bool>();
  auto check = [&](const Strings& got) {
    EXPECT_FALSE(expect_error) << "accepted " << c.dump();
    if (ordered) {
      EXPECT_EQ(got, expected) << c.dump();
    } else {
      EXPECT_EQ(sorted(got), sorted(expected)) << c.dump();
    }
  };
  if (fn == "parse_tag") {
    ParseTagOptions options{.validate_order = args["validate_order"].get<bool>()};
    if (!args["limit"].is_null()) {
      // A negative limit is a ValueError in Python; our limit is unsigned and cannot be negative.
      if (args["limit"].get<long>() < 0) return false;
      options.limit = args["limit"].get<size_t>();
    }
    auto r = parse_tag(args["tag"].get<std::string>(), options);
    if (expect_error) {
      EXPECT_FALSE(r.ok()) << "accepted " << c.dump();
      if (!r.ok()) {
        EXPECT_EQ(r.error().kind(), ErrorKind::kParse) << c.dump();
      }
    } else {
      EXPECT_TRUE(r.ok()) << c.dump() << ": " << r.error().message();
      if (r.ok()) {
        check(strings(*r));
      }
    }
    return true;
  }
  if (fn == "pure_python_tags" && args["python_version"].empty()) {
    // packaging raises ValueError for an empty version; PythonVersion always has a major.
    return false;
  }
  if (expect_error) {
    ADD_FAILURE() << "unexpected error case " << c.dump();
    return true;
  }
  if (fn == "cpython_tags") {
    check(strings(cpython_tags(python_version(args["python_version"]), args["abis"].get<Strings>(),
                               args["platforms"].get<Strings>())));
  } else if (fn == "generic_tags") {
    check(strings(generic_tags(args["interpreter"].get<std::string>(), args["abis"].get<Strings>(),
                               args["platforms"].get<Strings>())));
  } else if (fn == "compatible_tags") {
    std::optional<std::string> interpreter;
    if (!args["interpreter"].is_null()) interpreter = args["interpreter"].get<std::string>();
    check(strings(compatible_tags(python_version(args["python_version"]), interpreter,
                                  args["platforms"].get<Strings>())));
  } else if (fn == "pure_python_tags") {
    check(strings(pure_python_tags(python_version(args["python_version"]))));
  } else if (fn == "mac_platforms") {
    check(mac_platforms({args["version"][0].get<int>(), args["version"][1].get<int>()},
                        args["arch"].get<std::string>()));
  } else if (fn == "ios_platforms") {
    check(ios_platforms({args["version"][0].get<int>(), args["version"][1].get<int>()},
                        args["multiarch"].get<std::string>()));
  } else if (fn == "android_platforms") {
    check(android_platforms(args["api_level"].get<int>(), args["abi"].get<std::string>()));
  } else {
    ADD_FAILURE() << "unknown function in " << c.dump();
  }
  return true;
}

TEST(TagsConformance, ObservedCalls) {
  const json& cases = group("tags.json", "observed_calls");
  size_t ran = 0;
  size_t skipped = 0;
  for (const json& c : cases) (run_observed(c) ? ran : skipped)++;
  EXPECT_EQ(ran + skipped, cases.size());
  EXPECT_EQ(skipped, 2u);  // the negative parse_tag limit and the empty pure_python_tags version
}

TEST(FilenameConformance, ParseWheelFilename) {
  for (const json& c : group("utils.json", "parse_wheel_filename")) {
    auto r = WheelFilename::parse(c["filename"].get<std::string>());
    ASSERT_TRUE(r.ok()) << c.dump() << ": " << r.error().render();
    EXPECT_EQ(r->name, c["name"].get<std::string>()) << c.dump();
    EXPECT_EQ(r->version, pep440::Version::parse(c["version"].get<std::string>()).value())
        << c.dump();
    if (c["build"].empty()) {
      EXPECT_FALSE(r->build.has_value()) << c.dump();
    } else {
      ASSERT_TRUE(r->build.has_value()) << c.dump();
      EXPECT_EQ(r->build->number, c["build"][0].get<uint64_t>()) << c.dump();
      EXPECT_EQ(r->build->suffix, c["build"][1].get<std::string>()) << c.dump();
    }
    EXPECT_EQ(strings(r->tags.expand()), sorted(c["tags"].get<Strings>())) << c.dump();
  }
}

TEST(FilenameConformance, ParseWheelFilenameInvalid) {
  for (const json& c : group("utils.json", "parse_wheel_filename_invalid")) {
    auto r = WheelFilename::parse(c["filename"].get<std::string>());
    ASSERT_FALSE(r.ok()) << "accepted " << c.dump();
    EXPECT_EQ(r.error().kind(), ErrorKind::kParse) << c.dump();
  }
}

TEST(FilenameConformance, ParseWheelFilenameUnsortedTags) {
  for (const json& c : group("utils.json", "parse_wheel_filename_unsorted_tags")) {
    const std::string filename = c["filename"];
    EXPECT_TRUE(WheelFilename::parse(filename).ok()) << c.dump();
    auto strict = WheelFilename::parse(filename, {.validate_order = true});
    ASSERT_FALSE(strict.ok()) << "accepted with validate_order " << c.dump();
    EXPECT_NE(strict.error().message().find("is not in sorted order per PEP 425"),
              std::string::npos)
        << c.dump();
  }
}

TEST(FilenameConformance, ParseSdistFilename) {
  for (const json& c : group("utils.json", "parse_sdist_filename")) {
    auto r = SdistFilename::parse(c["filename"].get<std::string>());
    ASSERT_TRUE(r.ok()) << c.dump() << ": " << r.error().render();
    EXPECT_EQ(r->name, c["name"].get<std::string>()) << c.dump();
    EXPECT_EQ(r->version, pep440::Version::parse(c["version"].get<std::string>()).value())
        << c.dump();
  }
}

TEST(FilenameConformance, ParseSdistFilenameInvalid) {
  for (const json& c : group("utils.json", "parse_sdist_filename_invalid")) {
    auto r = SdistFilename::parse(c["filename"].get<std::string>());
    ASSERT_FALSE(r.ok()) << "accepted " << c.dump();
    EXPECT_EQ(r.error().kind(), ErrorKind::kParse) << c.dump();
  }
}

}  // namespace
}  // namespace roost::tags
