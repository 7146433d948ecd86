#include "cache/http_cache.h"

#include <gtest/gtest.h>

namespace roost::cache {
namespace {

CachedResponse response(std::string cache_control, std::string etag = "",
                        std::string last_modified = "") {
  CachedResponse r;
  r.status = 200;
  r.cache_control = std::move(cache_control);
  r.etag = std::move(etag);
  r.last_modified = std::move(last_modified);
  r.body = "<html>";
  r.stored_at = 1000;
  return r;
}

TEST(CachedResponse, RoundTripsAnyBytes) {
  CachedResponse r = response("max-age=600", "\"abc\"", "Wed, 21 Oct 2015 07:28:00 GMT");
  r.content_type = "application/vnd.pypi.simple.v1+json";
  r.body = std::string("line\nbody 12\n\0\xff", 16);
  r.stored_at = -5;
  Result<CachedResponse> back = CachedResponse::parse(r.serialize());
  ASSERT_TRUE(back.ok()) << back.error().render();
  EXPECT_EQ(*back, r);
  CachedResponse empty;
  EXPECT_EQ(*CachedResponse::parse(empty.serialize()), empty);
}

TEST(CachedResponse, SerializedFormIsVersionedText) {
  CachedResponse r = response("no-cache", "e");
  EXPECT_EQ(r.serialize(),
            "roost-http-cache-v1\nstatus 3\n200\nstored_at 4\n1000\netag 1\ne\nlast_modified 0\n\n"
            "cache_control 8\nno-cache\ncontent_type 0\n\nbody 6\n<html>\n");
}

TEST(CachedResponse, CorruptedInputIsAnErrorNotACrash) {
  std::string good = response("max-age=1", "e", "lm").serialize();
  // Every truncation is rejected.
  for (size_t n = 0; n < good.size(); ++n) {
    Result<CachedResponse> r = CachedResponse::parse(std::string_view(good).substr(0, n));
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.error().kind(), ErrorKind::kParse);
  }
  // Flipping any byte never crashes (it may still parse, e.g. a changed body byte).
  for (size_t i = 0; i < good.size(); ++i) {
    for (char c : {'\0', '\n', '9', ' ', 'x'}) {
      std::string bad = good;
      bad[i] = c;
      (void)CachedResponse::parse(bad);
    }
  }
  std::vector<std::string> bad = {
      "",
      "roost-http-cache-v0\n",
      good + "extra",
      "roost-http-cache-v1\nstatus 99999999999999999999999\n",
      "roost-http-cache-v1\nstatus -1\n",
      "roost-http-cache-v1\nstatus 3\nabc\n",
      "roost-http-cache-v1\nstored_at 1\n1\n",
  };
  for (const std::string& text : bad) {
    Result<CachedResponse> r = CachedResponse::parse(text);
    EXPECT_FALSE(r.ok()) << text;
  }
  Result<CachedResponse> r = CachedResponse::parse("roost-http-cache-v1\nstatus 3\nabc\n");
  EXPECT_EQ(r.error().message(), "corrupted HTTP cache entry: \"status\" is not a number");
}

TEST(CacheControl, ParsesRobustly) {
  CacheControl cc = parse_cache_control("  Max-Age = 600 ,NO-CACHE,  no-store , IMMUTABLE");
  EXPECT_EQ(cc.max_age, 600);
  EXPECT_TRUE(cc.no_cache);
  EXPECT_TRUE(cc.no_store);
  EXPECT_TRUE(cc.immutable);

  EXPECT_EQ(parse_cache_control("max-age=\"60\"").max_age, 60);
  EXPECT_FALSE(parse_cache_control("max-age=abc").max_age);
  EXPECT_FALSE(parse_cache_control("max-age=").max_age);
  EXPECT_FALSE(parse_cache_control("max-age").max_age);
  EXPECT_FALSE(parse_cache_control("max-age=-5").max_age);
  EXPECT_FALSE(parse_cache_control("max-age=1.5").max_age);
  EXPECT_EQ(parse_cache_control("max-age=abc, max-age=30").max_age, 30);
  EXPECT_EQ(parse_cache_control("max-age=10, max-age=30").max_age, 10);  // first wins
  EXPECT_EQ(parse_cache_control("max-age=99999999999999999999999").max_age, int64_t{1} << 31);
  EXPECT_FALSE(parse_cache_control("s-maxage=600").max_age);
  EXPECT_FALSE(parse_cache_control("").max_age);
  EXPECT_FALSE(parse_cache_control(",,, ,").no_cache);

  // A comma inside a quoted value does not split directives.
  cc = parse_cache_control("private=\"a, no-store\", max-age=5");
  EXPECT_FALSE(cc.no_store);
  EXPECT_EQ(cc.max_age, 5);
  cc = parse_cache_control("no-cache=\"Set-Cookie, X\"");
  EXPECT_TRUE(cc.no_cache);
  cc = parse_cache_control("x=\"a\\\", no-store\", max-age=7");
  EXPECT_FALSE(cc.no_store);
  EXPECT_EQ(cc.max_age, 7);
  // An unterminated quote swallows the rest rather than failing.
  cc = parse_cache_control("x=\"abc, max-age=7");
  EXPECT_FALSE(cc.max_age);
}

TEST(JoinHeaderValues, JoinsRepeatedHeadersCaseInsensitively) {
  HeaderList h = {{"cache-control", "max-age=600"},
                  {"Content-Type", "text/html"},
                  {"CACHE-CONTROL", " public "},
                  {"Cache-Control", ""}};
  EXPECT_EQ(join_header_values(h, "Cache-Control"), "max-age=600, public");
  EXPECT_EQ(join_header_values(h, "ETag"), "");
  CachedResponse r = make_cached_response(200, h, "body", 42);
  EXPECT_EQ(r.cache_control, "max-age=600, public");
  EXPECT_EQ(r.content_type, "text/html");
  EXPECT_EQ(r.stored_at, 42);
  EXPECT_EQ(r.body, "body");
}

TEST(Freshness, MaxAge) {
  CachedResponse r = response("max-age=600", "\"e\"");
  EXPECT_EQ(freshness(r, 1000), Freshness::kFresh);
  EXPECT_EQ(freshness(r, 1599), Freshness::kFresh);
  EXPECT_EQ(freshness(r, 1600), Freshness::kStale);
  EXPECT_EQ(freshness(r, 999), Freshness::kStale);  // clock went back: revalidate
  // Expired without a validator: still kStale; conditional_headers() is then empty (a plain GET).
  EXPECT_EQ(freshness(response("max-age=600"), 5000), Freshness::kStale);
  EXPECT_EQ(freshness(response("max-age=0", "\"e\""), 1000), Freshness::kStale);
}

TEST(Freshness, SMaxAgeIsIgnored) {
  EXPECT_EQ(freshness(response("s-maxage=600", "\"e\""), 1000), Freshness::kStale);
  EXPECT_EQ(freshness(response("s-maxage=600"), 1000), Freshness::kUncacheable);
  EXPECT_EQ(freshness(response("s-maxage=0, max-age=600"), 1000), Freshness::kFresh);
}

TEST(Freshness, NoCacheNoStoreImmutable) {
  EXPECT_EQ(freshness(response("no-cache, max-age=600", "\"e\""), 1000), Freshness::kStale);
  EXPECT_EQ(freshness(response("no-cache"), 1000), Freshness::kUncacheable);
  EXPECT_EQ(freshness(response("no-store, max-age=600", "\"e\""), 1000), Freshness::kUncacheable);
  EXPECT_EQ(freshness(response("immutable"), 1000000), Freshness::kFresh);
  EXPECT_EQ(freshness(response("max-age=1, immutable"), 1000000), Freshness::kFresh);
  EXPECT_EQ(freshness(response("immutable, no-cache", "e"), 1000), Freshness::kStale);
}

TEST(Freshness, WithoutMaxAgeDependsOnValidators) {
  EXPECT_EQ(freshness(response("", "\"e\""), 1000), Freshness::kStale);
  EXPECT_EQ(freshness(response("", "", "Wed, 21 Oct 2015 07:28:00 GMT"), 1000), Freshness::kStale);
  EXPECT_EQ(freshness(response(""), 1000), Freshness::kUncacheable);
  EXPECT_EQ(freshness(response("max-age=abc"), 1000), Freshness::kUncacheable);
}

TEST(Freshness, OnlyOkResponsesAreReused) {
  CachedResponse r = response("max-age=600", "\"e\"");
  r.status = 404;
  EXPECT_EQ(freshness(r, 1000), Freshness::kUncacheable);
}

TEST(ConditionalHeaders, FromValidators) {
  EXPECT_EQ(conditional_headers(response("", "\"e\"", "LM")),
            (HeaderList{{"If-None-Match", "\"e\""}, {"If-Modified-Since", "LM"}}));
  EXPECT_EQ(conditional_headers(response("", "W/\"e\"")),
            (HeaderList{{"If-None-Match", "W/\"e\""}}));
  EXPECT_EQ(conditional_headers(response("", "", "LM")), (HeaderList{{"If-Modified-Since", "LM"}}));
  EXPECT_TRUE(conditional_headers(response("max-age=1")).empty());
}

TEST(MergeNotModified, RefreshesHeadersAndKeepsBody) {
  CachedResponse old = response("max-age=60", "\"v1\"", "LM1");
  old.content_type = "text/html";
  CachedResponse merged = merge_not_modified(old,
                                             {{"etag", "\"v2\""},
                                              {"Cache-Control", "max-age=120"},
                                              {"cache-control", "public"},
                                              {"Date", "whatever"}},
                                             5000);
  EXPECT_EQ(merged.status, 200);
  EXPECT_EQ(merged.body, "<html>");
  EXPECT_EQ(merged.etag, "\"v2\"");
  EXPECT_EQ(merged.last_modified, "LM1");  // absent from the 304: kept
  EXPECT_EQ(merged.cache_control, "max-age=120, public");
  EXPECT_EQ(merged.content_type, "text/html");
  EXPECT_EQ(merged.stored_at, 5000);
  EXPECT_EQ(freshness(merged, 5100), Freshness::kFresh);
  EXPECT_EQ(freshness(old, 5100), Freshness::kStale);
}

TEST(MergeNotModified, EmptyHeadersOnlyRestartTheAge) {
  CachedResponse old = response("max-age=60", "\"v1\"");
  CachedResponse merged = merge_not_modified(old, {}, 7000);
  CachedResponse expected = old;
  expected.stored_at = 7000;
  EXPECT_EQ(merged, expected);
}

// Storing a revalidated entry again matters only when a later lookup would decide otherwise.
TEST(MergeNotModified, AnEntryIsStoredAgainOnlyWhenThatChangesLaterLookups) {
  CachedResponse plain = response("", "\"v1\"", "LM");  // no Cache-Control: always revalidated
  EXPECT_FALSE(revalidation_changes_entry(plain, merge_not_modified(plain, {}, 9000)));
  EXPECT_TRUE(
      revalidation_changes_entry(plain, merge_not_modified(plain, {{"ETag", "\"v2\""}}, 9000)));
  CachedResponse aged = response("max-age=600", "\"v1\"");  // PyPI's: the age restarts
  EXPECT_TRUE(revalidation_changes_entry(aged, merge_not_modified(aged, {}, 9000)));
  CachedResponse no_cache = response("no-cache, max-age=600", "\"v1\"");
  EXPECT_FALSE(revalidation_changes_entry(no_cache, merge_not_modified(no_cache, {}, 9000)));
}

}  // namespace
}  // namespace roost::cache
