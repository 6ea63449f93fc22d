#include "services/people_service.h"

#include <fmt/format.h>

#include "storage/event_repository.h"
#include "storage/transaction.h"

namespace openiom {

inline constexpr int kMaxPageSize = 10000;

Result<PeoplePage> PeopleService::List(int limit, int offset) {
  if (limit < 1 || limit > kMaxPageSize) {
    return Status::InvalidArgument(fmt::format("limit must be between 1 and {}", kMaxPageSize));
  }
  if (offset < 0) return Status::InvalidArgument("offset must not be negative");
  PeoplePage page;
  RETURN_IF_ERROR(database_.Read([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(page.people, transaction.people().List(limit, offset));
    ASSIGN_OR_RETURN(page.total, transaction.people().Count());
    return Status::Ok();
  }));
  return page;
}

Result<PersonRecord> PeopleService::Get(PersonId id) {
  PersonRecord record;
  RETURN_IF_ERROR(database_.Read([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(record.person, transaction.people().Get(id));
    ASSIGN_OR_RETURN(record.identifiers, transaction.people().Identifiers(id));
    ASSIGN_OR_RETURN(record.events, transaction.events().ListForPerson(id));
    return Status::Ok();
  }));
  return record;
}

}  // namespace openiom
