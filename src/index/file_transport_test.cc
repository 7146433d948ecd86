#include "index/file_transport.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "base/sha256.h"
#include "index/fake_transport.h"
#include "index/index_client.h"
#include "index/test_zip.h"

namespace roost::index {
namespace {

namespace fs = std::filesystem;

constexpr char kRefusal[] = ": it is not inside a local index or find-links directory";

void write(const fs::path& path, const std::string& data) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << data;
}

// "file://" + the path, with the two characters these tests need escaped.
std::string file_url(const fs::path& path) {
  std::string out = "file://";
  for (char c : path.string()) {
    if (c == ' ') {
      out += "%20";
    } else if (c == '%') {
      out += "%25";
    } else {
      out += c;
    }
  }
  return out;
}

class FileTransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> n{0};
    dir_ = fs::path(::testing::TempDir()) /
           ("roost-file-transport-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    fs::remove_all(dir_);
    root_ = dir_ / "index";
    write(root_ / "pkg" / "index.html", "<a href=\"pkg-1.0.tar.gz\">pkg-1.0.tar.gz</a>");
    write(root_ / "a b" / "x.whl", "wheel bytes");
    std::string data;
    for (int i = 0; i < 10; ++i) data += "0123456789";
    write(root_ / "data.bin", data);
    write(dir_ / "secret", "password");
    fs::create_symlink(dir_ / "secret", root_ / "link");
  }
  void TearDown() override { fs::remove_all(dir_); }

  Result<Response> fetch(const Request& request) {
    FileTransport transport(fake_, {root_});
    return transport.fetch(request);
  }
  Result<Response> get(const std::string& url) { return fetch(Request{.url = url}); }

  fs::path dir_;
  fs::path root_;
  FakeTransport fake_;
};

TEST_F(FileTransportTest, ServesProjectPageIndexHtml) {
  std::string url = file_url(root_ / "pkg") + "/";
  Result<Response> r = get(url);
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->final_url, url);
  EXPECT_EQ(r->body, "<a href=\"pkg-1.0.tar.gz\">pkg-1.0.tar.gz</a>");
  EXPECT_EQ(r->header("content-type"), "text/html");
  EXPECT_EQ(r->header("content-length"), std::to_string(r->body.size()));
  EXPECT_EQ(r->header("content-range"), "");
  EXPECT_EQ(fake_.batches(), 0);
  write(root_ / "json" / "page.json", "{}");
  Result<Response> json = get(file_url(root_ / "json" / "page.json"));
  ASSERT_TRUE(json.ok()) << json.error().render();
  EXPECT_EQ(json->header("content-type"), "application/vnd.pypi.simple.v1+json");
}

TEST_F(FileTransportTest, MissingProjectAndDirectoryWithoutIndexAre404) {
  for (const std::string& url :
       {file_url(root_ / "nope") + "/", file_url(root_) + "/", file_url(root_ / "data.bin") + "/",
        file_url(root_ / "data.bin" / "x")}) {
    Result<Response> r = get(url);
    ASSERT_TRUE(r.ok()) << r.error().render();
    EXPECT_EQ(r->status, 404) << url;
    EXPECT_EQ(r->final_url, url);
  }
}

TEST_F(FileTransportTest, DirectoryWithoutSlashGetsItInFinalUrl) {
  Result<Response> r = get(file_url(root_ / "pkg"));
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->final_url, file_url(root_ / "pkg") + "/");
  Result<Response> with_query = get(file_url(root_ / "pkg") + "?x=1");
  ASSERT_TRUE(with_query.ok()) << with_query.error().render();
  EXPECT_EQ(with_query->final_url, file_url(root_ / "pkg") + "/?x=1");
}

TEST_F(FileTransportTest, PercentEncodedPathLocalhostAndFragment) {
  std::string url =
      "FILE://localhost" + file_url(root_ / "a b" / "x.whl").substr(7) + "#sha256=abc";
  ASSERT_NE(url.find("a%20b"), std::string::npos);
  Result<Response> r = get(url);
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "wheel bytes");
  EXPECT_EQ(r->header("content-type"), "application/octet-stream");
  EXPECT_EQ(r->final_url, url);
}

TEST_F(FileTransportTest, DotDotEscapeIsRefused) {
  std::string path = root_.string() + "/../secret";
  Result<Response> r = get("file://" + path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind(), ErrorKind::kNetwork);
  EXPECT_EQ(r.error().message(), "refusing to read " + path + kRefusal);
}

TEST_F(FileTransportTest, SymlinkOutOfTheRootIsRefused) {
  Result<Response> r = get(file_url(root_ / "link"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(), "refusing to read " + (root_ / "link").string() + kRefusal);
  // A directory's index.html is checked too.
  fs::create_directories(root_ / "trap");
  fs::create_symlink(dir_ / "secret", root_ / "trap" / "index.html");
  Result<Response> page = get(file_url(root_ / "trap") + "/");
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().message(),
            "refusing to read " + (root_ / "trap" / "index.html").string() + kRefusal);
}

TEST_F(FileTransportTest, NoRootsRefuseEverything) {
  FileTransport transport(fake_, {});
  Result<Response> r = transport.fetch({.url = file_url(root_ / "pkg") + "/"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(), "refusing to read " + (root_ / "pkg").string() + kRefusal);
}

TEST_F(FileTransportTest, HostOtherThanLocalhostIsUsageError) {
  Result<Response> r = get("file://server/share/x.whl");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind(), ErrorKind::kUsage);
  EXPECT_EQ(r.error().message(),
            "file:// URLs with a host are not supported: file://server/share/x.whl");
}

TEST(FileUrlToPath, DecodesAndChecksTheHost) {
  Result<fs::path> p = file_url_to_path("file://localhost/srv/my%20index/simple/?q#f");
  ASSERT_TRUE(p.ok()) << p.error().render();
  EXPECT_EQ(*p, fs::path("/srv/my index/simple"));
  EXPECT_EQ(file_url_to_path("FILE:///").value_or({}), fs::path("/"));
  EXPECT_EQ(file_url_to_path("file://host/x").error().kind(), ErrorKind::kUsage);
  EXPECT_EQ(file_url_to_path("https://x/").error().message(), "not a file:// URL: https://x/");
}

TEST_F(FileTransportTest, AbsoluteRange) {
  std::string url = file_url(root_ / "data.bin");
  Result<Response> r = fetch({.url = url, .range = std::pair<uint64_t, uint64_t>{10, 14}});
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(r->status, 206);
  EXPECT_EQ(r->body, "01234");
  EXPECT_EQ(r->header("content-range"), "bytes 10-14/100");
  EXPECT_EQ(r->header("content-length"), "5");
  // A range running past the end is cut to the file.
  Result<Response> tail = fetch({.url = url, .range = std::pair<uint64_t, uint64_t>{97, 500}});
  ASSERT_TRUE(tail.ok()) << tail.error().render();
  EXPECT_EQ(tail->body, "789");
  EXPECT_EQ(tail->header("content-range"), "bytes 97-99/100");
}

TEST_F(FileTransportTest, SuffixRangeHeader) {
  std::string url = file_url(root_ / "data.bin");
  Result<Response> r = fetch({.url = url, .headers = {{"Range", "bytes=-4"}}});
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(r->status, 206);
  EXPECT_EQ(r->body, "6789");
  EXPECT_EQ(r->header("content-range"), "bytes 96-99/100");
  Result<Response> all = fetch({.url = url, .headers = {{"Range", "bytes=-65536"}}});
  ASSERT_TRUE(all.ok()) << all.error().render();
  EXPECT_EQ(all->status, 206);
  EXPECT_EQ(all->body.size(), 100u);
  EXPECT_EQ(all->header("content-range"), "bytes 0-99/100");
}

TEST_F(FileTransportTest, RangePastTheEndIs416) {
  Result<Response> r = fetch(
      {.url = file_url(root_ / "data.bin"), .range = std::pair<uint64_t, uint64_t>{100, 200}});
  ASSERT_TRUE(r.ok()) << r.error().render();
  EXPECT_EQ(r->status, 416);
  EXPECT_EQ(r->body, "");
  EXPECT_EQ(r->header("content-range"), "bytes */100");
}

TEST_F(FileTransportTest, MixedBatchForwardsOnlyNetworkRequestsOnceInOrder) {
  fake_.add_body("https://a.example/simple/x/", "A");
  fake_.add_body("http://b.example/simple/y/", "B");
  FileTransport transport(fake_, {root_});
  std::vector<Result<Response>> r = transport.fetch_all({
      {.url = "https://a.example/simple/x/"},
      {.url = file_url(root_ / "pkg") + "/"},
      {.url = "http://b.example/simple/y/"},
      {.url = file_url(root_ / "missing.whl")},
  });
  ASSERT_EQ(r.size(), 4u);
  for (const Result<Response>& one : r) ASSERT_TRUE(one.ok()) << one.error().render();
  EXPECT_EQ(r[0]->body, "A");
  EXPECT_EQ(r[1]->header("content-type"), "text/html");
  EXPECT_EQ(r[2]->body, "B");
  EXPECT_EQ(r[3]->status, 404);
  EXPECT_EQ(fake_.batches(), 1);
  std::vector<Request> sent = fake_.requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].url, "https://a.example/simple/x/");
  EXPECT_EQ(sent[1].url, "http://b.example/simple/y/");
}

TEST_F(FileTransportTest, FileOnlyBatchNeverCallsTheNetwork) {
  FileTransport transport(fake_, {root_});
  std::vector<Result<Response>> r = transport.fetch_all(
      {{.url = file_url(root_ / "data.bin")}, {.url = file_url(root_ / "link")}});
  ASSERT_EQ(r.size(), 2u);
  EXPECT_TRUE(r[0].ok());
  EXPECT_FALSE(r[1].ok());
  EXPECT_EQ(fake_.batches(), 0);
  EXPECT_TRUE(fake_.requests().empty());
}

// The real client over a file:// mirror laid out as bandersnatch does (simple/ beside packages/):
// one wheel with PEP 658 metadata next to its page, one read by range requests.
TEST_F(FileTransportTest, IndexClientReadsALocalIndex) {
  const std::string pep658 = "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n";
  const std::string ranged = "Metadata-Version: 2.1\nName: demo\nVersion: 2.0\n";
  std::string wheel1 = testing::make_stored_zip({{"demo-1.0.dist-info/METADATA", pep658}});
  std::string wheel2 = testing::make_stored_zip(
      {{"demo/__init__.py", "x = 2\n"}, {"demo-2.0.dist-info/METADATA", ranged}});
  fs::path simple = root_ / "simple";
  write(simple / "demo" / "demo-1.0-py3-none-any.whl", wheel1);
  write(simple / "demo" / "demo-1.0-py3-none-any.whl.metadata", pep658);
  write(root_ / "packages" / "demo-2.0-py3-none-any.whl", wheel2);
  write(simple / "demo" / "index.html",
        "<!DOCTYPE html><html><body>\n"
        "<a href=\"demo-1.0-py3-none-any.whl#sha256=" +
            to_hex(sha256(wheel1)) +
            "\" data-dist-info-metadata=\"sha256=" + to_hex(sha256(pep658)) +
            "\">demo-1.0-py3-none-any.whl</a>\n"
            "<a href=\"../../packages/demo-2.0-py3-none-any.whl\">demo-2.0-py3-none-any.whl</a>\n"
            "</body></html>\n");

  FileTransport transport(fake_, {root_});
  IndexClient client(transport, nullptr,
                     ClientOptions{.indexes = {{.url = file_url(simple)}}, .now = 1000});
  std::vector<Result<ProjectFiles>> found =
      client.find_projects({{.name = std::move(pep508::PackageName::parse("Demo")).value()}});
  ASSERT_EQ(found.size(), 1u);
  ASSERT_TRUE(found[0].ok()) << found[0].error().render();
  ASSERT_EQ(found[0]->files.size(), 2u);
  EXPECT_EQ(found[0]->files[0].file.url, file_url(simple / "demo" / "demo-1.0-py3-none-any.whl"));
  EXPECT_EQ(found[0]->files[1].file.url,
            file_url(root_ / "packages" / "demo-2.0-py3-none-any.whl"));
  EXPECT_EQ(found[0]->files[0].file.hashes.at("sha256"), to_hex(sha256(wheel1)));

  std::vector<DistributionFile> files = {found[0]->files[0].file, found[0]->files[1].file};
  std::vector<Result<CoreMetadataText>> metadata =
      client.fetch_core_metadata_all_with_source(files);
  ASSERT_EQ(metadata.size(), 2u);
  ASSERT_TRUE(metadata[0].ok()) << metadata[0].error().render();
  EXPECT_EQ(metadata[0]->text, pep658);
  EXPECT_EQ(metadata[0]->source, MetadataSource::kPep658);
  ASSERT_TRUE(metadata[1].ok()) << metadata[1].error().render();
  EXPECT_EQ(metadata[1]->text, ranged);
  EXPECT_EQ(metadata[1]->source, MetadataSource::kRangeRequests);
  EXPECT_EQ(fake_.batches(), 0);

  // --offline does not stop a local index, and its pages never enter the cache.
  Result<cache::Cache> cache = cache::Cache::open(root_ / "cache");
  ASSERT_TRUE(cache.ok());
  IndexClient offline(
      transport, &*cache,
      ClientOptions{.indexes = {{.url = file_url(simple)}}, .offline = true, .now = 1000});
  std::vector<Result<ProjectFiles>> again =
      offline.find_projects({{.name = std::move(pep508::PackageName::parse("demo")).value()}});
  ASSERT_TRUE(again[0].ok()) << again[0].error().render();
  EXPECT_EQ(again[0]->files.size(), 2u);
  std::vector<Result<CoreMetadataText>> offline_metadata =
      offline.fetch_core_metadata_all_with_source(files);
  ASSERT_TRUE(offline_metadata[1].ok()) << offline_metadata[1].error().render();
  EXPECT_EQ(offline_metadata[1]->text, ranged);
  Result<std::optional<std::string>> page =
      cache->read_entry(cache::Bucket::kSimple, file_url(simple) + "/demo/");
  ASSERT_TRUE(page.ok());
  EXPECT_FALSE(page->has_value());
  EXPECT_EQ(fake_.batches(), 0);
}

}  // namespace
}  // namespace roost::index
