// Set-at-a-time operations for importing events: match a batch of rows against the people and events
// already stored, then write new people, identifiers, aliases and events with each backend's fast path.
// The matching rules themselves live in services/event_import_service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/people/event.h"
#include "domain/people/identifier.h"
#include "domain/people/person.h"
#include "storage/imports/import_run_repository.h"

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
  // Prepares this transaction for an import of `run` (Database::StagedWrite's stage step; call it first, before
  // any read): serialises concurrent imports and creates scratch tables. Returns the id of the import run the
  // events will carry.
  // - PostgreSQL writes as it goes, in the one transaction: the run is created here. The tables matched against
  //   are analysed when they have no planner statistics (here), and in Match whenever the import has made one
  //   several times larger, so every batch is matched by index look-ups.
  // - SQLite reads one snapshot without the write lock, so that pages and other writers are not held up for the
  //   length of a long import: the Insert* calls stage their rows in temporary tables, Match reads the stored
  //   tables and the staged rows, and Publish writes them. The run is created by Publish; this returns 0.
  virtual Result<int64_t> Begin(const ImportRun& run) = 0;
  // Ends an import begun by Begin, in the write transaction (the publish step), and returns the run's id.
  // SQLite: first checks that no person whose name, alias, date of birth or PNC ID matches a row of the file, and
  // no event under one of its source ids, was added or changed since Begin's snapshot (Conflict naming the
  // person or event otherwise: the file was matched against records that are no longer there, so nothing is
  // written), then creates the run and copies the staged rows in, people with the ids AllocatePersonIds gave
  // them moved up past any added meanwhile. PostgreSQL: nothing left to do.
  virtual Result<int64_t> Publish(const ImportRun& run) = 0;
  // Looks up a batch of rows: people by PNC ID and by name + date of birth, events already stored under the
  // rows' source ids, and source ids used by earlier batches of this import (which the batch's ids then join,
  // so memory stays bounded however long the file). Rows within the batch are not compared with each other.
  virtual Result<BatchMatches> Match(const std::string& source_system, const std::vector<ImportKey>& keys) = 0;
  // Reserves `count` new person ids (on SQLite during an import: provisional, see Publish).
  virtual Result<std::vector<PersonId>> AllocatePersonIds(size_t count) = 0;
  // Bulk inserts; people must carry ids from AllocatePersonIds. Staged until Publish when Begin says so.
  virtual Status InsertPeople(const std::vector<Person>& people) = 0;
  virtual Status InsertIdentifiers(const std::vector<std::pair<PersonId, Identifier>>& identifiers) = 0;
  virtual Status InsertAliases(const std::vector<NewAlias>& aliases) = 0;
  virtual Status InsertEvents(const std::vector<Event>& events, int64_t import_run_id) = 0;
};

}  // namespace openiom
