#include "resolve/python/exclude_newer.h"

#include <gtest/gtest.h>

#include "resolve/python/test_source.h"

namespace roost::resolve::python {
namespace {

using test_universe::Release;
using test_universe::TestSource;

int64_t ms(std::string_view text) {
  return parse_timestamp_ms(text).value();
}

TEST(ExcludeNewer, TimestampsDatesAndOffsetsAreInstantsInUtc) {
  EXPECT_EQ(ms("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ms("1970-01-02"), 86'400'000);
  EXPECT_EQ(ms("2024-03-25T01:30:00+01:30"), ms("2024-03-25T00:00:00Z"));
  EXPECT_EQ(ms("2024-06-24T11:02:03.584Z"), ms("2024-06-24T11:02:03Z") + 584);
  EXPECT_EQ(ms("2000-02-29 12:00:00Z"), ms("2000-02-29T12:00:00Z"));
  for (const char* bad : {"2023-02-29", "2024-13-01", "2024-03-25T00:00:00", "2024-3-25",
                          "2024-03-25T00:00Z", "yesterday", "2024-03-25T00:00:00.Z"}) {
    EXPECT_FALSE(parse_timestamp_ms(bad)) << bad;
  }
}

TEST(ExcludeNewer, ValuesKeepUvsSpellingForTheLock) {
  auto text = [](std::string_view v) {
    Result<ExcludeNewerValue> parsed = ExcludeNewerValue::parse(v);
    if (!parsed.ok()) return "error: " + parsed.error().message();
    return parsed->is_relative() ? parsed->span_text() : parsed->timestamp_text();
  };
  EXPECT_EQ(text("3 days"), "P3D");
  EXPECT_EQ(text("1 week"), "P1W");
  EXPECT_EQ(text("2 weeks"), "P2W");
  EXPECT_EQ(text("24 hours"), "PT24H");
  EXPECT_EQ(text("1 week 2 days"), "P1W2D");
  EXPECT_EQ(text("24h"), "PT24H");
  EXPECT_EQ(text("P7D"), "P7D");
  EXPECT_EQ(text("p1y2m"), "P1Y2M");
  EXPECT_EQ(text("PT90M"), "PT90M");
  EXPECT_EQ(text("2024-03-25"), "2024-03-25T00:00:00Z");
  EXPECT_EQ(text("2026-08-05T18:42:17.193687502Z"), "2026-08-05T18:42:17.193687502Z");
  EXPECT_EQ(text("2024-03-25T02:00:00.500+02:00"), "2024-03-25T00:00:00.5Z");
  EXPECT_EQ(timestamp_text(ms("2026-08-05T18:42:17.193Z")), "2026-08-05T18:42:17.193Z");
  EXPECT_EQ(timestamp_text(ms("2024-03-11")), "2024-03-11T00:00:00Z");
  EXPECT_EQ(timestamp_text(ms("1969-12-31T23:59:59.5Z")), "1969-12-31T23:59:59.5Z");
  EXPECT_NE(text("soon").find("is not an exclude-newer value"), std::string::npos);
  EXPECT_NE(text("3 fortnights").find("is not an exclude-newer value"), std::string::npos);
  EXPECT_NE(text("P").find("is not an exclude-newer value"), std::string::npos);
}

TEST(ExcludeNewer, SpansCountBackFromNowByTheCalendar) {
  int64_t now = ms("2024-03-31T12:00:00Z");
  auto cutoff = [&](std::string_view v) { return ExcludeNewerValue::parse(v)->cutoff_ms(now); };
  EXPECT_EQ(cutoff("3 days"), ms("2024-03-28T12:00:00Z"));
  EXPECT_EQ(cutoff("P1W"), ms("2024-03-24T12:00:00Z"));
  EXPECT_EQ(cutoff("PT36H"), ms("2024-03-30T00:00:00Z"));
  EXPECT_EQ(cutoff("1 month"), ms("2024-02-29T12:00:00Z"));  // the 31st clamps to February's end
  EXPECT_EQ(cutoff("P1Y1M"), ms("2023-02-28T12:00:00Z"));
  EXPECT_EQ(cutoff("2020-01-01"), ms("2020-01-01T00:00:00Z"));  // absolute: now is irrelevant
  EXPECT_FALSE(ExcludeNewerValue::disabled().cutoff_ms(now));
}

// Files after the cutoff, or without an upload time, are no candidates; per-package values win
// over the global one, and `false` turns the rule off for a package.
TEST(ExcludeNewer, TheSourceDropsNewerFilesAndVersionsLeftWithout) {
  TestSource s;
  s.add("a", "1.0", Release{.upload_time = "2024-01-01T00:00:00Z"});
  s.add("a", "2.0", Release{.upload_time = "2024-06-01T00:00:00Z"});
  s.add("b", "1.0", Release{.requires_dist = {"a"}, .upload_time = "2024-01-01T00:00:00Z"});
  s.add("b", "2.0", Release{.requires_dist = {"a"}});  // no upload time
  s.add("c", "1.0", Release{.upload_time = "2024-01-01T00:00:00Z"});
  s.add("c", "3.0", Release{.upload_time = "2025-01-01T00:00:00Z"});
  ExcludeNewer rules;
  rules.global = ExcludeNewerValue::parse("2024-03-01").value();
  rules.packages.emplace("c", ExcludeNewerValue::disabled());
  ExcludeNewerSource filtered(s, rules, ms("2026-01-01T00:00:00Z"));
  Result<Resolution> r = resolve(test_universe::inputs({"b", "c"}), {}, filtered);
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(test_universe::pins(*r), "a==1.0 b==1.0 c==3.0");
  // Metadata still comes from the wrapped source (b's edge to a was read through it).
  EXPECT_GT(s.metadata_reads, 0);

  // Without the rules, the newest versions win.
  Result<Resolution> all = resolve(test_universe::inputs({"b", "c"}), {}, s);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(test_universe::pins(*all), "a==2.0 b==2.0 c==3.0");

  // Nothing old enough: no solution, as for a package with no versions.
  ExcludeNewer strict;
  strict.global = ExcludeNewerValue::parse("2023-01-01").value();
  TestSource s2;
  s2.add("a", "1.0", Release{.upload_time = "2024-01-01T00:00:00Z"});
  ExcludeNewerSource none(s2, strict, 0);
  EXPECT_FALSE(resolve(test_universe::inputs({"a"}), {}, none).ok());
}

}  // namespace
}  // namespace roost::resolve::python
