#include "services/people_service.h"

#include <fmt/format.h>

#include "storage/event_repository.h"
#include "storage/transaction.h"

namespace openiom {

inline constexpr int kMaxPageSize = 10000;

Result<PeoplePage> PeopleService::List(const Actor& actor, int limit, int offset) {
  RETURN_IF_ERROR(audit_.Authorise(database_, actor, Action::kSearchPeople, "person", ""));
  if (limit < 1 || limit > kMaxPageSize) {
    return Status::InvalidArgument(fmt::format("limit must be between 1 and {}", kMaxPageSize));
  }
  if (offset < 0) return Status::InvalidArgument("offset must not be negative");
  PeoplePage page;
  RETURN_IF_ERROR(database_.Write([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(page.people, transaction.people().List(limit, offset));
    ASSIGN_OR_RETURN(page.total, transaction.people().Count());
    return audit_.Append(transaction, actor,
                         {ActionCode(Action::kSearchPeople), "person", "", AuditOutcome::kSuccess,
                          fmt::format("list: {} from {}", page.people.size(), offset)});
  }));
  return page;
}

Result<PersonRecord> PeopleService::Get(const Actor& actor, PersonId id) {
  const std::string object_id = std::to_string(id);
  RETURN_IF_ERROR(audit_.Authorise(database_, actor, Action::kViewPerson, "person", object_id));
  PersonRecord record;
  const Status status = database_.Write([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(record.person, transaction.people().Get(id));
    ASSIGN_OR_RETURN(record.identifiers, transaction.people().Identifiers(id));
    ASSIGN_OR_RETURN(record.events, transaction.events().ListForPerson(id));
    return audit_.Append(transaction, actor,
                         {ActionCode(Action::kViewPerson), "person", object_id, AuditOutcome::kSuccess, ""});
  });
  if (status.code() == StatusCode::kNotFound) {
    RETURN_IF_ERROR(audit_.AppendAlone(database_, actor,
                                       {ActionCode(Action::kViewPerson), "person", object_id, AuditOutcome::kFailure,
                                        "no such person"}));
  }
  RETURN_IF_ERROR(status);
  return record;
}

}  // namespace openiom
