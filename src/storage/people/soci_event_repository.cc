#include <fmt/format.h>

#include "storage/people/event_repository.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {
namespace {

constexpr std::string_view kInsertEvent =
    "INSERT INTO event (person_id, kind, event_date, offence_date, offence_category, outcome, latitude, longitude, "
    "lsoa_code, source_system, source_record_id, import_run_id, recorded_at) VALUES (:person_id, :kind, :event_date, "
    ":offence_date, :offence_category, :outcome, :latitude, :longitude, :lsoa_code, :source_system, "
    ":source_record_id, :import_run_id, :recorded_at) RETURNING id";
constexpr std::string_view kEventColumns =
    "SELECT e.id, e.kind, CAST(e.event_date AS TEXT), CAST(e.offence_date AS TEXT), e.offence_category, e.outcome, "
    "e.latitude, e.longitude, e.lsoa_code, e.source_system, e.source_record_id, CAST(e.recorded_at AS TEXT) "
    "FROM event e";
constexpr std::string_view kOfPerson = " WHERE e.person_id = :person_id";
constexpr std::string_view kOldestFirst = " ORDER BY e.event_date, e.id";
constexpr std::string_view kNewestFirstPage = " ORDER BY e.event_date DESC, e.id DESC LIMIT :limit OFFSET :offset";
// The rule of HasOpenWarrant (domain/people/event.h): nothing has brought the person in since the warrant was issued.
constexpr std::string_view kIsOpenWarrant =
    " AND e.kind = 'warrant' AND NOT EXISTS (SELECT 1 FROM event x WHERE x.person_id = e.person_id AND "
    "x.kind IN ('arrest', 'custody_start') AND x.event_date >= e.event_date)";
constexpr std::string_view kNewestFirst = " ORDER BY e.event_date DESC, e.id DESC";
constexpr std::string_view kCountEvents = "SELECT COUNT(*) FROM event";
constexpr std::string_view kCountPersonById = "SELECT COUNT(*) FROM person WHERE id = :id";
constexpr std::string_view kCountCategory = "SELECT COUNT(*) FROM offence_category WHERE code = :code";
constexpr std::string_view kCountSourceRecord =
    "SELECT COUNT(*) FROM event WHERE source_system = :source_system AND source_record_id = :source_record_id";

constexpr std::string_view kSetEventDate =
    "UPDATE event SET event_date = :event_date, recorded_at = :recorded_at WHERE id = :id";
constexpr std::string_view kDeleteEvent = "DELETE FROM event WHERE id = :id";

class SociEventRepository final : public EventRepository {
 public:
  explicit SociEventRepository(soci::session& sql) : sql_(sql) {}

  Result<EventId> Create(const Event& event, std::optional<int64_t> import_run_id) override {
    return Guard("recording an event", [&]() -> Result<EventId> {
      long long person_id = event.person_id;
      std::string category = event.offence_category, source = event.source_system, record = event.source_record_id;
      // Checked first so the caller gets a reason rather than a bare constraint failure.
      int count = 0;
      sql_ << kCountPersonById, soci::use(person_id, "id"), soci::into(count);
      if (count == 0) return Status::NotFound(fmt::format("person {} does not exist", event.person_id));
      if (!category.empty()) {
        sql_ << kCountCategory, soci::use(category, "code"), soci::into(count);
        if (count == 0) {
          return Status::Invalid("offence_category", fmt::format("'{}' is not a known category", category));
        }
      }
      sql_ << kCountSourceRecord, soci::use(source, "source_system"), soci::use(record, "source_record_id"),
          soci::into(count);
      if (count != 0) {
        return Status::Conflict(fmt::format("an event with source {} and id {} is already recorded", source, record));
      }
      std::string kind(EventKindCode(event.kind));
      std::string event_date = FormatIsoDate(event.event_date);
      std::string offence_date = event.offence_date ? FormatIsoDate(*event.offence_date) : std::string();
      std::string outcome = event.outcome, lsoa = event.lsoa_code;
      double latitude = event.location ? event.location->latitude : 0;
      double longitude = event.location ? event.location->longitude : 0;
      soci::indicator location_ind = event.location ? soci::i_ok : soci::i_null;
      long long run_id = import_run_id.value_or(0);
      soci::indicator run_ind = import_run_id ? soci::i_ok : soci::i_null;
      std::string recorded_at = FormatIsoTimestamp(event.recorded_at);
      soci::indicator category_ind = NullIfEmpty(category), offence_date_ind = NullIfEmpty(offence_date),
                      outcome_ind = NullIfEmpty(outcome), lsoa_ind = NullIfEmpty(lsoa);
      long long id = 0;
      sql_ << kInsertEvent, soci::use(person_id, "person_id"), soci::use(kind, "kind"),
          soci::use(event_date, "event_date"), soci::use(offence_date, offence_date_ind, "offence_date"),
          soci::use(category, category_ind, "offence_category"), soci::use(outcome, outcome_ind, "outcome"),
          soci::use(latitude, location_ind, "latitude"), soci::use(longitude, location_ind, "longitude"),
          soci::use(lsoa, lsoa_ind, "lsoa_code"), soci::use(source, "source_system"),
          soci::use(record, "source_record_id"), soci::use(run_id, run_ind, "import_run_id"),
          soci::use(recorded_at, "recorded_at"), soci::into(id);
      return EventId{id};
    });
  }

  Status SetEventDate(EventId id, Date event_date, Timestamp recorded_at) override {
    return Guard("changing an event's date", [&]() -> Status {
      long long event_id = id;
      std::string date = FormatIsoDate(event_date), at = FormatIsoTimestamp(recorded_at);
      soci::statement st = (sql_.prepare << kSetEventDate, soci::use(date, "event_date"),
                            soci::use(at, "recorded_at"), soci::use(event_id, "id"));
      st.execute(true);
      if (st.get_affected_rows() != 1) return Status::NotFound(fmt::format("event {} does not exist", id));
      return Status::Ok();
    });
  }

  Status Remove(EventId id) override {
    return Guard("removing an event", [&]() -> Status {
      long long event_id = id;
      soci::statement st = (sql_.prepare << kDeleteEvent, soci::use(event_id, "id"));
      st.execute(true);
      if (st.get_affected_rows() != 1) return Status::NotFound(fmt::format("event {} does not exist", id));
      return Status::Ok();
    });
  }

  Result<std::vector<Event>> ListForPerson(PersonId person_id) override {
    return Guard("reading events", [&]() -> Result<std::vector<Event>> {
      return Select(std::string(kOfPerson) + std::string(kOldestFirst), person_id, {}, std::nullopt);
    });
  }

  Result<EventPage> SearchForPerson(PersonId person_id, const EventQuery& query) override {
    return Guard("reading a page of events", [&]() -> Result<EventPage> {
      if (query.limit < 1 || query.offset < 0) {
        return Status::InvalidArgument(
            fmt::format("a page of events needs limit >= 1 and offset >= 0 (got {} and {})", query.limit, query.offset));
      }
      // Fixed clauses with bound values; which appear depends on the query.
      std::string filter(kOfPerson);
      TextParams params;
      if (query.kind) {
        filter += " AND e.kind = :kind";
        params.emplace_back("kind", std::string(EventKindCode(*query.kind)));
      }
      if (query.from) {
        filter += " AND e.event_date >= :date_from";
        params.emplace_back("date_from", FormatIsoDate(*query.from));
      }
      if (query.to) {
        filter += " AND e.event_date <= :date_to";
        params.emplace_back("date_to", FormatIsoDate(*query.to));
      }
      EventPage page;
      ASSIGN_OR_RETURN(page.events, Select(filter + std::string(kNewestFirstPage), person_id, params,
                                           std::make_pair(query.limit, query.offset)));
      long long pid = person_id, total = 0;
      soci::statement count(sql_);
      count.alloc();
      count.prepare("SELECT COUNT(*) FROM event e" + filter);
      count.exchange(soci::into(total));
      count.exchange(soci::use(pid, "person_id"));
      for (auto& [name, value] : params) count.exchange(soci::use(value, name));
      count.define_and_bind();
      count.execute(true);
      page.total = total;
      return page;
    });
  }

  Result<std::vector<Event>> OpenWarrants(PersonId person_id) override {
    return Guard("reading open warrants", [&]() -> Result<std::vector<Event>> {
      return Select(std::string(kOfPerson) + std::string(kIsOpenWarrant) + std::string(kNewestFirst), person_id, {},
                    std::nullopt);
    });
  }

  Result<int64_t> Count() override {
    return Guard("counting events", [&]() -> Result<int64_t> {
      long long count = 0;
      sql_ << kCountEvents, soci::into(count);
      return int64_t{count};
    });
  }

 private:
  // Events of `person_id` selected by `clauses` (a WHERE naming :person_id, then any ORDER BY and LIMIT :limit
  // OFFSET :offset when `page` is given) with `params` bound. Throws soci::soci_error.
  Result<std::vector<Event>> Select(const std::string& clauses, PersonId person_id, TextParams params,
                                    std::optional<std::pair<int, int>> page) {
    long long pid = person_id, id = 0;
    int limit = page ? page->first : 0, offset = page ? page->second : 0;
    std::string kind, event_date, offence_date, category, outcome, lsoa, source, record, recorded_at;
    double latitude = 0, longitude = 0;
    soci::indicator offence_date_ind, category_ind, outcome_ind, latitude_ind, longitude_ind, lsoa_ind;
    soci::statement st(sql_);
    st.alloc();
    st.prepare(std::string(kEventColumns) + clauses);
    st.exchange(soci::into(id));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(event_date));
    st.exchange(soci::into(offence_date, offence_date_ind));
    st.exchange(soci::into(category, category_ind));
    st.exchange(soci::into(outcome, outcome_ind));
    st.exchange(soci::into(latitude, latitude_ind));
    st.exchange(soci::into(longitude, longitude_ind));
    st.exchange(soci::into(lsoa, lsoa_ind));
    st.exchange(soci::into(source));
    st.exchange(soci::into(record));
    st.exchange(soci::into(recorded_at));
    st.exchange(soci::use(pid, "person_id"));
    for (auto& [name, value] : params) st.exchange(soci::use(value, name));
    if (page) {
      st.exchange(soci::use(limit, "limit"));
      st.exchange(soci::use(offset, "offset"));
    }
    st.define_and_bind();
    st.execute();
    std::vector<Event> events;
    while (st.fetch()) {
      Event event;
      event.id = id;
      event.person_id = person_id;
      event.kind = EventKindFromCode(kind).value_or(EventKind::kArrest);
      ASSIGN_OR_RETURN(event.event_date, DateFromColumn(event_date, "event.event_date"));
      ASSIGN_OR_RETURN(event.offence_date, OptionalDateFromColumn(offence_date, offence_date_ind, "event.offence_date"));
      event.offence_category = ValueOr(category, category_ind);
      event.outcome = ValueOr(outcome, outcome_ind);
      if (latitude_ind == soci::i_ok && longitude_ind == soci::i_ok) event.location = GeoPoint{latitude, longitude};
      event.lsoa_code = ValueOr(lsoa, lsoa_ind);
      event.source_system = source;
      event.source_record_id = record;
      ASSIGN_OR_RETURN(event.recorded_at, TimestampFromColumn(recorded_at, "event.recorded_at"));
      events.push_back(std::move(event));
    }
    return events;
  }

  soci::session& sql_;
};

}  // namespace

std::unique_ptr<EventRepository> MakeRepository(RepositoryTag<EventRepository>, soci::session& sql, Backend) {
  return std::make_unique<SociEventRepository>(sql);
}

}  // namespace openiom::storage_internal

template openiom::EventRepository& openiom::Transaction::Get<openiom::EventRepository>();
