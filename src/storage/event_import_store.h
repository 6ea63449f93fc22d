// Set-at-a-time operations for importing events: match a batch of rows against the people and events
// already stored, then write new people, identifiers, aliases and events with each backend's fast path.
// The matching rules themselves live in services/event_import_service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/event.h"
#include "domain/identifier.h"
#include "domain/person.h"

namespace openiom {

struct ImportKey {
  int64_t line = 0;  // where the row starts in the file
  std::string source_record_id;
  std::string pnc_id;  // canonical, or empty
  std::string name_key;
  Date date_of_birth{};
};

struct PncMatch {
  size_t row = 0;  // index into the keys passed to Match
  PersonId person_id = 0;
  std::string person_name_key;
  std::optional<Date> person_date_of_birth;
  bool alias_exists = false;  // the row's name is already one of the person's aliases
};

// A stored person whose name (or one of whose aliases) and date of birth match the row's.
struct NameMatch {
  size_t row = 0;
  PersonId person_id = 0;
  bool has_pnc_id = false;
};

// The row's source id was already used by an earlier row of the same import.
struct RepeatedSourceId {
  size_t row = 0;
  int64_t first_line = 0;
};

struct ExistingEvent {
  size_t row = 0;
  Event event;
  int64_t import_run_id = 0;
};

struct BatchMatches {
  std::vector<PncMatch> by_pnc;
  std::vector<NameMatch> by_name;
  std::vector<ExistingEvent> existing_events;
  std::vector<RepeatedSourceId> repeated_source_ids;
};

struct NewAlias {
  PersonId person_id = 0;
  std::string surname;
  std::string forenames;
};

class EventImportStore {
 public:
  virtual ~EventImportStore() = default;
  // Prepares this transaction for an import: serialises concurrent imports and creates scratch tables. On
  // PostgreSQL the tables it matches against are analysed when they have no planner statistics (here), and in
  // Match whenever the import has made one several times larger, so every batch is matched by index look-ups.
  virtual Status Begin() = 0;
  // Looks up a batch of rows: people by PNC ID and by name + date of birth, events already stored under the
  // rows' source ids, and source ids used by earlier batches of this import (which the batch's ids then join,
  // so memory stays bounded however long the file). Rows within the batch are not compared with each other.
  virtual Result<BatchMatches> Match(const std::string& source_system, const std::vector<ImportKey>& keys) = 0;
  // Reserves `count` new person ids.
  virtual Result<std::vector<PersonId>> AllocatePersonIds(size_t count) = 0;
  // Bulk inserts; people must carry ids from AllocatePersonIds.
  virtual Status InsertPeople(const std::vector<Person>& people) = 0;
  virtual Status InsertIdentifiers(const std::vector<std::pair<PersonId, Identifier>>& identifiers) = 0;
  virtual Status InsertAliases(const std::vector<NewAlias>& aliases) = 0;
  virtual Status InsertEvents(const std::vector<Event>& events, int64_t import_run_id) = 0;
};

}  // namespace openiom
