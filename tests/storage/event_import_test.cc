// Importing events CSV files, end to end through the service, on both backends.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <functional>
#include <map>
#include <sstream>
#include <thread>
#include <tuple>
#include <utility>

#include "services/imports/event_import_service.h"
#include "storage/people/event_repository.h"
#include "storage/imports/import_run_repository.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"
#include "support/test_database.h"

namespace openiom {
namespace {

constexpr std::string_view kHeader =
    "source_id,pnc_id,surname,forenames,date_of_birth,gender,event_type,event_date,offence_category,offence_date,"
    "outcome,latitude,longitude,lsoa_code\n";
const FixedClock kClock(*ParseIsoDate("2026-11-23"));

struct Counts {
  int64_t people = 0, identifiers = 0, aliases = 0, events = 0;
  bool operator==(const Counts&) const = default;
};

class CollectingObserver final : public ImportObserver {
 public:
  void OnRejectedRow(std::string_view, int64_t line, const FieldProblems& errors,
                     const std::vector<std::string>& fields) override {
    lines.push_back(line);
    for (const FieldProblem& error : errors) messages.push_back(fmt(error));
    rejected_fields.push_back(fields);
  }
  static std::string fmt(const FieldProblem& error) {
    return "line " + std::to_string(error.line) + ", column " + error.field + ": " + error.message;
  }
  std::vector<int64_t> lines;
  std::vector<std::string> messages;
  std::vector<std::vector<std::string>> rejected_fields;
};

class EventImportTest : public ::testing::Test {
 protected:
  EventImportTest() : database_(test_database_.OpenMigrated()) {}

  Result<EventImportReport> Import(const std::string& csv, EventImportOptions options = {}) {
    std::istringstream input(csv);
    observer_ = CollectingObserver();
    if (options.file_name.empty()) options.file_name = "test.csv";
    return ImportEvents(*database_, audit_, actor_, input, options, kClock, observer_);
  }

  Counts Count() {
    Counts counts;
    EXPECT_TRUE(database_->Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(counts.people, tx.Get<PersonRepository>().Count());
      ASSIGN_OR_RETURN(counts.identifiers, tx.Get<PersonRepository>().CountIdentifiers());
      ASSIGN_OR_RETURN(counts.aliases, tx.Get<PersonRepository>().CountAliases());
      ASSIGN_OR_RETURN(counts.events, tx.Get<EventRepository>().Count());
      return Status::Ok();
    }).ok());
    return counts;
  }

  std::vector<PersonSummary> People() {
    std::vector<PersonSummary> people;
    EXPECT_TRUE(database_->Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(people, tx.Get<PersonRepository>().List(1000, 0));
      return Status::Ok();
    }).ok());
    return people;
  }

  std::vector<ImportRun> Runs() {
    std::vector<ImportRun> runs;
    EXPECT_TRUE(database_->Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(runs, tx.Get<ImportRunRepository>().ListRecent(10));
      return Status::Ok();
    }).ok());
    return runs;
  }

  testing::TestDatabase test_database_;
  std::unique_ptr<Database> database_;
  CollectingObserver observer_;
  const AuditTrail audit_{kClock};
  const Actor actor_ = Actor::LocalOperator("test");
};

const std::string kGoodFile = std::string(kHeader) +
    "A1,2000/0160946Q,Testington,Aaron,1990-01-02,M,arrest,2026-01-05,shoplifting,,charged,54.57,-1.23,E01012000\n"
    "A2,,TESTINGTON,aaron,1990-01-02,M,conviction,2026-03-01,shoplifting,2026-01-05,fine,,,\n"
    "A3,,\"Sample, Jr\",Bea,1985-05-05,F,drug_test,2026-02-01,,,positive_opiates,,,\n"
    "A4,1979/0062594N,Mockridge,Carl,1979-04-04,M,arrest,2026-02-02,burglary_residential,,,,,\n";

TEST_F(EventImportTest, LoadsRowsAndMatchesPeople) {
  auto report = Import(kGoodFile);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->outcome, ImportOutcome::kLoaded);
  EXPECT_EQ(report->rows_read, 4);
  EXPECT_EQ(report->events_added, 4);
  EXPECT_EQ(report->people_created, 3);  // A2 matches A1's person by name and date of birth, case-insensitively
  EXPECT_EQ(report->identifiers_added, 2);
  EXPECT_EQ(Count(), (Counts{3, 2, 0, 4}));
  const std::vector<PersonSummary> people = People();
  ASSERT_EQ(people.size(), 3u);
  EXPECT_EQ(people[0].surname, "Mockridge");
  EXPECT_EQ(people[0].pnc_id, "1979/0062594N");
  EXPECT_EQ(people[1].surname, "Sample, Jr");
  EXPECT_EQ(people[2].surname, "Testington");
  EXPECT_EQ(people[2].event_count, 2);
  ASSERT_EQ(Runs().size(), 1u);
  EXPECT_EQ(Runs()[0].outcome, ImportOutcome::kLoaded);
  EXPECT_EQ(Runs()[0].rows_loaded, 4);
}

TEST_F(EventImportTest, ReimportingTheSameFileAddsNothing) {
  ASSERT_TRUE(Import(kGoodFile).ok());
  const Counts before = Count();
  auto again = Import(kGoodFile);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->events_added, 0);
  EXPECT_EQ(again->events_already_present, 4);
  EXPECT_EQ(again->people_created, 0);
  EXPECT_EQ(Count(), before);
}

TEST_F(EventImportTest, AnyInvalidRowMeansNothingIsWritten) {
  ASSERT_TRUE(Import(kGoodFile).ok());
  const Counts before = Count();
  const std::string file = std::string(kHeader) +
      "B1,,New,Person,1990-01-02,M,arrest,2026-01-05,shoplifting,,,,,\n"
      "B2,2000/0160946A,Testington,Aaron,1990-01-02,M,arrest,2026-01-05,shoplifting,,,,,\n"
      "B3,,Other,Person,1990-01-02,Q,arrest,2030-01-05,shoplifting,,,,,\n"
      "B4,,Third,Person,1991-01-02,F,caution,2026-01-05,fraud,,,,,\n";
  auto report = Import(file);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->outcome, ImportOutcome::kRejected);
  EXPECT_EQ(RejectionMessage(*report), "2 of 4 rows are invalid; nothing was imported");
  EXPECT_EQ(report->events_added, 0);
  EXPECT_EQ(observer_.lines, (std::vector<int64_t>{3, 4}));
  EXPECT_EQ(observer_.messages,
            (std::vector<std::string>{
                "line 3, column pnc_id: PNC ID '2000/0160946A': check letter is A but should be Q",
                "line 4, column gender: 'Q' is not one of M, F, X or U (not known)",
                "line 4, column event_date: 2030-01-05 is in the future"}));
  EXPECT_EQ(Count(), before);
  // The failed attempt is logged, with nothing loaded.
  const std::vector<ImportRun> runs = Runs();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].outcome, ImportOutcome::kRejected);
  EXPECT_EQ(runs[0].rows_rejected, 2);
  EXPECT_EQ(runs[0].rows_loaded, 0);
}

TEST_F(EventImportTest, AcceptGoodRowsLoadsTheValidRowsOnly) {
  const std::string file = std::string(kHeader) +
      "B1,,New,Person,1990-01-02,M,arrest,2026-01-05,shoplifting,,,,,\n"
      "B2,,Bad,Gender,1990-01-02,Q,arrest,2026-01-05,shoplifting,,,,,\n"
      "B3,,Third,Person,1991-01-02,F,caution,2026-01-05,fraud,,,,,\n";
  auto report = Import(file, {.accept_good_rows = true});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->outcome, ImportOutcome::kPartlyLoaded);
  EXPECT_EQ(report->events_added, 2);
  EXPECT_EQ(report->rows_rejected, 1);
  EXPECT_EQ(observer_.lines, (std::vector<int64_t>{3}));
  ASSERT_EQ(observer_.rejected_fields.size(), 1u);
  EXPECT_EQ(observer_.rejected_fields[0][0], "B2");
  EXPECT_EQ(Count(), (Counts{2, 0, 0, 2}));
}

TEST_F(EventImportTest, RepeatedSourceIdInOneFileIsRejectedEvenAcrossBatches) {
  const std::string file = std::string(kHeader) +
      "C1,,One,Person,1990-01-02,M,arrest,2026-01-05,shoplifting,,,,,\n"
      "C1,,One,Person,1990-01-02,M,arrest,2026-01-06,shoplifting,,,,,\n"
      "C2,,One,Person,1990-01-02,M,arrest,2026-01-07,shoplifting,,,,,\n"
      "C1,,One,Person,1990-01-02,M,arrest,2026-01-08,shoplifting,,,,,\n";
  auto report = Import(file, {.batch_rows = 2});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->outcome, ImportOutcome::kRejected);
  EXPECT_EQ(observer_.messages,
            (std::vector<std::string>{"line 3, column source_id: 'C1' is used again (first on line 2)",
                                      "line 5, column source_id: 'C1' is used again (first on line 2)"}));
  EXPECT_EQ(Count(), (Counts{}));
}

TEST_F(EventImportTest, ASourceIdImportedWithOtherDetailsIsRejected) {
  ASSERT_TRUE(Import(kGoodFile).ok());
  std::string changed = kGoodFile;
  changed.replace(changed.find("2026-01-05,shoplifting,,charged"), 31, "2026-01-06,shoplifting,,charged");
  auto report = Import(changed);
  ASSERT_EQ(report->outcome, ImportOutcome::kRejected);
  ASSERT_EQ(observer_.messages.size(), 1u);
  EXPECT_EQ(observer_.messages[0],
            "line 2, column source_id: 'A1' was imported before from source events-csv with a different event_date; "
            "an import does not change recorded events");
  // The same ids under another source are other records.
  auto other_source = Import(changed, {.source_system = "niche"});
  ASSERT_TRUE(other_source.ok()) << other_source.status().ToString();
  EXPECT_EQ(other_source->events_added, 4);
}

TEST_F(EventImportTest, AmbiguousNameMatchesAreRejected) {
  // Two people with the same name and date of birth, told apart by their PNC IDs.
  const std::string setup = std::string(kHeader) +
      "D1,2000/0160946Q,Smith,John,1990-01-02,M,arrest,2026-01-05,shoplifting,,,,,\n"
      "D2,1979/0062594N,Smith,John,1990-01-02,M,arrest,2026-01-06,shoplifting,,,,,\n";
  auto first = Import(setup);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->people_created, 2);
  auto ambiguous = Import(std::string(kHeader) + "D3,,SMITH,john,1990-01-02,M,arrest,2026-01-07,shoplifting,,,,,\n");
  ASSERT_EQ(ambiguous->outcome, ImportOutcome::kRejected);
  EXPECT_EQ(observer_.messages,
            (std::vector<std::string>{"line 2, column surname: 2 people share this name and date of birth; give the "
                                      "pnc_id to say which"}));
  auto with_pnc = Import(std::string(kHeader) + "D3,1979/0062594N,Smith,John,1990-01-02,M,arrest,2026-01-07,shoplifting,,,,,\n");
  ASSERT_TRUE(with_pnc.ok()) << with_pnc.status().ToString();
  EXPECT_EQ(with_pnc->rows_matched_to_people, 1);
  EXPECT_EQ(with_pnc->people_created, 0);
}

TEST_F(EventImportTest, UnknownPncIdIsAttachedToTheOnePersonMatchedByName) {
  ASSERT_TRUE(Import(std::string(kHeader) + "E1,,Doe,Jane,1980-02-02,F,arrest,2026-01-05,shoplifting,,,,,\n").ok());
  auto report = Import(std::string(kHeader) + "E2,2000/0160946Q,Doe,Jane,1980-02-02,F,arrest,2026-02-05,fraud,,,,,\n");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->people_created, 0);
  EXPECT_EQ(report->identifiers_added, 1);
  EXPECT_EQ(Count(), (Counts{1, 1, 0, 2}));
  // A different PNC ID for the same name and birth date is evidently someone else.
  auto other = Import(std::string(kHeader) + "E3,1979/0062594N,Doe,Jane,1980-02-02,F,arrest,2026-03-05,fraud,,,,,\n");
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_EQ(other->people_created, 1);
}

TEST_F(EventImportTest, APncIdWithAnotherDateOfBirthIsRejected) {
  ASSERT_TRUE(Import(kGoodFile).ok());
  // A valid check letter does not prove the PNC ID was typed right: do not join a stranger's record.
  auto report = Import(std::string(kHeader) +
                       "P1,2000/0160946Q,Testington,Aaron,1991-01-02,M,arrest,2026-04-05,shoplifting,,,,,\n");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->outcome, ImportOutcome::kRejected);
  EXPECT_EQ(observer_.messages,
            (std::vector<std::string>{"line 2, column pnc_id: PNC ID 2000/0160946Q belongs to a person born "
                                      "1990-01-02, but this row's date_of_birth is 1991-01-02"}));
}

TEST_F(EventImportTest, AliasesMatchLaterRowsWithoutAPncId) {
  ASSERT_TRUE(Import(kGoodFile).ok());
  ASSERT_TRUE(Import(std::string(kHeader) +
                     "Q1,2000/0160946Q,De Souza,Ron,1990-01-02,M,arrest,2026-04-05,shoplifting,,,,,\n")
                  .ok());
  // "Ron De Souza" is now an alias of person A1: a row without a PNC ID under that name finds them.
  auto report = Import(std::string(kHeader) + "Q2,,de souza,RON,1990-01-02,M,arrest,2026-04-06,fraud,,,,,\n");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->people_created, 0);
  EXPECT_EQ(report->rows_matched_to_people, 1);
  EXPECT_EQ(Count(), (Counts{3, 2, 1, 6}));
}

TEST_F(EventImportTest, ARejectedFileChangesNoOneAlreadyStored) {
  ASSERT_TRUE(Import(std::string(kHeader) + "R1,,Doe,Jane,1980-02-02,F,arrest,2026-01-05,shoplifting,,,,,\n").ok());
  ASSERT_TRUE(Import(kGoodFile).ok());
  const Counts before = Count();
  // Rows that would give Jane Doe a PNC ID and Aaron Testington an alias, then one bad row.
  const std::string file = std::string(kHeader) +
      "R2,1979/0062594N,Doe,Jane,1980-02-02,F,arrest,2026-02-05,shoplifting,,,,,\n"
      "R3,2000/0160946Q,Testington,Ronald,1990-01-02,M,arrest,2026-02-06,shoplifting,,,,,\n"
      "R4,,Doe,Jane,1980-02-02,F,arrest,2026-02-07,no_such_category,,,,,\n";
  auto report = Import(file);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->outcome, ImportOutcome::kRejected);
  EXPECT_EQ(Count(), before);
  EXPECT_EQ(People()[0].pnc_id, "");  // Jane Doe (sorted first) still has no PNC ID
}

TEST_F(EventImportTest, ReimportingAFileWithRejectedRowsGivesTheSameReport) {
  const std::string file = std::string(kHeader) +
      "S1,,One,Person,1990-01-02,M,arrest,2026-01-05,shoplifting,,,,,\n"
      "S1,,One,Person,1990-01-02,M,arrest,2026-01-05,shoplifting,,,,,\n"
      "S2,,Two,Person,1990-01-02,Q,arrest,2026-01-05,shoplifting,,,,,\n";
  auto first = Import(file, {.accept_good_rows = true});
  ASSERT_TRUE(first.ok());
  const std::vector<std::string> first_messages = observer_.messages;
  auto second = Import(file, {.accept_good_rows = true});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->rows_rejected, 2);
  EXPECT_EQ(second->rows_rejected, 2);
  EXPECT_EQ(first->events_added + first->events_already_present,
            second->events_added + second->events_already_present);
  EXPECT_EQ(observer_.messages, first_messages);
  EXPECT_EQ(Count(), (Counts{1, 0, 0, 1}));
}

TEST_F(EventImportTest, RejectedRowsAreReportedInLineOrder) {
  ASSERT_TRUE(Import(kGoodFile).ok());
  // Matching problems (found per batch) and field problems (found per row) interleave.
  const std::string file = std::string(kHeader) +
      "T1,,Fine,Person,1990-01-02,M,arrest,2026-01-05,shoplifting,,,,,\n"
      "A1,2000/0160946Q,Testington,Aaron,1990-01-02,M,arrest,2026-01-06,shoplifting,,charged,54.57,-1.23,E01012000\n"
      "T2,,Bad,Gender,1990-01-02,Q,arrest,2026-01-05,shoplifting,,,,,\n"
      "T1,,Fine,Person,1990-01-02,M,arrest,2026-01-07,shoplifting,,,,,\n"
      "T3,,Bad,Date,1990-01-02,M,arrest,2026-13-05,shoplifting,,,,,\n";
  for (size_t batch_rows : {2u, 5000u}) {
    auto report = Import(file, {.accept_good_rows = true, .batch_rows = batch_rows});
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(observer_.lines, (std::vector<int64_t>{3, 4, 5, 6})) << "batch of " << batch_rows;
  }
}

// The same file gives the same people, identifiers, aliases and events however it is cut into batches.
TEST(EventImportBatches, ResultsDoNotDependOnBatchSize) {
  const std::string file = std::string(kHeader) +
      "U1,,New,Person,1990-01-02,M,arrest,2026-01-01,shoplifting,,,,,\n"
      "U2,2000/0160946Q,New,Person,1990-01-02,M,arrest,2026-01-02,shoplifting,,,,,\n"
      "U3,2000/0160946Q,Newer,Person,1990-01-02,M,arrest,2026-01-03,shoplifting,,,,,\n"
      "U4,,Newer,Person,1990-01-02,M,arrest,2026-01-04,shoplifting,,,,,\n"
      "U5,1979/0062594N,Other,One,1979-04-04,F,arrest,2026-01-05,fraud,,,,,\n"
      "U6,1979/0062594N,Other,One,1979-04-05,F,arrest,2026-01-06,fraud,,,,,\n"
      "U2,,New,Person,1990-01-02,M,arrest,2026-01-02,shoplifting,,,,,\n"
      "U7,,other,ONE,1979-04-04,F,caution,2026-01-07,fraud,,,,,\n";
  std::vector<std::tuple<int64_t, int64_t, int64_t, int64_t, int64_t, int64_t>> results;
  for (size_t batch_rows : {1u, 2u, 3u, 5000u}) {
    testing::TestDatabase test_database;
    std::unique_ptr<Database> database = test_database.OpenMigrated();
    std::istringstream input(file);
    CollectingObserver observer;
    const AuditTrail audit(kClock);
    auto report = ImportEvents(*database, audit, Actor::LocalOperator("test"), input,
                               {.accept_good_rows = true, .batch_rows = batch_rows}, kClock, observer);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_EQ(observer.lines, (std::vector<int64_t>{7, 8})) << "batch of " << batch_rows;
    results.emplace_back(report->people_created, report->identifiers_added, report->aliases_added,
                         report->events_added, report->rows_matched_to_people, report->rows_rejected);
  }
  for (const auto& result : results) EXPECT_EQ(result, results.front());
  EXPECT_EQ(std::get<0>(results.front()), 2);  // U1-U4 are one person (alias "Newer Person"), U5/U7 another
  EXPECT_EQ(std::get<2>(results.front()), 1);
  EXPECT_EQ(std::get<3>(results.front()), 6);
}

TEST_F(EventImportTest, PncMatchWithAnotherNameRecordsAnAlias) {
  ASSERT_TRUE(Import(kGoodFile).ok());
  const std::string file = std::string(kHeader) +
      "F1,2000/0160946Q,Testington,Ron,1990-01-02,M,arrest,2026-04-05,shoplifting,,,,,\n"
      "F2,2000/0160946Q,Testington,Ron,1990-01-02,M,arrest,2026-04-06,shoplifting,,,,,\n";
  auto report = Import(file);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->people_created, 0);
  EXPECT_EQ(report->aliases_added, 1);
  auto again = Import(std::string(kHeader) +
                      "F3,2000/0160946Q,Testington,Ron,1990-01-02,M,arrest,2026-04-07,shoplifting,,,,,\n");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->aliases_added, 0);
  EXPECT_EQ(Count().aliases, 1);
}

TEST_F(EventImportTest, OnePersonAcrossBatches) {
  std::string file(kHeader);
  for (int row = 1; row <= 7; ++row) {
    file += "G" + std::to_string(row) + ",,Batch,Person,1990-01-02,M,arrest,2026-01-0" + std::to_string(row) +
            ",shoplifting,,,,,\n";
  }
  file += "G8,2000/0160946Q,Batch,Person,1990-01-02,M,arrest,2026-02-01,shoplifting,,,,,\n";
  file += "G9,2000/0160946Q,Batch,Person,1990-01-02,M,arrest,2026-02-02,shoplifting,,,,,\n";
  auto report = Import(file, {.batch_rows = 3});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->people_created, 1);
  EXPECT_EQ(Count(), (Counts{1, 1, 0, 9}));
}

TEST_F(EventImportTest, AcceptsBomCrlfQuotedNewlinesAndColumnsInAnyOrder) {
  const std::string file =
      "\xEF\xBB\xBFsurname,forenames,source_id,pnc_id,date_of_birth,gender,event_type,event_date,offence_category,"
      "offence_date,outcome,latitude,longitude,lsoa_code\r\n"
      "\"Line\",\"Two\",H1,,1990-01-02,M,arrest,2026-01-05,shoplifting,,\"said \"\"no\"\",\nthen left\",,,\r\n";
  auto report = Import(file);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->events_added, 1);
  ASSERT_TRUE(database_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(std::vector<PersonSummary> people, tx.Get<PersonRepository>().List(10, 0));
    EXPECT_EQ(people.size(), 1u);
    ASSIGN_OR_RETURN(std::vector<Event> events, tx.Get<EventRepository>().ListForPerson(people.at(0).id));
    EXPECT_EQ(events.size(), 1u);
    EXPECT_EQ(events.at(0).outcome, "said \"no\",\nthen left");
    return Status::Ok();
  }).ok());
}

TEST_F(EventImportTest, WholeFileProblemsAreClearAndWriteNothing) {
  struct Case {
    std::string file;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"", "the file is empty; expected a header line: source_id,pnc_id,"},
           {"\xEF\xBB\xBF", "the file is empty"},
           {"id,name\n1,x\n", "line 1: the header is not an events file header (unknown column 'id'"},
           {std::string(kHeader) + "A1,,\"unterminated,Aaron,1990-01-02,M,arrest,2026-01-05,shoplifting,,,,,\n",
            "line 3: unterminated quoted field (the quote opened on line 2)"},
       }) {
    auto report = Import(c.file);
    ASSERT_FALSE(report.ok()) << c.message;
    EXPECT_EQ(report.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(report.status().message().substr(0, c.message.size()), c.message);
  }
  EXPECT_EQ(Count(), (Counts{}));
  auto header_only = Import(std::string(kHeader));
  ASSERT_TRUE(header_only.ok());
  EXPECT_EQ(header_only->rows_read, 0);
}

// Issue 8 defect 12: a long import held SQLite's write lock from its first row to its commit, so every page (which
// writes its audit entry) waited for it and failed. Now the file is read, checked and matched against a snapshot
// without the lock, and only the final copy of the staged rows takes it.
class ImportWhileOthersWriteTest : public EventImportTest {
 protected:
  // Calls `change` once, from the import's first progress report (after its first batch), on another connection.
  class ChangingObserver final : public ImportObserver {
   public:
    explicit ChangingObserver(std::function<void()> change) : change_(std::move(change)) {}
    void OnProgress(std::string_view, int64_t, uint64_t) override {
      if (change_) std::exchange(change_, nullptr)();
    }

   private:
    std::function<void()> change_;
  };

  // Imports `csv` into database_ (at `url`) while `change` is made on another connection.
  Result<EventImportReport> ImportWhile(const std::string& url, const std::string& csv,
                                        const std::function<Status(Transaction&)>& change, Status& change_status) {
    // A short wait for the write lock: before the fix the change waited for the whole import and failed.
    auto other = Database::Open(url, {.sqlite_busy_timeout_seconds = 1});
    EXPECT_TRUE(other.ok()) << other.status().ToString();
    ChangingObserver observer([&] { change_status = (*other)->Write(change); });
    std::istringstream input(csv);
    return ImportEvents(*database_, audit_, actor_, input, {.file_name = "test.csv", .batch_rows = 1}, kClock,
                        observer);
  }

  static Status AddPerson(Transaction& tx, std::string surname, std::string forenames, std::string_view born) {
    Person person{.surname = std::move(surname), .forenames = std::move(forenames),
                  .date_of_birth = *ParseIsoDate(born), .gender = Gender::kFemale};
    return tx.Get<PersonRepository>().Create(person).status();
  }

  PersonId FindPerson(std::string_view surname) {
    for (const PersonSummary& person : People()) {
      if (person.surname == surname) return person.id;
    }
    ADD_FAILURE() << "no person " << surname;
    return 0;
  }
};

TEST_F(ImportWhileOthersWriteTest, OthersWriteWhileAFileIsMatchedAndTheImportStillLoadsIt) {
  Status change_status = Status::Internal("not run");
  auto report = ImportWhile(
      test_database_.url(), kGoodFile,
      [&](Transaction& tx) -> Status {
        RETURN_IF_ERROR(AddPerson(tx, "Unrelated", "Una", "1970-07-07"));
        return audit_.Append(
            tx, Actor::LocalOperator("someone else"),
            {"view_person", ObjectKind::kPerson, "1", AuditOutcome::kSuccess, "a page view's audit entry"});
      },
      change_status);
  EXPECT_TRUE(change_status.ok()) << change_status.ToString();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->events_added, 4);
  EXPECT_EQ(Count(), (Counts{4, 2, 0, 4}));
  // Each event is its own person's. On SQLite the person added meanwhile took the id the import had in mind for
  // its first new person, so the staged people moved up (PostgreSQL's sequence gave the import its ids first).
  std::map<std::string, int64_t> events_by_surname;
  for (const PersonSummary& person : People()) events_by_surname[person.surname] = person.event_count;
  EXPECT_EQ(events_by_surname, (std::map<std::string, int64_t>{
                                   {"Mockridge", 1}, {"Sample, Jr", 1}, {"Testington", 2}, {"Unrelated", 0}}));
  if (test_database_.backend() == Backend::kSqlite) EXPECT_LT(FindPerson("Unrelated"), FindPerson("Testington"));
  const std::vector<ImportRun> runs = Runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].id, report->import_run_id);
  EXPECT_EQ(runs[0].outcome, ImportOutcome::kLoaded);
}

// What the staged import relies on, changed by someone else while it is being matched. On SQLite the import then
// writes nothing and says what changed; PostgreSQL's import writes as it goes in one transaction and is not
// staged, so these cells are SQLite's.
TEST_F(ImportWhileOthersWriteTest, AChangeToWhatTheFileWasMatchedAgainstStopsTheImport) {
  if (test_database_.backend() != Backend::kSqlite) GTEST_SKIP() << "only SQLite's import is staged";
  // Before the import: Stored Sam (matched by name by R1), Other Olive (born like Newman Nina, in no row).
  PersonId sam = 0, olive = 0;
  const std::string file = std::string(kHeader) +
      "R1,,Stored,Sam,1980-01-01,M,arrest,2026-01-05,shoplifting,,,,,\n"
      "R2,,Newman,Nina,1991-01-01,F,arrest,2026-01-06,shoplifting,,,,,\n"
      "R3,1979/0062594N,Pncless,Paul,1979-04-04,M,arrest,2026-01-07,burglary_residential,,,,,\n";
  auto edit = [&](const PersonId& id, std::function<void(Person&)> change) {
    return [&id, change](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(Person person, tx.Get<PersonRepository>().Get(id));
      change(person);
      person.updated_at = kClock.Now();
      return tx.Get<PersonRepository>().Update(person);
    };
  };
  struct Case {
    std::string change;
    std::function<Status(Transaction&)> apply;
    std::string conflict;  // empty: the import loads
  };
  const std::vector<Case> cases = {
      {"a person with a row's name and date of birth is added",
       [&](Transaction& tx) { return AddPerson(tx, "NEWMAN", "nina", "1991-01-01"); }, "was added or changed"},
      {"a row's PNC ID is given to a stored person",
       [&](Transaction& tx) {
         return tx.Get<PersonRepository>().AddIdentifier(olive, {IdentifierKind::kPncId, "1979/0062594N"});
       },
       "person 2 was added or changed"},
      {"the person a row matched by name is renamed",
       edit(sam, [](Person& person) { person.surname = "Renamed"; }), "person 1 was added or changed"},
      {"the person a row matched by name has their date of birth corrected",
       edit(sam, [](Person& person) { person.date_of_birth = *ParseIsoDate("1980-10-01"); }),
       "person 1 was added or changed"},
      {"a stored person is given a row's name as an alias",
       edit(olive, [](Person& person) { person.aliases.push_back({"Newman", "Nina"}); }),
       "person 2 was added or changed"},
      {"an event is recorded from the file's source under one of its source ids",
       [&](Transaction& tx) {
         Event event{.person_id = olive, .kind = EventKind::kArrest, .event_date = *ParseIsoDate("2026-01-01"),
                     .source_system = "events-csv", .source_record_id = "R3", .recorded_at = kClock.Now()};
         return tx.Get<EventRepository>().Create(event, std::nullopt).status();
       },
       "from source events-csv under a source id of the file"},
      {"a person with another name is added", [&](Transaction& tx) { return AddPerson(tx, "Else", "Eve", "1991-01-01"); },
       ""},
      {"the matched person's address is changed",
       edit(sam, [](Person& person) { person.address.postcode = "TS1 1AA"; }), ""},
      {"a stored person in no row is given another PNC ID",
       [&](Transaction& tx) {
         return tx.Get<PersonRepository>().AddIdentifier(olive, {IdentifierKind::kPncId, "2000/0160946Q"});
       },
       ""},
      {"an event is recorded under another source", [&](Transaction& tx) {
         Event event{.person_id = olive, .kind = EventKind::kArrest, .event_date = *ParseIsoDate("2026-01-01"),
                     .source_system = "custody-suite", .source_record_id = "R3", .recorded_at = kClock.Now()};
         return tx.Get<EventRepository>().Create(event, std::nullopt).status();
       },
       ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.change);
    testing::TestDatabase fresh;
    database_ = fresh.OpenMigrated();
    ASSERT_TRUE(database_->Write([&](Transaction& tx) -> Status {
      RETURN_IF_ERROR(AddPerson(tx, "Stored", "Sam", "1980-01-01"));
      return AddPerson(tx, "Other", "Olive", "1991-01-01");
    }).ok());
    sam = FindPerson("Stored");
    olive = FindPerson("Other");
    ASSERT_EQ(std::make_pair(sam, olive), std::make_pair(PersonId{1}, PersonId{2}));  // as the messages expect
    const Counts before = Count();
    Status change_status = Status::Internal("not run");
    auto report = ImportWhile(fresh.url(), file, c.apply, change_status);
    ASSERT_TRUE(change_status.ok()) << change_status.ToString();
    const Counts changed = Count();
    if (c.conflict.empty()) {
      ASSERT_TRUE(report.ok()) << report.status().ToString();
      EXPECT_EQ(report->events_added, 3);
      EXPECT_EQ(Runs().at(0).outcome, ImportOutcome::kLoaded);
      continue;
    }
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.status().code(), StatusCode::kConflict);
    EXPECT_NE(report.status().message().find(c.conflict), std::string::npos) << report.status().message();
    EXPECT_NE(report.status().message().find("nothing was imported: import the file again"), std::string::npos);
    // Nothing of the file was written: only the other connection's change is there.
    EXPECT_EQ(changed.events - before.events, c.change.starts_with("an event") ? 1 : 0);
    EXPECT_EQ(changed.people - before.people, c.change.starts_with("a person") ? 1 : 0);
    EXPECT_EQ(Runs().at(0).outcome, ImportOutcome::kFailed);
  }
  database_ = test_database_.OpenMigrated();  // not one whose files are gone
}

// Two imports at once (two uploads, or an upload and the command line) are serialised, so the second matches its
// file against what the first wrote: nothing is created twice and neither fails.
TEST_F(EventImportTest, TwoImportsOfOverlappingFilesAtOnceBothLoad) {
  std::string first(kHeader), second(kHeader);
  for (int row = 1; row <= 300; ++row) {
    const std::string person = fmt::format(",,Overlap,Person{},1980-01-01,M,arrest,2026-01-01,fraud,,,,,\n", row % 50);
    first += fmt::format("F{}", row) + person;
    second += fmt::format("F{}", row) + person;  // the same rows, so one import adds them and the other finds them
    second += fmt::format("S{}", row) + person;
  }
  Result<EventImportReport> reports[2] = {Status::Internal("not run"), Status::Internal("not run")};
  {
    std::vector<std::thread> threads;
    for (int index = 0; index < 2; ++index) {
      threads.emplace_back([&, index] {
        std::istringstream input(index == 0 ? first : second);
        CollectingObserver observer;
        reports[index] = ImportEvents(*database_, audit_, actor_, input, {.file_name = "f.csv", .batch_rows = 7},
                                      kClock, observer);
      });
    }
    for (std::thread& thread : threads) thread.join();
  }
  for (const auto& report : reports) ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(reports[0]->events_added + reports[1]->events_added, 600);
  EXPECT_EQ(reports[0]->events_already_present + reports[1]->events_already_present, 300);
  EXPECT_EQ(reports[0]->people_created + reports[1]->people_created, 50);
  EXPECT_EQ(Count(), (Counts{50, 0, 0, 600}));
}

}  // namespace
}  // namespace openiom
