#include "index/simple_html.h"

#include <gtest/gtest.h>

#include <string>

namespace roost::index {
namespace {

constexpr std::string_view kRequestsUrl = "https://pypi.org/simple/requests/";

// Shaped like pypi.org's page: a doctype, a meta version, absolute file URLs with hash fragments.
constexpr std::string_view kRequestsPage = R"html(<!DOCTYPE html>
<html>
  <head>
    <meta name="pypi:repository-version" content="1.1">
    <title>Links for requests</title>
  </head>
  <body>
    <h1>Links for requests</h1>
    <a href="https://files.pythonhosted.org/packages/ba/91/requests-0.2.0.tar.gz#sha256=813202ACE4D9301A3C00740C700E012FB9F3F8C73DDCFE02AB558A8DF6F175FD" >requests-0.2.0.tar.gz</a><br />
    <a href="https://files.pythonhosted.org/packages/70/8e/requests-2.31.0-py3-none-any.whl#sha256=58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f" data-requires-python="&gt;=3.7" data-dist-info-metadata="sha256=7b1d0b0e0d0d5dc7b6e0a3ef0bb6bb1a3e0b0a0f7e9d1e5c8d8a1c7c8d2a0b3c" data-core-metadata="sha256=7B1D0B0E0D0D5DC7B6E0A3EF0BB6BB1A3E0B0A0F7E9D1E5C8D8A1C7C8D2A0B3C">requests-2.31.0-py3-none-any.whl</a><br />
    <a href="https://files.pythonhosted.org/packages/9d/be/requests-2.32.0-py3-none-any.whl#sha256=f2c3881dddb70d056c5bd7600a4fae312b2a300e39be6a118d30b90bd27262b5" data-requires-python="&gt;=3.8" data-dist-info-metadata="true" data-yanked="Yanked due to conflicts with CVE-2024-35195 mitigation">requests-2.32.0-py3-none-any.whl</a><br />
    <a href="https://files.pythonhosted.org/packages/ab/cd/requests-2.32.1.tar.gz#md5=0123456789abcdef0123456789abcdef" data-requires-python="&gt;=3.8, !=3.9.*" data-yanked>requests-2.32.1.tar.gz</a><br />
  </body>
</html>
<!--SERIAL 23912711-->
)html";

ProjectPage parse_ok(std::string_view html, std::string_view url = kRequestsUrl) {
  auto page = parse_simple_html(html, url);
  EXPECT_TRUE(page) << (page ? "" : page.error().message());
  return page ? *page : ProjectPage{};
}

TEST(SimpleHtml, PypiLikeRequestsPage) {
  ProjectPage page = parse_ok(kRequestsPage);
  EXPECT_EQ(page.name, "");
  EXPECT_EQ(page.api_version, "1.1");
  ASSERT_EQ(page.files.size(), 4u);

  const DistributionFile& sdist = page.files[0];
  EXPECT_EQ(sdist.filename, "requests-0.2.0.tar.gz");
  EXPECT_EQ(sdist.url, "https://files.pythonhosted.org/packages/ba/91/requests-0.2.0.tar.gz");
  EXPECT_EQ(sdist.hashes.at("sha256"),
            "813202ace4d9301a3c00740c700e012fb9f3f8c73ddcfe02ab558a8df6f175fd");
  EXPECT_EQ(sdist.requires_python, std::nullopt);
  EXPECT_EQ(sdist.yanked, std::nullopt);
  EXPECT_FALSE(sdist.core_metadata.available);
  EXPECT_EQ(sdist.size, std::nullopt);

  const DistributionFile& wheel = page.files[1];
  EXPECT_EQ(wheel.filename, "requests-2.31.0-py3-none-any.whl");
  EXPECT_EQ(wheel.requires_python, ">=3.7");
  EXPECT_TRUE(wheel.core_metadata.available);
  // data-core-metadata wins over data-dist-info-metadata (PEP 714); its digest is lowercased.
  EXPECT_EQ(wheel.core_metadata.hashes.at("sha256"),
            "7b1d0b0e0d0d5dc7b6e0a3ef0bb6bb1a3e0b0a0f7e9d1e5c8d8a1c7c8d2a0b3c");

  const DistributionFile& yanked = page.files[2];
  EXPECT_EQ(yanked.requires_python, ">=3.8");
  EXPECT_EQ(yanked.yanked, "Yanked due to conflicts with CVE-2024-35195 mitigation");
  EXPECT_TRUE(yanked.core_metadata.available);  // the dist-info fallback, "true"
  EXPECT_TRUE(yanked.core_metadata.hashes.empty());

  const DistributionFile& bare_yank = page.files[3];
  EXPECT_EQ(bare_yank.yanked, "");
  EXPECT_EQ(bare_yank.requires_python, ">=3.8, !=3.9.*");
  EXPECT_EQ(bare_yank.hashes.at("md5"), "0123456789abcdef0123456789abcdef");
}

// devpi and old simple indexes: uppercase markup, unquoted and single-quoted values, newlines in
// tags, relative links, a <base href>, comments and scripts holding things that look like anchors.
TEST(SimpleHtml, DevpiStyleMarkup) {
  constexpr std::string_view html = R"html(<HTML><HEAD><TITLE>links</TITLE>
<BASE HREF="https://devpi.example.com/root/pypi/+f/">
<SCRIPT>var s = "<a href='evil.whl'>";</SCRIPT>
</HEAD><BODY>
<!-- <a href="commented-1.0.tar.gz">no</a> -->
<A HREF=../+f/abc/Foo_Bar-1.0.tar.gz#SHA256=ABCDEF DATA-REQUIRES-PYTHON=&gt;=3.6>Foo_Bar-1.0.tar.gz</A><BR>
<a
   data-yanked=''
   href = 'foo%2Bbar-2.0-py3-none-any.whl#sha256=00ff'
>not the filename</a>
<a href="/simple/foo/?page=2">next page</a>
<a name="anchor-without-href">ignored</a>
</BODY></HTML>)html";
  ProjectPage page = parse_ok(html, "https://devpi.example.com/root/pypi/+simple/foo/");
  ASSERT_EQ(page.files.size(), 3u);
  EXPECT_EQ(page.api_version, std::nullopt);
  EXPECT_EQ(page.files[0].url, "https://devpi.example.com/root/pypi/+f/abc/Foo_Bar-1.0.tar.gz");
  EXPECT_EQ(page.files[0].filename, "Foo_Bar-1.0.tar.gz");
  EXPECT_EQ(page.files[0].hashes.at("sha256"), "abcdef");
  EXPECT_EQ(page.files[0].requires_python, ">=3.6");
  EXPECT_EQ(page.files[1].url,
            "https://devpi.example.com/root/pypi/+f/foo%2Bbar-2.0-py3-none-any.whl");
  EXPECT_EQ(page.files[1].filename, "foo+bar-2.0-py3-none-any.whl");  // the URL, not the text
  EXPECT_EQ(page.files[1].yanked, "");
  // A link ending in '/' has no path segment: the anchor text is the fallback, query kept in url.
  EXPECT_EQ(page.files[2].url, "https://devpi.example.com/simple/foo/?page=2");
  EXPECT_EQ(page.files[2].filename, "next page");
}

TEST(SimpleHtml, RelativeLinksResolveAgainstPageUrl) {
  ProjectPage page = parse_ok(
      R"(<a href="a-1.0.tar.gz">a</a><a href="/x/a-2.0.tar.gz">a</a><a href="//cdn/a-3.whl">a</a>)"
      R"(<a href="../../pkgs/a-4.whl?token=x&amp;y=1#egg=a">a</a><a href="http://other/a-5.whl">a</a>)",
      "https://idx.example/simple/a/");
  ASSERT_EQ(page.files.size(), 5u);
  EXPECT_EQ(page.files[0].url, "https://idx.example/simple/a/a-1.0.tar.gz");
  EXPECT_EQ(page.files[1].url, "https://idx.example/x/a-2.0.tar.gz");
  EXPECT_EQ(page.files[2].url, "https://cdn/a-3.whl");
  EXPECT_EQ(page.files[3].url, "https://idx.example/pkgs/a-4.whl?token=x&y=1");
  EXPECT_EQ(page.files[3].filename, "a-4.whl");
  EXPECT_TRUE(page.files[3].hashes.empty());  // "#egg=a" is not a hash
  EXPECT_EQ(page.files[4].url, "http://other/a-5.whl");
}

TEST(SimpleHtml, CoreMetadataVariants) {
  ProjectPage page = parse_ok(
      R"(<a href="a.whl" data-dist-info-metadata="sha256=AA">1</a>)"
      R"(<a href="b.whl" data-core-metadata="true" data-dist-info-metadata="sha256=bb">2</a>)"
      R"(<a href="c.whl" data-core-metadata="false">3</a>)"
      R"(<a href="d.whl" data-core-metadata>4</a>)"
      R"(<a href="e.whl" data-core-metadata="sha512=zz">5</a>)");
  ASSERT_EQ(page.files.size(), 5u);
  EXPECT_EQ(page.files[0].core_metadata, (CoreMetadata{true, {{"sha256", "aa"}}}));
  EXPECT_EQ(page.files[1].core_metadata, (CoreMetadata{true, {}}));
  EXPECT_EQ(page.files[2].core_metadata, (CoreMetadata{false, {}}));
  EXPECT_EQ(page.files[3].core_metadata, (CoreMetadata{false, {}}));
  EXPECT_EQ(page.files[4].core_metadata, (CoreMetadata{false, {}}));  // not hex: unusable
}

TEST(SimpleHtml, EntityDecoding) {
  EXPECT_EQ(decode_html_entities("&lt;&gt;&amp;&quot;&#39;&#x27;&apos;"), "<>&\"'''");
  EXPECT_EQ(decode_html_entities("&#8805;3.8 &#X2265;"),
            "\xe2\x89\xa5"
            "3.8 \xe2\x89\xa5");
  EXPECT_EQ(decode_html_entities("&nbsp; &amp &#; &#xZZ; & &#0;"),
            "&nbsp; &amp &#; &#xZZ; & \xef\xbf\xbd");
  EXPECT_EQ(decode_html_entities("&#99999999999;"), "\xef\xbf\xbd");
  ProjectPage page =
      parse_ok(R"(<a href="a.whl" data-requires-python="&gt;=3.8,&lt;4&amp;&#x21;">)");
  ASSERT_EQ(page.files.size(), 1u);
  EXPECT_EQ(page.files[0].requires_python, ">=3.8,<4&!");
}

TEST(SimpleHtml, EmptyAndOddPagesAreNotErrors) {
  EXPECT_TRUE(parse_ok("").files.empty());
  EXPECT_TRUE(parse_ok("<html><body><h1>Links for nothing</h1></body></html>").files.empty());
  EXPECT_TRUE(parse_ok("<a>no href</a><a name=x>").files.empty());
  EXPECT_TRUE(parse_ok("<<<>>><!-- unterminated comment <a href=x.whl>").files.empty());
  EXPECT_TRUE(parse_ok("< a href=x.whl>text</a><").files.empty());  // "< a" is text in HTML
}

TEST(SimpleHtml, TruncatedPages) {
  // Cut after a complete start tag: the anchor is kept. Cut inside a tag: it is dropped, since
  // its href may have been cut short.
  ProjectPage page = parse_ok("<a href=\"a-1.0.tar.gz\">a-1.0.tar.gz</a><a href=\"b-2.0.whl\">b-2");
  ASSERT_EQ(page.files.size(), 2u);
  EXPECT_EQ(page.files[1].filename, "b-2.0.whl");
  EXPECT_EQ(parse_ok("<a href=\"a-1.0.tar.gz\">a</a><a href=\"b-2.0.tar").files.size(), 1u);
  EXPECT_EQ(parse_ok("<a href=\"a-1.0.tar.gz\">a</a><a href='b").files.size(), 1u);
}

TEST(SimpleHtml, GarbageBytesDoNotCrash) {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7919 + 13) % 256);
  auto page = parse_simple_html(garbage, kRequestsUrl);
  (void)page;  // either outcome is fine; sanitizers check the walk
  std::string nuls("<a href=\"x\0y.whl\">\0</a>", 22);
  auto with_nul = parse_simple_html(nuls, kRequestsUrl);
  ASSERT_FALSE(with_nul);  // a NUL inside a URL is not a URL
  EXPECT_EQ(with_nul.error().kind(), ErrorKind::kParse);
}

TEST(SimpleHtml, UnresolvableHrefIsAnError) {
  auto page = parse_simple_html("<a href=\"a.whl\">a.whl</a>", "not-a-url");
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().kind(), ErrorKind::kParse);
  EXPECT_EQ(page.error().message(),
            "anchor href \"a.whl\" cannot be resolved: cannot resolve \"a.whl\" against "
            "\"not-a-url\": the base URL has no scheme");
  auto spaced = parse_simple_html("<a href=\"  a b.whl \">x</a>", kRequestsUrl);
  ASSERT_FALSE(spaced);
  EXPECT_EQ(spaced.error().message(),
            "anchor href \"a b.whl\" cannot be resolved: URL \"a b.whl\" contains a space or "
            "control character");
  auto base = parse_simple_html("<base href=\"http:\"><a href=a.whl>", kRequestsUrl);
  ASSERT_FALSE(base);
  EXPECT_EQ(base.error().context().at(0), "in <base href>");
}

}  // namespace
}  // namespace roost::index
