// Events in nominals' histories.
#pragma once

#include <optional>
#include <vector>

#include "common/status.h"
#include "domain/event.h"

namespace openiom {

class EventRepository {
 public:
  virtual ~EventRepository() = default;

  // Inserts one event. Conflict when (source_system, source_record_id) is already present; NotFound when
  // the person does not exist; InvalidArgument for an unknown offence category.
  virtual Result<EventId> Create(const Event& event, std::optional<int64_t> import_run_id) = 0;
  // A person's events, oldest first (by event date, then id).
  virtual Result<std::vector<Event>> ListForPerson(PersonId person_id) = 0;
  virtual Result<int64_t> Count() = 0;
};

}  // namespace openiom
