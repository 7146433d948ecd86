// Pure transport helpers (redaction, Retry-After, backoff), Response::header and FakeTransport.
#include "index/transport.h"

#include <gtest/gtest.h>

#include "index/fake_transport.h"

namespace roost::index {
namespace {

TEST(RedactUrl, RemovesUserinfo) {
  EXPECT_EQ(redact_url("https://user:secret@pypi.example/simple/"), "https://pypi.example/simple/");
  EXPECT_EQ(redact_url("https://token@host:8443/x?y=1"), "https://host:8443/x?y=1");
  EXPECT_EQ(redact_url("http://u:p@127.0.0.1:1"), "http://127.0.0.1:1");
  // A raw '@' in the password: the last '@' of the authority ends the userinfo.
  EXPECT_EQ(redact_url("https://u:p@ss@host/a"), "https://host/a");
}

TEST(RedactUrl, KeepsUrlsWithoutUserinfo) {
  EXPECT_EQ(redact_url("https://pypi.org/simple/"), "https://pypi.org/simple/");
  // An '@' after the authority is path or query, not credentials.
  EXPECT_EQ(redact_url("https://host/a@b?c=d@e"), "https://host/a@b?c=d@e");
  EXPECT_EQ(redact_url("not a url"), "not a url");
  EXPECT_EQ(redact_url(""), "");
}

TEST(ResponseHeader, IsCaseInsensitiveAndFirstWins) {
  Response r{.headers = {{"content-type", "text/html"}, {"etag", "\"a\""}, {"etag", "\"b\""}}};
  EXPECT_EQ(r.header("Content-Type"), "text/html");
  EXPECT_EQ(r.header("ETAG"), "\"a\"");
  EXPECT_EQ(r.header("missing"), "");
}

TEST(ParseRetryAfter, SecondsCappedAndJunkRejected) {
  EXPECT_EQ(parse_retry_after("1", 0), 1);
  EXPECT_EQ(parse_retry_after(" 120 ", 0), 60);
  EXPECT_EQ(parse_retry_after("120", 0, 300), 120);
  EXPECT_EQ(parse_retry_after("-1", 0), std::nullopt);
  EXPECT_EQ(parse_retry_after("", 0), std::nullopt);
  EXPECT_EQ(parse_retry_after("99999999999999", 0), std::nullopt);
  EXPECT_EQ(parse_retry_after("soon", 0), std::nullopt);
}

TEST(ParseRetryAfter, HttpDateCountsFromNow) {
  const int64_t date = 1445412480;  // Wed, 21 Oct 2015 07:28:00 GMT
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", date - 7), 7);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", date - 3600), 60);  // capped
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", date + 10), 0);     // past
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", date - 3600, 7200), 3600);
  EXPECT_EQ(parse_retry_after("Wed, 32 Oct 2015 07:28:00 GMT", date), std::nullopt);
}

TEST(BackoffDelay, DoublesAndCaps) {
  EXPECT_EQ(backoff_delay_ms(200, 0), 200);
  EXPECT_EQ(backoff_delay_ms(200, 1), 400);
  EXPECT_EQ(backoff_delay_ms(200, 3), 1600);
  EXPECT_EQ(backoff_delay_ms(200, 100), 30000);
}

TEST(RetryableStatus, ServerErrorsAndRateLimits) {
  EXPECT_TRUE(is_retryable_status(500));
  EXPECT_TRUE(is_retryable_status(503));
  EXPECT_TRUE(is_retryable_status(429));
  EXPECT_FALSE(is_retryable_status(404));
  EXPECT_FALSE(is_retryable_status(200));
  EXPECT_FALSE(is_retryable_status(304));
}

TEST(FakeTransport, UnknownUrlIs404) {
  FakeTransport fake;
  auto r = fake.fetch({.url = "https://i/simple/nope/"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->final_url, "https://i/simple/nope/");
}

TEST(FakeTransport, ScriptIsConsumedInOrderAndLastRepeats) {
  FakeTransport fake;
  const std::string url = "https://i/simple/a/";
  fake.add_response(url, {.status = 500});
  fake.add_body(url, "<html>a</html>");
  EXPECT_EQ(fake.fetch({.url = url})->status, 500);
  auto second = fake.fetch({.url = url});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->status, 200);
  EXPECT_EQ(second->body, "<html>a</html>");
  EXPECT_EQ(fake.fetch({.url = url})->status, 200);
  EXPECT_EQ(fake.count(url), 3u);
}

TEST(FakeTransport, ScriptedErrorsAndBatchOrder) {
  FakeTransport fake;
  fake.add_error("https://i/a",
                 make_error(ErrorKind::kNetwork, "could not connect to https://i/a"));
  fake.add_body("https://i/b", "b");
  auto results =
      fake.fetch_all({{.url = "https://i/a"}, {.url = "https://i/b"}, {.url = "https://i/c"}});
  ASSERT_EQ(results.size(), 3u);
  ASSERT_FALSE(results[0].ok());
  EXPECT_EQ(results[0].error().kind(), ErrorKind::kNetwork);
  EXPECT_EQ(results[1]->body, "b");
  EXPECT_EQ(results[2]->status, 404);
}

TEST(FakeTransport, RecordsRequests) {
  FakeTransport fake;
  Request req{.url = "https://i/a",
              .headers = {{"Accept", "application/json"}},
              .range = std::pair<uint64_t, uint64_t>{0, 9},
              .if_none_match = "\"e\""};
  (void)fake.fetch(req);
  auto seen = fake.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].headers[0].second, "application/json");
  EXPECT_EQ(seen[0].range->second, 9u);
  EXPECT_EQ(seen[0].if_none_match, "\"e\"");
}

TEST(FakeTransport, OfflineFailsWithoutCredentials) {
  FakeTransport fake;
  fake.set_offline(true);
  auto r = fake.fetch({.url = "https://u:secret@i/a"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind(), ErrorKind::kNetwork);
  EXPECT_EQ(r.error().message(), "cannot fetch https://i/a in offline mode");
}

}  // namespace
}  // namespace roost::index
