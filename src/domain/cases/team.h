// The team around a person: beside their one lead professional (cohort_membership.lead_user_id, normally of
// probation), the named workers of other agencies, each with their role. A member who leaves is kept, with the day
// they left, so the team's history stays; only current members make their agency "involved" with the person
// (need-to-know, storage/access/access_repository.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/accounts/account.h"
#include "domain/accounts/agency.h"
#include "domain/people/person.h"
#include "domain/vocabulary.h"

namespace openiom {

// What a named worker does for the person. The IOM core (offender manager, police IOM officer, prison offender
// manager) first, then the pathway workers, then "other".
enum class TeamRole {
  kOffenderManager,
  kPoliceIomOfficer,
  kPrisonOffenderManager,
  kDrugWorker,
  kHousingOfficer,
  kMentalHealthWorker,
  kEmploymentAdviser,
  kMentor,
  kOther,
};
inline constexpr Term<TeamRole> kTeamRoleTerms[] = {
    {TeamRole::kOffenderManager, "offender_manager", "Offender manager"},
    {TeamRole::kPoliceIomOfficer, "police_iom_officer", "Police IOM officer"},
    {TeamRole::kPrisonOffenderManager, "prison_offender_manager", "Prison offender manager"},
    {TeamRole::kDrugWorker, "drug_worker", "Drug worker"},
    {TeamRole::kHousingOfficer, "housing_officer", "Housing officer"},
    {TeamRole::kMentalHealthWorker, "mental_health_worker", "Mental health worker"},
    {TeamRole::kEmploymentAdviser, "employment_adviser", "Employment adviser"},
    {TeamRole::kMentor, "mentor", "Mentor"},
    {TeamRole::kOther, "other", "Other"},
};
constexpr const auto& TermsOf(TeamRole) {
  return kTeamRoleTerms;
}
static_assert(InEnumOrder(kTeamRoleTerms));

using TeamMemberId = int64_t;

struct TeamMember {
  TeamMemberId id = 0;  // 0 until stored
  PersonId person_id = 0;
  AgencyId agency_id = 0;
  std::string agency;             // the agency's name, for lists
  std::optional<UserId> user_id;  // a named worker with an account, who then sees the person on their caseload
  std::string worker_name;        // free text, for a worker with no account (empty when user_id is set)
  std::string worker;             // who to show: the user's name as it is now, or worker_name
  TeamRole role = TeamRole::kOther;
  Date joined_on{};
  std::optional<Date> left_on;  // set when they left the team
  std::string added_by, ended_by;
  Timestamp added_at{};
  int version = 1;
};

inline constexpr size_t kMaxWorkerName = 200;

// On the team now: they have not left. (A member is added on or before the day they join, never ahead of it.)
bool IsCurrent(const TeamMember& member);

// Every problem with a member as it would be stored, as {field, message}: no agency; neither a user nor a worker's
// name, or both; a name over kMaxWorkerName characters; joined_on after `today` or, for a new member (id 0), more
// than a year before it; left_on before joined_on or after `today`. Fields are "agency", "worker", "joined_on" and
// "left_on".
FieldProblems TeamMemberProblems(const TeamMember& member, Date today);

// The team's order: current members by role (the vocabulary's order), then name; then those who left, latest first;
// ties by id.
void SortTeam(std::vector<TeamMember>& members);

// A person's lead professional and team, as the case page and the API show them: the lead first.
struct PersonTeam {
  bool in_cohort = false;             // a current cohort member (only they have a lead professional)
  std::string lead_professional;      // their name, or empty when none is named
  std::string lead_agency;            // the lead agency's name, or empty
  std::optional<UserId> lead_user_id;
  std::vector<TeamMember> members;    // SortTeam's order
};

}  // namespace openiom
