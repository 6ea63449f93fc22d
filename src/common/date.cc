#include "common/date.h"

#include <fmt/format.h>

namespace openiom {
namespace {

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return !text.empty();
}

int ToInt(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

Result<Date> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !AllDigits(text.substr(0, 4)) ||
      !AllDigits(text.substr(5, 2)) || !AllDigits(text.substr(8, 2))) {
    return Status::InvalidArgument(fmt::format("'{}' is not a date in the form YYYY-MM-DD", text));
  }
  const int year = ToInt(text.substr(0, 4));
  const unsigned month = static_cast<unsigned>(ToInt(text.substr(5, 2)));
  const unsigned day = static_cast<unsigned>(ToInt(text.substr(8, 2)));
  if (year < 1800) return Status::InvalidArgument(fmt::format("'{}' is before the year 1800", text));
  const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
  if (!ymd.ok()) return Status::InvalidArgument(fmt::format("'{}' is not a calendar date", text));
  return Date{ymd};
}

std::string FormatIsoDate(Date date) {
  const std::chrono::year_month_day ymd{date};
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

namespace {
constexpr std::string_view kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};
}  // namespace

std::string FormatLongDate(Date date) {
  const std::chrono::year_month_day ymd{date};
  return fmt::format("{} {} {}", static_cast<unsigned>(ymd.day()), kMonthNames[static_cast<unsigned>(ymd.month()) - 1],
                     static_cast<int>(ymd.year()));
}

std::string FormatShortDate(Date date) {
  const std::chrono::year_month_day ymd{date};
  return fmt::format("{} {} {}", static_cast<unsigned>(ymd.day()),
                     kMonthNames[static_cast<unsigned>(ymd.month()) - 1].substr(0, 3), static_cast<int>(ymd.year()));
}

std::chrono::weekday WeekdayOf(Date date) { return std::chrono::weekday{date}; }

std::string_view WeekdayName(Date date) {
  // Indexed by c_encoding(): Sunday is 0.
  static constexpr std::string_view kDayNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                   "Thursday", "Friday", "Saturday"};
  return kDayNames[WeekdayOf(date).c_encoding()];
}

std::string FormatDayAndDate(Date date) { return fmt::format("{} {}", WeekdayName(date), FormatLongDate(date)); }

Result<Timestamp> ParseIsoTimestamp(std::string_view text) {
  auto bad = [&] {
    return Status::InvalidArgument(fmt::format("'{}' is not a UTC timestamp in the form YYYY-MM-DDTHH:MM:SSZ", text));
  };
  if (text.size() < 20) return bad();
  ASSIGN_OR_RETURN(Date date, ParseIsoDate(text.substr(0, 10)));
  if (text[10] != 'T' && text[10] != ' ') return bad();
  const std::string_view clock = text.substr(11, 8);
  if (clock[2] != ':' || clock[5] != ':' || !AllDigits(clock.substr(0, 2)) || !AllDigits(clock.substr(3, 2)) ||
      !AllDigits(clock.substr(6, 2))) {
    return bad();
  }
  const int hours = ToInt(clock.substr(0, 2));
  const int minutes = ToInt(clock.substr(3, 2));
  const int seconds = ToInt(clock.substr(6, 2));
  if (hours > 23 || minutes > 59 || seconds > 60) return bad();
  std::string_view rest = text.substr(19);
  if (!rest.empty() && rest[0] == '.') {  // fractional seconds are dropped
    size_t digits = 1;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    if (digits == 1) return bad();
    rest.remove_prefix(digits);
  }
  if (rest != "Z" && rest != "+00" && rest != "+00:00") return bad();
  return Timestamp{date} + std::chrono::hours{hours} + std::chrono::minutes{minutes} + std::chrono::seconds{seconds};
}

std::string FormatIsoTimestamp(Timestamp timestamp) {
  const Date date = std::chrono::floor<std::chrono::days>(timestamp);
  const std::chrono::hh_mm_ss clock{timestamp - date};
  return fmt::format("{}T{:02d}:{:02d}:{:02d}Z", FormatIsoDate(date), clock.hours().count(), clock.minutes().count(),
                     clock.seconds().count());
}

int AgeOn(Date birth, Date on) {
  const std::chrono::year_month_day b{birth};
  const std::chrono::year_month_day o{on};
  int age = static_cast<int>(o.year()) - static_cast<int>(b.year());
  if (o.month() < b.month() || (o.month() == b.month() && o.day() < b.day())) --age;
  return age;
}

}  // namespace openiom
