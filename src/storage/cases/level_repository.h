// A person's service level history, schemes, statutory status and the answers given to level suggestions
// (domain/cases/level.h).
#pragma once

#include <vector>

#include "common/status.h"
#include "domain/cases/level.h"
#include "domain/people/person.h"

namespace openiom {

class LevelRepository {
 public:
  virtual ~LevelRepository() = default;

  // Each Add stores a new row (its id and version ignored) and returns its id.
  virtual Result<int64_t> AddChange(const LevelChange& change) = 0;
  virtual Result<int64_t> AddScheme(const SchemeMembership& membership) = 0;
  virtual Result<int64_t> AddStatus(const StatutoryStatus& status) = 0;
  virtual Result<int64_t> AddDecision(const LevelDecision& decision) = 0;

  // Takes a person off a scheme (left_on, left_by) if the stored version is still `membership.version`; Stale
  // otherwise.
  virtual Status LeaveScheme(const SchemeMembership& membership) = 0;

  // A person's rows, oldest first (by day, then id).
  virtual Result<std::vector<LevelChange>> ChangesFor(PersonId person_id) = 0;
  virtual Result<std::vector<SchemeMembership>> SchemesFor(PersonId person_id) = 0;
  virtual Result<std::vector<StatutoryStatus>> StatusesFor(PersonId person_id) = 0;
  virtual Result<std::vector<LevelDecision>> DecisionsFor(PersonId person_id) = 0;
};

}  // namespace openiom
