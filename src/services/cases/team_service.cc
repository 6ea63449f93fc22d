#include "services/cases/team_service.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "common/strings.h"
#include "services/access/use_case.h"
#include "services/audit/audit_trail.h"
#include "storage/accounts/agency_repository.h"
#include "storage/accounts/user_repository.h"
#include "storage/cases/team_repository.h"
#include "storage/database.h"
#include "storage/people/event_repository.h"
#include "storage/people/person_repository.h"
#include "storage/selection/panel_repository.h"
#include "storage/transaction.h"

namespace openiom {

namespace {

// An enabled practitioner or manager may be named: someone who works cases and signs in to see them.
bool MayBeNamed(const User& user) {
  return !user.disabled && (user.HasRole(Role::kPractitioner) || user.HasRole(Role::kManager));
}

// Reads the worker and agency as typed into `member`: the user (optional) from those who may be named, the agency
// from the list or the user's own when none is chosen. Problems go to `problems`.
Status ReadWorker(Transaction& transaction, const TeamMemberInput& input, TeamMember& member, FieldProblems& problems) {
  std::optional<AgencyId> user_agency;
  if (const std::string_view text = Trim(input.user_id); !text.empty()) {
    const std::optional<int64_t> id = ParseInt64(text);
    std::optional<StoredUser> user;
    if (id) {
      ASSIGN_OR_RETURN(user, transaction.Get<UserRepository>().Get(*id));
    }
    if (!user || !MayBeNamed(user->user)) {
      problems.push_back({"worker", "Choose the worker from the list"});
    } else {
      member.user_id = user->user.id;
      user_agency = user->user.agency_id;
    }
  }
  if (const std::string_view text = Trim(input.agency_id); !text.empty()) {
    const std::optional<int64_t> id = ParseInt64(text);
    ASSIGN_OR_RETURN(const std::vector<Agency> agencies, transaction.Get<AgencyRepository>().List());
    if (!id || std::none_of(agencies.begin(), agencies.end(), [&](const Agency& a) { return a.id == *id; })) {
      problems.push_back({"agency", "Choose the agency of the worker from the list"});
      return Status::Ok();
    }
    member.agency_id = *id;
    // Their agency is the one involved with the person: a user works for their own.
    if (user_agency && *user_agency != *id) problems.push_back({"agency", "must be the agency the worker works for"});
  } else if (user_agency) {
    member.agency_id = *user_agency;
  }
  return Status::Ok();
}

// `more` added to `problems`, leaving out any on a field that already has one (a field that could not be read).
void AddUnlessNamed(FieldProblems& problems, FieldProblems more) {
  for (FieldProblem& problem : more) {
    const bool named =
        std::any_of(problems.begin(), problems.end(), [&](const FieldProblem& p) { return p.field == problem.field; });
    if (!named) problems.push_back(std::move(problem));
  }
}

// A day as typed, or `today` when nothing was.
std::optional<Date> DayOr(const std::string& text, Date today) {
  if (Trim(text).empty()) return today;
  const Result<Date> day = ParseIsoDate(std::string(Trim(text)));
  return day.ok() ? std::optional<Date>(*day) : std::nullopt;
}

void ShowPersonAgain(Database& database, const AuditTrail& audit, const UseCase& use_case, const Status& status,
                     PersonId person_id, std::optional<Person>* shown) {
  ShowAgain<Person>(database, audit, use_case, status, shown,
                    [&](Transaction& transaction) { return transaction.Get<PersonRepository>().Get(person_id); });
}

}  // namespace

Result<PersonTeam> ReadTeam(Transaction& transaction, PersonId person_id) {
  PersonTeam team;
  ASSIGN_OR_RETURN(const std::vector<CohortMembership> memberships,
                   transaction.Get<PanelRepository>().MembershipsFor(person_id));
  for (const CohortMembership& m : memberships) {
    if (m.deselected_on) continue;
    team.in_cohort = true;
    team.lead_professional = m.lead_professional;
    team.lead_agency = !m.lead_professional_agency.empty() ? m.lead_professional_agency : m.lead_agency;
    team.lead_user_id = m.lead_user_id;
  }
  ASSIGN_OR_RETURN(team.members, transaction.Get<TeamRepository>().TeamFor(person_id));
  SortTeam(team.members);
  return team;
}

Result<TeamView> TeamService::Team(const Actor& actor, PersonId person_id) {
  TeamView view{.today = clock_.Today()};
  RETURN_IF_ERROR(Audited(database_, audit_, UseCase::OnPerson(actor, Action::kViewPerson, person_id, {NoSuchPerson()}),
                          [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
                            ASSIGN_OR_RETURN(view.person, transaction.Get<PersonRepository>().Get(person_id));
                            ASSIGN_OR_RETURN(view.team, ReadTeam(transaction, person_id));
                            ASSIGN_OR_RETURN(const std::vector<Event> events,
                                             transaction.Get<EventRepository>().ListForPerson(person_id));
                            view.open_warrant = HasOpenWarrant(events);
                            const auto current = std::count_if(view.team.members.begin(), view.team.members.end(),
                                                               [](const TeamMember& m) { return IsCurrent(m); });
                            entry.detail = fmt::format("team: {} current members of {}; {}", current,
                                                       view.team.members.size(), entry.basis);
                            return Status::Ok();
                          }));
  return view;
}

Result<TeamMemberId> TeamService::AddMember(const Actor& actor, PersonId person_id, const TeamMemberInput& input,
                                            std::optional<Person>* shown) {
  const Date today = clock_.Today();
  TeamMember member{.person_id = person_id, .added_by = actor.username, .added_at = clock_.Now()};
  FieldProblems parse_problems;
  if (const std::optional<TeamRole> role = Parse<TeamRole>(input.role)) {
    member.role = *role;
  } else {
    parse_problems.push_back({"role", "Select the role of the worker"});
  }
  if (const std::optional<Date> joined = DayOr(input.joined_on, today)) {
    member.joined_on = *joined;
  } else {
    parse_problems.push_back({"joined_on", "must be a real date"});
  }
  TeamMemberId id = 0;
  const UseCase use_case = UseCase::OnPerson(actor, Action::kManageTeam, person_id, {NoSuchPerson()});
  const Status status =
      Audited(database_, audit_, use_case, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(const Person person, transaction.Get<PersonRepository>().Get(person_id));
        if (shown != nullptr) *shown = person;
        // The worker is checked against the agencies and users stored, so every problem is found in here.
        FieldProblems problems = parse_problems;
        RETURN_IF_ERROR(ReadWorker(transaction, input, member, problems));
        // Only a worker with no account is typed in (a chosen user's name is theirs as it is now): both is a problem.
        member.worker_name = std::string(Trim(input.worker_name));
        TeamRepository& teams = transaction.Get<TeamRepository>();
        if (member.user_id) {
          ASSIGN_OR_RETURN(const std::vector<TeamMember> team, teams.TeamFor(person_id));
          if (std::any_of(team.begin(), team.end(),
                          [&](const TeamMember& m) { return IsCurrent(m) && m.user_id == member.user_id; })) {
            problems.push_back({"worker", "is already on the team"});
          }
        }
        AddUnlessNamed(problems, TeamMemberProblems(member, today));
        if (!problems.empty()) return Status::Invalid(std::move(problems), "the team member is not valid");
        ASSIGN_OR_RETURN(id, teams.Add(member));
        entry.detail = fmt::format("team member {}: {} of agency {}{} from {}", id, CodeOf(member.role),
                                   member.agency_id, member.user_id ? fmt::format(", user {}", *member.user_id) : "",
                                   FormatIsoDate(member.joined_on));
        return Status::Ok();
      });
  ShowPersonAgain(database_, audit_, use_case, status, person_id, shown);
  RETURN_IF_ERROR(status);
  return id;
}

Status TeamService::EndMember(const Actor& actor, PersonId person_id, TeamMemberId member_id, int expected_version,
                              const std::string& left_on, std::optional<Person>* shown) {
  const Date today = clock_.Today();
  const UseCase use_case = UseCase::OnPerson(actor, Action::kManageTeam, person_id,
                                             {{StatusCode::kNotFound, "no such person or team member"}});
  const Status status =
      Audited(database_, audit_, use_case, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        TeamRepository& teams = transaction.Get<TeamRepository>();
        Result<TeamMember> found = teams.Get(member_id);
        if (!found.ok() || found->person_id != person_id) {
          return Status::NotFound(fmt::format("person {} has no team member {}", person_id, member_id));
        }
        TeamMember member = *found;
        if (member.version != expected_version) {
          return Status::Stale("someone changed this team membership meanwhile: reload and check");
        }
        if (!IsCurrent(member)) {
          return Status::FailedPrecondition(
              fmt::format("{} already left the team on {}", member.worker, FormatLongDate(*member.left_on)));
        }
        const std::optional<Date> left = DayOr(left_on, today);
        if (!left) return Status::Invalid("left_on", "must be a real date");
        member.left_on = *left;
        member.ended_by = actor.username;
        if (FieldProblems problems = TeamMemberProblems(member, today); !problems.empty()) {
          return Status::Invalid(std::move(problems), "the team membership is not valid");
        }
        RETURN_IF_ERROR(teams.End(member));
        entry.detail = fmt::format("team member {} left on {}", member_id, FormatIsoDate(*member.left_on));
        return Status::Ok();
      });
  ShowPersonAgain(database_, audit_, use_case, status, person_id, shown);
  return status;
}

Result<TeamWorkers> TeamService::Workers(const Actor& actor) {
  RETURN_IF_ERROR(audit_.Authorise(database_, actor, Action::kManageTeam, ObjectKind::kUser, ""));
  TeamWorkers workers;
  RETURN_IF_ERROR(database_.Read([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(workers.agencies, transaction.Get<AgencyRepository>().List());
    ASSIGN_OR_RETURN(const std::vector<User> users, transaction.Get<UserRepository>().List());
    for (const User& user : users) {
      if (MayBeNamed(user)) workers.users.push_back({user.id, user.display_name, user.agency_name, user.agency_id});
    }
    return Status::Ok();
  }));
  std::sort(workers.agencies.begin(), workers.agencies.end(),
            [](const Agency& a, const Agency& b) { return std::tie(a.name, a.id) < std::tie(b.name, b.id); });
  std::sort(workers.users.begin(), workers.users.end(), [](const PlanOwner& a, const PlanOwner& b) {
    return std::tie(a.name, a.user_id) < std::tie(b.name, b.user_id);
  });
  return workers;
}

}  // namespace openiom
