// For the cases area's forms: after `status` failed, the person the form is about, shown again (ShowAgain,
// services/access/use_case.h) as the use case read them or as read now, and recorded once.
#pragma once

#include <optional>

#include "common/status.h"
#include "domain/people/person.h"
#include "services/access/use_case.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"

namespace openiom {

inline void ShowPersonAgain(Database& database, const AuditTrail& audit, const UseCase& use_case,
                            const Status& status, PersonId person_id, std::optional<Person>* shown) {
  ShowAgain<Person>(database, audit, use_case, status, shown,
                    [&](Transaction& transaction) { return transaction.Get<PersonRepository>().Get(person_id); });
}

}  // namespace openiom
