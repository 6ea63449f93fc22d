// The demo cohort's teams and referrals to services (issue 10, parts 2 and 9): see AddDemoTeamsAndReferrals in
// demo_data.h.
#include <array>
#include <optional>
#include <string_view>

#include "domain/cases/service_referral.h"
#include "domain/cases/team.h"
#include "services/system/demo_data.h"
#include "storage/accounts/agency_repository.h"
#include "storage/accounts/user_repository.h"
#include "storage/cases/service_referral_repository.h"
#include "storage/cases/team_repository.h"
#include "storage/selection/panel_repository.h"
#include "storage/transaction.h"

namespace openiom {

namespace {

using std::chrono::days;

// A number from 0 to `range` - 1 for a member and a purpose, fixed for a seed: the teams and referrals draw from no
// sequence shared with the rest of the demo caseload, so adding them changed nothing else.
int Draw(uint64_t seed, size_t member, uint64_t purpose, int range) {
  uint64_t z = seed ^ (0x7ea3f00dULL + member * 0x9e3779b97f4a7c15ULL + purpose * 0xbf58476d1ce4e5b9ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return static_cast<int>(z % static_cast<uint64_t>(range));
}

constexpr std::array<std::string_view, 6> kDrugWorkers = {"Priya Shah", "Tom Wilkinson", "Aisha Begum",
                                                          "Gary Lowther", "Nicola Hart", "Sean Doyle"};
constexpr std::array<std::string_view, 4> kHousingOfficers = {"Lee Carr", "Joanne Pallister", "Mark Dobson",
                                                              "Hannah Reed"};
constexpr std::array<std::string_view, 3> kEmploymentAdvisers = {"Craig Metcalfe", "Donna Hughes", "Imran Ali"};
constexpr std::array<std::string_view, 4> kMentors = {"Kev Robson (lived experience)", "Sharon Bell", "Dale Wright",
                                                      "Michelle Scott"};

// A referral's provider, by service (in the vocabulary's order).
constexpr std::array<std::string_view, 7> kDemoProviders = {
    "Tees Housing Partnership housing options", "Teesside Drug and Alcohol Service",
    "Jobcentre Plus work coach and CSCS course", "Tees liaison and diversion team",
    "Restorative Cleveland",                    "Second Chance Mentoring",
    "Community payback unit, Middlesbrough"};
static_assert(kDemoProviders.size() == std::size(kServiceKindTerms));
// What came of a completed or declined referral, by service.
constexpr std::array<std::string_view, 7> kDemoCompleted = {
    "Moved into supported accommodation", "Completed a 12-week treatment programme; on a stable script",
    "Passed the CSCS test; started labouring work", "Assessed; referred on to the community mental health team",
    "Met the victim in a facilitated conference", "Mentored for six months; volunteers with the project now",
    "All 120 hours completed"};
constexpr std::array<std::string_view, 7> kDemoDeclined = {
    "No vacancy; on the waiting list elsewhere", "Did not attend two assessments",
    "Not eligible while on the work programme", "Did not meet the threshold for the service",
    "The victim did not wish to take part", "No mentor available in the area",
    "Unsuitable: medical exemption"};

}  // namespace

Status AddDemoTeamsAndReferrals(Transaction& transaction, uint64_t seed, Date as_of, Timestamp now,
                                DemoCaseloadReport& report) {
  AgencyRepository& agencies = transaction.Get<AgencyRepository>();
  ASSIGN_OR_RETURN(const std::optional<Agency> treatment,
                   agencies.FindByName("Teesside Drug and Alcohol Service (demo)"));
  ASSIGN_OR_RETURN(const std::optional<Agency> housing, agencies.FindByName("Tees Housing Partnership (demo)"));
  ASSIGN_OR_RETURN(const std::optional<Agency> jobcentre, agencies.FindByName("Jobcentre Plus - Teesside"));
  ASSIGN_OR_RETURN(const std::optional<Agency> mentoring, agencies.FindByName("Second Chance Mentoring (demo)"));
  ASSIGN_OR_RETURN(const std::optional<Agency> probation, agencies.FindByName("Probation Service - Cleveland"));
  if (!treatment || !housing || !jobcentre || !mentoring || !probation) return Status::Ok();
  ASSIGN_OR_RETURN(const std::optional<StoredUser> practitioner,
                   transaction.Get<UserRepository>().FindByUsername("demo.practitioner"));
  ASSIGN_OR_RETURN(const std::vector<CohortMembership> members, transaction.Get<PanelRepository>().CurrentMembers());
  TeamRepository& teams = transaction.Get<TeamRepository>();
  ServiceReferralRepository& referrals = transaction.Get<ServiceReferralRepository>();
  for (size_t index = 0; index < members.size(); ++index) {
    const CohortMembership& m = members[index];
    const auto add = [&](AgencyId agency_id, TeamRole role, std::optional<UserId> user, std::string_view name,
                         int joined_days_ago, std::optional<int> left_days_ago) -> Status {
      TeamMember member{.person_id = m.person_id, .agency_id = agency_id, .user_id = user,
                        .worker_name = std::string(name), .role = role,
                        .joined_on = as_of - days(joined_days_ago), .added_by = "demo.manager", .added_at = now};
      ASSIGN_OR_RETURN(member.id, teams.Add(member));
      ++report.team_members;
      if (!left_days_ago) return Status::Ok();
      member.left_on = as_of - days(*left_days_ago);
      member.ended_by = "demo.manager";
      return teams.End(member);
    };
    // Most members see a drug worker (the cohort is mostly acquisitive, drug-using offenders); some a housing officer,
    // an employment adviser or a mentor, and every eighth had a mentor who has since left the team.
    if (index % 4 != 3) {
      RETURN_IF_ERROR(add(treatment->id, TeamRole::kDrugWorker, std::nullopt,
                          kDrugWorkers[static_cast<size_t>(Draw(seed, index, 1, kDrugWorkers.size()))],
                          30 + Draw(seed, index, 2, 300), std::nullopt));
    }
    if (index % 3 == 0) {
      RETURN_IF_ERROR(add(housing->id, TeamRole::kHousingOfficer, std::nullopt,
                          kHousingOfficers[static_cast<size_t>(Draw(seed, index, 3, kHousingOfficers.size()))],
                          20 + Draw(seed, index, 4, 200), std::nullopt));
    }
    if (index % 5 == 1) {
      RETURN_IF_ERROR(add(jobcentre->id, TeamRole::kEmploymentAdviser, std::nullopt,
                          kEmploymentAdvisers[static_cast<size_t>(Draw(seed, index, 5, kEmploymentAdvisers.size()))],
                          10 + Draw(seed, index, 6, 120), std::nullopt));
    }
    if (index % 4 == 2) {
      const std::optional<int> left = index % 8 == 2 ? std::optional<int>(Draw(seed, index, 8, 20)) : std::nullopt;
      RETURN_IF_ERROR(add(mentoring->id, TeamRole::kMentor, std::nullopt,
                          kMentors[static_cast<size_t>(Draw(seed, index, 7, kMentors.size()))], 60 + Draw(seed, index, 9, 200),
                          left));
    }
    // The demo police officer is the IOM officer on some teams they do not lead, so their caseload shows both.
    if (practitioner && index % 5 == 0 && m.lead_user_id != practitioner->user.id) {
      RETURN_IF_ERROR(add(practitioner->user.agency_id, TeamRole::kPoliceIomOfficer, practitioner->user.id, "", 15 + Draw(seed, index, 10, 100),
                          std::nullopt));
    }

    // Every other member has a referral to a service, in every status in turn.
    if (index % 2 != 0) continue;
    const size_t turn = index / 2;
    const auto service = static_cast<ServiceKind>(Draw(seed, index, 11, std::size(kServiceKindTerms)));
    const auto status = static_cast<ServiceReferralStatus>(turn % std::size(kServiceReferralStatusTerms));
    const int referred = 10 + Draw(seed, index, 12, 150);
    ServiceReferral referral{.person_id = m.person_id,
                             .service = service,
                             .provider = std::string(kDemoProviders[static_cast<size_t>(service)]),
                             .referred_on = as_of - days(referred),
                             .referred_by = "demo.manager",
                             .referred_by_agency_id = probation->id,
                             .status = status,
                             .status_on = as_of - days(status == ServiceReferralStatus::kSent ? referred
                                                                                              : Draw(seed, index, 13, 10)),
                             .updated_by = "demo.manager",
                             .recorded_at = now};
    if (status == ServiceReferralStatus::kCompleted) {
      referral.outcome = std::string(kDemoCompleted[static_cast<size_t>(service)]);
    }
    if (status == ServiceReferralStatus::kDeclined) {
      referral.outcome = std::string(kDemoDeclined[static_cast<size_t>(service)]);
    }
    RETURN_IF_ERROR(referrals.Add(referral).status());
    ++report.service_referrals;
  }
  return Status::Ok();
}

}  // namespace openiom
