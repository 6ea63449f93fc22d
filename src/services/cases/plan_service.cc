#include "services/cases/plan_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "common/strings.h"
#include "services/access/use_case.h"
#include "services/audit/audit_trail.h"
#include "services/cases/field_problems.h"
#include "services/cases/show_person.h"
#include "storage/accounts/agency_repository.h"
#include "storage/accounts/user_repository.h"
#include "storage/database.h"
#include "storage/people/event_repository.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"

namespace openiom {

namespace {

// An enabled practitioner or manager may own an action: someone who works cases and can sign in to close it.
bool MayOwn(const User& user) {
  return !user.disabled && (user.HasRole(Role::kPractitioner) || user.HasRole(Role::kManager));
}

// Reads the owner as typed into `action`: the user (optional) from the users who may own, the agency from the list,
// or the user's own when none is chosen. Problems go to `problems`.
Status ReadOwner(Transaction& transaction, const PlanActionInput& input, PlanAction& action, FieldProblems& problems) {
  std::optional<AgencyId> user_agency;
  if (const std::string_view text = Trim(input.owner_user_id); !text.empty()) {
    const std::optional<int64_t> id = ParseInt64(text);
    std::optional<StoredUser> user;
    if (id) {
      ASSIGN_OR_RETURN(user, transaction.Get<UserRepository>().Get(*id));
    }
    if (!user || !MayOwn(user->user)) {
      problems.push_back({"owner_user", "Choose the owner from the list"});
    } else {
      action.owner_user_id = user->user.id;
      user_agency = user->user.agency_id;
    }
  }
  if (const std::string_view text = Trim(input.owner_agency_id); !text.empty()) {
    const std::optional<int64_t> id = ParseInt64(text);
    ASSIGN_OR_RETURN(const std::vector<Agency> agencies, transaction.Get<AgencyRepository>().List());
    if (!id || std::none_of(agencies.begin(), agencies.end(), [&](const Agency& a) { return a.id == *id; })) {
      problems.push_back({"owner_agency", "Choose the agency that owns the action from the list"});
      return Status::Ok();
    }
    action.owner_agency_id = *id;
    // A named owner acts for their own agency: an action cannot be given to one agency and someone of another.
    if (user_agency && *user_agency != *id) {
      problems.push_back({"owner_user", "must work for the agency that owns the action"});
    }
  } else if (user_agency) {
    action.owner_agency_id = *user_agency;
  }
  return Status::Ok();
}

// What can be read of an action as typed without the database (kind, pathway, description, due date), into `action`.
FieldProblems ParseAction(const PlanActionInput& input, PlanAction& action) {
  FieldProblems problems;
  if (const std::optional<PlanActionKind> kind = Parse<PlanActionKind>(input.kind)) {
    action.kind = *kind;
  } else {
    problems.push_back({"kind", "Select the kind of action"});
  }
  if (!input.pathway.empty()) {
    if (const std::optional<Pathway> pathway = Parse<Pathway>(input.pathway)) {
      action.pathway = *pathway;
    } else {
      problems.push_back({"pathway", "is not a pathway"});
    }
  }
  action.description = std::string(Trim(input.description));
  if (const Result<Date> due = ParseIsoDate(input.due_on); due.ok()) {
    action.due_on = *due;
  } else {
    problems.push_back({"due_on", "must be a real date"});
  }
  return problems;
}

}  // namespace

Result<PlanView> PlanService::Plan(const Actor& actor, PersonId person_id) {
  PlanView view{.today = clock_.Today()};
  RETURN_IF_ERROR(Audited(database_, audit_, UseCase::OnPerson(actor, Action::kViewPerson, person_id, {NoSuchPerson()}),
                          [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
                            ASSIGN_OR_RETURN(view.person, transaction.Get<PersonRepository>().Get(person_id));
                            PlanRepository& plans = transaction.Get<PlanRepository>();
                            ASSIGN_OR_RETURN(view.actions, plans.ActionsFor(person_id));
                            SortPlan(view.actions);
                            ASSIGN_OR_RETURN(view.review, plans.ReviewFor(person_id));
                            ASSIGN_OR_RETURN(const std::vector<Event> events,
                                             transaction.Get<EventRepository>().ListForPerson(person_id));
                            view.open_warrant = HasOpenWarrant(events);
                            entry.detail = fmt::format("plan: {} actions, {} overdue; {}", view.actions.size(),
                                                       CountOverdue(view.actions, view.today), entry.basis);
                            return Status::Ok();
                          }));
  return view;
}

Result<PlanActionId> PlanService::AddAction(const Actor& actor, PersonId person_id, const PlanActionInput& input,
                                            std::optional<Person>* shown) {
  const Date today = clock_.Today();
  PlanAction action{.person_id = person_id, .recorded_by = actor.username, .recorded_at = clock_.Now()};
  const FieldProblems parse_problems = ParseAction(input, action);
  PlanActionId id = 0;
  const UseCase use_case = UseCase::OnPerson(actor, Action::kManagePlan, person_id, {NoSuchPerson()});
  const Status status =
      Audited(database_, audit_, use_case, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(const Person person, transaction.Get<PersonRepository>().Get(person_id));
        if (shown != nullptr) *shown = person;
        // The owner is checked against the agencies and users stored, so every problem is found in here.
        FieldProblems problems = parse_problems;
        RETURN_IF_ERROR(ReadOwner(transaction, input, action, problems));
        AddUnlessNamed(problems, PlanActionProblems(action, today));
        if (!problems.empty()) return Status::Invalid(std::move(problems), "the plan action is not valid");
        ASSIGN_OR_RETURN(id, transaction.Get<PlanRepository>().AddAction(action));
        entry.detail = fmt::format("plan action {}: {}{} due {}, owner agency {}{}", id, CodeOf(action.kind),
                                   action.pathway ? " on " + std::string(CodeOf(*action.pathway)) : std::string(),
                                   FormatIsoDate(action.due_on), action.owner_agency_id,
                                   action.owner_user_id ? fmt::format(", user {}", *action.owner_user_id) : "");
        return Status::Ok();
      });
  ShowPersonAgain(database_, audit_, use_case, status, person_id, shown);
  RETURN_IF_ERROR(status);
  return id;
}

Status PlanService::SetActionStatus(const Actor& actor, PersonId person_id, PlanActionId action_id,
                                    int expected_version, const PlanStatusInput& input, std::optional<Person>* shown) {
  const Date today = clock_.Today();
  const UseCase use_case = UseCase::OnPerson(actor, Action::kManagePlan, person_id,
                                             {{StatusCode::kNotFound, "no such person or plan action"}});
  const Status status =
      Audited(database_, audit_, use_case, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        PlanRepository& plans = transaction.Get<PlanRepository>();
        Result<PlanAction> found = plans.GetAction(action_id);
        if (!found.ok() || found->person_id != person_id) {
          return Status::NotFound(fmt::format("person {} has no plan action {}", person_id, action_id));
        }
        PlanAction action = *found;
        if (action.version != expected_version) {
          return Status::Stale("someone changed this plan action meanwhile: reload and check");
        }
        const std::optional<PlanActionStatus> to = Parse<PlanActionStatus>(input.status);
        if (!to) return Status::Invalid("status", "must be open, done or cancelled");
        if (!MayChangeStatus(action.status, *to)) {
          return Status::FailedPrecondition(
              fmt::format("this action is {} and cannot be marked {}", LabelOf(action.status), LabelOf(*to)));
        }
        action.status = *to;
        action.done_on.reset();
        if (*to == PlanActionStatus::kDone) {
          if (input.done_on.empty()) {
            action.done_on = today;
          } else if (const Result<Date> done = ParseIsoDate(input.done_on); done.ok()) {
            action.done_on = *done;
          } else {
            return Status::Invalid("done_on", "must be a real date");
          }
        }
        if (FieldProblems problems = PlanActionProblems(action, today); !problems.empty()) {
          return Status::Invalid(std::move(problems), "the plan action is not valid");
        }
        RETURN_IF_ERROR(plans.UpdateActionStatus(action));
        entry.detail = fmt::format("plan action {}: {}{}", action_id, CodeOf(action.status),
                                   action.done_on ? " on " + FormatIsoDate(*action.done_on) : std::string());
        return Status::Ok();
      });
  ShowPersonAgain(database_, audit_, use_case, status, person_id, shown);
  return status;
}

Status PlanService::SetReviewDate(const Actor& actor, PersonId person_id, const std::string& review_on,
                                  std::optional<Person>* shown) {
  const Date today = clock_.Today();
  PlanReview review{.person_id = person_id, .set_by = actor.username, .set_at = clock_.Now()};
  const auto check = [&]() -> Status {
    const Result<Date> on = ParseIsoDate(review_on);
    if (!on.ok()) return Status::Invalid("review_on", "must be a real date");
    review.review_on = *on;
    FieldProblems problems = PlanReviewProblems(review.review_on, today);
    return problems.empty() ? Status::Ok() : Status::Invalid(std::move(problems), "the review date is not valid");
  };
  const UseCase use_case = UseCase::OnPerson(actor, Action::kManagePlan, person_id, {NoSuchPerson()});
  const Status status =
      Audited(database_, audit_, use_case, check, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(const Person person, transaction.Get<PersonRepository>().Get(person_id));
        if (shown != nullptr) *shown = person;
        RETURN_IF_ERROR(transaction.Get<PlanRepository>().SetReview(review));
        entry.detail = fmt::format("plan review on {}", FormatIsoDate(review.review_on));
        return Status::Ok();
      });
  ShowPersonAgain(database_, audit_, use_case, status, person_id, shown);
  return status;
}

Result<std::vector<OwnedPlanAction>> PlanService::MyOverdueActions(const Actor& actor) {
  const Date today = clock_.Today();
  std::vector<OwnedPlanAction> actions;
  RETURN_IF_ERROR(
      Audited(database_, audit_, {.actor = actor, .action = Action::kViewCaseload, .object = ObjectKind::kMembership},
              [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
                if (actor.user_id > 0) {
                  ASSIGN_OR_RETURN(actions, transaction.Get<PlanRepository>().OpenActionsOwnedBy(actor.user_id, today));
                }
                entry.detail = fmt::format("my overdue plan actions: {}", actions.size());
                return Status::Ok();
              }));
  return actions;
}

Result<PlanOwners> PlanService::Owners(const Actor& actor) {
  RETURN_IF_ERROR(audit_.Authorise(database_, actor, Action::kManagePlan, ObjectKind::kUser, ""));
  PlanOwners owners;
  RETURN_IF_ERROR(database_.Read([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(owners.agencies, transaction.Get<AgencyRepository>().List());
    ASSIGN_OR_RETURN(const std::vector<User> users, transaction.Get<UserRepository>().List());
    for (const User& user : users) {
      if (MayOwn(user)) owners.users.push_back({user.id, user.display_name, user.agency_name, user.agency_id});
    }
    return Status::Ok();
  }));
  std::sort(owners.agencies.begin(), owners.agencies.end(),
            [](const Agency& a, const Agency& b) { return std::tie(a.name, a.id) < std::tie(b.name, b.id); });
  std::sort(owners.users.begin(), owners.users.end(), [](const PlanOwner& a, const PlanOwner& b) {
    return std::tie(a.name, a.user_id) < std::tie(b.name, b.user_id);
  });
  return owners;
}

}  // namespace openiom
