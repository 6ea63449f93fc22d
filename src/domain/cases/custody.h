// Custody and Through-the-Gate: a person's custody episodes (where, since when, the sentence, the expected and
// actual release, a recall and the end of licence), the resettlement checklist each new episode starts, counted back
// from the expected release, the countdown to release and the Friday-release flag. Pure: the day is passed in.
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

using CustodyEpisodeId = int64_t;

struct CustodyEpisode {
  CustodyEpisodeId id = 0;
  PersonId person_id = 0;
  std::string establishment;  // the prison or young offender institution, as its name is written
  Date started_on{};
  std::string sentence;  // free text ("18 months", "remand"); may be empty
  std::optional<Date> expected_release_on;
  std::optional<Date> released_on;
  // Recalled to custody while on licence from this episode. The person's return to custody is a new episode.
  std::optional<Date> recalled_on;
  std::optional<Date> licence_end_on;
  std::string recorded_by;  // username of whoever recorded the episode
  int version = 1;          // incremented on every change; a stale version is refused
};

// The invariants of an episode, on `today`: establishment required (at most 200 characters of plain text), sentence
// at most 200; custody started on or before today; the expected release not before the start; the release not before
// the start nor after today; a recall only after a release, on or after it, not after today nor after the licence
// end; the licence end not before the release (or, before release, the expected release). Every problem as
// {field, message} on the fields "establishment", "sentence", "started_on", "expected_release_on", "released_on",
// "recalled_on" and "licence_end_on", in that order; empty when the episode is valid.
FieldProblems CustodyEpisodeProblems(const CustodyEpisode& episode, Date today);

// In custody: released_on is not set.
inline bool InCustody(const CustodyEpisode& episode) { return !episode.released_on.has_value(); }

// Days from `today` to the expected release (0 on the day, negative once it has passed without a release); nullopt
// when no release is expected or the person has been released.
std::optional<int> ReleaseCountdown(const CustodyEpisode& episode, Date today);

// True when `date` is a Friday. Releases due on a Friday are flagged: housing, benefits and treatment services close
// for the weekend, so a Friday release has hours, not days, to find a bed and a script (the reason for the Offenders
// (Day of Release from Detention) Act 2023, which lets a Friday release be brought forward up to two working days).
bool IsFridayRelease(Date date);

// The resettlement checklist: what must be in place by the day of release (Through-the-Gate).
enum class ChecklistItem {
  kAccommodationAdvice,
  kBenefitClaim,
  kTreatmentAppointment,
  kGpRegistration,
  kIdDocuments,
  kRestorativeJustice,
};
inline constexpr Term<ChecklistItem> kChecklistItemTerms[] = {
    {ChecklistItem::kAccommodationAdvice, "accommodation_advice", "Accommodation advice started"},
    {ChecklistItem::kBenefitClaim, "benefit_claim", "Benefit claim ready for release day"},
    {ChecklistItem::kTreatmentAppointment, "treatment_appointment", "Treatment appointment booked"},
    {ChecklistItem::kGpRegistration, "gp_registration", "Registered with a GP"},
    {ChecklistItem::kIdDocuments, "id_documents", "ID documents in place"},
    {ChecklistItem::kRestorativeJustice, "restorative_justice", "Restorative justice offered"},
};
constexpr const auto& TermsOf(ChecklistItem) { return kChecklistItemTerms; }
static_assert(InEnumOrder(kChecklistItemTerms));

// Where an item is: still to do, done (on a date, by someone), or not applicable to this person (with a reason).
enum class ChecklistState { kOpen, kDone, kNotApplicable };
inline constexpr Term<ChecklistState> kChecklistStateTerms[] = {
    {ChecklistState::kOpen, "open", "To do"},
    {ChecklistState::kDone, "done", "Done"},
    {ChecklistState::kNotApplicable, "not_applicable", "Not applicable"},
};
constexpr const auto& TermsOf(ChecklistState) { return kChecklistStateTerms; }
static_assert(InEnumOrder(kChecklistStateTerms));

// How many days before the expected release each item is due: one table, so that configuration can replace it.
struct ResettlementRules {
  // Accommodation advice "started at least 12 weeks before" release (the requirement): a council's prevention duty
  // (Homelessness Reduction Act 2017) starts only 56 days ahead, and a bed takes longer to find than that.
  int accommodation_advice_days = 84;
  // The benefit claim is "ready for release day": payment on the day means no crisis loan on the first night.
  int benefit_claim_days = 0;
  // A treatment appointment booked two weeks ahead gives the provider time to confirm a slot for the first days out,
  // when the risk of overdose is highest (chosen for OpenIOM; configurable).
  int treatment_appointment_days = 14;
  // GP registration and ID documents four weeks ahead: registration and a birth certificate or provisional licence
  // take that long, and a bank account and the benefit claim need the ID (chosen for OpenIOM; configurable).
  int gp_registration_days = 28;
  int id_documents_days = 28;
  // Restorative justice offered to every PPO in custody (the requirement), eight weeks ahead so that a conference
  // can be arranged before release if the victim agrees (chosen for OpenIOM; configurable).
  int restorative_justice_days = 56;
};
inline constexpr ResettlementRules kDefaultResettlementRules{};

// The item's days before the expected release under `rules`.
int DaysBeforeRelease(const ResettlementRules& rules, ChecklistItem item);

// True for the items only some people get: restorative justice is offered to PPOs (members of the cohort on the PPO
// scheme) in custody.
constexpr bool OnlyForPpo(ChecklistItem item) { return item == ChecklistItem::kRestorativeJustice; }

// The items a new episode's checklist has: all of them for a PPO, all but the PPO-only ones otherwise, in order.
std::vector<ChecklistItem> ChecklistFor(bool is_ppo);

// When `item` is due for an episode: its days before the expected release, but never before custody started
// (a short sentence makes it due at once, not overdue before it began); nullopt when no release is expected.
std::optional<Date> ChecklistDueOn(const ResettlementRules& rules, ChecklistItem item, Date started_on,
                                   std::optional<Date> expected_release_on);

struct CustodyChecklistItem {
  int64_t id = 0;
  CustodyEpisodeId episode_id = 0;
  ChecklistItem item = ChecklistItem::kAccommodationAdvice;
  std::optional<Date> due_on;  // nullopt while no release is expected
  ChecklistState state = ChecklistState::kOpen;
  std::optional<Date> completed_on;  // done or found not applicable on
  std::string completed_by;          // username
  std::string note;                  // what was done, or why it does not apply
  int version = 1;
};

// Overdue: still open and due before `today` (on the due day it is not yet overdue).
bool IsOverdue(const CustodyChecklistItem& item, Date today);

// The problems of marking an item `state` on `on` with `note`: the state must be done or not applicable; the date
// not in the future nor before custody started (`started_on`); a reason is required for not applicable; the note at
// most 1,000 characters of plain text. On fields "state", "completed_on" and "note".
FieldProblems ChecklistUpdateProblems(ChecklistState state, std::optional<Date> on, const std::string& note,
                                      Date started_on, Date today);

}  // namespace openiom
