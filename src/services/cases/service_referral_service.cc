#include "services/cases/service_referral_service.h"

#include <fmt/format.h>

#include "common/strings.h"
#include "services/access/use_case.h"
#include "services/audit/audit_trail.h"
#include "storage/cases/service_referral_repository.h"
#include "storage/database.h"
#include "storage/people/event_repository.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"

namespace openiom {

namespace {

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

Result<ServiceReferralsView> ServiceReferralService::Referrals(const Actor& actor, PersonId person_id) {
  ServiceReferralsView view{.today = clock_.Today()};
  RETURN_IF_ERROR(Audited(database_, audit_, UseCase::OnPerson(actor, Action::kViewPerson, person_id, {NoSuchPerson()}),
                          [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
                            ASSIGN_OR_RETURN(view.person, transaction.Get<PersonRepository>().Get(person_id));
                            ASSIGN_OR_RETURN(view.referrals,
                                             transaction.Get<ServiceReferralRepository>().ReferralsFor(person_id));
                            SortReferrals(view.referrals);
                            ASSIGN_OR_RETURN(const std::vector<Event> events,
                                             transaction.Get<EventRepository>().ListForPerson(person_id));
                            view.open_warrant = HasOpenWarrant(events);
                            entry.detail = fmt::format("referrals to services: {}; {}", view.referrals.size(),
                                                       entry.basis);
                            return Status::Ok();
                          }));
  return view;
}

Result<ServiceReferralId> ServiceReferralService::Refer(const Actor& actor, PersonId person_id,
                                                        const ServiceReferralInput& input,
                                                        std::optional<Person>* shown) {
  const Date today = clock_.Today();
  ServiceReferral referral{.person_id = person_id,
                           .provider = std::string(Trim(input.provider)),
                           .referred_by = actor.username,
                           .status = ServiceReferralStatus::kSent,
                           .updated_by = actor.username,
                           .recorded_at = clock_.Now()};
  if (actor.agency_id > 0) referral.referred_by_agency_id = actor.agency_id;
  const auto check = [&]() -> Status {
    FieldProblems problems;
    if (const std::optional<ServiceKind> service = Parse<ServiceKind>(input.service)) {
      referral.service = *service;
    } else {
      problems.push_back({"service", "Select the service"});
    }
    if (const std::optional<Date> on = DayOr(input.referred_on, today)) {
      referral.referred_on = referral.status_on = *on;
    } else {
      problems.push_back({"referred_on", "must be a real date"});
      referral.referred_on = referral.status_on = today;
    }
    for (FieldProblem& problem : ServiceReferralProblems(referral, today)) {
      // A new referral's status day is the day it was made, so its problems are those of referred_on, said once.
      if (problem.field != "status_on") problems.push_back(std::move(problem));
    }
    return problems.empty() ? Status::Ok() : Status::Invalid(std::move(problems), "the referral is not valid");
  };
  ServiceReferralId id = 0;
  const UseCase use_case = UseCase::OnPerson(actor, Action::kRecordReferral, person_id, {NoSuchPerson()});
  const Status status =
      Audited(database_, audit_, use_case, check, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(const Person person, transaction.Get<PersonRepository>().Get(person_id));
        if (shown != nullptr) *shown = person;
        ASSIGN_OR_RETURN(id, transaction.Get<ServiceReferralRepository>().Add(referral));
        entry.detail = fmt::format("referral to a service {}: {} on {}", id, CodeOf(referral.service),
                                   FormatIsoDate(referral.referred_on));
        return Status::Ok();
      });
  ShowPersonAgain(database_, audit_, use_case, status, person_id, shown);
  RETURN_IF_ERROR(status);
  return id;
}

Status ServiceReferralService::SetStatus(const Actor& actor, PersonId person_id, ServiceReferralId referral_id,
                                         int expected_version, const ServiceReferralStatusInput& input,
                                         std::optional<ServiceReferralShown>* shown) {
  const Date today = clock_.Today();
  const UseCase use_case = UseCase::OnPerson(actor, Action::kRecordReferral, person_id,
                                             {{StatusCode::kNotFound, "no such person or referral"}});
  const Status status =
      Audited(database_, audit_, use_case, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ServiceReferralRepository& referrals = transaction.Get<ServiceReferralRepository>();
        Result<ServiceReferral> found = referrals.Get(referral_id);
        if (!found.ok() || found->person_id != person_id) {
          return Status::NotFound(fmt::format("person {} has no referral to a service {}", person_id, referral_id));
        }
        ServiceReferral referral = *found;
        if (shown != nullptr) {
          ASSIGN_OR_RETURN(Person person, transaction.Get<PersonRepository>().Get(person_id));
          *shown = ServiceReferralShown{std::move(person), referral};
        }
        if (referral.version != expected_version) {
          return Status::Stale("someone changed this referral meanwhile: reload and check");
        }
        FieldProblems problems;
        const std::optional<ServiceReferralStatus> to = Parse<ServiceReferralStatus>(input.status);
        if (!to) problems.push_back({"status", "Select where the referral has got to"});
        const std::optional<Date> on = DayOr(input.status_on, today);
        if (!on) problems.push_back({"status_on", "must be a real date"});
        if (!problems.empty()) return Status::Invalid(std::move(problems), "the referral is not valid");
        if (!MayChangeStatus(referral.status, *to)) {
          return Status::FailedPrecondition(fmt::format("this referral is {} and cannot be marked {}",
                                                        AsciiLower(LabelOf(referral.status)),
                                                        AsciiLower(LabelOf(*to))));
        }
        referral.status = *to;
        referral.status_on = *on;
        if (!Trim(input.outcome).empty()) referral.outcome = std::string(Trim(input.outcome));
        referral.updated_by = actor.username;
        if (FieldProblems invalid = ServiceReferralProblems(referral, today); !invalid.empty()) {
          return Status::Invalid(std::move(invalid), "the referral is not valid");
        }
        RETURN_IF_ERROR(referrals.UpdateStatus(referral));
        entry.detail = fmt::format("referral to a service {}: {} on {}", referral_id, CodeOf(referral.status),
                                   FormatIsoDate(referral.status_on));
        return Status::Ok();
      });
  ShowAgain<ServiceReferralShown>(database_, audit_, use_case, status, shown,
                                  [&](Transaction& transaction) -> Result<ServiceReferralShown> {
                                    ServiceReferralShown again;
                                    ASSIGN_OR_RETURN(again.person, transaction.Get<PersonRepository>().Get(person_id));
                                    ASSIGN_OR_RETURN(again.referral,
                                                     transaction.Get<ServiceReferralRepository>().Get(referral_id));
                                    return again;
                                  });
  return status;
}

}  // namespace openiom
