#include "services/imports/event_import_service.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "common/csv.h"
#include "common/strings.h"
#include "services/imports/event_csv.h"
#include "services/imports/import_log.h"
#include "storage/imports/event_import_store.h"
#include "storage/reference/offence_category_repository.h"
#include "storage/transaction.h"

namespace openiom {
namespace {

struct PendingRow {
  EventRow row;
  std::vector<std::string> fields;
};

struct Rejection {
  int64_t line = 0;
  FieldProblems errors;
  std::vector<std::string> fields;
};

// A person this batch's rows resolve to and whose record the batch changes: created by it (id negative,
// -(index + 1) into new_people_, until ids are allocated), or stored and given a PNC ID or an alias by it.
struct BatchPerson {
  PersonId id = 0;
  std::string pnc_id;  // as known now, or empty
  std::optional<Date> date_of_birth;
  std::set<std::string> name_keys;  // main name and aliases known in this batch
};

// Matches a file's rows to people and writes them, one batch at a time. Rows are matched by PNC ID, then by
// name (or alias) and date of birth, else a person is created (docs/formats/events.md). Only what Match() reads
// from the store and what this batch itself decides are consulted: earlier batches are already written.
class EventImporter {
 public:
  EventImporter(EventImportStore& store, const EventImportOptions& options, Timestamp now, ImportObserver& observer,
                EventImportReport& report)
      : store_(store), options_(options), now_(now), observer_(observer), report_(report) {}

  // Rejects a row that failed validation; reported with the batch, in line order.
  void RejectInvalid(PendingRow pending, FieldProblems errors) {
    const int64_t line = pending.row.line;
    rejections_.push_back({line, std::move(errors), std::move(pending.fields)});
  }

  // Rows held for the next ProcessBatch: valid ones waiting to be matched plus rejected ones waiting to be reported.
  size_t held(size_t batch_rows) const { return batch_rows + rejections_.size(); }

  // Matches and (unless an all-or-nothing import has already failed) writes one batch, then reports its
  // rejected rows.
  Status ProcessBatch(std::vector<PendingRow>& batch) {
    if (!batch.empty()) RETURN_IF_ERROR(MatchAndWrite(batch));
    std::sort(rejections_.begin(), rejections_.end(),
              [](const Rejection& a, const Rejection& b) { return a.line < b.line; });
    for (const Rejection& rejection : rejections_) {
      ++report_.rows_rejected;
      observer_.OnRejectedRow(options_.file_name, rejection.line, rejection.errors, rejection.fields);
    }
    rejections_.clear();
    return Status::Ok();
  }

 private:
  Status MatchAndWrite(std::vector<PendingRow>& batch) {
    std::vector<ImportKey> keys;
    keys.reserve(batch.size());
    for (const PendingRow& pending : batch) {
      keys.push_back({pending.row.line, pending.row.source_id, pending.row.pnc_id,
                      NameKey(pending.row.surname, pending.row.forenames), pending.row.date_of_birth});
    }
    ASSIGN_OR_RETURN(BatchMatches matches, store_.Match(options_.source_system, keys));
    std::vector<const PncMatch*> by_pnc(batch.size(), nullptr);
    std::vector<std::vector<const NameMatch*>> by_name(batch.size());
    std::vector<const ExistingEvent*> existing(batch.size(), nullptr);
    std::vector<int64_t> first_line(batch.size(), 0);
    for (const PncMatch& match : matches.by_pnc) by_pnc[match.row] = &match;
    for (const NameMatch& match : matches.by_name) by_name[match.row].push_back(&match);
    for (const ExistingEvent& match : matches.existing_events) existing[match.row] = &match;
    for (const RepeatedSourceId& repeat : matches.repeated_source_ids) first_line[repeat.row] = repeat.first_line;

    people_.clear();
    by_id_.clear();
    by_pnc_id_.clear();
    by_name_.clear();
    new_people_.clear();
    new_identifiers_.clear();
    new_aliases_.clear();
    std::unordered_map<std::string, int64_t> first_line_in_batch;
    std::vector<Event> events;
    for (size_t index = 0; index < batch.size(); ++index) {
      PendingRow& pending = batch[index];
      const EventRow& row = pending.row;
      const auto [seen, first_in_batch] = first_line_in_batch.emplace(row.source_id, row.line);
      const int64_t first = first_line[index] != 0 ? first_line[index] : first_in_batch ? 0 : seen->second;
      if (first != 0) {
        Reject(pending, "source_id", fmt::format("'{}' is used again (first on line {})", row.source_id, first));
        continue;
      }
      if (existing[index] != nullptr) {
        RejectOrSkipExisting(pending, *existing[index], keys[index], by_pnc[index], by_name[index]);
        continue;
      }
      std::string column, error;
      const PersonId person = ResolvePerson(row, keys[index], by_pnc[index], by_name[index], column, error);
      if (person == 0) {
        Reject(pending, column, error);
        continue;
      }
      Event event = row.event;
      event.person_id = person;
      event.source_system = options_.source_system;
      event.source_record_id = row.source_id;
      event.recorded_at = now_;
      events.push_back(std::move(event));
    }
    // An all-or-nothing import that has met a bad row will be rolled back: keep checking, stop writing.
    if (!options_.accept_good_rows && (report_.rows_rejected > 0 || !rejections_.empty())) return Status::Ok();
    return Write(events);
  }

  void Reject(const PendingRow& pending, std::string column, std::string reason) {
    rejections_.push_back({pending.row.line, {{std::move(column), std::move(reason), pending.row.line}},
                           pending.fields});
  }

  // A row whose source id is already stored: identical details mean it was imported before (skip); anything
  // else is an error, because an import never silently overwrites or duplicates a recorded event.
  void RejectOrSkipExisting(const PendingRow& pending, const ExistingEvent& existing, const ImportKey& key,
                            const PncMatch* pnc, const std::vector<const NameMatch*>& names) {
    Event incoming = pending.row.event;
    const PersonId stored_person = existing.event.person_id;
    bool same_person;
    if (!key.pnc_id.empty()) {
      auto in_batch = by_pnc_id_.find(key.pnc_id);
      same_person = (pnc != nullptr && pnc->person_id == stored_person) ||
                    (in_batch != by_pnc_id_.end() && people_[in_batch->second].id == stored_person);
    } else {
      same_person = std::any_of(names.begin(), names.end(),
                                [&](const NameMatch* match) { return match->person_id == stored_person; });
    }
    incoming.person_id = same_person ? stored_person : -1;
    const std::vector<std::string> differences = EventDifferences(existing.event, incoming);
    if (differences.empty()) {
      ++report_.events_already_present;
      return;
    }
    Reject(pending, "source_id",
           fmt::format("'{}' was imported before from source {} with a different {}; an import does not change "
                       "recorded events",
                       pending.row.source_id, options_.source_system, Join(differences, ", ")));
  }

  // The batch's record of a person, adding a stored one on first use.
  BatchPerson& Known(PersonId id, const std::string& name_key, std::optional<Date> date_of_birth) {
    auto [it, added] = by_id_.emplace(id, people_.size());
    if (added) people_.push_back({.id = id, .date_of_birth = date_of_birth, .name_keys = {name_key}});
    return people_[it->second];
  }

  static std::string NameAndBirth(const std::string& name_key, Date date_of_birth) {
    return name_key + '\x1f' + FormatIsoDate(date_of_birth);
  }

  // Returns the person for a row (negative for one created by this batch), or 0 with column and error set.
  PersonId ResolvePerson(const EventRow& row, const ImportKey& key, const PncMatch* pnc,
                         const std::vector<const NameMatch*>& names, std::string& column, std::string& error) {
    const std::string name_and_birth = NameAndBirth(key.name_key, key.date_of_birth);
    if (!row.pnc_id.empty()) {
      BatchPerson* holder = nullptr;
      if (auto it = by_pnc_id_.find(row.pnc_id); it != by_pnc_id_.end()) {
        holder = &people_[it->second];
      } else if (pnc != nullptr) {
        holder = &Known(pnc->person_id, pnc->person_name_key, pnc->person_date_of_birth);
        holder->pnc_id = row.pnc_id;
        by_pnc_id_[row.pnc_id] = by_id_[pnc->person_id];
        if (pnc->alias_exists) holder->name_keys.insert(key.name_key);
      }
      if (holder != nullptr) return UsePncHolder(*holder, row, key, name_and_birth, column, error);

      // An unknown PNC ID: the row may be a person without one, matched by name (or alias) and birth date.
      std::set<PersonId> candidates;
      for (const NameMatch* match : names) {
        auto known = by_id_.find(match->person_id);
        const bool has_pnc = known != by_id_.end() ? !people_[known->second].pnc_id.empty() : match->has_pnc_id;
        if (!has_pnc) candidates.insert(match->person_id);
      }
      for (size_t index : by_name_[name_and_birth]) {
        if (people_[index].pnc_id.empty()) candidates.insert(people_[index].id);
      }
      if (candidates.size() > 1) {
        column = "pnc_id";
        error = fmt::format("{} people without a PNC ID share this name and date of birth; cannot tell which one "
                            "PNC ID {} belongs to",
                            candidates.size(), row.pnc_id);
        return 0;
      }
      if (!candidates.empty()) ++report_.rows_matched_to_people;
      BatchPerson& person = candidates.empty() ? NewPerson(row, key, name_and_birth)
                                               : Known(*candidates.begin(), key.name_key, key.date_of_birth);
      person.pnc_id = row.pnc_id;
      by_pnc_id_[row.pnc_id] = by_id_[person.id];
      new_identifiers_.push_back({person.id, Identifier{IdentifierKind::kPncId, row.pnc_id}});
      return person.id;
    }
    std::set<PersonId> candidates;
    for (const NameMatch* match : names) candidates.insert(match->person_id);
    for (size_t index : by_name_[name_and_birth]) candidates.insert(people_[index].id);
    if (candidates.size() > 1) {
      column = "surname";
      error = fmt::format("{} people share this name and date of birth; give the pnc_id to say which",
                          candidates.size());
      return 0;
    }
    if (candidates.empty()) return NewPerson(row, key, name_and_birth).id;
    ++report_.rows_matched_to_people;
    return *candidates.begin();
  }

  // A row whose PNC ID has a holder. A different date of birth is refused: a PNC ID with a valid check letter
  // can still be mistyped, and the row must not join someone else's record. A different name becomes an alias.
  PersonId UsePncHolder(BatchPerson& holder, const EventRow& row, const ImportKey& key,
                        const std::string& name_and_birth, std::string& column, std::string& error) {
    if (holder.date_of_birth && *holder.date_of_birth != row.date_of_birth) {
      column = "pnc_id";
      error = fmt::format("PNC ID {} belongs to a person born {}, but this row's date_of_birth is {}", row.pnc_id,
                          FormatIsoDate(*holder.date_of_birth), FormatIsoDate(row.date_of_birth));
      return 0;
    }
    if (holder.name_keys.insert(key.name_key).second) {
      new_aliases_.push_back({holder.id, row.surname, row.forenames});
      by_name_[name_and_birth].push_back(by_id_[holder.id]);
    }
    ++report_.rows_matched_to_people;
    return holder.id;
  }

  BatchPerson& NewPerson(const EventRow& row, const ImportKey& key, const std::string& name_and_birth) {
    new_people_.push_back({.surname = row.surname, .forenames = row.forenames, .date_of_birth = row.date_of_birth,
                           .gender = row.gender, .created_at = now_, .updated_at = now_, .version = 1});
    const PersonId id = -static_cast<PersonId>(new_people_.size());
    BatchPerson& person = Known(id, key.name_key, row.date_of_birth);
    by_name_[name_and_birth].push_back(by_id_[id]);
    return person;
  }

  // Allocates ids for the batch's new people, replaces the placeholders and writes everything.
  Status Write(std::vector<Event>& events) {
    ASSIGN_OR_RETURN(std::vector<PersonId> ids, store_.AllocatePersonIds(new_people_.size()));
    auto real = [&](PersonId id) { return id < 0 ? ids[static_cast<size_t>(-id - 1)] : id; };
    for (size_t index = 0; index < new_people_.size(); ++index) new_people_[index].id = ids[index];
    for (auto& [person, identifier] : new_identifiers_) person = real(person);
    for (NewAlias& alias : new_aliases_) alias.person_id = real(alias.person_id);
    for (Event& event : events) event.person_id = real(event.person_id);
    RETURN_IF_ERROR(store_.InsertPeople(new_people_));
    RETURN_IF_ERROR(store_.InsertIdentifiers(new_identifiers_));
    RETURN_IF_ERROR(store_.InsertAliases(new_aliases_));
    RETURN_IF_ERROR(store_.InsertEvents(events, report_.import_run_id));
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
  EventImportReport& report_;
  std::vector<Rejection> rejections_;

  // This batch's decisions.
  std::vector<BatchPerson> people_;
  std::unordered_map<PersonId, size_t> by_id_;
  std::unordered_map<std::string, size_t> by_pnc_id_;
  std::unordered_map<std::string, std::vector<size_t>> by_name_;  // name key + date of birth -> people
  std::vector<Person> new_people_;
  std::vector<std::pair<PersonId, Identifier>> new_identifiers_;
  std::vector<NewAlias> new_aliases_;
};

// Reads the whole file inside `transaction`, whose import store has begun. Whole-file problems (unreadable CSV,
// empty file, wrong header) end the import with InvalidArgument.
Status ReadAndImport(Transaction& transaction, std::istream& input, const EventImportOptions& options,
                     const Clock& clock, ImportObserver& observer, EventImportReport& report) {
  ASSIGN_OR_RETURN(OffenceCategoryCatalogue categories, transaction.Get<OffenceCategoryRepository>().Load());

  CsvReader reader(input);
  std::vector<std::string> fields;
  ASSIGN_OR_RETURN(bool has_header, reader.ReadRecord(fields));
  if (!has_header || (fields.size() == 1 && Trim(fields[0]).empty())) {
    return Status::InvalidArgument("the file is empty; expected a header line: " + EventCsvHeaderLine());
  }
  Result<EventCsvHeader> parsed_header = ParseEventCsvHeader(fields);
  if (!parsed_header.ok()) {
    observer.OnHeaderRejected(options.file_name, EventCsvHeaderProblems(fields));
    return parsed_header.status();
  }
  const EventCsvHeader& header = *parsed_header;

  EventImporter importer(transaction.Get<EventImportStore>(), options, clock.Now(), observer, report);
  const Date today = clock.Today();
  std::vector<PendingRow> batch;
  batch.reserve(options.batch_rows);
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader.ReadRecord(fields));
    if (!more) break;
    if (fields.size() == 1 && Trim(fields[0]).empty()) continue;  // blank line
    ++report.rows_read;
    FieldProblems errors;
    PendingRow pending;
    pending.fields = fields;
    if (ParseEventRow(fields, header, reader.record_line(), categories, today, pending.row, errors)) {
      batch.push_back(std::move(pending));
    } else {
      pending.row.line = reader.record_line();
      importer.RejectInvalid(std::move(pending), std::move(errors));
    }
    if (importer.held(batch.size()) >= options.batch_rows) {
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

std::string RejectionMessage(const EventImportReport& report) {
  return fmt::format("{} of {} rows are invalid; nothing was imported", report.rows_rejected, report.rows_read);
}

Result<EventImportReport> ImportEvents(Database& database, const AuditTrail& audit, const Actor& actor,
                                       std::istream& input, const EventImportOptions& options, const Clock& clock,
                                       ImportObserver& observer) {
  const std::string action(ActionCode(Action::kImportEvents));
  RETURN_IF_ERROR(audit.Authorise(database, actor, Action::kImportEvents, ObjectKind::kFile, options.file_name));
  ImportRun run{.kind = "events", .source_system = options.source_system, .file_name = options.file_name,
                .started_at = clock.Now()};
  EventImportReport report;
  bool rows_rejected = false;
  // Reading, checking and matching the file is the long part; on SQLite it runs without the write lock, which is
  // taken only to check that nothing matched has changed and to write the staged rows (Database::StagedWrite).
  const auto stage = [&](Transaction& transaction) -> Status {
    report = EventImportReport{};
    ASSIGN_OR_RETURN(report.import_run_id, transaction.Get<EventImportStore>().Begin(run));
    RETURN_IF_ERROR(ReadAndImport(transaction, input, options, clock, observer, report));
    if (report.rows_rejected > 0 && !options.accept_good_rows) {
      rows_rejected = true;
      return Status::InvalidArgument(RejectionMessage(report));  // rolls the transaction back
    }
    return Status::Ok();
  };
  const auto publish = [&](Transaction& transaction) -> Status {
    report.outcome = report.rows_rejected > 0 ? ImportOutcome::kPartlyLoaded : ImportOutcome::kLoaded;
    run.outcome = report.outcome;
    run.finished_at = clock.Now();
    run.rows_read = report.rows_read;
    run.rows_loaded = report.events_added;
    run.rows_skipped = report.events_already_present;
    run.rows_rejected = report.rows_rejected;
    run.people_created = report.people_created;
    run.id = report.import_run_id;
    ASSIGN_OR_RETURN(run.id, transaction.Get<EventImportStore>().Publish(run));
    report.import_run_id = run.id;
    RETURN_IF_ERROR(transaction.Get<ImportRunRepository>().Finish(run));
    return audit.Append(
        transaction, actor,
        {action, ObjectKind::kFile, options.file_name, AuditOutcome::kSuccess,
         fmt::format("import run {} from source {}: {} rows, {} events added, {} rejected", run.id,
                     options.source_system, report.rows_read, report.events_added, report.rows_rejected)});
  };
  Status status = database.StagedWrite(Workload::kBulk, stage, publish);
  if (status.ok()) return report;
  RecordFailedImport(database, audit, actor, action, run, report.rows_read, report.rows_rejected, status, clock);
  if (!rows_rejected) return status;
  // Rolled back: nothing of the import is stored, so the report says so.
  report.outcome = ImportOutcome::kRejected;
  report.events_added = report.events_already_present = report.people_created = report.rows_matched_to_people = 0;
  report.identifiers_added = report.aliases_added = 0;
  report.import_run_id = 0;
  return report;
}

}  // namespace openiom
