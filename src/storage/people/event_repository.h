// Events in nominals' histories.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "common/status.h"
#include "domain/people/event.h"

namespace openiom {

// Which of a person's events to read, and which page of them.
struct EventQuery {
  std::optional<EventKind> kind;  // only this kind
  std::optional<Date> from, to;   // event dates on or after `from` and on or before `to`
  int limit = 25;                 // REQUIRES: limit >= 1, offset >= 0
  int offset = 0;
};

struct EventPage {
  std::vector<Event> events;  // newest first (by event date, then id, descending)
  int64_t total = 0;          // how many events match the query, on every page
};

class EventRepository {
 public:
  virtual ~EventRepository() = default;

  // Inserts one event. Conflict when (source_system, source_record_id) is already present; NotFound when
  // the person does not exist; InvalidArgument for an unknown offence category.
  virtual Result<EventId> Create(const Event& event, std::optional<int64_t> import_run_id) = 0;
  // Moves event `id` to `event_date` and stamps `recorded_at` (a fact recorded elsewhere in OpenIOM, such as a
  // custody episode's release, whose date was corrected). NotFound when there is no such event.
  virtual Status SetEventDate(EventId id, Date event_date, Timestamp recorded_at) = 0;
  // Deletes event `id` (a fact withdrawn where it was recorded: a release date cleared). NotFound when there is none.
  virtual Status Remove(EventId id) = 0;
  // A person's events, oldest first (by event date, then id).
  virtual Result<std::vector<Event>> ListForPerson(PersonId person_id) = 0;
  // One page of a person's events matching `query`, filtered and counted by the database.
  virtual Result<EventPage> SearchForPerson(PersonId person_id, const EventQuery& query) = 0;
  // The person's open warrants (domain/people/event.h: HasOpenWarrant, the same rule in SQL), newest first.
  virtual Result<std::vector<Event>> OpenWarrants(PersonId person_id) = 0;
  virtual Result<int64_t> Count() = 0;
};

}  // namespace openiom
