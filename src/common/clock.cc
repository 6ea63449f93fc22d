#include "common/clock.h"

#include <date/tz.h>
#include <fmt/format.h>

namespace openiom {

Date Clock::Today() const { return LondonDate(Now()); }

Timestamp SystemClock::Now() const {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

Date LondonDate(Timestamp instant) {
  static const date::time_zone* const kLondon = date::locate_zone("Europe/London");
  const auto local = kLondon->to_local(instant);
  return Date{std::chrono::floor<std::chrono::days>(local.time_since_epoch())};
}

std::string FormatLondonDateTime(Timestamp instant) {
  static const date::time_zone* const kLondon = date::locate_zone("Europe/London");
  const auto local = kLondon->to_local(instant);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::hh_mm_ss time{local - day};
  return fmt::format("{} at {:02}:{:02}", FormatLongDate(Date{day.time_since_epoch()}), time.hours().count(),
                     time.minutes().count());
}

}  // namespace openiom
