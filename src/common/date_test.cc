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

namespace openiom {
namespace {

TEST(FormatLongDate, WritesDatesAsGovUkDoes) {
  const struct {
    std::string_view iso, long_form, short_form;
  } cases[] = {
      {"2011-06-10", "10 June 2011", "10 Jun 2011"},     {"2026-12-02", "2 December 2026", "2 Dec 2026"},
      {"2024-02-29", "29 February 2024", "29 Feb 2024"}, {"1800-01-01", "1 January 1800", "1 Jan 1800"},
      {"2026-09-30", "30 September 2026", "30 Sep 2026"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(FormatLongDate(*ParseIsoDate(c.iso)), c.long_form);
    EXPECT_EQ(FormatShortDate(*ParseIsoDate(c.iso)), c.short_form);
  }
}

// Days of the week checked against a printed calendar, across a leap day and the turn of a year and of a century.
TEST(WeekdayOf, NamesTheDayOfTheWeek) {
  const struct {
    const char* date;
    std::string_view name;
  } kCases[] = {
      {"2026-12-18", "Friday"},   {"2026-12-17", "Thursday"}, {"2026-12-19", "Saturday"}, {"2026-12-20", "Sunday"},
      {"2026-12-21", "Monday"},   {"2026-12-22", "Tuesday"},  {"2026-12-23", "Wednesday"}, {"2024-02-29", "Thursday"},
      {"2024-03-01", "Friday"},   {"2027-01-01", "Friday"},   {"2000-01-01", "Saturday"},  {"1900-01-01", "Monday"},
  };
  for (const auto& c : kCases) {
    const Date date = *ParseIsoDate(c.date);
    EXPECT_EQ(WeekdayName(date), c.name) << c.date;
    EXPECT_EQ(WeekdayOf(date) == std::chrono::Friday, c.name == "Friday") << c.date;
  }
  EXPECT_EQ(FormatDayAndDate(*ParseIsoDate("2026-12-18")), "Friday 18 December 2026");
  EXPECT_EQ(FormatDayAndDate(*ParseIsoDate("2027-01-04")), "Monday 4 January 2027");
}

TEST(FormatLondonDateTime, ShowsLondonTimeWithBritishSummerTime) {
  const struct {
    std::string_view utc, london;
  } cases[] = {
      {"2026-12-02T21:03:15Z", "2 December 2026 at 21:03"},  // GMT
      {"2026-06-10T08:05:00Z", "10 June 2026 at 09:05"},     // BST
      {"2026-06-10T23:30:00Z", "11 June 2026 at 00:30"},     // BST moves the day
      {"2026-03-29T00:59:59Z", "29 March 2026 at 00:59"},    // the last second of GMT
      {"2026-03-29T01:00:00Z", "29 March 2026 at 02:00"},    // clocks go forward
      {"2026-10-25T00:30:00Z", "25 October 2026 at 01:30"},  // BST, before clocks go back
      {"2026-10-25T01:30:00Z", "25 October 2026 at 01:30"},  // GMT again: the hour repeats
  };
  for (const auto& c : cases) EXPECT_EQ(FormatLondonDateTime(*ParseIsoTimestamp(c.utc)), c.london) << c.utc;
}

}  // namespace
}  // namespace openiom
