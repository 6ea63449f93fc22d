// Reading nominals: the list and the full record (identifiers and offending history).
#pragma once

#include <vector>

#include "common/status.h"
#include "domain/event.h"
#include "domain/identifier.h"
#include "domain/person.h"
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
  explicit PeopleService(Database& database) : database_(database) {}

  // REQUIRES: 1 <= limit <= 10000, offset >= 0 (InvalidArgument otherwise).
  Result<PeoplePage> List(int limit, int offset);
  // NotFound when there is no such person.
  Result<PersonRecord> Get(PersonId id);

 private:
  Database& database_;
};

}  // namespace openiom
