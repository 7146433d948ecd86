#include "index/index_client.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "base/sha256.h"
#include "cache/http_cache.h"
#include "index/fake_transport.h"
#include "index/test_zip.h"
#include "index/url.h"

namespace roost::index {
namespace {

namespace fs = std::filesystem;

constexpr char kA[] = "https://a.example/simple";
constexpr char kB[] = "https://b.example/simple/";

pep508::PackageName pkg(std::string_view text) {
  return std::move(pep508::PackageName::parse(text)).value();
}

std::string html_page(const std::vector<std::string>& filenames) {
  std::string out = "<!DOCTYPE html><html><body>\n";
  for (const std::string& f : filenames) out += "<a href=\"" + f + "\">" + f + "</a>\n";
  return out + "</body></html>\n";
}

std::string json_page(const std::string& name, const std::vector<std::string>& filenames) {
  std::string out = R"({"meta": {"api-version": "1.1"}, "name": ")" + name + R"(", "files": [)";
  for (size_t i = 0; i < filenames.size(); ++i) {
    if (i > 0) out += ", ";
    out += R"({"filename": ")" + filenames[i] + R"(", "url": ")" + filenames[i] +
           R"(", "hashes": {}})";
  }
  return out + "]}";
}

Response html_response(const std::vector<std::string>& filenames,
                       cache::HeaderList extra_headers = {}) {
  Response r{.status = 200, .body = html_page(filenames)};
  r.headers.emplace_back("content-type", "text/html; charset=utf-8");
  for (auto& h : extra_headers) r.headers.push_back(h);
  return r;
}

std::vector<std::string> filenames(const ProjectFiles& files) {
  std::vector<std::string> out;
  for (const FoundFile& f : files.files) out.push_back(f.file.filename);
  return out;
}

// Records each fetch_all batch's URLs, then forwards to a FakeTransport.
class BatchRecorder final : public Transport {
 public:
  explicit BatchRecorder(FakeTransport& inner) : inner_(inner) {}
  std::vector<Result<Response>> fetch_all(const std::vector<Request>& requests) override {
    std::vector<std::string> urls;
    for (const Request& r : requests) urls.push_back(r.url);
    batches.push_back(urls);
    return inner_.fetch_all(requests);
  }
  std::vector<std::vector<std::string>> batches;

 private:
  FakeTransport& inner_;
};

class IndexClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> n{0};
    dir_ = fs::path(::testing::TempDir()) /
           ("roost-index-client-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    fs::remove_all(dir_);
    Result<cache::Cache> c = cache::Cache::open(dir_ / "cache");
    ASSERT_TRUE(c.ok()) << c.error().render();
    cache_.emplace(std::move(c).value());
  }
  void TearDown() override { fs::remove_all(dir_); }

  ClientOptions two_indexes() {
    return ClientOptions{.indexes = {{.url = kA}, {.url = kB}}, .now = 1000};
  }
  std::vector<Result<ProjectFiles>> find(const ClientOptions& options,
                                         const std::vector<ProjectQuery>& queries,
                                         bool use_cache = true) {
    IndexClient client(fake_, use_cache ? &*cache_ : nullptr, options);
    return client.find_projects(queries);
  }
  ProjectFiles find_one(const ClientOptions& options, std::string_view name) {
    std::vector<Result<ProjectFiles>> r = find(options, {{.name = pkg(name)}});
    EXPECT_EQ(r.size(), 1u);
    EXPECT_TRUE(r[0].ok()) << r[0].error().render();
    return r[0].ok() ? std::move(r[0]).value() : ProjectFiles{.name = pkg(name)};
  }

  fs::path dir_;
  std::optional<cache::Cache> cache_;
  FakeTransport fake_;
};

TEST(IndexClientUrl, ProjectPageUrlHasExactlyOneSlash) {
  EXPECT_EQ(project_page_url("https://i/simple", pkg("Foo_Bar")), "https://i/simple/foo-bar/");
  EXPECT_EQ(project_page_url("https://i/simple/", pkg("foo")), "https://i/simple/foo/");
  EXPECT_EQ(project_page_url("https://i/simple//", pkg("foo")), "https://i/simple/foo/");
}

TEST_F(IndexClientTest, FirstIndexStopsAtFirst200EvenWhenEmpty) {
  fake_.add_response("https://a.example/simple/flask/", html_response({}));
  fake_.add_response("https://b.example/simple/flask/", html_response({"flask-1.0.tar.gz"}));
  ProjectFiles files = find_one(two_indexes(), "Flask");
  EXPECT_TRUE(files.files.empty());
  ASSERT_EQ(files.pages.size(), 1u);
  EXPECT_TRUE(files.pages[0].found);
  EXPECT_EQ(files.pages[0].index_url, kA);
  EXPECT_EQ(fake_.count("https://b.example/simple/flask/"), 0u);
  ASSERT_EQ(fake_.requests().size(), 1u);
  const Request request = fake_.requests()[0];
  ASSERT_EQ(request.headers.size(), 1u);
  EXPECT_EQ(request.headers[0].first, "Accept");
  EXPECT_EQ(request.headers[0].second,
            "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, "
            "text/html;q=0.01");
}

TEST_F(IndexClientTest, NotFoundAndGoneFallThrough) {
  // a.example: 404 (unscripted); b.example has it. For "gone": 410 on a, found on b.
  fake_.add_response("https://b.example/simple/flask/", html_response({"flask-1.0.tar.gz"}));
  fake_.add_response("https://a.example/simple/gone/", {.status = 410});
  fake_.add_response("https://b.example/simple/gone/", html_response({"gone-2.0.tar.gz"}));
  ProjectFiles flask = find_one(two_indexes(), "flask");
  EXPECT_EQ(filenames(flask), std::vector<std::string>{"flask-1.0.tar.gz"});
  ASSERT_EQ(flask.pages.size(), 2u);
  EXPECT_FALSE(flask.pages[0].found);
  EXPECT_TRUE(flask.pages[1].found);
  EXPECT_EQ(flask.files[0].index_url, kB);
  EXPECT_EQ(flask.files[0].file.url, "https://b.example/simple/flask/flask-1.0.tar.gz");
  EXPECT_EQ(filenames(find_one(two_indexes(), "gone")),
            std::vector<std::string>{"gone-2.0.tar.gz"});
}

TEST_F(IndexClientTest, UnknownEverywhereIsEmptyNotError) {
  ProjectFiles files = find_one(two_indexes(), "nothing");
  EXPECT_TRUE(files.files.empty());
  EXPECT_EQ(files.pages.size(), 2u);
}

TEST_F(IndexClientTest, UnsafeBestMatchConcatenatesInIndexOrder) {
  fake_.add_response("https://a.example/simple/flask/", html_response({"flask-2.0.tar.gz"}));
  fake_.add_response("https://b.example/simple/flask/",
                     html_response({"flask-1.0.tar.gz", "flask-3.0.tar.gz"}));
  ClientOptions options = two_indexes();
  options.strategy = IndexStrategy::kUnsafeBestMatch;
  ProjectFiles files = find_one(options, "flask");
  EXPECT_EQ(filenames(files),
            (std::vector<std::string>{"flask-2.0.tar.gz", "flask-1.0.tar.gz", "flask-3.0.tar.gz"}));
  EXPECT_EQ(files.files[0].index_url, kA);
  EXPECT_EQ(files.files[2].index_url, kB);
  EXPECT_EQ(files.pages.size(), 2u);
}

TEST_F(IndexClientTest, ExplicitIndexOnlyForPinnedQueries) {
  ClientOptions options{
      .indexes = {{.url = kA, .name = "private", .explicit_only = true}, {.url = kB}}};
  fake_.add_response("https://a.example/simple/flask/", html_response({"evil-flask-9.tar.gz"}));
  fake_.add_response("https://b.example/simple/flask/", html_response({"flask-1.0.tar.gz"}));
  fake_.add_response("https://b.example/simple/torch/", html_response({"torch-1.0.tar.gz"}));
  std::vector<Result<ProjectFiles>> r =
      find(options, {{.name = pkg("flask")}, {.name = pkg("torch"), .pinned_index = "private"}});
  ASSERT_TRUE(r[0].ok() && r[1].ok());
  EXPECT_EQ(filenames(*r[0]), std::vector<std::string>{"flask-1.0.tar.gz"});
  EXPECT_EQ(fake_.count("https://a.example/simple/flask/"), 0u);
  // Pinned: only "private" is asked, and its 404 is final.
  EXPECT_TRUE(r[1]->files.empty());
  EXPECT_EQ(fake_.count("https://a.example/simple/torch/"), 1u);
  EXPECT_EQ(fake_.count("https://b.example/simple/torch/"), 0u);
}

TEST_F(IndexClientTest, PinnedToUnknownIndexIsUsageError) {
  std::vector<Result<ProjectFiles>> r =
      find(two_indexes(), {{.name = pkg("torch"), .pinned_index = "nope"}, {.name = pkg("x")}});
  ASSERT_FALSE(r[0].ok());
  EXPECT_EQ(r[0].error().kind(), ErrorKind::kUsage);
  EXPECT_EQ(r[0].error().message(),
            "package torch is pinned to index `nope`, but no index has that name");
  EXPECT_TRUE(r[1].ok());
  EXPECT_EQ(fake_.requests().size(), 2u);  // x on both indexes, torch nowhere
}

TEST_F(IndexClientTest, ParsesJsonOrHtmlByContentType) {
  fake_.add_response("https://a.example/simple/j/",
                     {.status = 200,
                      .headers = {{"content-type", "application/vnd.pypi.simple.v1+json"}},
                      .body = json_page("j", {"j-1.0.tar.gz"})});
  fake_.add_response("https://a.example/simple/h/",
                     {.status = 200,
                      .headers = {{"content-type", "application/vnd.pypi.simple.v1+html"}},
                      .body = html_page({"h-1.0.tar.gz"})});
  std::vector<Result<ProjectFiles>> r =
      find(two_indexes(), {{.name = pkg("j")}, {.name = pkg("h")}});
  ASSERT_TRUE(r[0].ok()) << r[0].error().render();
  ASSERT_TRUE(r[1].ok()) << r[1].error().render();
  EXPECT_EQ(filenames(*r[0]), std::vector<std::string>{"j-1.0.tar.gz"});
  EXPECT_EQ(r[0]->files[0].file.url, "https://a.example/simple/j/j-1.0.tar.gz");
  EXPECT_EQ(filenames(*r[1]), std::vector<std::string>{"h-1.0.tar.gz"});
}

TEST_F(IndexClientTest, UsesFinalUrlAsBase) {
  fake_.add_response("https://a.example/simple/flask/",
                     {.status = 200,
                      .final_url = "https://mirror.example/pypi/flask/",
                      .headers = {{"content-type", "text/html"}, {"cache-control", "max-age=60"}},
                      .body = html_page({"flask-1.0.tar.gz"})});
  ProjectFiles files = find_one(two_indexes(), "flask");
  ASSERT_EQ(files.files.size(), 1u);
  EXPECT_EQ(files.files[0].file.url, "https://mirror.example/pypi/flask/flask-1.0.tar.gz");
  EXPECT_EQ(files.pages[0].page_url, "https://mirror.example/pypi/flask/");
  // Served from the cache, links still resolve against where the page really came from.
  ProjectFiles cached = find_one(two_indexes(), "flask");
  EXPECT_EQ(cached.pages[0].source, PageSource::kCacheFresh);
  ASSERT_EQ(cached.files.size(), 1u);
  EXPECT_EQ(cached.files[0].file.url, "https://mirror.example/pypi/flask/flask-1.0.tar.gz");
}

TEST_F(IndexClientTest, SniffsWithoutContentType) {
  fake_.add_response("https://a.example/simple/h/",
                     {.status = 200, .body = "\n  " + html_page({"h-1.0.tar.gz"})});
  fake_.add_response("https://a.example/simple/j/",
                     {.status = 200, .body = " " + json_page("j", {"j-1.0.tar.gz"})});
  std::vector<Result<ProjectFiles>> r =
      find(two_indexes(), {{.name = pkg("h")}, {.name = pkg("j")}});
  ASSERT_TRUE(r[0].ok() && r[1].ok());
  EXPECT_EQ(filenames(*r[0]), std::vector<std::string>{"h-1.0.tar.gz"});
  EXPECT_EQ(filenames(*r[1]), std::vector<std::string>{"j-1.0.tar.gz"});
}

TEST_F(IndexClientTest, UnexpectedContentTypeIsParseError) {
  fake_.add_response(
      "https://a.example/simple/flask/",
      {.status = 200, .headers = {{"content-type", "text/plain; charset=utf-8"}}, .body = "hello"});
  std::vector<Result<ProjectFiles>> r = find(two_indexes(), {{.name = pkg("flask")}});
  ASSERT_FALSE(r[0].ok());
  EXPECT_EQ(r[0].error().kind(), ErrorKind::kParse);
  EXPECT_EQ(r[0].error().message(),
            "unexpected content type text/plain from https://a.example/simple/flask/ (expected a "
            "PEP 503 or 691 page; is --index-url the simple API root?)");
}

TEST_F(IndexClientTest, OtherStatusIsErrorNamingUrl) {
  fake_.add_response("https://a.example/simple/flask/", {.status = 403});
  std::vector<Result<ProjectFiles>> r = find(two_indexes(), {{.name = pkg("flask")}});
  ASSERT_FALSE(r[0].ok());
  EXPECT_EQ(r[0].error().message(),
            "unexpected HTTP status 403 from https://a.example/simple/flask/");
}

TEST_F(IndexClientTest, OneBatchPerIndexRound) {
  fake_.add_response("https://a.example/simple/a/", html_response({"a-1.0.tar.gz"}));
  fake_.add_response("https://a.example/simple/b/", html_response({"b-1.0.tar.gz"}));
  fake_.add_response("https://b.example/simple/c/", html_response({"c-1.0.tar.gz"}));
  BatchRecorder recorder(fake_);
  IndexClient client(recorder, &*cache_, two_indexes());
  std::vector<Result<ProjectFiles>> r =
      client.find_projects({{.name = pkg("a")}, {.name = pkg("b")}, {.name = pkg("c")}});
  for (const auto& one : r) ASSERT_TRUE(one.ok());
  EXPECT_EQ(filenames(*r[2]), std::vector<std::string>{"c-1.0.tar.gz"});
  ASSERT_EQ(recorder.batches.size(), 2u);
  EXPECT_EQ(recorder.batches[0],
            (std::vector<std::string>{"https://a.example/simple/a/", "https://a.example/simple/b/",
                                      "https://a.example/simple/c/"}));
  EXPECT_EQ(recorder.batches[1], std::vector<std::string>{"https://b.example/simple/c/"});
}

TEST_F(IndexClientTest, FreshCacheEntryNeedsNoRequest) {
  fake_.add_response("https://a.example/simple/flask/",
                     html_response({"flask-1.0.tar.gz"}, {{"cache-control", "max-age=600"}}));
  ClientOptions options = two_indexes();
  EXPECT_EQ(find_one(options, "flask").pages[0].source, PageSource::kNetwork);
  options.now += 100;
  ProjectFiles again = find_one(options, "flask");
  EXPECT_EQ(again.pages[0].source, PageSource::kCacheFresh);
  EXPECT_EQ(filenames(again), std::vector<std::string>{"flask-1.0.tar.gz"});
  EXPECT_EQ(fake_.count("https://a.example/simple/flask/"), 1u);
}

TEST_F(IndexClientTest, NoCacheMeansAlwaysFetch) {
  fake_.add_response("https://a.example/simple/flask/",
                     html_response({"flask-1.0.tar.gz"}, {{"cache-control", "max-age=600"}}));
  find(two_indexes(), {{.name = pkg("flask")}}, /*use_cache=*/false);
  find(two_indexes(), {{.name = pkg("flask")}}, /*use_cache=*/false);
  EXPECT_EQ(fake_.count("https://a.example/simple/flask/"), 2u);
}

TEST_F(IndexClientTest, StaleEntryIsRevalidatedWithEtag) {
  const std::string url = "https://a.example/simple/flask/";
  fake_.add_response(url, html_response({"flask-1.0.tar.gz"},
                                        {{"etag", "\"v1\""}, {"cache-control", "max-age=10"}}));
  fake_.add_response(url, {.status = 304, .headers = {{"etag", "\"v1\""}}});
  ClientOptions options = two_indexes();
  find_one(options, "flask");
  options.now += 60;
  ProjectFiles again = find_one(options, "flask");
  EXPECT_EQ(again.pages[0].source, PageSource::kCacheRevalidated);
  EXPECT_EQ(filenames(again), std::vector<std::string>{"flask-1.0.tar.gz"});
  std::vector<Request> requests = fake_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].if_none_match, "");
  EXPECT_EQ(requests[1].if_none_match, "\"v1\"");
}

TEST_F(IndexClientTest, StaleEntryReplacedBy200) {
  const std::string url = "https://a.example/simple/flask/";
  fake_.add_response(url, html_response({"flask-1.0.tar.gz"}, {{"etag", "\"v1\""}}));
  fake_.add_response(url, html_response({"flask-2.0.tar.gz"}, {{"etag", "\"v2\""}}));
  find_one(two_indexes(), "flask");
  ProjectFiles again = find_one(two_indexes(), "flask");
  EXPECT_EQ(again.pages[0].source, PageSource::kNetwork);
  EXPECT_EQ(filenames(again), std::vector<std::string>{"flask-2.0.tar.gz"});
  ClientOptions offline = two_indexes();
  offline.offline = true;
  EXPECT_EQ(filenames(find_one(offline, "flask")), std::vector<std::string>{"flask-2.0.tar.gz"});
}

TEST_F(IndexClientTest, RefreshForcesRevalidation) {
  const std::string url = "https://a.example/simple/flask/";
  fake_.add_response(url, html_response({"flask-1.0.tar.gz"},
                                        {{"etag", "\"v1\""}, {"cache-control", "max-age=600"}}));
  fake_.add_response(url, {.status = 304});
  ClientOptions options = two_indexes();
  find_one(options, "flask");
  options.refresh = true;
  ProjectFiles again = find_one(options, "flask");
  EXPECT_EQ(again.pages[0].source, PageSource::kCacheRevalidated);
  EXPECT_EQ(filenames(again), std::vector<std::string>{"flask-1.0.tar.gz"});
  ASSERT_EQ(fake_.requests().size(), 2u);
  EXPECT_EQ(std::vector<Request>(fake_.requests())[1].if_none_match, "\"v1\"");
}

TEST_F(IndexClientTest, OfflineUsesStaleCacheOrFailsClearly) {
  fake_.add_response("https://a.example/simple/flask/", html_response({"flask-1.0.tar.gz"}));
  find_one(two_indexes(), "flask");
  ClientOptions options = two_indexes();
  options.offline = true;
  options.now += 1000000;
  std::vector<Result<ProjectFiles>> r =
      find(options, {{.name = pkg("flask")}, {.name = pkg("django")}});
  ASSERT_TRUE(r[0].ok());
  EXPECT_EQ(r[0]->pages[0].source, PageSource::kCacheOffline);
  EXPECT_EQ(filenames(*r[0]), std::vector<std::string>{"flask-1.0.tar.gz"});
  ASSERT_FALSE(r[1].ok());
  EXPECT_EQ(r[1].error().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(r[1].error().message(),
            "offline: no cached page for django from https://a.example/simple (run once without "
            "--offline)");
  EXPECT_EQ(fake_.requests().size(), 1u);  // only the first, online call
}

TEST_F(IndexClientTest, NotFoundPagesAreNotCached) {
  find_one(two_indexes(), "flask");
  find_one(two_indexes(), "flask");
  EXPECT_EQ(fake_.count("https://a.example/simple/flask/"), 2u);
}

TEST_F(IndexClientTest, NetworkErrorStaysWithItsQuery) {
  fake_.add_error("https://a.example/simple/a/",
                  make_error(ErrorKind::kNetwork, "connection refused: a.example"));
  fake_.add_response("https://a.example/simple/b/", html_response({"b-1.0.tar.gz"}));
  std::vector<Result<ProjectFiles>> r =
      find(two_indexes(), {{.name = pkg("a")}, {.name = pkg("b")}});
  ASSERT_FALSE(r[0].ok());
  EXPECT_EQ(r[0].error().kind(), ErrorKind::kNetwork);
  EXPECT_EQ(r[0].error().message(), "connection refused: a.example");
  ASSERT_TRUE(r[1].ok());
  EXPECT_EQ(filenames(*r[1]), std::vector<std::string>{"b-1.0.tar.gz"});
  EXPECT_EQ(fake_.count("https://b.example/simple/a/"), 0u);  // an error is not a 404
}

TEST_F(IndexClientTest, FindLinksDirectory) {
  fs::path links = dir_ / "links";
  fs::create_directories(links / "sub.whl");  // a directory, not a file: ignored
  for (const char* name : {"my_pkg-1.0-py3-none-any.whl", "My.Pkg-1.0.tar.gz",
                           "my-pkg-extra-2.0.zip", "other-1.0-py3-none-any.whl", "notes.txt"}) {
    std::ofstream(links / name) << "x";
  }
  fake_.add_response("https://a.example/simple/my-pkg/", html_response({"my_pkg-0.9.tar.gz"}));
  ClientOptions options = two_indexes();
  options.find_links = {links.string()};
  ProjectFiles files = find_one(options, "my-pkg");
  EXPECT_EQ(filenames(files), (std::vector<std::string>{"my_pkg-0.9.tar.gz", "My.Pkg-1.0.tar.gz",
                                                        "my_pkg-1.0-py3-none-any.whl"}));
  EXPECT_EQ(files.files[1].file.url, file_url_from_path((links / "My.Pkg-1.0.tar.gz").string()));
  EXPECT_TRUE(files.files[1].file.hashes.empty());
  EXPECT_EQ(files.files[1].index_url, links.string());
  ASSERT_EQ(files.pages.size(), 2u);
  EXPECT_EQ(files.pages[1].source, PageSource::kFindLinks);

  // The same directory as a file:// URL, for the other project.
  options.find_links = {"file://" + links.string()};
  EXPECT_EQ(filenames(find_one(options, "other")),
            std::vector<std::string>{"other-1.0-py3-none-any.whl"});
}

TEST_F(IndexClientTest, FindLinksPageAndMissingDirectory) {
  fake_.add_response("https://links.example/wheels.html",
                     html_response({"flask-1.0-py3-none-any.whl", "django-4.0.tar.gz"}));
  ClientOptions options = two_indexes();
  options.find_links = {"https://links.example/wheels.html"};
  std::vector<Result<ProjectFiles>> r =
      find(options, {{.name = pkg("flask")}, {.name = pkg("django")}});
  ASSERT_TRUE(r[0].ok() && r[1].ok());
  EXPECT_EQ(filenames(*r[0]), std::vector<std::string>{"flask-1.0-py3-none-any.whl"});
  EXPECT_EQ(r[0]->files[0].file.url, "https://links.example/flask-1.0-py3-none-any.whl");
  EXPECT_EQ(filenames(*r[1]), std::vector<std::string>{"django-4.0.tar.gz"});
  EXPECT_EQ(fake_.count("https://links.example/wheels.html"), 1u);  // once per call

  options.find_links = {(dir_ / "missing").string()};
  std::vector<Result<ProjectFiles>> missing = find(options, {{.name = pkg("flask")}});
  ASSERT_FALSE(missing[0].ok());
  EXPECT_EQ(missing[0].error().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(missing[0].error().message(),
            "find-links directory " + (dir_ / "missing").string() + " does not exist");
}

DistributionFile metadata_file(const std::string& body_for_hash) {
  DistributionFile file{.filename = "flask-1.0-py3-none-any.whl",
                        .url = "https://files.example/flask-1.0-py3-none-any.whl"};
  file.core_metadata.available = true;
  file.core_metadata.hashes["sha256"] = to_hex(sha256(body_for_hash));
  return file;
}

TEST_F(IndexClientTest, CoreMetadataCheckedAndCached) {
  const std::string metadata = "Metadata-Version: 2.1\nName: flask\nVersion: 1.0\n";
  const std::string url = "https://files.example/flask-1.0-py3-none-any.whl.metadata";
  fake_.add_body(url, metadata);
  IndexClient client(fake_, &*cache_, two_indexes());
  Result<std::string> got = client.fetch_core_metadata(metadata_file(metadata));
  ASSERT_TRUE(got.ok()) << got.error().render();
  EXPECT_EQ(*got, metadata);
  Result<std::string> again = client.fetch_core_metadata(metadata_file(metadata));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, metadata);
  EXPECT_EQ(fake_.count(url), 1u);

  ClientOptions offline = two_indexes();
  offline.offline = true;
  IndexClient offline_client(fake_, &*cache_, offline);
  EXPECT_TRUE(offline_client.fetch_core_metadata(metadata_file(metadata)).ok());
  Result<std::string> miss = offline_client.fetch_core_metadata(metadata_file("other"));
  ASSERT_FALSE(miss.ok());
  EXPECT_EQ(miss.error().message(),
            "offline: no cached metadata for flask-1.0-py3-none-any.whl (run once without "
            "--offline)");
  EXPECT_EQ(fake_.count(url), 1u);
}

TEST_F(IndexClientTest, CoreMetadataHashMismatch) {
  const std::string url = "https://files.example/flask-1.0-py3-none-any.whl.metadata";
  fake_.add_body(url, "tampered");
  IndexClient client(fake_, &*cache_, two_indexes());
  Result<std::string> got = client.fetch_core_metadata(metadata_file("genuine"));
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().kind(), ErrorKind::kIntegrity);
  EXPECT_EQ(got.error().message(), "hash mismatch for " + url +
                                       ": expected sha256:" + to_hex(sha256("genuine")) +
                                       ", got sha256:" + to_hex(sha256("tampered")));
}

TEST_F(IndexClientTest, CoreMetadataNotAdvertisedOrMissing) {
  IndexClient client(fake_, &*cache_, two_indexes());
  DistributionFile sdist{.filename = "flask-1.0.tar.gz",
                         .url = "https://files.example/flask-1.0.tar.gz"};
  Result<std::string> got = client.fetch_core_metadata(sdist);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(got.error().message(),
            "no metadata for flask-1.0.tar.gz without building it (a later roost builds sdists)");
  EXPECT_TRUE(fake_.requests().empty());

  // A wheel without PEP 658 is read with range requests; here the wheel itself is missing.
  DistributionFile wheel = metadata_file("x");
  wheel.core_metadata = {};
  Result<std::string> no_wheel = client.fetch_core_metadata(wheel);
  ASSERT_FALSE(no_wheel.ok());
  EXPECT_EQ(no_wheel.error().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(no_wheel.error().message(),
            "cannot read METADATA from https://files.example/flask-1.0-py3-none-any.whl: HTTP "
            "status 404");

  Result<std::string> missing = client.fetch_core_metadata(metadata_file("x"));  // 404
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message(),
            "cannot fetch https://files.example/flask-1.0-py3-none-any.whl.metadata: HTTP status "
            "404");
}

DistributionFile pep658_file(const std::string& name, const std::string& metadata) {
  DistributionFile file{.filename = name + "-1.0-py3-none-any.whl",
                        .url = "https://files.example/" + name + "-1.0-py3-none-any.whl"};
  file.core_metadata.available = true;
  file.core_metadata.hashes["sha256"] = to_hex(sha256(metadata));
  return file;
}

TEST_F(IndexClientTest, CoreMetadataAllIsOneBatchInInputOrder) {
  BatchRecorder recorder(fake_);
  IndexClient client(recorder, &*cache_, two_indexes());
  std::vector<DistributionFile> files;
  for (std::string name : {"a", "b", "c", "d"}) {
    std::string metadata = "Name: " + name + "\n";
    fake_.add_body("https://files.example/" + name + "-1.0-py3-none-any.whl.metadata", metadata);
    files.push_back(pep658_file(name, metadata));
  }
  files.push_back(DistributionFile{.filename = "e-1.0.tar.gz", .url = "https://files.example/e"});
  std::vector<Result<CoreMetadataText>> got = client.fetch_core_metadata_all_with_source(files);
  ASSERT_EQ(got.size(), 5u);
  for (size_t i = 0; i < 4; ++i) {
    ASSERT_TRUE(got[i].ok()) << got[i].error().render();
    EXPECT_EQ(got[i]->text, "Name: " + std::string(1, static_cast<char>('a' + i)) + "\n");
    EXPECT_EQ(got[i]->source, MetadataSource::kPep658);
  }
  EXPECT_FALSE(got[4].ok());
  ASSERT_EQ(recorder.batches.size(), 1u);
  EXPECT_EQ(recorder.batches[0].size(), 4u);

  // Everything cached now: no request at all.
  std::vector<Result<CoreMetadataText>> again = client.fetch_core_metadata_all_with_source(files);
  for (size_t i = 0; i < 4; ++i) {
    ASSERT_TRUE(again[i].ok());
    EXPECT_EQ(again[i]->source, MetadataSource::kCache);
  }
  EXPECT_EQ(recorder.batches.size(), 1u);
}

TEST_F(IndexClientTest, WheelMetadataByRangeRequestsIsCachedByWheelHash) {
  const std::string metadata = "Metadata-Version: 2.1\nName: flask\nVersion: 1.0\n";
  std::string zip = testing::make_stored_zip({{"flask/__init__.py", "x = 1\n"},
                                              {"flask-1.0.dist-info/METADATA", metadata},
                                              {"flask-1.0.dist-info/RECORD", ""}});
  testing::RangeTransport transport;
  DistributionFile wheel{.filename = "flask-1.0-py3-none-any.whl",
                         .url = "https://files.example/flask-1.0-py3-none-any.whl"};
  wheel.hashes["sha256"] = to_hex(sha256(zip));
  transport.files[wheel.url] = zip;
  std::string pep658_metadata = "Name: b\n";
  transport.files["https://files.example/b-1.0-py3-none-any.whl.metadata"] = pep658_metadata;
  IndexClient client(transport, &*cache_, two_indexes());

  std::vector<Result<CoreMetadataText>> got =
      client.fetch_core_metadata_all_with_source({wheel, pep658_file("b", pep658_metadata)});
  ASSERT_TRUE(got[0].ok()) << got[0].error().render();
  EXPECT_EQ(got[0]->text, metadata);
  EXPECT_EQ(got[0]->source, MetadataSource::kRangeRequests);
  ASSERT_TRUE(got[1].ok()) << got[1].error().render();
  EXPECT_EQ(transport.batch_sizes, (std::vector<size_t>{2}));  // tail and .metadata together

  Result<std::string> cached = client.fetch_core_metadata(wheel);
  ASSERT_TRUE(cached.ok());
  EXPECT_EQ(*cached, metadata);
  EXPECT_EQ(transport.requests.size(), 2u);

  // Without a wheel hash nothing is cached; offline then has nothing to offer.
  DistributionFile unhashed = wheel;
  unhashed.hashes.clear();
  ASSERT_TRUE(client.fetch_core_metadata(unhashed).ok());
  EXPECT_EQ(transport.requests.size(), 3u);
  ClientOptions offline = two_indexes();
  offline.offline = true;
  IndexClient offline_client(transport, &*cache_, offline);
  EXPECT_TRUE(offline_client.fetch_core_metadata(wheel).ok());
  Result<std::string> miss = offline_client.fetch_core_metadata(unhashed);
  ASSERT_FALSE(miss.ok());
  EXPECT_EQ(miss.error().message(),
            "offline: no cached metadata for flask-1.0-py3-none-any.whl (run once without "
            "--offline)");
  EXPECT_EQ(transport.requests.size(), 3u);
}

}  // namespace
}  // namespace roost::index
