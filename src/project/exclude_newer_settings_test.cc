#include "project/exclude_newer_settings.h"

#include <gtest/gtest.h>

namespace roost::project {
namespace {

using resolve::python::ExcludeNewer;
using resolve::python::ExcludeNewerValue;

ExcludeNewerValue value(std::string_view text) {
  return ExcludeNewerValue::parse(text).value();
}

std::vector<std::string> names(const lock::Options& o) {
  std::vector<std::string> out;
  for (const lock::ExcludeNewerPackage& p : o.exclude_newer_package) out.push_back(p.name);
  return out;
}

TEST(ExcludeNewerSettings, RecordsKeepTheExistingOrderOfPackageEntries) {
  ExcludeNewer rules;
  rules.global = value("P7D");
  rules.packages.emplace("zeta", ExcludeNewerValue::disabled());
  rules.packages.emplace("alpha", value("2026-06-20T00:00:00Z"));
  rules.packages.emplace("mid", value("3 days"));
  lock::Options existing;
  existing.exclude_newer_package = {{.name = "zeta", .disabled = true},
                                    {.name = "gone", .disabled = true},
                                    {.name = "alpha", .timestamp = "2026-01-01T00:00:00Z"}};
  lock::Options written;
  record_exclude_newer(rules, written, &existing,
                       value("2026-07-10T12:00:00Z").cutoff_ms(0).value());
  // uv writes these in hash order: kept as the lock had them, new ones after, by name.
  EXPECT_EQ(names(written), (std::vector<std::string>{"zeta", "alpha", "mid"}));
  EXPECT_EQ(written.exclude_newer, "0001-01-01T00:00:00Z");
  EXPECT_EQ(written.exclude_newer_span, "P7D");
  EXPECT_EQ(written.exclude_newer_package[1].timestamp, "2026-06-20T00:00:00Z");
  EXPECT_EQ(written.exclude_newer_package[2].span, "P3D");
  // A package's span is written with the instant it gives now, as uv does; kept on a relock.
  EXPECT_EQ(written.exclude_newer_package[2].timestamp, "2026-07-07T12:00:00Z");
  lock::Options again;
  record_exclude_newer(rules, again, &written, value("2026-09-01").cutoff_ms(0).value());
  EXPECT_EQ(again.exclude_newer_package[2].timestamp, "2026-07-07T12:00:00Z");
  EXPECT_TRUE(records_exclude_newer(written, rules));
  EXPECT_FALSE(records_exclude_newer(existing, rules));
}

TEST(ExcludeNewerSettings, ASpanMatchesByItsSpanATimestampByItsText) {
  ExcludeNewer relative;
  relative.global = value("2 weeks");
  lock::Options older_uv;  // uv 0.9 wrote the timestamp the span gave, beside the span
  older_uv.exclude_newer = "2026-08-05T18:42:17.193687502Z";
  older_uv.exclude_newer_span = "P2W";
  EXPECT_TRUE(records_exclude_newer(older_uv, relative));
  older_uv.exclude_newer_span = "P14D";  // the same length, written otherwise: uv re-locks too
  EXPECT_FALSE(records_exclude_newer(older_uv, relative));

  ExcludeNewer absolute;
  absolute.global = value("2024-03-25");
  lock::Options locked;
  locked.exclude_newer = "2024-03-25T00:00:00Z";
  EXPECT_TRUE(records_exclude_newer(locked, absolute));
  EXPECT_FALSE(records_exclude_newer(locked, ExcludeNewer{}));
  EXPECT_FALSE(records_exclude_newer(lock::Options{}, absolute));
  EXPECT_TRUE(records_exclude_newer(lock::Options{}, ExcludeNewer{}));
}

}  // namespace
}  // namespace roost::project
