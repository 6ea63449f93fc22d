// Reading nominals: the list and the full record (identifiers and offending history). Every call is
// authorised by the access policy and recorded in the audit trail, whichever entry point makes it.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/people/event.h"
#include "domain/people/identifier.h"
#include "domain/people/person.h"
#include "services/access/access_policy.h"
#include "services/audit/audit_trail.h"
#include "services/imports/import_observer.h"
#include "storage/database.h"
#include "storage/people/event_repository.h"
#include "storage/people/person_repository.h"

namespace openiom {

inline constexpr std::chrono::minutes kBreakGlassPeriod{60};
inline constexpr size_t kMinBreakGlassReason = 10;

struct PersonRecord {
  Person person;
  std::vector<Identifier> identifiers;
  std::vector<Event> events;  // oldest first
};

struct PeoplePage {
  std::vector<PersonSummary> people;
  int64_t total = 0;
};

struct PeopleSearch {
  std::string name;
  std::string pnc_id;  // as typed: validated and made canonical by Search
  std::string crn;
  std::string date_of_birth;  // YYYY-MM-DD as typed
  std::string district;
  bool open_warrant = false;
  int page = 1;       // 1-based
  int page_size = 20;
};

// Which page of a person's offending history to read, and which of their events it lists.
struct HistoryQuery {
  std::optional<EventKind> kind;
  std::optional<Date> from, to;  // inclusive
  int page = 1;                  // 1-based
  int page_size = 25;
};

// One page of a person's offending history, with what the header and summary need without reading it all.
struct PersonHistory {
  Person person;
  EventPage events;                 // the page, newest first, and how many events match the query
  std::vector<Event> open_warrants;  // newest first, whatever the query
};

// A search with the criteria's problems, if any, in the order of the form.
struct PeopleSearchResult {
  FieldProblems errors;
  PeoplePage page;
};

class PeopleService {
 public:
  PeopleService(Database& database, const AuditTrail& audit, const Clock& clock)
      : database_(database), audit_(audit), clock_(clock) {}

  // Action::kSearchPeople. REQUIRES: 1 <= limit <= 10000, offset >= 0 (InvalidArgument otherwise).
  Result<PeoplePage> List(const Actor& actor, int limit, int offset);
  // Action::kViewPerson: PermissionDenied, or NotFound when there is no such person; each attempt audited.
  Result<PersonRecord> Get(const Actor& actor, PersonId id);
  // Action::kViewPerson, authorised and audited exactly as Get (need-to-know, NotFound audited), reading only one
  // page of the person's events: the database filters, orders and counts them. InvalidArgument unless
  // 1 <= page_size <= 200, page >= 1 and from <= to.
  Result<PersonHistory> History(const Actor& actor, PersonId id, const HistoryQuery& query);

  // Action::kSearchPeople. Invalid criteria (a PNC ID with a wrong check letter, an impossible date) come back
  // as errors, with no search made; the search and its criteria are audited.
  Result<PeopleSearchResult> Search(const Actor& actor, const PeopleSearch& search);
  // Totals for the home page (no personal data). Action::kSearchPeople.
  Result<PersonCounts> Counts(const Actor& actor);

  // Action::kCreatePerson: validates (InvalidArgument "field: reason"), stamps times and version 1, audits, and
  // returns the stored record (no separate, audited read needed).
  Result<PersonRecord> Create(const Actor& actor, Person person);
  // Action::kRecordEvent: records one event for a stored person. `fields` are the event's columns of the events
  // CSV format (source_id, event_type, event_date, offence_category, offence_date, outcome, latitude, longitude,
  // lsoa_code), validated by the same rules as an import; the person's columns come from the record. The event's
  // source is the actor's agency: a `source_system` field naming anything else is a problem. Problems (column
  // and reason) come back in an InvalidArgument Status; PermissionDenied (audited) when
  // the actor's agency does not work with the person or may not record that kind of event (AccessRequest::event_kind);
  // a source id already recorded for the agency is Conflict.
  Result<EventId> AddEvent(const Actor& actor, PersonId id, const std::map<std::string, std::string>& fields);

  // Action::kBreakGlass: lets the actor read the record of a person their agency does not work with, for
  // kBreakGlassPeriod, for the reason given (at least kMinBreakGlassReason characters; otherwise InvalidArgument
  // with the reason's problem). Audited with the reason. NotFound when there is no such person.
  Status BreakGlass(const Actor& actor, PersonId id, const std::string& reason);

  // Action::kUpdatePerson: reads the person inside one write transaction, checks that their version is still
  // `expected_version` (Stale if someone saved it since it was read: nothing is overwritten), lets
  // `apply` change the fields, validates, saves (Stale too if another save raced this one) and returns the stored
  // record. Audited once, with the names of the fields that changed.
  Result<PersonRecord> Change(const Actor& actor, PersonId id, int expected_version,
                              const std::function<void(Person&)>& apply);

 private:
  Database& database_;
  const AuditTrail& audit_;
  const Clock& clock_;
};

}  // namespace openiom
