// install_set(): the file chosen for each package (wheel tags, the sdist fallback, direct URLs,
// local paths, git) and the error when nothing fits.
#include <gtest/gtest.h>

#include "project/install_set.h"
#include "project/install_set_test_support.h"

namespace roost::project {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): the test helpers

const char* const kHead = R"(version = 1
revision = 3
requires-python = ">=3.12"

[[package]]
name = "app"
version = "0.1.0"
source = { virtual = "." }
dependencies = [
    { name = "lib" },
]
)";

std::string wheel(std::string_view filename) {
  return "    { url = \"https://files.example/" + std::string(filename) +
         "\", hash = \"sha256:00\" },\n";
}

// `lib` with these wheels (and an sdist when asked).
std::string lib_lock(const std::vector<std::string>& wheels, bool sdist) {
  std::string text = std::string(kHead) +
                     "\n[[package]]\nname = \"lib\"\nversion = \"2.0.0\"\n"
                     "source = { registry = \"https://pypi.org/simple\" }\n";
  if (sdist)
    text += "sdist = { url = \"https://files.example/lib-2.0.0.tar.gz\", hash = \"sha256:11\" }\n";
  if (!wheels.empty()) {
    text += "wheels = [\n";
    for (const std::string& w : wheels) text += wheel(w);
    text += "]\n";
  }
  return text;
}

Result<InstallItem> lib_item(const std::string& text, const std::vector<tags::Tag>& tags,
                             const pep508::MarkerEnvironment& env = linux_env()) {
  lock::Lockfile lock = parse(text);
  InstallTarget target{.workspace_root = "/ws", .current_project = "app"};
  ROOST_TRY(std::vector<InstallItem> items, install_set(lock, target, {}, env, tags));
  if (items.size() != 1) return make_error(ErrorKind::kInternal, "expected one item");
  return items.front();
}

std::string chosen(const std::string& text, const std::vector<tags::Tag>& tags) {
  auto item = lib_item(text, tags);
  EXPECT_TRUE(item.ok()) << item.error().render();
  if (!item.ok() || !item->file) return "";
  return item->file->location.substr(item->file->location.rfind('/') + 1);
}

TEST(InstallSetFilesTest, TheWheelWithTheBestTagRankWins) {
  std::string text =
      lib_lock({"lib-2.0.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                "lib-2.0.0-cp312-cp312-musllinux_1_1_x86_64.whl",
                "lib-2.0.0-cp312-cp312-win_amd64.whl", "lib-2.0.0-py3-none-any.whl"},
               true);
  EXPECT_EQ(chosen(text, manylinux_tags()),
            "lib-2.0.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
  EXPECT_EQ(chosen(text, musllinux_tags()), "lib-2.0.0-cp312-cp312-musllinux_1_1_x86_64.whl");
  EXPECT_EQ(chosen(text, windows_tags()), "lib-2.0.0-cp312-cp312-win_amd64.whl");
  EXPECT_EQ(chosen(text, macos_tags()), "lib-2.0.0-py3-none-any.whl");
  auto item = lib_item(text, manylinux_tags());
  ASSERT_TRUE(item.ok()) << item.error().render();
  EXPECT_EQ(item->kind, InstallItem::Kind::kRegistryWheel);
  EXPECT_EQ(item->file->hash, "sha256:00");
  EXPECT_FALSE(item->member);
  // The stable ABI and an older manylinux still fit; a newer glibc than ours does not.
  EXPECT_EQ(chosen(lib_lock({"lib-2.0.0-cp312-cp312-manylinux_2_39_x86_64.whl",
                             "lib-2.0.0-cp39-abi3-manylinux_2_28_x86_64.whl"},
                            false),
                   manylinux_tags()),
            "lib-2.0.0-cp39-abi3-manylinux_2_28_x86_64.whl");
}

TEST(InstallSetFilesTest, TheSdistIsTheFallbackWhenNoWheelFits) {
  std::string text = lib_lock({"lib-2.0.0-cp312-cp312-win_amd64.whl"}, true);
  auto item = lib_item(text, manylinux_tags());
  ASSERT_TRUE(item.ok()) << item.error().render();
  EXPECT_EQ(item->kind, InstallItem::Kind::kSdist);
  ASSERT_TRUE(item->file);
  EXPECT_EQ(item->file->location, "https://files.example/lib-2.0.0.tar.gz");
  item = lib_item(lib_lock({}, true), manylinux_tags());
  ASSERT_TRUE(item.ok()) << item.error().render();
  EXPECT_EQ(item->kind, InstallItem::Kind::kSdist);
}

TEST(InstallSetFilesTest, NoFittingWheelAndNoSdistIsUvsError) {
  auto item = lib_item(lib_lock({"lib-2.0.0-cp312-cp312-win_amd64.whl",
                                 "lib-2.0.0-cp312-cp312-macosx_11_0_arm64.whl"},
                                false),
                       manylinux_tags());
  ASSERT_FALSE(item.ok());
  EXPECT_EQ(item.error().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(item.error().message(),
            "Distribution `lib==2.0.0 @ registry+https://pypi.org/simple` can't be installed "
            "because it doesn't have a source distribution or wheel for the current platform");
  EXPECT_EQ(item.error().hint(),
            "You're on Linux (`manylinux_2_36_x86_64`), but `lib` (v2.0.0) only has wheels for "
            "the following platforms: `win_amd64`, `macosx_11_0_arm64`; consider adding your "
            "platform to `tool.uv.required-environments` to ensure uv resolves to a version with "
            "compatible wheels");
  // The hint is about the furthest any wheel got: a Python tag we know, an ABI for it, a
  // platform.
  item = lib_item(lib_lock({"lib-2.0.0-cp314-cp314-manylinux_2_17_x86_64.whl",
                            "lib-2.0.0-cp313-cp313-manylinux_2_17_x86_64.whl"},
                           false),
                  manylinux_tags());
  ASSERT_FALSE(item.ok());
  EXPECT_EQ(item.error().hint(),
            "You're using CPython 3.12 (`cp312`), but `lib` (v2.0.0) only has wheels with the "
            "following Python implementation tags: `cp314`, `cp313`");
  item = lib_item(lib_lock({"lib-2.0.0-cp314-cp314-manylinux_2_17_x86_64.whl",
                            "lib-2.0.0-cp311-cp311-manylinux_2_17_x86_64.whl"},
                           false),
                  manylinux_tags());
  ASSERT_FALSE(item.ok());
  EXPECT_EQ(item.error().hint(),
            "You're using CPython 3.12 (`cp312`), but `lib` (v2.0.0) only has wheels with the "
            "following Python ABI tags: `cp314`, `cp311`");
  item = lib_item(lib_lock({}, false), manylinux_tags());
  ASSERT_FALSE(item.ok());
  EXPECT_FALSE(item.error().hint());
}

TEST(InstallSetFilesTest, DirectUrlsLocalPathsAndGitSources) {
  std::string text = std::string(kHead) + R"(
[[package]]
name = "lib"
version = "2.5.1+cpu"
source = { url = "https://download.example/whl/lib-2.5.1%2Bcpu-cp312-cp312-linux_x86_64.whl" }
wheels = [
    { url = "https://download.example/whl/lib-2.5.1%2Bcpu-cp312-cp312-linux_x86_64.whl", hash = "sha256:22" },
]
)";
  auto item = lib_item(text, manylinux_tags());
  ASSERT_TRUE(item.ok()) << item.error().render();
  EXPECT_EQ(item->kind, InstallItem::Kind::kUrlWheel);
  EXPECT_EQ(item->version, "2.5.1+cpu");
  item = lib_item(text, windows_tags(), windows_env());
  ASSERT_FALSE(item.ok());
  EXPECT_EQ(item.error().message(),
            "Distribution `lib==2.5.1+cpu @ direct+https://download.example/whl/"
            "lib-2.5.1%2Bcpu-cp312-cp312-linux_x86_64.whl` can't be installed because the "
            "binary distribution is incompatible with the current platform");

  text = std::string(kHead) + R"(
[[package]]
name = "lib"
version = "1.0"
source = { path = "dist/lib-1.0-py3-none-any.whl" }
wheels = [
    { filename = "lib-1.0-py3-none-any.whl", hash = "sha256:33" },
]
)";
  item = lib_item(text, manylinux_tags());
  ASSERT_TRUE(item.ok()) << item.error().render();
  EXPECT_EQ(item->kind, InstallItem::Kind::kPathWheel);
  EXPECT_EQ(item->source.location, "dist/lib-1.0-py3-none-any.whl");

  text = std::string(kHead) + R"(
[[package]]
name = "lib"
version = "1.0"
source = { url = "https://files.example/lib-1.0.tar.gz" }
sdist = { hash = "sha256:44" }
)";
  item = lib_item(text, manylinux_tags());
  ASSERT_TRUE(item.ok()) << item.error().render();
  EXPECT_EQ(item->kind, InstallItem::Kind::kSdist);
  ASSERT_TRUE(item->file);
  EXPECT_EQ(item->file->hash, "sha256:44");

  text = std::string(kHead) + R"(
[[package]]
name = "lib"
version = "1.0"
source = { git = "https://github.com/example/lib?rev=v1#0123456789abcdef0123456789abcdef01234567" }
)";
  item = lib_item(text, manylinux_tags());
  ASSERT_TRUE(item.ok()) << item.error().render();
  EXPECT_EQ(item->kind, InstallItem::Kind::kGit);
  EXPECT_FALSE(item->file);

  text = std::string(kHead) + R"(
[[package]]
name = "lib"
source = { directory = "../lib" }
)";
  item = lib_item(text, manylinux_tags());
  ASSERT_TRUE(item.ok()) << item.error().render();
  EXPECT_EQ(item->kind, InstallItem::Kind::kDirectory);
  EXPECT_EQ(item->source_tree, std::filesystem::path("/lib"));
  EXPECT_EQ(item->version, "");
}

}  // namespace
}  // namespace roost::project
