#include "install/installed.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/fs.h"
#include "install/testing/temp_dir.h"

namespace roost::install {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

class InstalledTest : public ::testing::Test {
 protected:
  void dist(const std::string& dir, const std::string& metadata = "") {
    fs::create_directories(site_ / dir);
    if (!metadata.empty()) {
      ASSERT_TRUE(write_file_replace(site_ / dir / "METADATA", metadata).ok());
    }
  }
  void file(const std::string& path, const std::string& text) {
    ASSERT_TRUE(write_file_replace(site_ / path, text).ok());
  }
  TempDir site_;
};

TEST_F(InstalledTest, ReadsDistInfoDirectories) {
  dist("requests-2.31.0.dist-info");
  file("requests-2.31.0.dist-info/INSTALLER", "pip\r\n");
  dist("Foo_Bar-1.0.post1.dist-info");
  file("Foo_Bar-1.0.post1.dist-info/INSTALLER", "roost\n");
  file("Foo_Bar-1.0.post1.dist-info/REQUESTED", "");
  file("Foo_Bar-1.0.post1.dist-info/direct_url.json",
       R"({"url": "file:///src/foo", "dir_info": {"editable": true}})");
  // Names with "-" in old dist-info directories: METADATA has the truth.
  dist("weird-name-3.0.dist-info", "Metadata-Version: 2.1\nName: weird-name\nVersion: 3.0\n\nbody");
  dist("not-a-dist");  // no .dist-info suffix
  file("stray.dist-info", "a file, not a directory");
  dist("broken.dist-info");  // no version, no METADATA
  dist("badurl-1.0.dist-info");
  file("badurl-1.0.dist-info/direct_url.json", "{not json");

  auto scan = scan_site_packages(site_.path());
  ASSERT_TRUE(scan.ok()) << scan.error().render();
  ASSERT_EQ(scan->dists.size(), 4u);
  EXPECT_EQ(scan->dists[0].name.str(), "badurl");
  EXPECT_FALSE(scan->dists[0].direct_url.has_value());
  const InstalledDistribution& foo = scan->dists[1];
  EXPECT_EQ(foo.name.str(), "foo-bar");
  EXPECT_EQ(foo.version.to_string(), "1.0.post1");
  EXPECT_EQ(foo.dist_info, site_ / "Foo_Bar-1.0.post1.dist-info");
  EXPECT_EQ(foo.installer, "roost");
  EXPECT_TRUE(foo.requested);
  ASSERT_TRUE(foo.direct_url.has_value());
  EXPECT_EQ(foo.direct_url->url, "file:///src/foo");
  const InstalledDistribution& requests = scan->dists[2];
  EXPECT_EQ(requests.name.str(), "requests");
  EXPECT_EQ(requests.installer, "pip");
  EXPECT_FALSE(requests.requested);
  EXPECT_FALSE(requests.direct_url.has_value());
  EXPECT_EQ(scan->dists[3].name.str(), "weird-name");
  EXPECT_EQ(scan->dists[3].version.to_string(), "3.0");

  ASSERT_EQ(scan->warnings.size(), 2u);
  std::string all = scan->warnings[0] + "\n" + scan->warnings[1];
  EXPECT_NE(all.find("skipping " + (site_ / "broken.dist-info").string()), std::string::npos)
      << all;
  EXPECT_NE(all.find("ignoring"), std::string::npos) << all;
}

TEST_F(InstalledTest, AMissingDirectoryIsAnEmptyEnvironment) {
  auto scan = scan_site_packages(site_ / "nope");
  ASSERT_TRUE(scan.ok());
  EXPECT_TRUE(scan->dists.empty());
}

}  // namespace
}  // namespace roost::install
