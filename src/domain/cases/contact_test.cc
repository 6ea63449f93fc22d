#include "domain/cases/contact.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

using std::chrono::days;

const Date kToday = *ParseIsoDate("2026-03-31");

Contact On(int days_before, std::optional<ContactOutcome> outcome, int64_t id = 1, std::string time = "") {
  Contact contact;
  contact.id = id;
  contact.on = kToday - days(days_before);
  contact.outcome = outcome;
  contact.time = std::move(time);
  return contact;
}

TEST(WithinDays, TheLastDayOfTheWindowCountsAndTheDayAfterTheAsOfDayDoesNot) {
  struct Case {
    int days_before;
    bool within;
  };
  for (const Case& c : std::vector<Case>{{0, true}, {27, true}, {28, true}, {29, false}, {-1, false}}) {
    EXPECT_EQ(WithinDays(kToday - days(c.days_before), kToday, 28), c.within) << c.days_before;
  }
}

TEST(Compliance, AttendedAndAcceptableAbsencesComplyRescheduledAndUnrecordedDoNotCount) {
  using enum ContactOutcome;
  struct Case {
    const char* name;
    std::vector<Contact> contacts;
    int days;
    int counted, complied, unacceptable;
    std::optional<double> percent;
  };
  const std::vector<Case> cases = {
      {"none", {}, 28, 0, 0, 0, std::nullopt},
      {"only rescheduled and unrecorded", {On(1, kRescheduled), On(2, std::nullopt)}, 28, 0, 0, 0, std::nullopt},
      {"all attended", {On(1, kAttended), On(8, kAttended)}, 28, 2, 2, 0, 100.0},
      {"9 of 10", {On(1, kAttended), On(2, kAttended), On(3, kAttended), On(4, kAttended), On(5, kAttended),
                   On(6, kAttended), On(7, kAttended), On(8, kFailedAcceptable), On(9, kAttended),
                   On(10, kFailedUnacceptable)},
       28, 10, 9, 1, 90.0},
      {"one of three failed, at the window's edges", {On(0, kAttended), On(28, kFailedUnacceptable), On(29, kAttended)},
       28, 2, 1, 1, 50.0},
      {"90 days sees further back", {On(0, kAttended), On(28, kFailedUnacceptable), On(90, kAttended),
                                     On(91, kFailedUnacceptable)},
       90, 3, 2, 1, 200.0 / 3},
  };
  for (const Case& c : cases) {
    const ComplianceRate rate = ComplianceOver(c.contacts, kToday, c.days);
    EXPECT_EQ(rate.counted, c.counted) << c.name;
    EXPECT_EQ(rate.complied, c.complied) << c.name;
    EXPECT_EQ(rate.unacceptable, c.unacceptable) << c.name;
    EXPECT_EQ(rate.Percent().has_value(), c.percent.has_value()) << c.name;
    if (c.percent) EXPECT_DOUBLE_EQ(*rate.Percent(), *c.percent) << c.name;
  }
}

TEST(Contact, ProblemsNameTheField) {
  struct Case {
    const char* name;
    Contact contact;
    std::vector<std::string> fields;
  };
  Contact long_notes = On(0, ContactOutcome::kAttended);
  long_notes.notes = std::string(kMaxContactNotes + 1, 'x');
  const std::vector<Case> cases = {
      {"today, attended", On(0, ContactOutcome::kAttended, 1, "09:30"), {}},
      {"tomorrow, no outcome yet", On(-1, std::nullopt), {}},
      {"tomorrow with an outcome", On(-1, ContactOutcome::kAttended), {"outcome"}},
      {"a year ahead", On(-366, std::nullopt), {}},
      {"more than a year ahead", On(-367, std::nullopt), {"on"}},
      {"more than a year ago", On(367, ContactOutcome::kAttended), {"on"}},
      {"24:00 is not a time", On(0, std::nullopt, 1, "24:00"), {"time"}},
      {"9:30 needs its zero", On(0, std::nullopt, 1, "9:30"), {"time"}},
      {"23:59", On(0, std::nullopt, 1, "23:59"), {}},
      {"notes too long", long_notes, {"notes"}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> fields;
    for (const FieldProblem& problem : ContactProblems(c.contact, kToday)) fields.push_back(problem.field);
    EXPECT_EQ(fields, c.fields) << c.name;
  }
}

TEST(Contact, TheNextAppointmentIsTheEarliestStillToCome) {
  const std::vector<Contact> contacts = {On(-5, std::nullopt, 1, "10:00"), On(-2, std::nullopt, 2, "15:00"),
                                         On(-2, std::nullopt, 3, "09:00"), On(1, std::nullopt, 4),
                                         On(0, ContactOutcome::kAttended, 5)};
  ASSERT_TRUE(NextAppointment(contacts, kToday).has_value());
  EXPECT_EQ(NextAppointment(contacts, kToday)->id, 3);
  EXPECT_FALSE(NextAppointment({On(1, std::nullopt)}, kToday).has_value());
  EXPECT_EQ(NextAppointment({On(0, std::nullopt, 7)}, kToday)->id, 7);  // today, not yet recorded
}

}  // namespace
}  // namespace openiom
