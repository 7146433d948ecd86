#include "index/simple_json.h"

#include <gtest/gtest.h>

namespace roost::index {
namespace {

constexpr std::string_view kUrl = "https://pypi.org/simple/requests/";

// PEP 691 with the PEP 700 and PEP 714 additions, shaped like pypi.org's answer.
constexpr std::string_view kPage = R"json({
  "meta": {"api-version": "1.1", "_last-serial": 23912711},
  "name": "requests",
  "files": [
    {"filename": "requests-2.31.0-py3-none-any.whl",
     "url": "https://files.pythonhosted.org/packages/70/8e/requests-2.31.0-py3-none-any.whl#sha256=58cd",
     "hashes": {"sha256": "58CD2187C01E70E6E26505BCA751777AA9F2EE0B7F4300988B709F44E013003F"},
     "requires-python": ">=3.7",
     "core-metadata": {"sha256": "7b1d"},
     "dist-info-metadata": {"sha256": "ignored"},
     "size": 62574, "upload-time": "2023-05-22T15:12:42.313790Z", "yanked": false},
    {"filename": "requests-2.32.0.tar.gz", "url": "../../packages/requests-2.32.0.tar.gz",
     "hashes": {}, "requires-python": null, "dist-info-metadata": true,
     "yanked": "Yanked due to conflicts with CVE-2024-35195 mitigation"},
    {"filename": "requests-2.32.1.tar.gz", "url": "requests-2.32.1.tar.gz",
     "hashes": {"md5": "ab"}, "core-metadata": false, "yanked": true, "data-extra": [1, 2]}
  ],
  "versions": ["2.31.0", "2.32.0", "2.32.1"]
})json";

TEST(SimpleJson, FullPep691Page) {
  auto parsed = parse_simple_json(kPage, kUrl);
  ASSERT_TRUE(parsed) << parsed.error().message();
  const ProjectPage& page = *parsed;
  EXPECT_EQ(page.name, "requests");
  EXPECT_EQ(page.api_version, "1.1");
  EXPECT_EQ(page.versions, (std::vector<std::string>{"2.31.0", "2.32.0", "2.32.1"}));
  ASSERT_EQ(page.files.size(), 3u);

  const DistributionFile& wheel = page.files[0];
  EXPECT_EQ(wheel.filename, "requests-2.31.0-py3-none-any.whl");
  EXPECT_EQ(wheel.url,
            "https://files.pythonhosted.org/packages/70/8e/requests-2.31.0-py3-none-any.whl");
  EXPECT_EQ(wheel.hashes.at("sha256"),
            "58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f");
  EXPECT_EQ(wheel.requires_python, ">=3.7");
  EXPECT_EQ(wheel.core_metadata, (CoreMetadata{true, {{"sha256", "7b1d"}}}));
  EXPECT_EQ(wheel.size, 62574u);
  EXPECT_EQ(wheel.upload_time, "2023-05-22T15:12:42.313790Z");
  EXPECT_EQ(wheel.yanked, std::nullopt);

  const DistributionFile& sdist = page.files[1];
  EXPECT_EQ(sdist.url, "https://pypi.org/packages/requests-2.32.0.tar.gz");
  EXPECT_TRUE(sdist.hashes.empty());
  EXPECT_EQ(sdist.requires_python, std::nullopt);
  EXPECT_EQ(sdist.core_metadata, (CoreMetadata{true, {}}));
  EXPECT_EQ(sdist.yanked, "Yanked due to conflicts with CVE-2024-35195 mitigation");
  EXPECT_EQ(sdist.size, std::nullopt);

  const DistributionFile& third = page.files[2];
  EXPECT_EQ(third.url, "https://pypi.org/simple/requests/requests-2.32.1.tar.gz");
  EXPECT_EQ(third.yanked, "");
  EXPECT_FALSE(third.core_metadata.available);
}

TEST(SimpleJson, MinimalPage) {
  auto page = parse_simple_json(R"({"meta":{"api-version":"1.0"},"name":"a","files":[]})", kUrl);
  ASSERT_TRUE(page) << page.error().message();
  EXPECT_TRUE(page->files.empty());
  EXPECT_TRUE(page->versions.empty());
  EXPECT_EQ(page->api_version, "1.0");
}

std::string error_of(std::string_view json) {
  auto page = parse_simple_json(json, kUrl);
  if (page) return "no error";
  EXPECT_EQ(page.error().kind(), ErrorKind::kParse);
  return page.error().message();
}

TEST(SimpleJson, ErrorsNameTheUrlAndTheField) {
  const std::string prefix = "invalid Simple API JSON from https://pypi.org/simple/requests/: ";
  EXPECT_EQ(error_of(R"({"name":"a","files":{}})"), prefix + "\"files\" must be an array");
  EXPECT_EQ(error_of(R"({"name":"a"})"), prefix + "\"files\" is missing");
  EXPECT_EQ(error_of("[]"), prefix + "the top level must be an object");
  EXPECT_EQ(error_of(R"({"meta":1,"files":[]})"), prefix + "\"meta\" must be an object");
  EXPECT_EQ(error_of(R"({"name":3,"files":[]})"), prefix + "\"name\" must be a string");
  EXPECT_EQ(error_of(R"({"files":[1]})"), prefix + "\"files\"[0] must be an object");
  EXPECT_EQ(error_of(R"({"files":[{"url":"a.whl"}]})"),
            prefix + "\"files\"[0] has no \"filename\"");
  EXPECT_EQ(error_of(R"({"files":[{"filename":"a.whl"}]})"),
            prefix + "\"files\"[0] has no \"url\"");
  EXPECT_EQ(error_of(R"({"files":[{"filename":"a","url":7}]})"),
            prefix + "\"files\"[0].url must be a string");
  EXPECT_EQ(error_of(R"({"files":[{"filename":"a","url":"a","hashes":{"sha256":1}}]})"),
            prefix + "\"files\"[0].hashes.sha256 must be a string");
  EXPECT_EQ(error_of(R"({"files":[{"filename":"a","url":"a","yanked":1}]})"),
            prefix + "\"files\"[0].yanked must be a boolean or a string");
  EXPECT_EQ(error_of(R"({"files":[{"filename":"a","url":"a","dist-info-metadata":"x"}]})"),
            prefix + "\"files\"[0].dist-info-metadata must be a boolean or an object of hashes");
  EXPECT_EQ(error_of(R"({"files":[{"filename":"a","url":"a","size":-1}]})"),
            prefix + "\"files\"[0].size must be a non-negative integer");
  EXPECT_EQ(error_of(R"({"files":[],"versions":[1]})"),
            prefix + "\"versions\"[0] must be a string");
  EXPECT_EQ(error_of(R"({"files":[{"filename":"a","url":"a b"}]})"),
            prefix + "\"files\"[0].url: URL \"a b\" contains a space or control character");
}

TEST(SimpleJson, InvalidJson) {
  for (std::string_view bad : {"", "{", "{\"files\": [}", "\xff\xfe garbage \x01", "nul\0l"}) {
    std::string message = error_of(bad);
    EXPECT_TRUE(message.starts_with(
        "invalid Simple API JSON from https://pypi.org/simple/requests/: not valid JSON ("))
        << message;
  }
}

}  // namespace
}  // namespace roost::index
