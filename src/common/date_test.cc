#include "common/date.h"

#include <gtest/gtest.h>

#include "common/clock.h"

namespace openiom {
namespace {

using std::chrono::days;

TEST(ParseIsoDate, AcceptsRealCalendarDates) {
  for (const char* text : {"2000-01-01", "2024-02-29", "1800-12-31", "9999-12-31"}) {
    auto date = ParseIsoDate(text);
    ASSERT_TRUE(date.ok()) << text;
    EXPECT_EQ(FormatIsoDate(*date), text);
  }
}

TEST(ParseIsoDate, RejectsAnythingElseWithAReason) {
  struct Case {
    const char* text;
    const char* reason;
  };
  for (const Case& c : std::initializer_list<Case>{{"2023-02-29", "not a calendar date"},
                                                   {"2023-13-01", "not a calendar date"},
                                                   {"2023-00-10", "not a calendar date"},
                                                   {"2023-1-01", "YYYY-MM-DD"},
                                                   {"01/02/2023", "YYYY-MM-DD"},
                                                   {"2023-01-01T00:00", "YYYY-MM-DD"},
                                                   {"", "YYYY-MM-DD"},
                                                   {"1799-12-31", "before the year 1800"},
                                                   {"２023-01-01", "YYYY-MM-DD"}}) {
    auto date = ParseIsoDate(c.text);
    ASSERT_FALSE(date.ok()) << c.text;
    EXPECT_NE(date.status().message().find(c.reason), std::string::npos) << date.status().message();
  }
}

TEST(IsoTimestamp, RoundTripsAndAcceptsPostgresOutput) {
  auto parsed = ParseIsoTimestamp("2026-11-23T18:16:44Z");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(FormatIsoTimestamp(*parsed), "2026-11-23T18:16:44Z");
  for (const char* text : {"2026-11-23 18:16:44+00", "2026-11-23 18:16:44.123456+00", "2026-11-23T18:16:44+00:00"}) {
    auto other = ParseIsoTimestamp(text);
    ASSERT_TRUE(other.ok()) << text;
    EXPECT_EQ(*other, *parsed) << text;
  }
  EXPECT_FALSE(ParseIsoTimestamp("2026-11-23 18:16:44+01").ok());
  EXPECT_FALSE(ParseIsoTimestamp("2026-11-23 25:16:44Z").ok());
}

TEST(AgeOn, CountsWholeYears) {
  const Date birth = *ParseIsoDate("2000-02-29");
  EXPECT_EQ(AgeOn(birth, *ParseIsoDate("2018-02-28")), 17);
  EXPECT_EQ(AgeOn(birth, *ParseIsoDate("2018-03-01")), 18);
  EXPECT_EQ(AgeOn(birth, *ParseIsoDate("2000-02-29")), 0);
}

TEST(LondonDate, FollowsBritishSummerTime) {
  // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST); in January London is on UTC.
  const Timestamp summer = Timestamp{*ParseIsoDate("2026-06-30")} + std::chrono::hours{23} + std::chrono::minutes{30};
  EXPECT_EQ(FormatIsoDate(LondonDate(summer)), "2026-07-01");
  const Timestamp winter = Timestamp{*ParseIsoDate("2026-01-30")} + std::chrono::hours{23} + std::chrono::minutes{30};
  EXPECT_EQ(FormatIsoDate(LondonDate(winter)), "2026-01-30");
}

TEST(FixedClock, ReturnsTheGivenDay) {
  const FixedClock clock(*ParseIsoDate("2026-03-01"));
  EXPECT_EQ(FormatIsoDate(clock.Today()), "2026-03-01");
}

}  // namespace
}  // namespace openiom
