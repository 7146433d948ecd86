#include "index/download.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/sha256.h"
#include "index/fake_transport.h"

namespace roost::index {
namespace {

namespace fs = std::filesystem;

constexpr char kUrl[] = "https://files.example/demo_pkg-1.0-py3-none-any.whl";
constexpr char kBody[] = "wheel bytes";

class DownloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("roost-download-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(dir_);
    cache_.emplace(std::move(cache::Cache::open(dir_)).value());
  }
  void TearDown() override { fs::remove_all(dir_); }

  static DistributionFile file(std::map<std::string, std::string> hashes, std::string url = kUrl) {
    return DistributionFile{.filename = "demo_pkg-1.0-py3-none-any.whl",
                            .url = std::move(url),
                            .hashes = std::move(hashes)};
  }

  // Every regular file under the wheels bucket (blobs and any temp files).
  std::vector<fs::path> wheel_bucket_files() const {
    std::vector<fs::path> out;
    fs::path bucket = cache_->bucket_dir(cache::Bucket::kWheels);
    if (!fs::exists(bucket)) return out;
    for (const auto& e : fs::recursive_directory_iterator(bucket)) {
      if (e.is_regular_file()) out.push_back(e.path());
    }
    return out;
  }

  fs::path dir_;
  std::optional<cache::Cache> cache_;
  FakeTransport fake_;
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST_F(DownloadTest, StoresTheVerifiedFileUnderItsHash) {
  std::string hex = to_hex(sha256(kBody));
  fake_.add_body(kUrl, kBody);
  Result<fs::path> path = download_distribution(fake_, *cache_, file({{"sha256", hex}}), false);
  ASSERT_TRUE(path) << path.error().render();
  EXPECT_EQ(*path, cache_->blob_path(cache::Bucket::kWheels, hex));
  EXPECT_EQ(read(*path), kBody);
  EXPECT_EQ(fake_.count(kUrl), 1u);
}

TEST_F(DownloadTest, UppercasePageDigestStillMatches) {
  std::string hex = to_hex(sha256(kBody));
  std::string upper = hex;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  fake_.add_body(kUrl, kBody);
  Result<fs::path> path = download_distribution(fake_, *cache_, file({{"sha256", upper}}), false);
  ASSERT_TRUE(path) << path.error().render();
  EXPECT_EQ(*path, cache_->blob_path(cache::Bucket::kWheels, hex));
}

TEST_F(DownloadTest, SecondCallIsServedFromTheCacheWithoutARequest) {
  std::string hex = to_hex(sha256(kBody));
  fake_.add_body(kUrl, kBody);
  ASSERT_TRUE(download_distribution(fake_, *cache_, file({{"sha256", hex}}), false));
  Result<fs::path> again = download_distribution(fake_, *cache_, file({{"sha256", hex}}), false);
  ASSERT_TRUE(again) << again.error().render();
  EXPECT_EQ(fake_.count(kUrl), 1u);
  // Offline works too once the blob is there.
  fake_.set_offline(true);
  Result<fs::path> offline = download_distribution(fake_, *cache_, file({{"sha256", hex}}), true);
  ASSERT_TRUE(offline) << offline.error().render();
  EXPECT_EQ(*offline, *again);
  EXPECT_EQ(fake_.requests().size(), 1u);
}

TEST_F(DownloadTest, HashMismatchLeavesNothingInTheCache) {
  std::string wrong(64, 'a');
  fake_.add_body(kUrl, kBody);
  Result<fs::path> path = download_distribution(fake_, *cache_, file({{"sha256", wrong}}), false);
  ASSERT_FALSE(path);
  EXPECT_EQ(path.error().kind(), ErrorKind::kIntegrity);
  EXPECT_EQ(path.error().message(), std::string("hash mismatch for ") + kUrl +
                                        ": expected sha256:" + wrong +
                                        ", got sha256:" + to_hex(sha256(kBody)));
  // Walk the whole cache: only the root's CACHEDIR.TAG and .gitignore, no blob, no temp file.
  for (const auto& e : fs::recursive_directory_iterator(dir_)) {
    if (!e.is_regular_file()) continue;
    std::string name = e.path().filename().string();
    EXPECT_TRUE(e.path().parent_path() == dir_ && (name == "CACHEDIR.TAG" || name == ".gitignore"))
        << e.path();
  }
  EXPECT_TRUE(wheel_bucket_files().empty());
}

TEST_F(DownloadTest, OfflineMissNamesTheFile) {
  Result<fs::path> path =
      download_distribution(fake_, *cache_, file({{"sha256", to_hex(sha256(kBody))}}), true);
  ASSERT_FALSE(path);
  EXPECT_EQ(path.error().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(path.error().message(),
            "offline: demo_pkg-1.0-py3-none-any.whl is not in the cache (run once without "
            "--offline)");
  EXPECT_TRUE(fake_.requests().empty());
}

TEST_F(DownloadTest, NotFoundStatusNamesTheRedactedUrlAndStatus) {
  // FakeTransport answers 404 for URLs without a script.
  Result<fs::path> path = download_distribution(
      fake_, *cache_,
      file({{"sha256", std::string(64, 'b')}}, "https://user:secret@files.example/x.whl"), false);
  ASSERT_FALSE(path);
  EXPECT_EQ(path.error().kind(), ErrorKind::kNetwork);
  EXPECT_EQ(path.error().message(), "cannot download https://files.example/x.whl: HTTP status 404");
  EXPECT_TRUE(wheel_bucket_files().empty());
}

TEST_F(DownloadTest, TransportErrorsPassThroughWithContext) {
  fake_.add_error(kUrl,
                  make_error(ErrorKind::kNetwork, "could not connect to " + std::string(kUrl)));
  Result<fs::path> path = download_distribution(fake_, *cache_, file({}), false);
  ASSERT_FALSE(path);
  EXPECT_EQ(path.error().kind(), ErrorKind::kNetwork);
  ASSERT_EQ(path.error().context().size(), 1u);
  EXPECT_EQ(path.error().context()[0], "while downloading demo_pkg-1.0-py3-none-any.whl");
}

TEST_F(DownloadTest, WithoutSha256TheFileIsStoredUnderItsComputedHash) {
  fake_.add_body(kUrl, kBody);
  // md5 cannot be checked (base/ only has SHA-256): accepted, content addressed by SHA-256.
  Result<fs::path> path =
      download_distribution(fake_, *cache_, file({{"md5", std::string(32, '0')}}), false);
  ASSERT_TRUE(path) << path.error().render();
  EXPECT_EQ(*path, cache_->blob_path(cache::Bucket::kWheels, to_hex(sha256(kBody))));
  // Without a sha256 it cannot be looked up first, so it is fetched again.
  ASSERT_TRUE(download_distribution(fake_, *cache_, file({}), false));
  EXPECT_EQ(fake_.count(kUrl), 2u);
  // ...and offline it is a miss.
  EXPECT_FALSE(download_distribution(fake_, *cache_, file({}), true));
}

TEST_F(DownloadTest, BatchUsesOneFetchAllAndKeepsOrder) {
  const std::string a = "https://files.example/a.whl", b = "https://files.example/b.whl",
                    c = "https://files.example/c.whl";
  fake_.add_body(a, "aaa");
  fake_.add_body(b, "bbb");
  fake_.add_body(c, "ccc");
  // c is cached already: it must not be requested.
  ASSERT_TRUE(cache_->put_blob(cache::Bucket::kWheels, to_hex(sha256("ccc")), "ccc"));
  std::vector<DistributionFile> files = {
      file({{"sha256", to_hex(sha256("aaa"))}}, a),
      file({{"sha256", std::string(64, '0')}}, b),  // mismatch
      file({{"sha256", to_hex(sha256("ccc"))}}, c),
      file({}, "https://files.example/missing.whl"),
  };
  std::vector<Result<fs::path>> results = download_distributions(fake_, *cache_, files, false);
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(fake_.batches(), 1);
  ASSERT_TRUE(results[0]);
  EXPECT_EQ(read(*results[0]), "aaa");
  ASSERT_FALSE(results[1]);
  EXPECT_EQ(results[1].error().kind(), ErrorKind::kIntegrity);
  ASSERT_TRUE(results[2]);
  EXPECT_EQ(read(*results[2]), "ccc");
  ASSERT_FALSE(results[3]);
  EXPECT_NE(results[3].error().message().find("HTTP status 404"), std::string::npos);
  EXPECT_EQ(fake_.count(c), 0u);
  EXPECT_EQ(fake_.requests().size(), 3u);
  EXPECT_FALSE(cache_->find_blob(cache::Bucket::kWheels, to_hex(sha256("bbb"))));
}

TEST_F(DownloadTest, BatchWithEverythingCachedMakesNoRequest) {
  ASSERT_TRUE(cache_->put_blob(cache::Bucket::kWheels, to_hex(sha256("x")), "x"));
  auto results =
      download_distributions(fake_, *cache_, {file({{"sha256", to_hex(sha256("x"))}})}, true);
  ASSERT_TRUE(results[0]);
  EXPECT_EQ(fake_.batches(), 0);
}

}  // namespace
}  // namespace roost::index
