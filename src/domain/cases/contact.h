// Appointments and contacts with a cohort member (office, home visit, phone, drug test, treatment session), what
// came of each, and the compliance rate over a period.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/people/person.h"
#include "domain/vocabulary.h"

namespace openiom {

enum class ContactKind { kOffice, kHomeVisit, kPhone, kDrugTest, kTreatmentSession };
inline constexpr Term<ContactKind> kContactKindTerms[] = {
    {ContactKind::kOffice, "office", "Office appointment"},
    {ContactKind::kHomeVisit, "home_visit", "Home visit"},
    {ContactKind::kPhone, "phone", "Phone contact"},
    {ContactKind::kDrugTest, "drug_test", "Drug test"},
    {ContactKind::kTreatmentSession, "treatment_session", "Treatment session"},
};
constexpr const auto& TermsOf(ContactKind) { return kContactKindTerms; }
static_assert(InEnumOrder(kContactKindTerms));

// What came of an appointment. An acceptable absence (illness with a note, a clash with a court date) is not a
// failure to comply; an unacceptable one counts towards warnings, breach and the BRAG rating.
enum class ContactOutcome { kAttended, kFailedAcceptable, kFailedUnacceptable, kRescheduled };
inline constexpr Term<ContactOutcome> kContactOutcomeTerms[] = {
    {ContactOutcome::kAttended, "attended", "Attended"},
    {ContactOutcome::kFailedAcceptable, "failed_acceptable", "Failed to attend: acceptable"},
    {ContactOutcome::kFailedUnacceptable, "failed_unacceptable", "Failed to attend: unacceptable"},
    {ContactOutcome::kRescheduled, "rescheduled", "Rescheduled"},
};
constexpr const auto& TermsOf(ContactOutcome) { return kContactOutcomeTerms; }
static_assert(InEnumOrder(kContactOutcomeTerms));

using ContactId = int64_t;

struct Contact {
  ContactId id = 0;
  PersonId person_id = 0;
  ContactKind kind = ContactKind::kOffice;
  Date on{};
  std::string time;  // "HH:MM" (24-hour), or empty
  int64_t agency_id = 0;
  std::string agency;                     // the agency's name, for lists
  std::string worker;                     // who the appointment is with (a name), or empty
  std::optional<ContactOutcome> outcome;  // none yet: still to come, or not yet recorded
  std::string notes;
  std::string recorded_by;
  Timestamp recorded_at{};
  int version = 1;
};

inline constexpr size_t kMaxContactNotes = 4000;

// Every problem with a contact as typed, as {field, message}: an outcome for a day still to come, a time that is not
// HH:MM, a day more than a year away, notes too long. `today` is the day it is recorded on.
FieldProblems ContactProblems(const Contact& contact, Date today);

// Whether `day` is within the `days` days up to `as_of`: as_of - days <= day <= as_of. So, for 28 days, something 28
// days before counts and 29 days before does not; something after as_of never counts.
bool WithinDays(Date day, Date as_of, int days);

// Compliance over the `days` days up to `as_of` (WithinDays): of the appointments whose outcome counts (attended,
// or failed acceptably or unacceptably; rescheduled and not yet recorded ones do not), the share that were not an
// unacceptable failure. Acceptable absences comply: the person did what was asked of them.
struct ComplianceRate {
  int counted = 0;    // appointments with an outcome that counts
  int complied = 0;   // attended or failed acceptably
  int unacceptable = 0;
  // complied / counted as a percentage, or nothing when no appointment counted (no basis for a rate).
  std::optional<double> Percent() const;
};
ComplianceRate ComplianceOver(const std::vector<Contact>& contacts, Date as_of, int days);

// The next appointment on or after `today` with no outcome yet (earliest day, then time), if any.
std::optional<Contact> NextAppointment(const std::vector<Contact>& contacts, Date today);

}  // namespace openiom
