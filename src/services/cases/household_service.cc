#include "services/cases/household_service.h"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "common/strings.h"
#include "services/access/use_case.h"
#include "services/audit/audit_trail.h"
#include "services/cases/case_service.h"
#include "storage/access/access_repository.h"
#include "storage/cases/household_repository.h"
#include "storage/database.h"
#include "storage/people/event_repository.h"
#include "storage/people/person_repository.h"
#include "storage/selection/panel_repository.h"
#include "storage/transaction.h"

namespace openiom {

namespace {

// The policy's answer for `action` on another person's record than the use case's, asked inside its transaction:
// the same request AuditTrail::AuthorisePerson makes, reading the actor's involvement and break-glass grant only when
// they can change the answer.
Result<Decision> DecideOn(Transaction& transaction, const Actor& actor, Action action, PersonId person_id,
                          Timestamp now) {
  PersonRelationship relationship;
  if (!SeesEveryone(actor)) {
    AccessRepository& access = transaction.Get<AccessRepository>();
    ASSIGN_OR_RETURN(relationship.involvement, access.Involvement(person_id, actor.agency_id, actor.user_id));
    ASSIGN_OR_RETURN(const std::optional<BreakGlassGrant> grant, access.ActiveBreakGlass(actor.user_id, person_id, now));
    if (grant) relationship.break_glass_reason = grant->reason;
  }
  return Decide({.actor = actor, .action = action, .object = ObjectKind::kPerson, .relationship = relationship});
}

// Reads connected people for one view, deciding each once and writing their entries in the view's transaction.
class Connections {
 public:
  Connections(Transaction& transaction, const AuditTrail& audit, const Actor& actor, PersonId viewed, Date today,
              Timestamp now)
      : transaction_(transaction), audit_(audit), actor_(actor), viewed_(viewed), today_(today), now_(now) {}

  // `person_id` as the actor may see them, connected to the viewed person by `how` ("household", "relationship",
  // "same address"). The first call for a person decides and audits; later calls return the same answer.
  Result<ConnectedPerson> Get(PersonId person_id, std::string_view how) {
    if (const auto found = decided_.find(person_id); found != decided_.end()) return found->second;
    ASSIGN_OR_RETURN(const Decision decision, DecideOn(transaction_, actor_, Action::kViewPerson, person_id, now_));
    ConnectedPerson connected;
    const std::string object_id = std::to_string(person_id);
    if (!decision.allowed) {
      // Nothing of them is shown, not even their id; that they are connected is all the page says.
      connected.hidden = true;
      ++hidden_;
      RETURN_IF_ERROR(audit_.Append(transaction_, actor_,
                                    {ActionCode(Action::kViewPerson), ObjectKind::kPerson, object_id,
                                     AuditOutcome::kDenied,
                                     fmt::format("connected to person {} ({}): shown without name or rating: {}",
                                                 viewed_, how, decision.reason)}));
    } else {
      ASSIGN_OR_RETURN(const Person person, transaction_.Get<PersonRepository>().Get(person_id));
      connected.person_id = person_id;
      connected.surname = person.surname;
      connected.forenames = person.forenames;
      ASSIGN_OR_RETURN(const std::vector<CohortMembership> memberships,
                       transaction_.Get<PanelRepository>().MembershipsFor(person_id));
      connected.in_cohort = std::any_of(memberships.begin(), memberships.end(),
                                        [](const CohortMembership& m) { return !m.deselected_on; });
      // A rating is about managing a cohort member; for anyone else it would colour someone nobody manages.
      if (connected.in_cohort) {
        ASSIGN_OR_RETURN(connected.rating, RateInTransaction(transaction_, person_id, today_));
      }
      ++shown_;
      RETURN_IF_ERROR(audit_.Append(
          transaction_, actor_,
          {ActionCode(Action::kViewPerson), ObjectKind::kPerson, object_id, AuditOutcome::kSuccess,
           fmt::format("shown as connected to person {} ({}): name{}; {}", viewed_, how,
                       connected.rating ? ", BRAG " + std::string(CodeOf(connected.rating->Shown())) : "",
                       decision.basis)}));
    }
    decided_.emplace(person_id, connected);
    return connected;
  }

  int shown() const { return shown_; }
  int hidden() const { return hidden_; }

 private:
  Transaction& transaction_;
  const AuditTrail& audit_;
  const Actor& actor_;
  PersonId viewed_;
  Date today_;
  Timestamp now_;
  std::map<PersonId, ConnectedPerson> decided_;
  int shown_ = 0, hidden_ = 0;
};

// A YYYY-MM-DD day typed, or `today` when empty; a problem on `field` otherwise.
std::optional<Date> DayOr(const std::string& text, Date today, std::string_view field, FieldProblems& problems) {
  if (Trim(text).empty()) return today;
  if (const Result<Date> day = ParseIsoDate(std::string(Trim(text))); day.ok()) return *day;
  problems.push_back({std::string(field), "must be a real date"});
  return std::nullopt;
}

// `more` added to `problems`, leaving out any on a field that already has one (a field that could not be read).
void AddUnlessNamed(FieldProblems& problems, FieldProblems more) {
  for (FieldProblem& problem : more) {
    const bool named =
        std::any_of(problems.begin(), problems.end(), [&](const FieldProblem& p) { return p.field == problem.field; });
    if (!named) problems.push_back(std::move(problem));
  }
}

void ShowPersonAgain(Database& database, const AuditTrail& audit, const UseCase& use_case, const Status& status,
                     PersonId person_id, std::optional<Person>* shown) {
  ShowAgain<Person>(database, audit, use_case, status, shown,
                    [&](Transaction& transaction) { return transaction.Get<PersonRepository>().Get(person_id); });
}

// A link changes the other person's record too: the actor must be allowed to change it (need-to-know on them).
Status AuthoriseOther(Transaction& transaction, const Actor& actor, PersonId other, Timestamp now) {
  ASSIGN_OR_RETURN(const Decision decision, DecideOn(transaction, actor, Action::kManageRelationships, other, now));
  if (decision.allowed) return Status::Ok();
  return Status::PermissionDenied(fmt::format("{} (the other person, {})", decision.reason, other));
}

}  // namespace

Result<HouseholdView> HouseholdService::Household(const Actor& actor, PersonId person_id) {
  HouseholdView view{.today = clock_.Today()};
  RETURN_IF_ERROR(Audited(
      database_, audit_, UseCase::OnPerson(actor, Action::kViewPerson, person_id, {NoSuchPerson()}),
      [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(view.person, transaction.Get<PersonRepository>().Get(person_id));
        ASSIGN_OR_RETURN(const std::vector<Event> events, transaction.Get<EventRepository>().ListForPerson(person_id));
        view.open_warrant = HasOpenWarrant(events);
        HouseholdRepository& homes = transaction.Get<HouseholdRepository>();
        Connections connections(transaction, audit_, actor, person_id, view.today, clock_.Now());

        ASSIGN_OR_RETURN(const std::vector<HouseholdMember> stays, homes.MembershipsOf(person_id));
        const auto current = std::find_if(stays.begin(), stays.end(), [](const HouseholdMember& m) { return m.Current(); });
        std::vector<PersonId> in_household;
        if (current != stays.end()) {
          view.own_stay = *current;
          ASSIGN_OR_RETURN(view.household, homes.GetHousehold(current->household_id));
          for (const HouseholdMember& member : view.household->members) {
            if (!member.Current()) continue;
            in_household.push_back(member.person_id);
            HouseholdMemberRow row{.member = member, .is_viewed = member.person_id == person_id};
            if (row.is_viewed) {
              row.person = {.person_id = person_id, .surname = view.person.surname,
                            .forenames = view.person.forenames};
            } else {
              ASSIGN_OR_RETURN(row.person, connections.Get(member.person_id, "household"));
              // The view holds nothing of a hidden person but that they live there.
              if (row.person.hidden) {
                row.member.person_id = 0;
                row.member.surname.clear();
                row.member.forenames.clear();
              }
            }
            view.members.push_back(std::move(row));
          }
          view.household->members.clear();  // the rows above are what may be shown
        }

        ASSIGN_OR_RETURN(std::vector<Relationship> links, homes.RelationshipsOf(person_id));
        std::stable_sort(links.begin(), links.end(), [](const Relationship& a, const Relationship& b) {
          return std::tuple(!a.Current(), a.from, a.id) < std::tuple(!b.Current(), b.from, b.id);
        });
        for (const Relationship& link : links) {
          RelationshipRow row{.relationship = link, .role = std::string(RoleFrom(link, person_id))};
          ASSIGN_OR_RETURN(row.other, connections.Get(link.OtherThan(person_id), "relationship"));
          if (row.other.hidden) {
            (link.from_person_id == person_id ? row.relationship.to_person_id : row.relationship.from_person_id) = 0;
          }
          view.relationships.push_back(std::move(row));
        }

        // Suggestions come from the address on each record; only people the actor may view are suggested, as a
        // suggestion without a name could not be acted on.
        if (const std::optional<std::string> key = AddressKey(view.person.address.line, view.person.address.postcode)) {
          ASSIGN_OR_RETURN(const std::vector<AddressedPerson> at_postcode,
                           homes.PeopleAtPostcode(NormalisePostcode(view.person.address.postcode)));
          for (const AddressedPerson& other : at_postcode) {
            if (other.person_id == person_id || AddressKey(other.address_line, other.postcode) != key) continue;
            if (std::find(in_household.begin(), in_household.end(), other.person_id) != in_household.end()) continue;
            ASSIGN_OR_RETURN(const Decision decision,
                             DecideOn(transaction, actor, Action::kViewPerson, other.person_id, clock_.Now()));
            if (!decision.allowed) continue;
            ASSIGN_OR_RETURN(ConnectedPerson suggested, connections.Get(other.person_id, "same address"));
            view.also_at_address.push_back(std::move(suggested));
          }
        }
        entry.detail = fmt::format("household: {}; {} relationships; connected people {} shown, {} hidden; {}",
                                   view.household ? fmt::format("household {} of {}", view.household->id,
                                                                view.members.size())
                                                  : std::string("none"),
                                   view.relationships.size(), connections.shown(), connections.hidden(), entry.basis);
        return Status::Ok();
      }));
  return view;
}

Result<RelationshipId> HouseholdService::AddRelationship(const Actor& actor, PersonId person_id,
                                                         const RelationshipInput& input, std::optional<Person>* shown) {
  const Date today = clock_.Today();
  FieldProblems parse_problems;
  const std::optional<RelationshipChoice> choice = ParseRelationshipChoice(input.kind);
  if (!choice) parse_problems.push_back({"kind", "Select how they are related"});
  const std::optional<int64_t> other = ParseInt64(Trim(input.other_person_id));
  if (!other) parse_problems.push_back({"other_person", "Enter the other person's record number"});
  Relationship link{.source = std::string(Trim(input.source)), .notes = std::string(Trim(input.notes)),
                    .recorded_by = actor.username, .recorded_at = clock_.Now()};
  if (const std::optional<Date> from = DayOr(input.from, today, "from", parse_problems)) link.from = *from;
  RelationshipId id = 0;
  const UseCase use_case = UseCase::OnPerson(actor, Action::kManageRelationships, person_id, {NoSuchPerson()});
  const Status status =
      Audited(database_, audit_, use_case, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(const Person person, transaction.Get<PersonRepository>().Get(person_id));
        if (shown != nullptr) *shown = person;
        FieldProblems problems = parse_problems;
        if (other && *other != person_id) {
          const Result<Person> found = transaction.Get<PersonRepository>().Get(*other);
          if (found.status().code() == StatusCode::kNotFound) {
            problems.push_back({"other_person", "No person has this record number"});
          } else {
            RETURN_IF_ERROR(found.status());
            RETURN_IF_ERROR(AuthoriseOther(transaction, actor, *other, clock_.Now()));
          }
        }
        if (choice && other) {
          link.kind = choice->kind;
          link.from_person_id = choice->reversed ? *other : person_id;
          link.to_person_id = choice->reversed ? person_id : *other;
          ASSIGN_OR_RETURN(const std::vector<Relationship> existing,
                           transaction.Get<HouseholdRepository>().RelationshipsOf(person_id));
          AddUnlessNamed(problems, RelationshipProblems(link, existing, today));
        } else {
          // Without both ends only the source and the days can be checked: two placeholder ends that differ.
          link.from_person_id = 1;
          link.to_person_id = 2;
          AddUnlessNamed(problems, RelationshipProblems(link, {}, today));
        }
        if (!problems.empty()) return Status::Invalid(std::move(problems), "the relationship is not valid");
        ASSIGN_OR_RETURN(id, transaction.Get<HouseholdRepository>().AddRelationship(link));
        entry.detail = fmt::format("relationship {}: person {} {} person {} from {}", id, link.from_person_id,
                                   CodeOf(link.kind), link.to_person_id, FormatIsoDate(link.from));
        return Status::Ok();
      });
  ShowPersonAgain(database_, audit_, use_case, status, person_id, shown);
  RETURN_IF_ERROR(status);
  return id;
}

Status HouseholdService::EndRelationship(const Actor& actor, PersonId person_id, RelationshipId relationship_id,
                                         int expected_version, const std::string& until,
                                         std::optional<Person>* shown) {
  const Date today = clock_.Today();
  const UseCase use_case = UseCase::OnPerson(actor, Action::kManageRelationships, person_id,
                                             {{StatusCode::kNotFound, "no such person or relationship"}});
  const Status status =
      Audited(database_, audit_, use_case, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        HouseholdRepository& homes = transaction.Get<HouseholdRepository>();
        Result<Relationship> found = homes.GetRelationship(relationship_id);
        if (!found.ok() || !found->Involves(person_id)) {
          return Status::NotFound(fmt::format("person {} has no relationship {}", person_id, relationship_id));
        }
        Relationship link = *found;
        if (link.version != expected_version) {
          return Status::Stale("someone changed this relationship meanwhile: reload and check");
        }
        if (!link.Current()) return Status::FailedPrecondition("this relationship has already ended");
        RETURN_IF_ERROR(AuthoriseOther(transaction, actor, link.OtherThan(person_id), clock_.Now()));
        FieldProblems problems;
        const std::optional<Date> on = DayOr(until, today, "until", problems);
        if (on) problems = EndProblems(link.from, *on, today);
        if (!problems.empty()) return Status::Invalid(std::move(problems), "the end of the relationship is not valid");
        link.until = *on;
        link.ended_by = actor.username;
        RETURN_IF_ERROR(homes.EndRelationship(link));
        entry.detail = fmt::format("relationship {} ended on {}", relationship_id, FormatIsoDate(*on));
        return Status::Ok();
      });
  ShowPersonAgain(database_, audit_, use_case, status, person_id, shown);
  return status;
}

Result<int64_t> HouseholdService::JoinHousehold(const Actor& actor, PersonId person_id, const HouseholdInput& input,
                                                std::optional<Person>* shown) {
  const Date today = clock_.Today();
  FieldProblems parse_problems;
  HouseholdMember stay{.person_id = person_id, .added_by = actor.username, .added_at = clock_.Now()};
  if (const std::optional<Date> from = DayOr(input.from, today, "from", parse_problems)) stay.from = *from;
  std::optional<HouseholdId> household_id;
  if (!Trim(input.household_id).empty()) {
    household_id = ParseInt64(Trim(input.household_id));
    if (!household_id) parse_problems.push_back({"household", "No household has this number"});
  } else {
    AddUnlessNamed(parse_problems, HouseholdAddressProblems(input.address_line, input.postcode));
  }
  int64_t id = 0;
  const UseCase use_case = UseCase::OnPerson(actor, Action::kManageRelationships, person_id, {NoSuchPerson()});
  const Status status =
      Audited(database_, audit_, use_case, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(const Person person, transaction.Get<PersonRepository>().Get(person_id));
        if (shown != nullptr) *shown = person;
        HouseholdRepository& homes = transaction.Get<HouseholdRepository>();
        FieldProblems problems = parse_problems;
        if (household_id) {
          const Result<openiom::Household> found = homes.GetHousehold(*household_id);
          if (found.status().code() == StatusCode::kNotFound) {
            problems.push_back({"household", "No household has this number"});
          } else {
            RETURN_IF_ERROR(found.status());
          }
        }
        ASSIGN_OR_RETURN(const std::vector<HouseholdMember> stays, homes.MembershipsOf(person_id));
        AddUnlessNamed(problems, MembershipProblems(stay, stays, today));
        if (!problems.empty()) return Status::Invalid(std::move(problems), "the household is not valid");
        if (!household_id) {
          ASSIGN_OR_RETURN(household_id, homes.CreateHousehold({.address_line = std::string(Trim(input.address_line)),
                                                                .postcode = std::string(Trim(input.postcode)),
                                                                .created_by = actor.username,
                                                                .created_at = clock_.Now()}));
        }
        stay.household_id = *household_id;
        ASSIGN_OR_RETURN(id, homes.AddMember(stay));
        entry.detail = fmt::format("household {}: stay {} from {}", *household_id, id, FormatIsoDate(stay.from));
        return Status::Ok();
      });
  ShowPersonAgain(database_, audit_, use_case, status, person_id, shown);
  RETURN_IF_ERROR(status);
  return id;
}

Status HouseholdService::LeaveHousehold(const Actor& actor, PersonId person_id, int64_t stay_id, int expected_version,
                                        const std::string& until, std::optional<Person>* shown) {
  const Date today = clock_.Today();
  const UseCase use_case = UseCase::OnPerson(actor, Action::kManageRelationships, person_id,
                                             {{StatusCode::kNotFound, "no such person or household stay"}});
  const Status status =
      Audited(database_, audit_, use_case, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        HouseholdRepository& homes = transaction.Get<HouseholdRepository>();
        Result<HouseholdMember> found = homes.GetMember(stay_id);
        if (!found.ok() || found->person_id != person_id) {
          return Status::NotFound(fmt::format("person {} has no household stay {}", person_id, stay_id));
        }
        HouseholdMember stay = *found;
        if (stay.version != expected_version) {
          return Status::Stale("someone changed this household stay meanwhile: reload and check");
        }
        if (!stay.Current()) return Status::FailedPrecondition("this stay in the household has already ended");
        FieldProblems problems;
        const std::optional<Date> on = DayOr(until, today, "until", problems);
        if (on) problems = EndProblems(stay.from, *on, today);
        if (!problems.empty()) return Status::Invalid(std::move(problems), "the end of the stay is not valid");
        stay.until = *on;
        stay.ended_by = actor.username;
        RETURN_IF_ERROR(homes.EndMember(stay));
        entry.detail = fmt::format("household {}: stay {} ended on {}", stay.household_id, stay_id, FormatIsoDate(*on));
        return Status::Ok();
      });
  ShowPersonAgain(database_, audit_, use_case, status, person_id, shown);
  return status;
}

}  // namespace openiom
