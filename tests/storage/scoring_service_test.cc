// Scoring the database, the candidates list and one person's explanation, on both backends.
#include <gtest/gtest.h>

#include "services/audit/audit_trail.h"
#include "services/selection/scoring_service.h"
#include "storage/people/event_repository.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"
#include "support/test_database.h"

namespace openiom {
namespace {

const FixedClock kClock(*ParseIsoTimestamp("2026-11-30T10:00:00Z"));
const Date kAsOf = *ParseIsoDate("2026-11-30");

class ScoringServiceTest : public ::testing::Test {
 protected:
  ScoringServiceTest() : database_(test_database_.OpenMigrated()) {}

  void SetUp() override {
    // As in tests/cli/analytics_cli_test.cc: Aaron has four acquisitive arrests (66.00), Beth a homicide arrest
    // the day before (63.92), Carl nothing, and Dan twelve arrests but is already in the cohort.
    aaron_ = AddPerson("Testington", "Aaron", "1990-01-01", Gender::kMale, "Hartlepool");
    beth_ = AddPerson("Samplewood", "Beth", "2010-06-01", Gender::kFemale, "Middlesbrough");
    carl_ = AddPerson("Mockridge", "Carl", "1985-01-01", Gender::kMale, "Hartlepool");
    dan_ = AddPerson("Fakeley", "Dan", "1980-01-01", Gender::kMale, "Hartlepool");
    AddEvent(aaron_, EventKind::kArrest, "2026-11-30", "shoplifting");
    AddEvent(aaron_, EventKind::kArrest, "2026-10-01", "shoplifting");
    AddEvent(aaron_, EventKind::kArrest, "2026-09-01", "burglary_residential");
    AddEvent(aaron_, EventKind::kArrest, "2026-01-01", "fraud");
    AddEvent(aaron_, EventKind::kArrest, "2025-11-30", "homicide");  // exactly 365 days before: outside
    AddEvent(aaron_, EventKind::kCharge, "2026-11-01", "shoplifting");
    AddEvent(beth_, EventKind::kArrest, "2026-11-29", "homicide");
    for (int i = 0; i < 12; ++i) AddEvent(dan_, EventKind::kArrest, "2026-06-01", "criminal_damage");
    ASSERT_EQ(testing::ExecuteSql(test_database_.url(),
                                  "INSERT INTO cohort_membership (person_id, strand, scheme, selected_on, "
                                  "selection_reason, selected_by) VALUES (" +
                                      std::to_string(dan_) + ", 'fixed', 'ppo', '2026-01-01', 'test', 'test')"),
              "");
  }

  PersonId AddPerson(const char* surname, const char* forenames, const char* dob, Gender gender,
                     const char* district) {
    Person person{.surname = surname, .forenames = forenames, .date_of_birth = *ParseIsoDate(dob), .gender = gender};
    person.address.district = district;
    person.created_at = person.updated_at = kClock.Now();
    PersonId id = 0;
    EXPECT_TRUE(database_->Write([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(id, tx.Get<PersonRepository>().Create(person));
      return Status::Ok();
    }).ok());
    return id;
  }

  void AddEvent(PersonId person, EventKind kind, const char* date, const char* category) {
    Event event{.person_id = person, .kind = kind, .event_date = *ParseIsoDate(date), .offence_category = category,
                .source_system = "police", .source_record_id = "E" + std::to_string(++events_),
                .recorded_at = kClock.Now()};
    ASSERT_TRUE(database_->Write([&](Transaction& tx) {
      return tx.Get<EventRepository>().Create(event, std::nullopt).status();
    }).ok());
  }

  int64_t AuditEntries() { return VerifyAuditTrail(*database_)->entries; }

  testing::TestDatabase test_database_;
  std::unique_ptr<Database> database_;
  const AuditTrail audit_{kClock};
  ScoringService scoring_{*database_, audit_, kClock};
  const Actor manager_{.user_id = 1, .username = "m.anager", .roles = {Role::kManager}};
  PersonId aaron_ = 0, beth_ = 0, carl_ = 0, dan_ = 0;
  int events_ = 0;
};

TEST_F(ScoringServiceTest, ScoresStoreEveryComponentAndTheRulesThatFired) {
  const int64_t audited = AuditEntries();
  const Result<ScoreRun> run = scoring_.ScoreDatabase(manager_, kAsOf, ScoringConfig{});
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->people, 4);
  EXPECT_EQ(run->events, 19);
  EXPECT_EQ(run->people_scored, 3);  // Aaron, Beth, Dan
  EXPECT_EQ(run->candidates, 2);     // Dan is in the cohort
  EXPECT_EQ(run->run_by, "m.anager");
  EXPECT_EQ(AuditEntries(), audited + 1);

  const Result<CandidatesPage> page = scoring_.Candidates(manager_, {});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_TRUE(page->run.has_value());
  EXPECT_EQ(page->run->id, run->id);
  EXPECT_EQ(page->total, 2);
  ASSERT_EQ(page->rows.size(), 2u);
  const StoredScore& a = page->rows[0].score;
  EXPECT_EQ(a.person_id, aaron_);
  EXPECT_EQ(page->rows[0].surname, "Testington");
  EXPECT_EQ(page->rows[0].district, "Hartlepool");
  EXPECT_EQ(a.rank_position, 1);
  EXPECT_EQ(a.n, 4);
  EXPECT_EQ(a.acquisitive_n, 4);
  EXPECT_EQ(a.latest_event_date, kAsOf);
  EXPECT_EQ(a.max_gravity, 3);
  EXPECT_EQ(a.r_centis, 10000);
  EXPECT_EQ(a.f_centis, 4000);
  EXPECT_EQ(a.g_centis, 6667);
  EXPECT_EQ(a.rfg_centis, 6600);
  EXPECT_EQ(a.harm, 26);
  EXPECT_EQ(a.cost, 5930);
  EXPECT_TRUE(a.provisional);
  EXPECT_EQ(a.RuleNames(), "acquisitive-4;high-rfg");
  EXPECT_EQ(a.RuleReasons(),
            "acquisitive-4: 4 acquisitive-crime events in the window (needs 4); aged 36 (needs 18 or over); not in "
            "the cohort\nhigh-rfg: RFG 66.00 (needs 60.00); not in the cohort");
  const StoredScore& b = page->rows[1].score;
  EXPECT_EQ(b.person_id, beth_);
  EXPECT_EQ(b.rfg_centis, 6392);
  EXPECT_EQ(b.RuleNames(), "high-rfg");  // aged 16: not acquisitive-4 anyway
  EXPECT_EQ(b.cost, 3217740);

  // Filters: one rule, a district, everyone scored.
  const Result<CandidatesPage> acquisitive = scoring_.Candidates(manager_, {.rule = "acquisitive-4"});
  ASSERT_TRUE(acquisitive.ok());
  ASSERT_EQ(acquisitive->rows.size(), 1u);
  EXPECT_EQ(acquisitive->rows[0].score.person_id, aaron_);
  const Result<CandidatesPage> middlesbrough = scoring_.Candidates(manager_, {.district = "Middlesbrough"});
  ASSERT_TRUE(middlesbrough.ok());
  ASSERT_EQ(middlesbrough->rows.size(), 1u);
  EXPECT_EQ(middlesbrough->rows[0].score.person_id, beth_);
  const Result<CandidatesPage> everyone = scoring_.Candidates(manager_, {.candidates_only = false});
  ASSERT_TRUE(everyone.ok());
  ASSERT_EQ(everyone->total, 3);
  EXPECT_EQ(everyone->rows[2].score.person_id, dan_);
  EXPECT_EQ(everyone->rows[2].score.RuleNames(), "");
  const Result<CandidatesPage> high = scoring_.Candidates(manager_, {.candidates_only = false, .min_rfg_centis = 6500});
  ASSERT_TRUE(high.ok());
  EXPECT_EQ(high->total, 1);
}

TEST_F(ScoringServiceTest, ExplainRecomputesFromTheEventsAndIsAudited) {
  ASSERT_TRUE(scoring_.ScoreDatabase(manager_, kAsOf, ScoringConfig{}).ok());
  const int64_t audited = AuditEntries();
  const Result<ScoreExplanation> explained = scoring_.Explain(manager_, aaron_, ScoringConfig{});
  ASSERT_TRUE(explained.ok()) << explained.status().ToString();
  EXPECT_EQ(AuditEntries(), audited + 1);
  EXPECT_EQ(explained->person.surname, "Testington");
  ASSERT_TRUE(explained->stored.has_value());
  EXPECT_EQ(explained->rfg.rfg_centis, explained->stored->rfg_centis);
  EXPECT_EQ(explained->rfg.key, explained->stored->rfg_key);
  ASSERT_EQ(explained->events.size(), 4u);
  EXPECT_EQ(explained->events.front().category, "fraud");  // date order
  EXPECT_EQ(explained->ogrs3_unavailable, "OGRS3 needs a conviction; none is recorded");

  const Result<ScoreExplanation> carl = scoring_.Explain(manager_, carl_, ScoringConfig{});
  ASSERT_TRUE(carl.ok());
  EXPECT_FALSE(carl->stored.has_value());
  EXPECT_EQ(carl->rfg.n, 0);
  EXPECT_EQ(scoring_.Explain(manager_, 999999, ScoringConfig{}).status().code(), StatusCode::kNotFound);
}

TEST_F(ScoringServiceTest, ExplanationsUseTheRunsConfigurationAndExportsAreAuditedOnce) {
  // A 180-day window: Aaron's January fraud arrest falls out (three arrests, RFG 30 + 12 + 20 = 62.00).
  Result<ScoringConfig> config = ParseScoringConfig(R"({"rfg": {"window_days": 180}})");
  ASSERT_TRUE(config.ok());
  ASSERT_TRUE(scoring_.ScoreDatabase(manager_, kAsOf, *config).ok());
  const Result<ScoreExplanation> explained = scoring_.Explain(manager_, aaron_, ScoringConfig{});
  ASSERT_TRUE(explained.ok());
  EXPECT_EQ(explained->config.rfg.window_days, 180);
  EXPECT_EQ(explained->rfg.n, 3);
  EXPECT_EQ(explained->rfg.rfg_centis, explained->stored->rfg_centis);
  EXPECT_EQ(explained->rfg.rfg_centis, 6200);
  const Result<ScoringConfig> latest = scoring_.LatestConfig();
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->rfg.window_days, 180);

  const int64_t audited = AuditEntries();
  const Result<CandidatesPage> exported = scoring_.ExportCandidates(manager_, {.candidates_only = false});
  ASSERT_TRUE(exported.ok());
  EXPECT_EQ(exported->rows.size(), 2u);  // Dan's arrests of 2026-06-01 are outside a 180-day window
  EXPECT_EQ(AuditEntries(), audited + 1);
  EXPECT_EQ(scoring_.Candidates(manager_, {.rule = "HIGH-RFG"}).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(ScoringServiceTest, OnlyTheRightRolesAndEveryRefusalIsAudited) {
  const Actor practitioner{.user_id = 2, .username = "p", .roles = {Role::kPractitioner}};
  const Actor analyst{.user_id = 3, .username = "a", .roles = {Role::kAnalyst}};
  const int64_t audited = AuditEntries();
  EXPECT_EQ(scoring_.ScoreDatabase(practitioner, kAsOf, ScoringConfig{}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_TRUE(scoring_.ScoreDatabase(analyst, kAsOf, ScoringConfig{}).ok());
  EXPECT_EQ(scoring_.Candidates(analyst, {}).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(scoring_.Explain(analyst, aaron_, ScoringConfig{}).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(AuditEntries(), audited + 4);  // three refusals and one run
}

TEST_F(ScoringServiceTest, OnlyTheLatestRunsAreKept) {
  ScoringConfig config;
  config.keep_runs = 2;
  const Result<ScoreRun> first = scoring_.ScoreDatabase(manager_, kAsOf, config);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(scoring_.ScoreDatabase(manager_, kAsOf, config).ok());
  ASSERT_TRUE(scoring_.ScoreDatabase(manager_, kAsOf, config).ok());
  const Result<ScoreRun> last = scoring_.ScoreDatabase(manager_, kAsOf, config);
  ASSERT_TRUE(last.ok());
  std::optional<StoredScore> old, kept;
  std::optional<ScoreRun> latest;
  ASSERT_TRUE(database_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(old, tx.Get<ScoreRepository>().Find(first->id, aaron_));
    ASSIGN_OR_RETURN(kept, tx.Get<ScoreRepository>().Find(last->id, aaron_));
    ASSIGN_OR_RETURN(latest, tx.Get<ScoreRepository>().LatestRun());
    return Status::Ok();
  }).ok());
  EXPECT_FALSE(old.has_value());
  EXPECT_TRUE(kept.has_value());
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->id, last->id);
}

}  // namespace
}  // namespace openiom
