// The team around a person: their lead professional (from the cohort membership) and the named workers of other
// agencies, each with their role; a member who leaves is kept with the day they left. Authorised and audited here,
// whichever entry point calls.
//
// Reading the team is a view of the person's record (Action::kViewPerson, need-to-know), audited once per call.
// Adding a member or recording that one left is Action::kManageTeam: practitioners of agencies that hold offence
// records and managers (never by breaking the glass), since a current member's agency is then involved with the
// person and reads their record (AccessRepository::Involvement). A member is an enabled practitioner or manager
// chosen from the list (who then sees the person on their caseload), or a name typed in for a worker with no account,
// with their agency (the user's own when a user is chosen and no agency). Calls behind a form take an optional
// `shown`, as PlanService's do.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/accounts/agency.h"
#include "domain/cases/team.h"
#include "domain/people/person.h"
#include "services/access/access_policy.h"
#include "services/cases/plan_service.h"

namespace openiom {

class AuditTrail;
class Database;
class Transaction;

// The person's lead professional and team as stored, in the caller's transaction (also read by CaseService::Case).
Result<PersonTeam> ReadTeam(Transaction& transaction, PersonId person_id);

// Everything the team page and API show, read in one audited view.
struct TeamView {
  Person person;
  PersonTeam team;
  bool open_warrant = false;  // for the record's header
  Date today{};
};

// A member as typed: the agency's and user's ids ("" for none), a worker's name (only with no user), a TeamRole code
// and the day they joined (YYYY-MM-DD; today when empty).
struct TeamMemberInput {
  std::string agency_id, user_id, worker_name, role, joined_on;
};

// Who may be named on a team: every agency, and the enabled practitioners and managers (PlanOwner: id, name,
// agency).
struct TeamWorkers {
  std::vector<Agency> agencies;  // by name
  std::vector<PlanOwner> users;  // by name
};

class TeamService {
 public:
  TeamService(Database& database, const AuditTrail& audit, const Clock& clock)
      : database_(database), audit_(audit), clock_(clock) {}

  // The person's team. kViewPerson, audited once; NotFound (audited) for no such person.
  Result<TeamView> Team(const Actor& actor, PersonId person_id);

  // Action::kManageTeam: a new member, joined on input.joined_on (today by default). Returns its id. InvalidArgument
  // with every problem (TeamMemberProblems, and "role", "agency", "worker" from the lists, "worker" for a user already
  // on the team) on bad input.
  Result<TeamMemberId> AddMember(const Actor& actor, PersonId person_id, const TeamMemberInput& input,
                                 std::optional<Person>* shown = nullptr);
  // Action::kManageTeam: records that a member left on `left_on` (YYYY-MM-DD; today when empty), if the stored version
  // is still `expected_version` (Stale otherwise). FailedPrecondition when they had already left; NotFound for a
  // member of another person's team.
  Status EndMember(const Actor& actor, PersonId person_id, TeamMemberId member_id, int expected_version,
                   const std::string& left_on = "", std::optional<Person>* shown = nullptr);

  // The agencies and users a member may be chosen from, for the form. Needs kManageTeam in general (refusal
  // audited); the lists hold no personal data about the people managed, so a success is not recorded.
  Result<TeamWorkers> Workers(const Actor& actor);

 private:
  Database& database_;
  const AuditTrail& audit_;
  const Clock& clock_;
};

}  // namespace openiom
