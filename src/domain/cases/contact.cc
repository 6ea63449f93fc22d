#include "domain/cases/contact.h"

#include <algorithm>
#include <tuple>

namespace openiom {

namespace {

bool IsClockTime(const std::string& time) {
  if (time.size() != 5 || time[2] != ':') return false;
  for (const size_t digit : {0, 1, 3, 4}) {
    if (time[digit] < '0' || time[digit] > '9') return false;
  }
  const int hours = (time[0] - '0') * 10 + (time[1] - '0');
  const int minutes = (time[3] - '0') * 10 + (time[4] - '0');
  return hours < 24 && minutes < 60;
}

}  // namespace

FieldProblems ContactProblems(const Contact& contact, Date today) {
  FieldProblems problems;
  if (contact.outcome && contact.on > today) {
    problems.push_back({"outcome", "cannot be recorded for an appointment that is still to come"});
  }
  // A year either way covers booking ahead and recording late; anything further is a typing mistake.
  if (contact.on > today + std::chrono::days(366)) problems.push_back({"on", "is more than a year away"});
  if (contact.on < today - std::chrono::days(366)) problems.push_back({"on", "is more than a year ago"});
  if (!contact.time.empty() && !IsClockTime(contact.time)) {
    problems.push_back({"time", "must be a time of day as HH:MM, such as 14:30"});
  }
  if (contact.notes.size() > kMaxContactNotes) {
    problems.push_back({"notes", "must be at most " + std::to_string(kMaxContactNotes) + " characters"});
  }
  return problems;
}

bool WithinDays(Date day, Date as_of, int days) { return day <= as_of && day >= as_of - std::chrono::days(days); }

std::optional<double> ComplianceRate::Percent() const {
  if (counted == 0) return std::nullopt;
  return 100.0 * complied / counted;
}

ComplianceRate ComplianceOver(const std::vector<Contact>& contacts, Date as_of, int days) {
  ComplianceRate rate;
  for (const Contact& contact : contacts) {
    if (!contact.outcome || !WithinDays(contact.on, as_of, days)) continue;
    switch (*contact.outcome) {
      case ContactOutcome::kAttended:
      case ContactOutcome::kFailedAcceptable:
        ++rate.counted;
        ++rate.complied;
        break;
      case ContactOutcome::kFailedUnacceptable:
        ++rate.counted;
        ++rate.unacceptable;
        break;
      case ContactOutcome::kRescheduled:
        break;
    }
  }
  return rate;
}

std::optional<Contact> NextAppointment(const std::vector<Contact>& contacts, Date today) {
  const Contact* next = nullptr;
  for (const Contact& contact : contacts) {
    if (contact.outcome || contact.on < today) continue;
    if (next == nullptr || std::tie(contact.on, contact.time, contact.id) < std::tie(next->on, next->time, next->id)) {
      next = &contact;
    }
  }
  if (next == nullptr) return std::nullopt;
  return *next;
}

}  // namespace openiom
