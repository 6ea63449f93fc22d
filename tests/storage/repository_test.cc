// The repository suite: every test runs against SQLite and, in a second run, PostgreSQL (scripts/test).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "domain/reference/reference_data.h"
#include "services/system/database_admin.h"
#include "storage/accounts/agency_repository.h"
#include "storage/reference/area_crime_repository.h"
#include "storage/people/event_repository.h"
#include "storage/imports/import_run_repository.h"
#include "storage/reference/offence_category_repository.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"
#include "support/test_database.h"

namespace openiom {
namespace {

using testing::TestDatabase;

const Timestamp kCreated = *ParseIsoTimestamp("2026-11-01T09:30:00Z");

Person MakePerson(std::string surname = "Testington", std::string forenames = "Aaron") {
  Person person;
  person.surname = std::move(surname);
  person.forenames = std::move(forenames);
  person.date_of_birth = *ParseIsoDate("1990-01-02");
  person.gender = Gender::kMale;
  person.created_at = person.updated_at = kCreated;
  return person;
}

Event MakeEvent(PersonId person, std::string source_id) {
  Event event;
  event.person_id = person;
  event.kind = EventKind::kArrest;
  event.event_date = *ParseIsoDate("2026-01-05");
  event.offence_category = "shoplifting";
  event.outcome = "charged";
  event.location = GeoPoint{54.574212, -1.234987};
  event.lsoa_code = "E01012000";
  event.source_system = "police";
  event.source_record_id = std::move(source_id);
  event.recorded_at = kCreated;
  return event;
}

class RepositoryTest : public ::testing::Test {
 protected:
  RepositoryTest() : database_(test_database_.OpenMigrated()) {}

  // Runs `work` in a write transaction and fails the test if it does not succeed.
  void Write(const std::function<Status(Transaction&)>& work) {
    const Status status = database_->Write(work);
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  PersonId CreatePerson(const Person& person) {
    PersonId id = 0;
    Write([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(id, tx.Get<PersonRepository>().Create(person));
      return Status::Ok();
    });
    return id;
  }

  TestDatabase test_database_;
  std::unique_ptr<Database> database_;
};

TEST(Migrations, ApplyOnceAndReportTheVersion) {
  TestDatabase test_database;
  std::unique_ptr<Database> database = test_database.Open();
  EXPECT_EQ(*database->SchemaVersion(), 0);
  EXPECT_EQ(CheckSchemaCurrent(*database).code(), StatusCode::kFailedPrecondition);
  auto first = MigrateDatabase(*database);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->applied, (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}));
  EXPECT_EQ(first->schema_version, *Database::LatestSchemaVersion());
  EXPECT_EQ(first->offence_categories_added, 31);
  auto second = MigrateDatabase(*database);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->applied.empty());
  EXPECT_EQ(second->offence_categories_added, 0);
  EXPECT_TRUE(CheckSchemaCurrent(*database).ok());
}

// A transaction makes each repository once: what a staged write's `stage` leaves in a repository (the import's
// staged rows) is there for `publish`, and a second Get does not start again from nothing.
TEST_F(RepositoryTest, ATransactionMakesEachRepositoryOnceAndKeepsItUntilItEnds) {
  PersonRepository* first = nullptr;
  const Status status = database_->StagedWrite(
      Workload::kInteractive,
      [&](Transaction& tx) -> Status {
        first = &tx.Get<PersonRepository>();
        EXPECT_EQ(&tx.Get<PersonRepository>(), first);
        EXPECT_NE(static_cast<void*>(&tx.Get<EventRepository>()), static_cast<void*>(first));
        return Status::Ok();
      },
      [&](Transaction& tx) -> Status {
        EXPECT_EQ(&tx.Get<PersonRepository>(), first);
        return Status::Ok();
      });
  ASSERT_TRUE(status.ok()) << status.ToString();
}

TEST(Database, OpenReportsWhatIsWrong) {
  auto bad_url = Database::Open("mysql://x");
  EXPECT_EQ(bad_url.status().code(), StatusCode::kInvalidArgument);
  auto missing = Database::Open("sqlite:/nonexistent-dir/openiom.db");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("openiom migrate"), std::string::npos);
  auto unreachable = Database::Open("postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2");
  EXPECT_EQ(unreachable.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(unreachable.status().message().find("secret"), std::string::npos) << "passwords never appear in messages";
}

TEST_F(RepositoryTest, PersonRoundTripsEveryField) {
  Person person = MakePerson("O'Neill", "Siobhán Marie");
  person.aliases = {{"Neill", "Shiv"}, {"De Souza", "Maria"}};
  person.ethnicity = Ethnicity::kWhiteIrish;
  person.address = {"12 Sample Street", "TS1 1AA", "E01012000", "Middlesbrough"};
  const PersonId id = CreatePerson(person);
  ASSERT_GT(id, 0);
  ASSERT_TRUE(database_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Person stored, tx.Get<PersonRepository>().Get(id));
    EXPECT_EQ(stored.id, id);
    EXPECT_EQ(stored.surname, "O'Neill");
    EXPECT_EQ(stored.forenames, "Siobhán Marie");
    EXPECT_EQ(stored.aliases, person.aliases);
    EXPECT_EQ(stored.date_of_birth, person.date_of_birth);
    EXPECT_EQ(stored.gender, Gender::kMale);
    EXPECT_EQ(stored.ethnicity, Ethnicity::kWhiteIrish);
    EXPECT_EQ(stored.address.line, "12 Sample Street");
    EXPECT_EQ(stored.address.postcode, "TS1 1AA");
    EXPECT_EQ(stored.address.lsoa_code, "E01012000");
    EXPECT_EQ(stored.address.district, "Middlesbrough");
    EXPECT_EQ(stored.created_at, kCreated);
    EXPECT_EQ(stored.version, 1);
    return Status::Ok();
  }).ok());
}

TEST_F(RepositoryTest, OptionalPersonFieldsStayEmpty) {
  Person person = MakePerson();
  person.date_of_birth.reset();
  person.gender = Gender::kUnknown;
  const PersonId id = CreatePerson(person);
  Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Person stored, tx.Get<PersonRepository>().Get(id));
    EXPECT_FALSE(stored.date_of_birth.has_value());
    EXPECT_FALSE(stored.ethnicity.has_value());
    EXPECT_TRUE(stored.address.lsoa_code.empty());
    EXPECT_TRUE(stored.aliases.empty());
    return Status::Ok();
  });
}

TEST_F(RepositoryTest, GetMissingPersonIsNotFound) {
  const Status status = database_->Read([&](Transaction& tx) { return tx.Get<PersonRepository>().Get(999).status(); });
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "person 999 does not exist");
}

TEST_F(RepositoryTest, UpdateUsesOptimisticLocking) {
  const PersonId id = CreatePerson(MakePerson());
  Person first_reader, second_reader;
  Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(first_reader, tx.Get<PersonRepository>().Get(id));
    ASSIGN_OR_RETURN(second_reader, tx.Get<PersonRepository>().Get(id));
    return Status::Ok();
  });
  first_reader.surname = "Changed";
  first_reader.aliases = {{"Alias", "New"}};
  Write([&](Transaction& tx) { return tx.Get<PersonRepository>().Update(first_reader); });
  // The second reader still holds version 1: their update must not silently overwrite the first.
  second_reader.forenames = "Lost";
  const Status stale =
      database_->Write([&](Transaction& tx) { return tx.Get<PersonRepository>().Update(second_reader); });
  EXPECT_EQ(stale.code(), StatusCode::kStale);
  Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Person stored, tx.Get<PersonRepository>().Get(id));
    EXPECT_EQ(stored.version, 2);
    EXPECT_EQ(stored.surname, "Changed");
    EXPECT_EQ(stored.forenames, "Aaron");
    EXPECT_EQ(stored.aliases, (std::vector<PersonName>{{"Alias", "New"}}));
    return Status::Ok();
  });
  Person missing = first_reader;
  missing.id = 12345;
  EXPECT_EQ(database_->Write([&](Transaction& tx) { return tx.Get<PersonRepository>().Update(missing); }).code(),
            StatusCode::kNotFound);
}

TEST_F(RepositoryTest, ListIsOrderedByNameAndCounts) {
  CreatePerson(MakePerson("Zeta", "Amy"));
  const PersonId alpha = CreatePerson(MakePerson("Alpha", "Zoe"));
  CreatePerson(MakePerson("Alpha", "Ben"));
  CreatePerson(MakePerson("de Souza", "Ana"));  // case must not decide the order, on either backend
  Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.Get<PersonRepository>().AddIdentifier(alpha, {IdentifierKind::kPncId, "2000/0160946Q"}));
    RETURN_IF_ERROR(tx.Get<EventRepository>().Create(MakeEvent(alpha, "E1"), std::nullopt).status());
    ASSIGN_OR_RETURN(std::vector<PersonSummary> people, tx.Get<PersonRepository>().List(10, 0));
    EXPECT_EQ(people.size(), 4u);
    EXPECT_EQ(people[0].forenames, "Ben");
    EXPECT_EQ(people[1].id, alpha);
    EXPECT_EQ(people[1].pnc_id, "2000/0160946Q");
    EXPECT_EQ(people[1].event_count, 1);
    EXPECT_EQ(people[2].surname, "de Souza");
    EXPECT_EQ(people[3].surname, "Zeta");
    ASSIGN_OR_RETURN(std::vector<PersonSummary> page, tx.Get<PersonRepository>().List(1, 1));
    EXPECT_EQ(page.size(), 1u);
    EXPECT_EQ(page[0].id, alpha);
    EXPECT_EQ(*tx.Get<PersonRepository>().Count(), 4);
    return Status::Ok();
  });
}

TEST_F(RepositoryTest, IdentifiersAreUniquePerKindAndPerPerson) {
  const PersonId first = CreatePerson(MakePerson("First", "A"));
  const PersonId second = CreatePerson(MakePerson("Second", "B"));
  Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.Get<PersonRepository>().AddIdentifier(first, {IdentifierKind::kPncId, "2000/0160946Q"}));
    RETURN_IF_ERROR(tx.Get<PersonRepository>().AddIdentifier(first, {IdentifierKind::kNhsNumber, "9990000018"}));
    ASSIGN_OR_RETURN(auto owner,
                     tx.Get<PersonRepository>().FindByIdentifier({IdentifierKind::kPncId, "2000/0160946Q"}));
    EXPECT_EQ(owner, first);
    ASSIGN_OR_RETURN(auto nobody, tx.Get<PersonRepository>().FindByIdentifier({IdentifierKind::kCrn, "X123456"}));
    EXPECT_FALSE(nobody.has_value());
    ASSIGN_OR_RETURN(std::vector<Identifier> identifiers, tx.Get<PersonRepository>().Identifiers(first));
    EXPECT_EQ(identifiers.size(), 2u);
    return Status::Ok();
  });
  const Status second_pnc = database_->Write([&](Transaction& tx) {
    return tx.Get<PersonRepository>().AddIdentifier(first, {IdentifierKind::kPncId, "1979/0062594N"});
  });
  EXPECT_EQ(second_pnc.code(), StatusCode::kConflict);
  EXPECT_NE(second_pnc.message().find("already has a PNC ID"), std::string::npos);
  const Status taken = database_->Write([&](Transaction& tx) {
    return tx.Get<PersonRepository>().AddIdentifier(second, {IdentifierKind::kPncId, "2000/0160946Q"});
  });
  EXPECT_EQ(taken.code(), StatusCode::kConflict);
  EXPECT_NE(taken.message().find("already belongs to person"), std::string::npos);
}

TEST_F(RepositoryTest, FindsPeopleByNameKeyAndDateOfBirth) {
  const PersonId id = CreatePerson(MakePerson("Smith", "John"));
  CreatePerson(MakePerson("Smith", "Jane"));
  Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(std::vector<PersonId> found, tx.Get<PersonRepository>().FindByNameAndDateOfBirth(
                                                      NameKey("SMITH", " john "), *ParseIsoDate("1990-01-02")));
    EXPECT_EQ(found, (std::vector<PersonId>{id}));
    ASSIGN_OR_RETURN(std::vector<PersonId> other_day, tx.Get<PersonRepository>().FindByNameAndDateOfBirth(
                                                          NameKey("Smith", "John"), *ParseIsoDate("1990-01-03")));
    EXPECT_TRUE(other_day.empty());
    return Status::Ok();
  });
}

TEST_F(RepositoryTest, EventsRoundTripInDateOrder) {
  const PersonId id = CreatePerson(MakePerson());
  Write([&](Transaction& tx) -> Status {
    Event later = MakeEvent(id, "E2");
    later.kind = EventKind::kConviction;
    later.event_date = *ParseIsoDate("2026-03-01");
    later.offence_date = *ParseIsoDate("2026-01-05");
    later.location.reset();
    later.lsoa_code.clear();
    RETURN_IF_ERROR(tx.Get<EventRepository>().Create(later, std::nullopt).status());
    RETURN_IF_ERROR(tx.Get<EventRepository>().Create(MakeEvent(id, "E1"), std::nullopt).status());
    ASSIGN_OR_RETURN(std::vector<Event> events, tx.Get<EventRepository>().ListForPerson(id));
    EXPECT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].source_record_id, "E1");
    EXPECT_TRUE(EventDifferences(events[0], MakeEvent(id, "E1")).empty());
    EXPECT_EQ(events[1].kind, EventKind::kConviction);
    EXPECT_EQ(events[1].offence_date, later.offence_date);
    EXPECT_FALSE(events[1].location.has_value());
    EXPECT_EQ(events[1].recorded_at, kCreated);
    return Status::Ok();
  });
}

// Regression (issue 8 defect 22): the history was every event in one list, filtered nowhere.
TEST_F(RepositoryTest, APersonsEventsArePagedFilteredAndCountedByTheDatabaseNewestFirst) {
  const PersonId id = CreatePerson(MakePerson());
  const PersonId other = CreatePerson(MakePerson("Otherton", "Olive"));
  Write([&](Transaction& tx) -> Status {
    // 30 events on 1..30 March 2026: every third a warrant (the 3rd, 6th, ... 30th), the rest arrests.
    for (int day = 1; day <= 30; ++day) {
      Event event = MakeEvent(id, "E" + std::to_string(day));
      event.event_date = *ParseIsoDate(fmt::format("2026-03-{:02}", day));
      if (day % 3 == 0) {
        event.kind = EventKind::kWarrant;
        event.offence_category.clear();
      }
      RETURN_IF_ERROR(tx.Get<EventRepository>().Create(event, std::nullopt).status());
    }
    RETURN_IF_ERROR(tx.Get<EventRepository>().Create(MakeEvent(other, "O1"), std::nullopt).status());
    return Status::Ok();
  });
  auto page = [&](EventQuery query) {
    EventPage result;
    Write([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(result, tx.Get<EventRepository>().SearchForPerson(id, query));
      return Status::Ok();
    });
    std::vector<std::string> ids;
    for (const Event& event : result.events) ids.push_back(event.source_record_id);
    return std::make_pair(ids, result.total);
  };
  const auto first = page({.limit = 25, .offset = 0});
  EXPECT_EQ(first.second, 30);
  ASSERT_EQ(first.first.size(), 25u);
  EXPECT_EQ(first.first.front(), "E30") << "newest first";
  EXPECT_EQ(first.first.back(), "E6");
  EXPECT_EQ(page({.limit = 25, .offset = 25}),
            std::make_pair(std::vector<std::string>{"E5", "E4", "E3", "E2", "E1"}, int64_t{30}));
  EXPECT_EQ(page({.kind = EventKind::kWarrant, .limit = 3, .offset = 1}),
            std::make_pair(std::vector<std::string>{"E27", "E24", "E21"}, int64_t{10}));
  // Both ends of the range are included.
  EXPECT_EQ(page({.from = *ParseIsoDate("2026-03-10"), .to = *ParseIsoDate("2026-03-12"), .limit = 25}),
            std::make_pair(std::vector<std::string>{"E12", "E11", "E10"}, int64_t{3}));
  EXPECT_EQ(page({.kind = EventKind::kWarrant, .from = *ParseIsoDate("2026-03-10"),
                  .to = *ParseIsoDate("2026-03-20"), .limit = 25}),
            std::make_pair(std::vector<std::string>{"E18", "E15", "E12"}, int64_t{3}));
  EXPECT_EQ(page({.kind = EventKind::kRelease, .limit = 25}), std::make_pair(std::vector<std::string>{}, int64_t{0}));
  EXPECT_EQ(page({.limit = 25, .offset = 100}).second, 30) << "past the last page: nothing, still counted";
  const Status bad = database_->Write([&](Transaction& tx) -> Status {
    return tx.Get<EventRepository>().SearchForPerson(id, {.limit = 0}).status();
  });
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
}

// The SQL rule for a person's open warrants is HasOpenWarrant's (domain/people/event.h), so header and summary agree.
TEST_F(RepositoryTest, OpenWarrantsAreTheWarrantsNothingHasBroughtThePersonInFor) {
  const PersonId id = CreatePerson(MakePerson());
  std::vector<Event> events;
  auto add = [&](EventKind kind, std::string date, std::string source_id) {
    Event event = MakeEvent(id, std::move(source_id));
    event.kind = kind;
    event.event_date = *ParseIsoDate(date);
    if (!RequiresOffenceCategory(kind)) event.offence_category.clear();
    events.push_back(event);
  };
  add(EventKind::kWarrant, "2026-01-10", "W1");        // executed by the custody on 20 January
  add(EventKind::kCustodyStart, "2026-01-20", "C1");
  add(EventKind::kRelease, "2026-02-01", "R1");        // a release does not execute a warrant
  add(EventKind::kWarrant, "2026-03-01", "W2");
  add(EventKind::kDrugTest, "2026-03-05", "D1");
  add(EventKind::kWarrant, "2026-04-01", "W3");
  events[4].outcome = "negative";
  std::vector<std::string> open;
  Write([&](Transaction& tx) -> Status {
    for (const Event& event : events) RETURN_IF_ERROR(tx.Get<EventRepository>().Create(event, std::nullopt).status());
    ASSIGN_OR_RETURN(std::vector<Event> warrants, tx.Get<EventRepository>().OpenWarrants(id));
    for (const Event& warrant : warrants) open.push_back(warrant.source_record_id);
    ASSIGN_OR_RETURN(std::vector<Event> stored, tx.Get<EventRepository>().ListForPerson(id));
    std::vector<std::string> in_memory;
    for (const Event& warrant : OpenWarrants(stored)) in_memory.push_back(warrant.source_record_id);
    EXPECT_EQ(in_memory, open) << "the same rule in C++ and SQL";
    return Status::Ok();
  });
  EXPECT_EQ(open, (std::vector<std::string>{"W3", "W2"}));
}

TEST_F(RepositoryTest, EventErrorsNameTheProblem) {
  const PersonId id = CreatePerson(MakePerson());
  Write([&](Transaction& tx) { return tx.Get<EventRepository>().Create(MakeEvent(id, "E1"), std::nullopt).status(); });
  auto duplicate = database_->Write(
      [&](Transaction& tx) { return tx.Get<EventRepository>().Create(MakeEvent(id, "E1"), std::nullopt).status(); });
  EXPECT_EQ(duplicate.code(), StatusCode::kConflict);
  auto no_person = database_->Write([&](Transaction& tx) {
    return tx.Get<EventRepository>().Create(MakeEvent(id + 100, "E2"), std::nullopt).status();
  });
  EXPECT_EQ(no_person.code(), StatusCode::kNotFound);
  Event unknown = MakeEvent(id, "E3");
  unknown.offence_category = "jaywalking";
  auto bad_category = database_->Write(
      [&](Transaction& tx) { return tx.Get<EventRepository>().Create(unknown, std::nullopt).status(); });
  EXPECT_EQ(bad_category.code(), StatusCode::kInvalidArgument);
}

TEST_F(RepositoryTest, FailedWorkRollsBackEverything) {
  const Status status = database_->Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.Get<PersonRepository>().Create(MakePerson()).status());
    return Status::InvalidArgument("stop");
  });
  EXPECT_EQ(status.message(), "stop");
  EXPECT_EQ(database_->Read([&](Transaction& tx) -> Status {
    EXPECT_EQ(*tx.Get<PersonRepository>().Count(), 0);
    return Status::Ok();
  }).code(), StatusCode::kOk);
}

TEST_F(RepositoryTest, AgenciesHaveUniqueNames) {
  Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.Get<AgencyRepository>().Create({0, "Cleveland Police", AgencyKind::kPolice}).status());
    RETURN_IF_ERROR(tx.Get<AgencyRepository>().Create({0, "Arch Housing", AgencyKind::kHousing}).status());
    ASSIGN_OR_RETURN(std::vector<Agency> agencies, tx.Get<AgencyRepository>().List());
    EXPECT_EQ(agencies.size(), 2u);
    EXPECT_EQ(agencies[0].name, "Arch Housing");
    EXPECT_EQ(agencies[0].kind, AgencyKind::kHousing);
    return Status::Ok();
  });
  const Status duplicate = database_->Write([&](Transaction& tx) {
    return tx.Get<AgencyRepository>().Create({0, "Cleveland Police", AgencyKind::kPolice}).status();
  });
  EXPECT_EQ(duplicate.code(), StatusCode::kConflict);
}

TEST_F(RepositoryTest, OffenceCategoriesKeepLocalChanges) {
  Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(OffenceCategoryCatalogue catalogue, tx.Get<OffenceCategoryRepository>().Load());
    EXPECT_EQ(catalogue.categories().size(), 31u);
    EXPECT_TRUE(catalogue.Find("shoplifting")->acquisitive);
    EXPECT_TRUE(catalogue.Find("burglary_residential")->neighbourhood_crime);
    // Re-seeding with a changed flag does not overwrite what is stored.
    std::vector<OffenceCategory> changed = OffenceCategoryCatalogue::BuiltIn().categories();
    for (OffenceCategory& category : changed) category.acquisitive = !category.acquisitive;
    ASSIGN_OR_RETURN(int added, tx.Get<OffenceCategoryRepository>().InsertMissing(changed));
    EXPECT_EQ(added, 0);
    ASSIGN_OR_RETURN(OffenceCategoryCatalogue again, tx.Get<OffenceCategoryRepository>().Load());
    EXPECT_TRUE(again.Find("shoplifting")->acquisitive);
    return Status::Ok();
  });
}

TEST_F(RepositoryTest, ImportRunsAreLogged) {
  Write([&](Transaction& tx) -> Status {
    ImportRun run{.kind = "events", .source_system = "police", .file_name = "a.csv", .started_at = kCreated};
    ASSIGN_OR_RETURN(run.id, tx.Get<ImportRunRepository>().Create(run));
    run.outcome = ImportOutcome::kPartlyLoaded;
    run.finished_at = kCreated + std::chrono::seconds{5};
    run.rows_read = 10;
    run.rows_loaded = 8;
    run.rows_rejected = 2;
    run.message = "2 rows rejected";
    RETURN_IF_ERROR(tx.Get<ImportRunRepository>().Finish(run));
    ASSIGN_OR_RETURN(std::vector<ImportRun> runs, tx.Get<ImportRunRepository>().ListRecent(5));
    EXPECT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].outcome, ImportOutcome::kPartlyLoaded);
    EXPECT_EQ(runs[0].rows_loaded, 8);
    EXPECT_EQ(runs[0].finished_at, run.finished_at);
    EXPECT_EQ(runs[0].message, "2 rows rejected");
    return Status::Ok();
  });
}

TEST_F(RepositoryTest, AreaCrimeSkipsKnownKeys) {
  Write([&](Transaction& tx) -> Status {
    ImportRun run{.kind = "police-uk", .started_at = kCreated};
    ASSIGN_OR_RETURN(int64_t run_id, tx.Get<ImportRunRepository>().Create(run));
    AreaCrime crime{.crime_key = "abc", .crime_id = "abc", .month = "2018-10", .location = GeoPoint{54.7, -1.2},
                    .lsoa_code = "E01011954", .crime_type = "Burglary", .offence_category = "burglary_residential",
                    .category_precision = "approximate", .district = "Hartlepool", .in_area = true};
    AreaCrime outside = crime;
    outside.crime_key = outside.crime_id = "def";
    outside.in_area = false;
    outside.district.clear();
    ASSIGN_OR_RETURN(int64_t added, tx.Get<AreaCrimeRepository>().InsertNew({crime, outside, crime}, run_id));
    EXPECT_EQ(added, 2);
    ASSIGN_OR_RETURN(int64_t again, tx.Get<AreaCrimeRepository>().InsertNew({crime}, run_id));
    EXPECT_EQ(again, 0);
    ASSIGN_OR_RETURN(AreaCrimeCounts counts, tx.Get<AreaCrimeRepository>().Count());
    EXPECT_EQ(counts.total, 2);
    EXPECT_EQ(counts.outside_area, 1);
    return Status::Ok();
  });
}

}  // namespace
}  // namespace openiom
