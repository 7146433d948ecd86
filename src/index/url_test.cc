#include "index/url.h"

#include <gtest/gtest.h>

namespace roost::index {
namespace {

std::string resolved(std::string_view base, std::string_view ref) {
  auto r = resolve_url(base, ref);
  if (!r) return "ERROR: " + r.error().message();
  return *r;
}

struct Case {
  const char* ref;
  const char* want;
};

// RFC 3986 §5.4.1.
TEST(ResolveUrl, Rfc3986NormalExamples) {
  const Case cases[] = {
      {"g:h", "g:h"},
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"},
      {"g?y#s", "http://a/b/c/g?y#s"},
      {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"},
      {"g;x?y#s", "http://a/b/c/g;x?y#s"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../", "http://a/"},
      {"../../g", "http://a/g"},
  };
  for (const Case& c : cases) EXPECT_EQ(resolved("http://a/b/c/d;p?q", c.ref), c.want) << c.ref;
}

// RFC 3986 §5.4.2.
TEST(ResolveUrl, Rfc3986AbnormalExamples) {
  const Case cases[] = {
      {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"},
      {"g#s/../x", "http://a/b/c/g#s/../x"},
  };
  for (const Case& c : cases) EXPECT_EQ(resolved("http://a/b/c/d;p?q", c.ref), c.want) << c.ref;
}

TEST(ResolveUrl, IndexShapes) {
  const char* page = "https://pypi.org/simple/requests/";
  EXPECT_EQ(resolved(page, "../../packages/ab/requests-2.31.0.tar.gz#sha256=ab"),
            "https://pypi.org/packages/ab/requests-2.31.0.tar.gz#sha256=ab");
  EXPECT_EQ(resolved(page, "//files.example.com/a.whl"), "https://files.example.com/a.whl");
  EXPECT_EQ(resolved(page, "a-1.0.tar.gz?x=1&y=2"),
            "https://pypi.org/simple/requests/a-1.0.tar.gz?x=1&y=2");
  EXPECT_EQ(resolved(page, "HTTPS://Other/x.whl"), "HTTPS://Other/x.whl");
  EXPECT_EQ(resolved("file:///srv/simple/a/index.html", "../../a-1.whl"), "file:///srv/a-1.whl");
  EXPECT_EQ(resolved("https://h", "a.whl"), "https://h/a.whl");  // empty base path, §5.2.3
}

TEST(ResolveUrl, Errors) {
  auto no_scheme = resolve_url("/simple/a/", "a.whl");
  ASSERT_FALSE(no_scheme);
  EXPECT_EQ(no_scheme.error().kind(), ErrorKind::kParse);
  EXPECT_EQ(no_scheme.error().message(),
            "cannot resolve \"a.whl\" against \"/simple/a/\": the base URL has no scheme");
  auto space = resolve_url("https://h/", "a b.whl");
  ASSERT_FALSE(space);
  EXPECT_EQ(space.error().message(), "URL \"a b.whl\" contains a space or control character");
  auto no_host = resolve_url("https://h/", "http:a.whl");
  ASSERT_FALSE(no_host);
  EXPECT_EQ(no_host.error().message(),
            "cannot resolve \"http:a.whl\" against \"https://h/\": the result has no host");
}

TEST(PercentDecode, DecodesValidEscapesOnly) {
  EXPECT_EQ(percent_decode("foo%2Bbar%20baz"), "foo+bar baz");
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_EQ(percent_decode("100%"), "100%");
}

TEST(UrlFilename, LastSegmentWithoutQueryOrFragmentDecoded) {
  EXPECT_EQ(url_filename("https://f/x/a-1.0%2Bcpu-py3-none-any.whl#sha256=ab"),
            "a-1.0+cpu-py3-none-any.whl");
  EXPECT_EQ(url_filename("https://f/x/b.tar.gz?token=1"), "b.tar.gz");
  EXPECT_EQ(url_filename("https://f/x/"), "");
  EXPECT_EQ(url_filename("c.whl"), "c.whl");
  EXPECT_EQ(percent_decode("%zz%4"), "%zz%4");
  EXPECT_EQ(percent_decode("%e2%82%ac"), "\xe2\x82\xac");
  EXPECT_EQ(percent_decode(""), "");
}

TEST(StripFragment, SplitsAtFirstHash) {
  std::string frag = "stale";
  EXPECT_EQ(strip_fragment("https://x/a.whl#sha256=ab#c", &frag), "https://x/a.whl");
  EXPECT_EQ(frag, "sha256=ab#c");
  EXPECT_EQ(strip_fragment("https://x/a.whl", &frag), "https://x/a.whl");
  EXPECT_EQ(frag, "");
  EXPECT_EQ(strip_fragment("https://x/a.whl#", nullptr), "https://x/a.whl");
}

TEST(FileUrlFromPath, EncodesWhatIsNotUnreserved) {
  EXPECT_EQ(file_url_from_path("/srv/simple/"), "file:///srv/simple/");
  EXPECT_EQ(file_url_from_path("/a b/c%d#e?f"), "file:///a%20b/c%25d%23e%3Ff");
  EXPECT_EQ(file_url_from_path("/w\xC3\xA9"), "file:///w%C3%A9");
  EXPECT_EQ(percent_decode(file_url_from_path("/x y/%z")), "file:///x y/%z");
}

}  // namespace
}  // namespace roost::index
