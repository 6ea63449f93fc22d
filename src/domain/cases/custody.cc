#include "domain/cases/custody.h"

#include <algorithm>

#include "common/csv.h"
#include "common/strings.h"

namespace openiom {
namespace {

constexpr size_t kMaxEstablishment = 200;
constexpr size_t kMaxSentence = 200;
constexpr size_t kMaxNote = 1000;

}  // namespace

FieldProblems CustodyEpisodeProblems(const CustodyEpisode& episode, Date today) {
  FieldProblems problems;
  const std::string_view establishment = Trim(episode.establishment);
  if (establishment.empty()) {
    problems.push_back({"establishment", "Enter the prison or establishment"});
  } else if (establishment.size() > kMaxEstablishment) {
    problems.push_back({"establishment", "The establishment must be 200 characters or fewer"});
  } else if (!TextProblem(establishment).empty()) {
    problems.push_back({"establishment", "Enter the establishment as plain text"});
  }
  if (episode.sentence.size() > kMaxSentence) {
    problems.push_back({"sentence", "The sentence must be 200 characters or fewer"});
  } else if (!TextProblem(episode.sentence).empty()) {
    problems.push_back({"sentence", "Enter the sentence as plain text"});
  }
  if (episode.started_on > today) {
    problems.push_back({"started_on", "The date custody started must be today or in the past"});
  }
  if (episode.expected_release_on && *episode.expected_release_on < episode.started_on) {
    problems.push_back(
        {"expected_release_on", "The expected release date must be the same as or after the date custody started"});
  }
  if (episode.released_on) {
    if (*episode.released_on < episode.started_on) {
      problems.push_back({"released_on", "The release date must be the same as or after the date custody started"});
    } else if (*episode.released_on > today) {
      // A release to come is the expected release; only one that has happened is recorded as a release.
      problems.push_back({"released_on", "The release date must be today or in the past"});
    }
  }
  if (episode.recalled_on) {
    if (!episode.released_on) {
      problems.push_back({"recalled_on", "A recall can only be recorded after a release"});
    } else if (*episode.recalled_on < *episode.released_on) {
      problems.push_back({"recalled_on", "The recall date must be the same as or after the release date"});
    } else if (*episode.recalled_on > today) {
      problems.push_back({"recalled_on", "The recall date must be today or in the past"});
    } else if (episode.licence_end_on && *episode.recalled_on > *episode.licence_end_on) {
      problems.push_back({"recalled_on", "The recall date must be on or before the end of the licence"});
    }
  }
  // Before release, the licence follows the expected release; after it, the release itself.
  const std::optional<Date> licence_from = episode.released_on ? episode.released_on : episode.expected_release_on;
  if (episode.licence_end_on && licence_from && *episode.licence_end_on < *licence_from) {
    problems.push_back({"licence_end_on", episode.released_on
                                              ? "The licence end date must be the same as or after the release date"
                                              : "The licence end date must be the same as or after the expected "
                                                "release date"});
  } else if (episode.licence_end_on && *episode.licence_end_on < episode.started_on) {
    problems.push_back({"licence_end_on", "The licence end date must be after the date custody started"});
  }
  return problems;
}

std::optional<int> ReleaseCountdown(const CustodyEpisode& episode, Date today) {
  if (episode.released_on || !episode.expected_release_on) return std::nullopt;
  return static_cast<int>((*episode.expected_release_on - today).count());
}

bool IsFridayRelease(Date date) { return WeekdayOf(date) == std::chrono::Friday; }

int DaysBeforeRelease(const ResettlementRules& rules, ChecklistItem item) {
  switch (item) {
    case ChecklistItem::kAccommodationAdvice: return rules.accommodation_advice_days;
    case ChecklistItem::kBenefitClaim: return rules.benefit_claim_days;
    case ChecklistItem::kTreatmentAppointment: return rules.treatment_appointment_days;
    case ChecklistItem::kGpRegistration: return rules.gp_registration_days;
    case ChecklistItem::kIdDocuments: return rules.id_documents_days;
    case ChecklistItem::kRestorativeJustice: return rules.restorative_justice_days;
  }
  return 0;
}

std::vector<ChecklistItem> ChecklistFor(bool is_ppo) {
  std::vector<ChecklistItem> items;
  for (ChecklistItem item : All<ChecklistItem>()) {
    if (is_ppo || !OnlyForPpo(item)) items.push_back(item);
  }
  return items;
}

std::optional<Date> ChecklistDueOn(const ResettlementRules& rules, ChecklistItem item, Date started_on,
                                   std::optional<Date> expected_release_on) {
  if (!expected_release_on) return std::nullopt;
  return std::max(*expected_release_on - std::chrono::days{DaysBeforeRelease(rules, item)}, started_on);
}

bool IsOverdue(const CustodyChecklistItem& item, Date today) {
  return item.state == ChecklistState::kOpen && item.due_on && *item.due_on < today;
}

FieldProblems ChecklistUpdateProblems(ChecklistState state, std::optional<Date> on, const std::string& note,
                                      Date started_on, Date today) {
  FieldProblems problems;
  if (state == ChecklistState::kOpen) {
    problems.push_back({"state", "Select done or not applicable"});
  }
  if (!on) {
    problems.push_back({"completed_on", "Enter the date"});
  } else if (*on > today) {
    problems.push_back({"completed_on", "The date must be today or in the past"});
  } else if (*on < started_on) {
    problems.push_back({"completed_on", "The date must be the same as or after the date custody started"});
  }
  const std::string_view trimmed = Trim(note);
  if (state == ChecklistState::kNotApplicable && trimmed.empty()) {
    problems.push_back({"note", "Enter why this does not apply"});
  } else if (trimmed.size() > kMaxNote) {
    problems.push_back({"note", "The note must be 1,000 characters or fewer"});
  } else if (!TextProblem(trimmed).empty()) {
    problems.push_back({"note", "Enter the note as plain text"});
  }
  return problems;
}

}  // namespace openiom
