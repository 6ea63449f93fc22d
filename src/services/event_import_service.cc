#include "services/event_import_service.h"

#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "common/csv.h"
#include "common/strings.h"
#include "services/event_csv.h"
#include "services/import_log.h"
#include "storage/event_import_store.h"
#include "storage/offence_category_repository.h"
#include "storage/transaction.h"

namespace openiom {
namespace {

struct PendingRow {
  EventRow row;
  std::vector<std::string> fields;
};

// A person the current transaction knows about beyond what Match() saw: created in this import, or given
// a PNC ID by it. `id` is negative (-(index + 1) into new_people) until ids are allocated.
struct KnownPerson {
  PersonId id = 0;
  bool has_pnc = false;
};

class EventImporter {
 public:
  EventImporter(EventImportStore& store, const EventImportOptions& options, Timestamp now, ImportObserver& observer,
                int64_t run_id, EventImportReport& report)
      : store_(store), options_(options), now_(now), observer_(observer), run_id_(run_id), report_(report) {}

  void Reject(const PendingRow& pending, std::vector<RowError> errors) {
    ++report_.rows_rejected;
    observer_.OnRejectedRow(options_.file_name, pending.row.line, errors, pending.fields);
  }

  // Matches and writes one batch of valid rows, rejecting those that conflict with stored data.
  Status ProcessBatch(std::vector<PendingRow>& batch) {
    if (batch.empty()) return Status::Ok();
    std::vector<ImportKey> keys;
    keys.reserve(batch.size());
    for (const PendingRow& pending : batch) {
      keys.push_back({pending.row.source_id, pending.row.pnc_id,
                      NameKey(pending.row.surname, pending.row.forenames), pending.row.date_of_birth});
    }
    ASSIGN_OR_RETURN(BatchMatches matches, store_.Match(options_.source_system, keys));
    std::vector<const PncMatch*> by_pnc(batch.size(), nullptr);
    std::vector<std::vector<const NameMatch*>> by_name(batch.size());
    std::vector<const ExistingEvent*> existing(batch.size(), nullptr);
    for (const PncMatch& match : matches.by_pnc) by_pnc[match.row] = &match;
    for (const NameMatch& match : matches.by_name) by_name[match.row].push_back(&match);
    for (const ExistingEvent& match : matches.existing_events) existing[match.row] = &match;

    std::vector<Event> events;
    std::unordered_map<std::string, int64_t> source_ids_in_batch;
    // Everything written by earlier batches is visible to Match(); only this batch's decisions are tracked.
    new_people_.clear();
    new_identifiers_.clear();
    new_aliases_.clear();
    people_by_name_.clear();
    pnc_in_import_.clear();
    pnc_given_in_import_.clear();
    aliases_in_import_.clear();
    for (size_t index = 0; index < batch.size(); ++index) {
      PendingRow& pending = batch[index];
      const EventRow& row = pending.row;
      if (auto seen = source_ids_in_batch.find(row.source_id); seen != source_ids_in_batch.end()) {
        Reject(pending, {{row.line, "source_id",
                          fmt::format("'{}' is used again (first on line {})", row.source_id, seen->second)}});
        continue;
      }
      if (existing[index] != nullptr) {
        RejectOrSkipExisting(pending, *existing[index], by_pnc[index], by_name[index]);
        continue;
      }
      std::string error;
      const PersonId person = ResolvePerson(row, keys[index], by_pnc[index], by_name[index], error);
      if (person == 0) {
        Reject(pending, {{row.line, row.pnc_id.empty() ? "surname" : "pnc_id", error}});
        continue;
      }
      source_ids_in_batch.emplace(row.source_id, row.line);
      Event event = row.event;
      event.person_id = person;
      event.source_system = options_.source_system;
      event.source_record_id = row.source_id;
      event.recorded_at = now_;
      events.push_back(std::move(event));
    }
    return Write(events);
  }

 private:
  // A row whose source id is already stored: identical details mean it was imported before (skip); anything
  // else is an error, because an import never silently overwrites or duplicates a record.
  void RejectOrSkipExisting(const PendingRow& pending, const ExistingEvent& existing, const PncMatch* pnc, const std::vector<const NameMatch*>& names) {
    const EventRow& row = pending.row;
    if (existing.import_run_id == run_id_) {
      Reject(pending, {{row.line, "source_id", fmt::format("'{}' is used again in this file", row.source_id)}});
      return;
    }
    Event incoming = row.event;
    // The stored event's person counts as "the same" when this row would match that person.
    const bool same_person =
        (pnc != nullptr && pnc->person_id == existing.event.person_id) ||
        (pnc == nullptr && std::any_of(names.begin(), names.end(), [&](const NameMatch* match) {
           return match->person_id == existing.event.person_id;
         }));
    incoming.person_id = same_person ? existing.event.person_id : -1;
    const std::vector<std::string> differences = EventDifferences(existing.event, incoming);
    if (differences.empty()) {
      ++report_.events_already_present;
      return;
    }
    Reject(pending, {{row.line, "source_id",
                      fmt::format("'{}' was imported before from source {} with a different {}; an import does not "
                                  "change recorded events",
                                  row.source_id, options_.source_system, Join(differences, ", "))}});
  }

  // Returns the person for a row (negative for one to be created), or 0 with `error` set.
  PersonId ResolvePerson(const EventRow& row, const ImportKey& key, const PncMatch* pnc,
                         const std::vector<const NameMatch*>& names, std::string& error) {
    const std::string name_dob = key.name_key + '|' + FormatIsoDate(key.date_of_birth);
    if (!row.pnc_id.empty()) {
      if (auto known = pnc_in_import_.find(row.pnc_id); known != pnc_in_import_.end()) return known->second;
      if (pnc != nullptr) {
        ++report_.rows_matched_to_people;
        if (pnc->person_name_key != key.name_key && !pnc->alias_exists &&
            aliases_in_import_.insert({pnc->person_id, key.name_key}).second) {
          new_aliases_.push_back({pnc->person_id, row.surname, row.forenames});
        }
        return pnc->person_id;
      }
      // An unknown PNC ID: the row may still be a stored person without one, matched by name and birth date.
      std::vector<PersonId> candidates;
      for (const NameMatch* match : names) {
        if (!match->has_pnc_id && !pnc_given_in_import_.contains(match->person_id)) {
          candidates.push_back(match->person_id);
        }
      }
      for (const KnownPerson& known : people_by_name_[name_dob]) {
        if (!known.has_pnc) candidates.push_back(known.id);
      }
      if (candidates.size() > 1) {
        error = fmt::format("{} people without a PNC ID share this name and date of birth; cannot tell which "
                            "one PNC ID {} belongs to",
                            candidates.size(), row.pnc_id);
        return 0;
      }
      PersonId person;
      if (candidates.size() == 1) {
        person = candidates.front();
        if (person > 0) ++report_.rows_matched_to_people;
        pnc_given_in_import_.insert(person);
        for (KnownPerson& known : people_by_name_[name_dob]) {
          if (known.id == person) known.has_pnc = true;
        }
      } else {
        person = NewPerson(row);
        people_by_name_[name_dob].push_back({person, true});
      }
      new_identifiers_.push_back({person, Identifier{IdentifierKind::kPncId, row.pnc_id}});
      pnc_in_import_.emplace(row.pnc_id, person);
      return person;
    }
    std::set<PersonId> candidates;
    for (const NameMatch* match : names) candidates.insert(match->person_id);
    for (const KnownPerson& known : people_by_name_[name_dob]) candidates.insert(known.id);
    if (candidates.size() > 1) {
      error = fmt::format("{} people share this name and date of birth; give the pnc_id to say which",
                          candidates.size());
      return 0;
    }
    if (candidates.size() == 1) {
      if (*candidates.begin() > 0) ++report_.rows_matched_to_people;
      return *candidates.begin();
    }
    const PersonId person = NewPerson(row);
    people_by_name_[name_dob].push_back({person, false});
    return person;
  }

  PersonId NewPerson(const EventRow& row) {
    Person person{.surname = row.surname, .forenames = row.forenames, .date_of_birth = row.date_of_birth,
                  .gender = row.gender, .created_at = now_, .updated_at = now_, .version = 1};
    new_people_.push_back(std::move(person));
    return -static_cast<PersonId>(new_people_.size());
  }

  // Allocates ids for the batch's new people, replaces the placeholders and writes everything.
  Status Write(std::vector<Event>& events) {
    ASSIGN_OR_RETURN(std::vector<PersonId> ids, store_.AllocatePersonIds(new_people_.size()));
    auto real = [&](PersonId id) { return id < 0 ? ids[static_cast<size_t>(-id - 1)] : id; };
    for (size_t index = 0; index < new_people_.size(); ++index) new_people_[index].id = ids[index];
    for (auto& [person, identifier] : new_identifiers_) person = real(person);
    for (Event& event : events) event.person_id = real(event.person_id);
    RETURN_IF_ERROR(store_.InsertPeople(new_people_));
    RETURN_IF_ERROR(store_.InsertIdentifiers(new_identifiers_));
    RETURN_IF_ERROR(store_.InsertAliases(new_aliases_));
    RETURN_IF_ERROR(store_.InsertEvents(events, run_id_));
    report_.people_created += static_cast<int64_t>(new_people_.size());
    report_.identifiers_added += static_cast<int64_t>(new_identifiers_.size());
    report_.aliases_added += static_cast<int64_t>(new_aliases_.size());
    report_.events_added += static_cast<int64_t>(events.size());
    return Status::Ok();
  }

  EventImportStore& store_;
  const EventImportOptions& options_;
  Timestamp now_;
  ImportObserver& observer_;
  int64_t run_id_;
  EventImportReport& report_;

  std::vector<Person> new_people_;
  std::vector<std::pair<PersonId, Identifier>> new_identifiers_;
  std::vector<NewAlias> new_aliases_;
  std::map<std::string, std::vector<KnownPerson>> people_by_name_;  // name key|dob -> people new in this batch
  std::unordered_map<std::string, PersonId> pnc_in_import_;         // PNC ID -> person, decided in this batch
  std::set<PersonId> pnc_given_in_import_;                          // stored people given a PNC ID in this batch
  std::set<std::pair<PersonId, std::string>> aliases_in_import_;
};

// Reads the whole file inside `transaction`. Whole-file problems (unreadable CSV, empty file, wrong header)
// end the import with InvalidArgument.
Status ReadAndImport(Transaction& transaction, std::istream& input, const EventImportOptions& options,
                     const Clock& clock, ImportObserver& observer, ImportRun& run, EventImportReport& report) {
  ASSIGN_OR_RETURN(OffenceCategoryCatalogue categories, transaction.offence_categories().Load());
  ASSIGN_OR_RETURN(run.id, transaction.import_runs().Create(run));
  report.import_run_id = run.id;
  RETURN_IF_ERROR(transaction.event_import().Begin());

  CsvReader reader(input);
  std::vector<std::string> fields;
  ASSIGN_OR_RETURN(bool has_header, reader.ReadRecord(fields));
  if (!has_header || (fields.size() == 1 && Trim(fields[0]).empty())) {
    std::vector<std::string> expected(kEventCsvColumns.begin(), kEventCsvColumns.end());
    return Status::InvalidArgument(
        fmt::format("the file is empty; expected a header line: {}", Join(expected, ",")));
  }
  ASSIGN_OR_RETURN(EventCsvHeader header, ParseEventCsvHeader(fields));

  EventImporter importer(transaction.event_import(), options, clock.Now(), observer, run.id, report);
  const Date today = clock.Today();
  std::vector<PendingRow> batch;
  batch.reserve(options.batch_rows);
  std::vector<RowError> errors;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader.ReadRecord(fields));
    if (!more) break;
    if (fields.size() == 1 && Trim(fields[0]).empty()) continue;  // blank line
    ++report.rows_read;
    errors.clear();
    PendingRow pending;
    pending.fields = fields;
    if (!ParseEventRow(fields, header, reader.record_line(), categories, today, pending.row, errors)) {
      pending.row.line = reader.record_line();
      importer.Reject(pending, errors);
      continue;
    }
    batch.push_back(std::move(pending));
    if (batch.size() >= options.batch_rows) {
      RETURN_IF_ERROR(importer.ProcessBatch(batch));
      batch.clear();
      observer.OnProgress(options.file_name, report.rows_read, reader.bytes_consumed());
    }
  }
  RETURN_IF_ERROR(importer.ProcessBatch(batch));
  observer.OnProgress(options.file_name, report.rows_read, reader.bytes_consumed());
  return Status::Ok();
}

}  // namespace

Result<EventImportReport> ImportEvents(Database& database, std::istream& input, const EventImportOptions& options,
                                       const Clock& clock, ImportObserver& observer) {
  ImportRun run{.kind = "events", .source_system = options.source_system, .file_name = options.file_name,
                .started_at = clock.Now()};
  EventImportReport report;
  Status status = database.Write([&](Transaction& transaction) -> Status {
    report = EventImportReport{};
    RETURN_IF_ERROR(ReadAndImport(transaction, input, options, clock, observer, run, report));
    if (report.rows_rejected > 0 && !options.accept_good_rows) {
      return Status::InvalidArgument(fmt::format("{} of {} rows are invalid; nothing was imported",
                                                 report.rows_rejected, report.rows_read));
    }
    report.outcome = report.rows_rejected > 0 ? ImportOutcome::kPartlyLoaded : ImportOutcome::kLoaded;
    run.outcome = report.outcome;
    run.finished_at = clock.Now();
    run.rows_read = report.rows_read;
    run.rows_loaded = report.events_added;
    run.rows_skipped = report.events_already_present;
    run.rows_rejected = report.rows_rejected;
    run.people_created = report.people_created;
    return transaction.import_runs().Finish(run);
  });
  if (status.ok()) return report;
  RecordFailedImport(database, run, report.rows_read, report.rows_rejected, status, clock);
  return status;
}

}  // namespace openiom
