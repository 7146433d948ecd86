#include "base/http_date.h"

#include <gtest/gtest.h>

namespace roost {
namespace {

TEST(HttpDate, AcceptsTheThreeFormsOfRfc9110) {
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
  EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), 784111777);
  EXPECT_EQ(parse_http_date("Sun Nov  6 08:49:37 1994"), 784111777);
  EXPECT_EQ(parse_http_date("  Sun, 06 Nov 1994 08:49:37 GMT "), 784111777);
}

TEST(HttpDate, KnownInstants) {
  EXPECT_EQ(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), 0);
  EXPECT_EQ(parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT"), 1445412480);
  EXPECT_EQ(parse_http_date("Tue, 29 Feb 2000 12:00:00 GMT"), 951825600);  // leap: 400 rule
  EXPECT_EQ(parse_http_date("Sat, 01 Jan 2000 00:00:00 GMT"), 946684800);
  EXPECT_EQ(parse_http_date("Thursday, 01-Jan-70 00:00:00 GMT"), 0);
  EXPECT_EQ(parse_http_date("Saturday, 01-Jan-00 00:00:00 GMT"), 946684800);
  EXPECT_EQ(parse_http_date("Thu Jan  1 00:00:00 1970"), 0);
  EXPECT_EQ(parse_http_date("Fri Dec 31 23:59:59 1999"), 946684799);
}

TEST(HttpDate, RejectsMalformedAndImpossibleDates) {
  for (const char* bad : {"", "120", "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37",
                          "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 nov 1994 08:49:37 GMT",
                          "Sun, 30 Feb 2000 00:00:00 GMT", "Sun, 29 Feb 1900 00:00:00 GMT",
                          "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:60:00 GMT",
                          "Sun, 00 Nov 1994 08:49:37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT",
                          "Sun, 06 Nov 1994 08:49:37 GMT trailing", "Sun Nov  6 08:49:37 94"}) {
    EXPECT_EQ(parse_http_date(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace roost
