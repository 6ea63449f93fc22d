#include "services/access/use_case.h"

#include <algorithm>

#include "services/audit/audit_trail.h"
#include "storage/database.h"

namespace openiom {

UseCase UseCase::OnPerson(const Actor& actor, Action action, PersonId person,
                          std::vector<AuditedFailure> audited_failures) {
  return UseCase{.actor = actor,
                 .action = action,
                 .object = ObjectKind::kPerson,
                 .object_id = std::to_string(person),
                 .person = person,
                 .audited_failures = std::move(audited_failures)};
}

AuditedFailure NoSuchPerson() {
  return {StatusCode::kNotFound, "no such person"};
}

Status Audited(Database& database, const AuditTrail& audit, const UseCase& use_case, const UseCaseCheck& check,
               const UseCaseWork& work) {
  const Actor& actor = use_case.actor;
  UseCaseEntry entry{.object_id = use_case.object_id};
  if (use_case.person) {
    ASSIGN_OR_RETURN(entry.basis, audit.AuthorisePerson(database, actor, use_case.action, *use_case.person));
  } else {
    RETURN_IF_ERROR(audit.Authorise(database, actor, use_case.action, use_case.object, use_case.object_id));
  }
  if (check) RETURN_IF_ERROR(check());
  const Status status = database.Write([&](Transaction& transaction) -> Status {
    RETURN_IF_ERROR(work(transaction, entry));
    return audit.Append(
        transaction, actor,
        {ActionCode(use_case.action), use_case.object, entry.object_id, AuditOutcome::kSuccess, entry.detail});
  });
  if (status.ok()) return status;
  const auto& failures = use_case.audited_failures;
  const auto failure = std::find_if(failures.begin(), failures.end(),
                                    [&](const AuditedFailure& audited) { return audited.code == status.code(); });
  if (status.code() == StatusCode::kPermissionDenied) {
    RETURN_IF_ERROR(audit.AppendAlone(
        database, actor,
        {ActionCode(use_case.action), use_case.object, use_case.object_id, AuditOutcome::kDenied, status.message()}));
  } else if (failure != failures.end()) {
    RETURN_IF_ERROR(audit.AppendAlone(
        database, actor,
        {ActionCode(use_case.action), use_case.object, use_case.object_id, AuditOutcome::kFailure, failure->detail}));
  }
  return status;
}

Status RecordShownAgain(Database& database, const AuditTrail& audit, const UseCase& use_case, const Status& failure,
                        const std::function<Status(Transaction&)>& read) {
  return database.Write([&](Transaction& transaction) -> Status {
    RETURN_IF_ERROR(read(transaction));
    return audit.Append(transaction, use_case.actor,
                        {ActionCode(use_case.action), use_case.object, use_case.object_id, AuditOutcome::kFailure,
                         "shown again after: " + std::string(StatusCodeName(failure.code()))});
  });
}

Status Audited(Database& database, const AuditTrail& audit, const UseCase& use_case, const UseCaseWork& work) {
  return Audited(database, audit, use_case, UseCaseCheck(), work);
}

}  // namespace openiom
