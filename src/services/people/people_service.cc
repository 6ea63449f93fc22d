#include "services/people/people_service.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "services/imports/event_csv.h"
#include "common/csv.h"
#include "common/strings.h"
#include "services/access/use_case.h"
#include "storage/access/access_repository.h"
#include "storage/people/event_repository.h"
#include "storage/reference/offence_category_repository.h"
#include "storage/transaction.h"

namespace openiom {

inline constexpr int kMaxPageSize = 10000;

Result<PeoplePage> PeopleService::List(const Actor& actor, int limit, int offset) {
  PeoplePage page;
  RETURN_IF_ERROR(Audited(
      database_, audit_, {.actor = actor, .action = Action::kSearchPeople, .object = ObjectKind::kPerson},
      [&]() -> Status {
        if (limit < 1 || limit > kMaxPageSize) {
          return Status::InvalidArgument(fmt::format("limit must be between 1 and {}", kMaxPageSize));
        }
        if (offset < 0) return Status::InvalidArgument("offset must not be negative");
        return Status::Ok();
      },
      [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(page.people, transaction.Get<PersonRepository>().List(limit, offset));
        ASSIGN_OR_RETURN(page.total, transaction.Get<PersonRepository>().Count());
        entry.detail = fmt::format("list: {} from {}", page.people.size(), offset);
        return Status::Ok();
      }));
  return page;
}

Result<PersonRecord> PeopleService::Get(const Actor& actor, PersonId id) {
  PersonRecord record;
  RETURN_IF_ERROR(Audited(database_, audit_, UseCase::OnPerson(actor, Action::kViewPerson, id, {NoSuchPerson()}),
                          [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
                            ASSIGN_OR_RETURN(record.person, transaction.Get<PersonRepository>().Get(id));
                            ASSIGN_OR_RETURN(record.identifiers, transaction.Get<PersonRepository>().Identifiers(id));
                            ASSIGN_OR_RETURN(record.events, transaction.Get<EventRepository>().ListForPerson(id));
                            entry.detail = entry.basis;
                            return Status::Ok();
                          }));
  return record;
}

Result<PersonHistory> PeopleService::History(const Actor& actor, PersonId id, const HistoryQuery& query) {
  const EventQuery events{.kind = query.kind,
                          .from = query.from,
                          .to = query.to,
                          .limit = query.page_size,
                          .offset = (query.page - 1) * query.page_size};
  PersonHistory history;
  RETURN_IF_ERROR(Audited(
      database_, audit_, UseCase::OnPerson(actor, Action::kViewPerson, id, {NoSuchPerson()}),
      [&]() -> Status {
        if (query.page_size < 1 || query.page_size > 200) {
          return Status::InvalidArgument("page_size must be between 1 and 200");
        }
        if (query.page < 1 || query.page > 1'000'000) {
          return Status::InvalidArgument("page must be between 1 and 1000000");
        }
        if (query.from && query.to && *query.from > *query.to) {
          return Status::InvalidArgument("the date from must be on or before the date to");
        }
        return Status::Ok();
      },
      [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(history.person, transaction.Get<PersonRepository>().Get(id));
        ASSIGN_OR_RETURN(history.events, transaction.Get<EventRepository>().SearchForPerson(id, events));
        ASSIGN_OR_RETURN(history.open_warrants, transaction.Get<EventRepository>().OpenWarrants(id));
        // The basis comes first, as for every view; what was looked at follows it.
        std::vector<std::string> shown;
        if (query.kind) shown.push_back("kind=" + std::string(EventKindCode(*query.kind)));
        if (query.from) shown.push_back("from=" + FormatIsoDate(*query.from));
        if (query.to) shown.push_back("to=" + FormatIsoDate(*query.to));
        entry.detail = fmt::format("{}; history page {} [{}]: {} events", entry.basis, query.page,
                                   fmt::join(shown, "; "), history.events.total);
        return Status::Ok();
      }));
  return history;
}

Result<PeopleSearchResult> PeopleService::Search(const Actor& actor, const PeopleSearch& search) {
  RETURN_IF_ERROR(audit_.Authorise(database_, actor, Action::kSearchPeople, ObjectKind::kPerson, ""));
  PeopleSearchResult result;
  PersonQuery query{.name = search.name,
                    .district = search.district,
                    .open_warrant = search.open_warrant,
                    .limit = std::clamp(search.page_size, 1, 200),
                    .offset = 0};
  query.offset = static_cast<int>(std::min<int64_t>((std::max(search.page, 1) - int64_t{1}) * query.limit, 1'000'000'000));
  // Each word becomes a clause of the query: keep searches to what a person would type.
  if (search.name.size() > 200 || std::count(search.name.begin(), search.name.end(), ' ') >= 8) {
    result.errors.emplace_back("q", "Enter at most 8 words of a name");
  }
  // Need-to-know: a search finds someone; it never lists everyone. A district or an open warrant only narrows.
  const auto letters = std::count_if(search.name.begin(), search.name.end(),
                                     [](unsigned char c) { return std::isalpha(c) || c >= 0x80; });
  if (letters < 2 && search.pnc_id.empty() && search.crn.empty() && search.date_of_birth.empty()) {
    result.errors.emplace_back("q", "Enter a name of at least 2 letters, a PNC ID, a CRN or a date of birth");
  }
  if (!search.pnc_id.empty()) {
    auto pnc = ParsePncId(search.pnc_id);
    if (pnc.ok()) {
      query.pnc_id = *pnc;
    } else {
      result.errors.emplace_back("pnc", pnc.status().message());
    }
  }
  if (!search.crn.empty()) {
    auto crn = ParseCrn(search.crn);
    if (crn.ok()) {
      query.crn = *crn;
    } else {
      result.errors.emplace_back("crn", "Enter a CRN like X123456: one letter and six digits");
    }
  }
  if (!search.date_of_birth.empty()) {
    auto dob = ParseIsoDate(search.date_of_birth);
    if (dob.ok()) {
      query.date_of_birth = *dob;
    } else {
      result.errors.emplace_back("dob", "Enter the date of birth as year-month-day, for example 1990-01-27");
    }
  }
  if (!result.errors.empty()) return result;
  RETURN_IF_ERROR(database_.Write([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(auto found, transaction.Get<PersonRepository>().Search(query));
    result.page.people = std::move(found.first);
    result.page.total = found.second;
    // Who looked for whom is what an auditor needs to know, so the criteria are recorded.
    std::vector<std::string> criteria;
    if (!query.name.empty()) criteria.push_back("name=" + query.name);
    if (!query.pnc_id.empty()) criteria.push_back("pnc=" + query.pnc_id);
    if (!query.crn.empty()) criteria.push_back("crn=" + query.crn);
    if (query.date_of_birth) criteria.push_back("dob=" + FormatIsoDate(*query.date_of_birth));
    if (!query.district.empty()) criteria.push_back("district=" + query.district);
    if (query.open_warrant) criteria.push_back("open_warrant");
    return audit_.Append(transaction, actor,
                         {ActionCode(Action::kSearchPeople), ObjectKind::kPerson, "", AuditOutcome::kSuccess,
                          fmt::format("search [{}]: {} found", fmt::join(criteria, "; "), result.page.total)});
  }));
  return result;
}

Result<PersonCounts> PeopleService::Counts(const Actor& actor) {
  RETURN_IF_ERROR(audit_.Authorise(database_, actor, Action::kSearchPeople, ObjectKind::kPerson, ""));
  PersonCounts counts;
  RETURN_IF_ERROR(database_.Read([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(counts, transaction.Get<PersonRepository>().Counts());
    return Status::Ok();
  }));
  return counts;
}

Result<PersonRecord> PeopleService::Create(const Actor& actor, Person person) {
  PersonRecord record;
  RETURN_IF_ERROR(Audited(
      database_, audit_, {.actor = actor, .action = Action::kCreatePerson, .object = ObjectKind::kPerson},
      [&] { return ValidatePerson(person, clock_.Today()); },
      [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        person.created_at = person.updated_at = clock_.Now();
        person.version = 1;
        ASSIGN_OR_RETURN(PersonId id, transaction.Get<PersonRepository>().Create(person));
        ASSIGN_OR_RETURN(record.person, transaction.Get<PersonRepository>().Get(id));
        entry.object_id = std::to_string(id);
        return Status::Ok();
      }));
  return record;
}

Result<EventId> PeopleService::AddEvent(const Actor& actor, PersonId id,
                                        const std::map<std::string, std::string>& fields) {
  EventId event_id = 0;
  // The source is who records it, never what the caller says: a partner agency cannot pass an event off as a
  // police record.
  const auto check_source = [&]() -> Status {
    if (auto given = fields.find("source_system");
        given != fields.end() && !given->second.empty() && given->second != actor.agency_name) {
      return Status::Invalid({{"source_system", "is set from your agency (" + actor.agency_name + "); leave it out"}},
                             "the event is not valid (1 problem)");
    }
    return Status::Ok();
  };
  RETURN_IF_ERROR(Audited(
      database_, audit_, UseCase::OnPerson(actor, Action::kRecordEvent, id), check_source,
      [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(Person person, transaction.Get<PersonRepository>().Get(id));
        ASSIGN_OR_RETURN(OffenceCategoryCatalogue categories, transaction.Get<OffenceCategoryRepository>().Load());
        // One set of rules for events however they arrive: build the row an import would read.
        std::vector<std::string> header(kEventCsvColumns.begin(), kEventCsvColumns.end());
        std::vector<std::string> row;
        for (std::string_view column : kEventCsvColumns) {
          auto given = fields.find(std::string(column));
          row.push_back(given == fields.end() ? "" : given->second);
        }
        auto set = [&](EventColumn column, std::string value) { row[static_cast<size_t>(column)] = std::move(value); };
        set(EventColumn::kSurname, person.surname);
        set(EventColumn::kForenames, person.forenames);
        set(EventColumn::kGender, std::string(GenderCode(person.gender)));
        set(EventColumn::kPncId, "");
        // A person without a recorded date of birth: check only that the event is not in the future.
        set(EventColumn::kDateOfBirth, person.date_of_birth ? FormatIsoDate(*person.date_of_birth) : "1800-01-01");
        EventRow parsed;
        ASSIGN_OR_RETURN(EventCsvHeader positions, ParseEventCsvHeader(header));
        if (FieldProblems errors; !ParseEventRow(row, positions, 0, categories, clock_.Today(), parsed, errors)) {
          const size_t count = errors.size();
          return Status::Invalid(std::move(errors), fmt::format("the event is not valid ({} problems)", count));
        }
        // Only now is the kind of event known: Audited records this refusal with its reason.
        if (const Decision decision = Decide(AccessRequest{.actor = actor,
                                                           .action = Action::kRecordEvent,
                                                           .object = ObjectKind::kPerson,
                                                           .event_kind = parsed.event.kind});
            !decision.allowed) {
          return Status::PermissionDenied(decision.reason);
        }
        Event event = parsed.event;
        event.person_id = id;
        event.source_system = actor.agency_name;
        event.source_record_id = parsed.source_id;
        event.recorded_at = clock_.Now();
        ASSIGN_OR_RETURN(event_id, transaction.Get<EventRepository>().Create(event, std::nullopt));
        entry.detail = fmt::format("event {} ({})", event_id, EventKindCode(event.kind));
        return Status::Ok();
      }));
  return event_id;
}

Status PeopleService::BreakGlass(const Actor& actor, PersonId id, const std::string& reason) {
  const std::string_view trimmed = Trim(reason);
  const auto check_reason = [&]() -> Status {
    FieldProblems problems;
    if (trimmed.size() < kMinBreakGlassReason) {
      problems.emplace_back("reason", fmt::format("Enter why you need to see this record (at least {} characters)",
                                                  kMinBreakGlassReason));
    } else if (trimmed.size() > 1000) {
      problems.emplace_back("reason", "Enter at most 1,000 characters");
    } else if (!TextProblem(trimmed).empty()) {
      problems.emplace_back("reason", "Enter the reason as plain text");
    }
    if (!problems.empty()) return Status::Invalid(std::move(problems), "the reason is not valid");
    return Status::Ok();
  };
  // Breaking the glass is asked of the action in general: it is what opens a record the actor may not yet read.
  return Audited(
      database_, audit_,
      {.actor = actor, .action = Action::kBreakGlass, .object = ObjectKind::kPerson, .object_id = std::to_string(id)},
      check_reason, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        const Timestamp now = clock_.Now();
        const Timestamp until = now + kBreakGlassPeriod;
        RETURN_IF_ERROR(transaction.Get<PersonRepository>().Get(id).status());
        RETURN_IF_ERROR(transaction.Get<AccessRepository>()
                            .AddBreakGlass({.user_id = actor.user_id,
                                            .person_id = id,
                                            .reason = std::string(trimmed),
                                            .granted_at = now,
                                            .expires_at = until})
                            .status());
        entry.detail = fmt::format("reason: {}; until {}", trimmed, FormatIsoTimestamp(until));
        return Status::Ok();
      });
}

Result<PersonRecord> PeopleService::Change(const Actor& actor, PersonId id, int expected_version,
                                           const std::function<void(Person&)>& apply) {
  PersonRecord record;
  const UseCase use_case = UseCase::OnPerson(
      actor, Action::kUpdatePerson, id, {{StatusCode::kStale, "stale version " + std::to_string(expected_version)}});
  RETURN_IF_ERROR(Audited(database_, audit_, use_case, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
    ASSIGN_OR_RETURN(Person before, transaction.Get<PersonRepository>().Get(id));
    if (before.version != expected_version) {
      return Status::Stale(fmt::format(
          "person {} has been changed since version {} was read (it is now version {}); read it again", id,
          expected_version, before.version));
    }
    Person person = before;
    apply(person);
    person.id = id;
    person.version = before.version;
    person.updated_at = clock_.Now();
    RETURN_IF_ERROR(ValidatePerson(person, clock_.Today()));
    RETURN_IF_ERROR(transaction.Get<PersonRepository>().Update(person));
    std::vector<std::string> fields;
    if (before.surname != person.surname) fields.emplace_back("surname");
    if (before.forenames != person.forenames) fields.emplace_back("forenames");
    if (before.date_of_birth != person.date_of_birth) fields.emplace_back("date_of_birth");
    if (before.gender != person.gender) fields.emplace_back("gender");
    if (before.ethnicity != person.ethnicity) fields.emplace_back("ethnicity");
    if (before.aliases != person.aliases) fields.emplace_back("aliases");
    if (before.address.line != person.address.line || before.address.postcode != person.address.postcode ||
        before.address.lsoa_code != person.address.lsoa_code || before.address.district != person.address.district) {
      fields.emplace_back("address");
    }
    ASSIGN_OR_RETURN(record.person, transaction.Get<PersonRepository>().Get(id));
    ASSIGN_OR_RETURN(record.identifiers, transaction.Get<PersonRepository>().Identifiers(id));
    ASSIGN_OR_RETURN(record.events, transaction.Get<EventRepository>().ListForPerson(id));
    entry.detail = fmt::format("changed: {}", fields.empty() ? "nothing" : fmt::format("{}", fmt::join(fields, ", ")));
    return Status::Ok();
  }));
  return record;
}

}  // namespace openiom
