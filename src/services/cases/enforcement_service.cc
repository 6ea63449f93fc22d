#include "services/cases/enforcement_service.h"

#include <fmt/format.h>

#include "common/strings.h"
#include "services/access/use_case.h"
#include "services/audit/audit_trail.h"
#include "services/cases/show_person.h"
#include "storage/cases/case_repository.h"
#include "storage/cases/enforcement_repository.h"
#include "storage/database.h"
#include "storage/people/event_repository.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"

namespace openiom {

namespace {

Result<Date> DayOrToday(std::string_view text, Date today) {
  text = Trim(text);
  if (text.empty()) return today;
  return ParseIsoDate(text);
}

// The event an outcome records, if any: a proven breach is a breach, an approved recall a recall.
std::optional<EventKind> EventOf(EnforcementOutcome outcome) {
  switch (outcome) {
    case EnforcementOutcome::kProven: return EventKind::kBreach;
    case EnforcementOutcome::kRecalled: return EventKind::kRecall;
    default: return std::nullopt;
  }
}

}  // namespace

Result<EnforcementStepId> EnforcementService::AddStep(const Actor& actor, PersonId person_id,
                                                      const EnforcementInput& input, std::optional<Person>* shown) {
  const Date today = clock_.Today();
  EnforcementStep step{.person_id = person_id, .agency_id = actor.agency_id, .agency = actor.agency_name,
                       .reason = std::string(Trim(input.reason)), .recorded_by = actor.username,
                       .recorded_at = clock_.Now()};
  FieldProblems parse_problems;
  if (const std::optional<EnforcementKind> kind = Parse<EnforcementKind>(input.kind)) {
    step.kind = *kind;
  } else {
    parse_problems.push_back({"kind", "Select warning, breach action or recall request"});
  }
  if (const std::string_view text = Trim(input.contact_id); !text.empty()) {
    if (const std::optional<int64_t> id = ParseInt64(text)) {
      step.contact_id = *id;
    } else {
      parse_problems.push_back({"contact", "is not one of this person's appointments"});
    }
  }
  if (const Result<Date> on = DayOrToday(input.on, today); on.ok()) {
    step.on = *on;
  } else {
    parse_problems.push_back({"on", "must be a real date"});
  }
  EnforcementStepId id = 0;
  const UseCase use_case = UseCase::OnPerson(actor, Action::kRecordEnforcement, person_id, {NoSuchPerson()});
  const Status status = Audited(database_, audit_, use_case, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
    ASSIGN_OR_RETURN(const Person person, transaction.Get<PersonRepository>().Get(person_id));
    if (shown != nullptr) *shown = person;
    ASSIGN_OR_RETURN(const std::vector<Contact> contacts, transaction.Get<CaseRepository>().ContactsFor(person_id));
    EnforcementRepository& steps = transaction.Get<EnforcementRepository>();
    ASSIGN_OR_RETURN(const std::vector<EnforcementStep> existing, steps.ListForPerson(person_id));
    FieldProblems problems = parse_problems;
    if (problems.empty()) problems = EnforcementProblems(step, contacts, existing, today);
    if (!problems.empty()) return Status::Invalid(std::move(problems), "the enforcement step is not valid");
    ASSIGN_OR_RETURN(id, steps.Add(step));
    entry.detail = fmt::format("enforcement step {}: {} on {}{}", id, CodeOf(step.kind), FormatIsoDate(step.on),
                               step.contact_id ? fmt::format(" for contact {}", *step.contact_id) : "");
    return Status::Ok();
  });
  ShowPersonAgain(database_, audit_, use_case, status, person_id, shown);
  RETURN_IF_ERROR(status);
  return id;
}

Status EnforcementService::RecordOutcome(const Actor& actor, PersonId person_id, EnforcementStepId step_id,
                                         int expected_version, const EnforcementOutcomeInput& input,
                                         std::optional<Person>* shown) {
  const Date today = clock_.Today();
  FieldProblems parse_problems;
  const std::optional<EnforcementOutcome> outcome = Parse<EnforcementOutcome>(input.outcome);
  if (!outcome) parse_problems.push_back({"outcome", "Select what came of it"});
  const Result<Date> on = DayOrToday(input.on, today);
  if (!on.ok()) parse_problems.push_back({"outcome_on", "must be a real date"});
  const UseCase use_case = UseCase::OnPerson(actor, Action::kRecordEnforcement, person_id, {NoSuchPerson()});
  const Status status = Audited(database_, audit_, use_case, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
    ASSIGN_OR_RETURN(const Person person, transaction.Get<PersonRepository>().Get(person_id));
    if (shown != nullptr) *shown = person;
    EnforcementRepository& steps = transaction.Get<EnforcementRepository>();
    Result<EnforcementStep> step = steps.Get(step_id);
    if (!step.ok() || step->person_id != person_id) {
      return Status::NotFound(fmt::format("enforcement step {} is not one of this person's", step_id));
    }
    if (step->version != expected_version) {
      return Status::Stale("someone changed this enforcement step meanwhile: reload and check");
    }
    if (!parse_problems.empty()) return Status::Invalid(parse_problems, "the outcome is not valid");
    FieldProblems problems = OutcomeProblems(*step, *outcome, *on, today);
    if (!problems.empty()) return Status::Invalid(std::move(problems), "the outcome is not valid");
    step->outcome = *outcome;
    step->outcome_on = *on;
    step->outcome_by = actor.username;
    if (const std::optional<EventKind> kind = EventOf(*outcome)) {
      // The same rule as any event recorded by hand: only the agencies entitled to this kind record it.
      if (const Decision decision =
              Decide(AccessRequest{.actor = actor, .action = Action::kRecordEvent, .event_kind = *kind});
          !decision.allowed) {
        return Status::PermissionDenied(decision.reason);
      }
      ASSIGN_OR_RETURN(step->event_id,
                       transaction.Get<EventRepository>().Create(
                           {.person_id = person_id, .kind = *kind, .event_date = *on,
                            .outcome = fmt::format("{}: {}", LabelOf(step->kind), step->reason),
                            .source_system = actor.agency_name,
                            .source_record_id = fmt::format("enforcement-{}", step_id),
                            .recorded_at = clock_.Now()},
                           std::nullopt));
    }
    RETURN_IF_ERROR(steps.SetOutcome(*step));
    entry.detail = fmt::format("enforcement step {}: {} on {}{}", step_id, CodeOf(*outcome), FormatIsoDate(*on),
                               step->event_id ? fmt::format(", event {}", *step->event_id) : "");
    return Status::Ok();
  });
  ShowPersonAgain(database_, audit_, use_case, status, person_id, shown);
  return status;
}

Result<EnforcementStep> EnforcementService::Step(const Actor& actor, PersonId person_id, EnforcementStepId step_id,
                                                 std::optional<Person>* person) {
  EnforcementStep found;
  RETURN_IF_ERROR(Audited(database_, audit_, UseCase::OnPerson(actor, Action::kViewPerson, person_id, {NoSuchPerson()}),
                          [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
                            ASSIGN_OR_RETURN(const Person read, transaction.Get<PersonRepository>().Get(person_id));
                            if (person != nullptr) *person = read;
                            Result<EnforcementStep> step = transaction.Get<EnforcementRepository>().Get(step_id);
                            if (!step.ok() || step->person_id != person_id) {
                              return Status::NotFound(
                                  fmt::format("enforcement step {} is not one of this person's", step_id));
                            }
                            found = *step;
                            entry.detail = fmt::format("enforcement step {}; {}", step_id, entry.basis);
                            return Status::Ok();
                          }));
  return found;
}

}  // namespace openiom
