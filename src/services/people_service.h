// Reading nominals: the list and the full record (identifiers and offending history). Every call is
// authorised by the access policy and recorded in the audit trail, whichever entry point makes it.
#pragma once

#include <vector>

#include "common/status.h"
#include "domain/event.h"
#include "domain/identifier.h"
#include "domain/person.h"
#include "services/access_policy.h"
#include "services/audit_trail.h"
#include "storage/database.h"
#include "storage/person_repository.h"

namespace openiom {

struct PersonRecord {
  Person person;
  std::vector<Identifier> identifiers;
  std::vector<Event> events;  // oldest first
};

struct PeoplePage {
  std::vector<PersonSummary> people;
  int64_t total = 0;
};

class PeopleService {
 public:
  PeopleService(Database& database, const AuditTrail& audit) : database_(database), audit_(audit) {}

  // Action::kSearchPeople. REQUIRES: 1 <= limit <= 10000, offset >= 0 (InvalidArgument otherwise).
  Result<PeoplePage> List(const Actor& actor, int limit, int offset);
  // Action::kViewPerson: PermissionDenied, or NotFound when there is no such person; each attempt audited.
  Result<PersonRecord> Get(const Actor& actor, PersonId id);

 private:
  Database& database_;
  const AuditTrail& audit_;
};

}  // namespace openiom
