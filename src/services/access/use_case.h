// The one way a use case is authorised, done and audited, so that no step is forgotten or done twice:
//
//   return Audited(database_, audit_,
//                  {.actor = actor, .action = Action::kViewCohort, .object = ObjectKind::kReferral,
//                   .object_id = std::to_string(id)},
//                  [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
//                    ASSIGN_OR_RETURN(referral, transaction.Get<PanelRepository>().GetReferral(id));
//                    entry.detail = fmt::format("person {}", referral.person_id);
//                    return Status::Ok();
//                  });
//
// Calls that write no entry when they succeed (totals with no personal data, a search refused for its criteria) or
// whose work spans several transactions (scoring everyone) use AuditTrail::Authorise and Append directly.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/access/object.h"
#include "domain/people/person.h"
#include "services/access/access_policy.h"

namespace openiom {

class AuditTrail;
class Database;
class Transaction;

// A failure of the work that the trail records (kFailure, with this detail), e.g. {kNotFound, "no such person"}.
struct AuditedFailure {
  StatusCode code;
  std::string detail;
};

// What is done, to what, and which of its failures are recorded.
struct UseCase {
  const Actor& actor;
  Action action = Action::kSearchPeople;
  ObjectKind object = ObjectKind::kPerson;
  std::string object_id;  // "" for a list
  // Set for an action on one person's record: need-to-know applies (AuditTrail::AuthorisePerson), and the entry
  // is given the basis of the decision. REQUIRES: object is kPerson and object_id the person's id.
  std::optional<PersonId> person;
  // Failures of the work recorded as kFailure. Any other failure is not recorded (bad input, a conflict: nothing
  // was read or changed), except PermissionDenied, below.
  std::vector<AuditedFailure> audited_failures;

  // An action on one person's record (need-to-know).
  static UseCase OnPerson(const Actor& actor, Action action, PersonId person,
                          std::vector<AuditedFailure> audited_failures = {});
};

// How a read of one person's record records that there is no such person.
AuditedFailure NoSuchPerson();

// The success entry, filled in by the work.
struct UseCaseEntry {
  std::string basis;      // for a person's record: on what basis the policy allowed it ("IOM manager", ...)
  std::string object_id;  // the use case's, unless the work names the object it found (e.g. the latest score run)
  std::string detail;     // what was done or seen, never personal data beyond ids
};

// The use case's work, in one write transaction that also appends the success entry: both stand or fall together.
using UseCaseWork = std::function<Status(Transaction&, UseCaseEntry&)>;
// A check of the input once the actor is allowed and before anything is read; its failure is returned unrecorded.
using UseCaseCheck = std::function<Status()>;

// Asks the access policy (a refusal is recorded as kDenied and returned as PermissionDenied), checks the input,
// then runs `work` and records exactly one entry: kSuccess with the work's entry, or for a failure listed in
// `audited_failures` kFailure (in a transaction of its own, as the work's is rolled back). A PermissionDenied from
// the work (the policy asked again about what the work read, e.g. the kind of event recorded) is recorded as
// kDenied with its reason. Returns the work's status.
Status Audited(Database& database, const AuditTrail& audit, const UseCase& use_case, const UseCaseCheck& check,
               const UseCaseWork& work);
// The same with no check of the input.
Status Audited(Database& database, const AuditTrail& audit, const UseCase& use_case, const UseCaseWork& work);

// The failures after which a form is shown again with the record it was about: bad input, a conflict, a failed
// precondition or a stale version (the pages' form problems).
inline bool ShownAgainAfter(const Status& failure) {
  const StatusCode code = failure.code();
  return code == StatusCode::kInvalidArgument || code == StatusCode::kConflict ||
         code == StatusCode::kFailedPrecondition || code == StatusCode::kStale;
}

// Records, in one write transaction with `read`, that the record of `use_case` is shown again after `failure`: one
// entry, the use case's action with outcome kFailure. Used by ShowAgain.
Status RecordShownAgain(Database& database, const AuditTrail& audit, const UseCase& use_case, const Status& failure,
                        const std::function<Status(Transaction&)>& read);

// For a form shown again after the use case failed: leaves in `shown` the record the page will show (as the work
// read it, or, when the input was refused before anything was read, as `read` finds it) and records showing it once,
// so that a refused post is never an unrecorded way to see a record. Empties `shown` when the failure is not one
// shown again (a refusal, a fault) or the record cannot be read and recorded. Does nothing when `shown` is null.
template <typename T>
void ShowAgain(Database& database, const AuditTrail& audit, const UseCase& use_case, const Status& failure,
               std::optional<T>* shown, const std::function<Result<T>(Transaction&)>& read) {
  if (shown == nullptr || failure.ok()) return;
  if (!ShownAgainAfter(failure)) {
    shown->reset();
    return;
  }
  const Status recorded = RecordShownAgain(database, audit, use_case, failure, [&](Transaction& transaction) -> Status {
    if (shown->has_value()) return Status::Ok();
    ASSIGN_OR_RETURN(*shown, read(transaction));
    return Status::Ok();
  });
  if (!recorded.ok()) shown->reset();
}

}  // namespace openiom
