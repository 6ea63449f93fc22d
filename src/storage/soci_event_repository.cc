#include <fmt/format.h>

#include "storage/event_repository.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {
namespace {

constexpr std::string_view kInsertEvent =
    "INSERT INTO event (person_id, kind, event_date, offence_date, offence_category, outcome, latitude, longitude, "
    "lsoa_code, source_system, source_record_id, import_run_id, recorded_at) VALUES (:person_id, :kind, :event_date, "
    ":offence_date, :offence_category, :outcome, :latitude, :longitude, :lsoa_code, :source_system, "
    ":source_record_id, :import_run_id, :recorded_at) RETURNING id";
constexpr std::string_view kSelectEventsForPerson =
    "SELECT id, kind, CAST(event_date AS TEXT), CAST(offence_date AS TEXT), offence_category, outcome, latitude, "
    "longitude, lsoa_code, source_system, source_record_id, CAST(recorded_at AS TEXT) FROM event "
    "WHERE person_id = :person_id ORDER BY event_date, id";
constexpr std::string_view kCountEvents = "SELECT COUNT(*) FROM event";
constexpr std::string_view kCountPersonById = "SELECT COUNT(*) FROM person WHERE id = :id";
constexpr std::string_view kCountCategory = "SELECT COUNT(*) FROM offence_category WHERE code = :code";
constexpr std::string_view kCountSourceRecord =
    "SELECT COUNT(*) FROM event WHERE source_system = :source_system AND source_record_id = :source_record_id";

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
          return Status::InvalidArgument(fmt::format("offence_category: '{}' is not a known category", category));
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

  Result<std::vector<Event>> ListForPerson(PersonId person_id) override {
    return Guard("reading events", [&]() -> Result<std::vector<Event>> {
      long long pid = person_id, id = 0;
      std::string kind, event_date, offence_date, category, outcome, lsoa, source, record, recorded_at;
      double latitude = 0, longitude = 0;
      soci::indicator offence_date_ind, category_ind, outcome_ind, latitude_ind, longitude_ind, lsoa_ind;
      soci::statement st =
          (sql_.prepare << kSelectEventsForPerson, soci::use(pid, "person_id"), soci::into(id), soci::into(kind),
           soci::into(event_date), soci::into(offence_date, offence_date_ind), soci::into(category, category_ind),
           soci::into(outcome, outcome_ind), soci::into(latitude, latitude_ind), soci::into(longitude, longitude_ind),
           soci::into(lsoa, lsoa_ind), soci::into(source), soci::into(record), soci::into(recorded_at));
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
  soci::session& sql_;
};

}  // namespace

std::unique_ptr<EventRepository> MakeEventRepository(soci::session& sql, Backend) {
  return std::make_unique<SociEventRepository>(sql);
}

}  // namespace openiom::storage_internal
