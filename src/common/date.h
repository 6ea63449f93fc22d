// Calendar dates and UTC timestamps, and their ISO 8601 text forms.
//
// A Date is a day number (std::chrono::sys_days): cheap to compare, subtract and store in columns.
// Text forms are strict: dates are exactly YYYY-MM-DD; anything else is an InvalidArgument naming why.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "common/status.h"

namespace openiom {

using Date = std::chrono::sys_days;
using Timestamp = std::chrono::sys_seconds;

// Parses "YYYY-MM-DD" (exactly ten characters, a real calendar date, year 1800-9999).
Result<Date> ParseIsoDate(std::string_view text);
std::string FormatIsoDate(Date date);

// Parses "YYYY-MM-DDTHH:MM:SS[.fff]Z", also accepting a space for T and "+00"/"+00:00" for Z, which is how
// PostgreSQL prints a timestamptz in UTC. Other offsets are rejected.
Result<Timestamp> ParseIsoTimestamp(std::string_view text);
// "YYYY-MM-DDTHH:MM:SSZ".
std::string FormatIsoTimestamp(Timestamp timestamp);

// "10 June 2011": how GOV.UK writes a date (no leading zero, the month's full name).
std::string FormatLongDate(Date date);
// "10 Jun 2011": the GOV.UK short form, for dense tables.
std::string FormatShortDate(Date date);
// "Friday 18 December 2026": the long form with the day of the week, where the day matters (a release date).
std::string FormatDayAndDate(Date date);

// The day of the week of `date` (std::chrono::Monday ... Sunday), and its English name ("Friday").
std::chrono::weekday WeekdayOf(Date date);
std::string_view WeekdayName(Date date);

// Whole years from `birth` to `on` (the age a person has on that day).
int AgeOn(Date birth, Date on);

}  // namespace openiom
