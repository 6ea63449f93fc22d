// Service levels on both backends, with a fixed day (Monday 7 December 2026): a level view audited once, moves kept
// with their day, reason and who, in order; who may move a level (managers) and who may record schemes and statutory
// status (case workers of an agency that works with the person); bad input named by field with nothing stored; the
// suggestion worked out from the facts (an arrest, a recent release; quiet and complying), accepted or dismissed by a
// manager, and an answer to a suggestion that is not the one in force refused; leaving a scheme with optimistic
// locking; and the suggestion rules set by an administrator. The rules themselves are tested in
// domain/cases/level_test.cc.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/audit/audit_trail.h"
#include "services/cases/level_config.h"
#include "services/cases/level_service.h"
#include "storage/accounts/agency_repository.h"
#include "storage/audit/audit_repository.h"
#include "storage/cases/case_repository.h"
#include "storage/people/event_repository.h"
#include "storage/people/person_repository.h"
#include "storage/selection/panel_repository.h"
#include "storage/transaction.h"
#include "support/test_database.h"

namespace openiom {
namespace {

Date D(const char* iso) { return *ParseIsoDate(iso); }

// Monday 7 December 2026. A year before (365 days, no 29 February between) is 7 December 2025.
const FixedClock kClock(*ParseIsoTimestamp("2026-12-07T10:00:00Z"));

class LevelServiceTest : public ::testing::Test {
 protected:
  LevelServiceTest() : database_(test_database_.OpenMigrated()) {}

  void SetUp() override {
    ASSERT_TRUE(database_
                    ->Write([&](Transaction& tx) -> Status {
                      AgencyRepository& agencies = tx.Get<AgencyRepository>();
                      ASSIGN_OR_RETURN(probation_, agencies.Create({0, "Probation", AgencyKind::kProbation}));
                      ASSIGN_OR_RETURN(housing_, agencies.Create({0, "Tees Housing", AgencyKind::kHousing}));
                      for (auto [id, surname] : {std::pair{&ann_, "Testington"}, std::pair{&bob_, "Samplewood"}}) {
                        ASSIGN_OR_RETURN(*id, tx.Get<PersonRepository>().Create({.surname = surname,
                                                                                 .forenames = "A",
                                                                                 .created_at = kClock.Now(),
                                                                                 .updated_at = kClock.Now()}));
                      }
                      // Housing leads Ann's case; nobody from housing works with Bob.
                      return tx.Get<PanelRepository>()
                          .AddMembership({.person_id = ann_,
                                          .scheme = Scheme::kHcc,
                                          .lead_agency_id = housing_,
                                          .selected_on = D("2026-06-01"),
                                          .selection_reason = "panel",
                                          .selected_by = "m"})
                          .status();
                    })
                    .ok());
    manager_.agency_id = practitioner_.agency_id = probation_;
    housing_worker_.agency_id = housing_;
  }

  void AddEvent(PersonId person, EventKind kind, const char* on, std::string record_id) {
    ASSERT_TRUE(database_
                    ->Write([&](Transaction& tx) -> Status {
                      return tx.Get<EventRepository>()
                          .Create({.person_id = person, .kind = kind, .event_date = D(on),
                                   .source_system = "police", .source_record_id = std::move(record_id),
                                   .recorded_at = kClock.Now()},
                                  std::nullopt)
                          .status();
                    })
                    .ok());
  }

  LevelView View(PersonId person) {
    Result<LevelView> view = levels_.Level(manager_, person);
    EXPECT_TRUE(view.ok()) << view.status().ToString();
    return view.ok() ? *view : LevelView{};
  }

  // Puts `person` on `level` from `on`, as a manager.
  void SetLevel(PersonId person, const char* level, const char* on) {
    const Result<int64_t> id = levels_.SetLevel(manager_, person, {level, on, "Agreed at the IOM panel"});
    ASSERT_TRUE(id.ok()) << id.status().ToString();
  }

  std::vector<AuditEntry> Entries() {
    std::vector<AuditEntry> entries;
    EXPECT_TRUE(database_
                    ->Read([&](Transaction& transaction) -> Status {
                      return transaction.Get<AuditRepository>().ForEach([&](const AuditEntry& entry) {
                        entries.push_back(entry);
                        return true;
                      });
                    })
                    .ok());
    return entries;
  }

  static std::vector<std::string> Fields(const Status& status) {
    std::vector<std::string> fields;
    for (const FieldProblem& problem : status.problems()) fields.push_back(problem.field);
    return fields;
  }

  testing::TestDatabase test_database_;
  std::unique_ptr<Database> database_;
  const AuditTrail audit_{kClock};
  LevelService levels_{*database_, audit_, kClock};
  Actor manager_{.user_id = 0, .username = "m.anager", .agency_name = "Probation",
                 .agency_kind = AgencyKind::kProbation, .roles = {Role::kManager}};
  Actor practitioner_{.user_id = 0, .username = "p.ractitioner", .agency_name = "Probation",
                      .agency_kind = AgencyKind::kProbation, .roles = {Role::kPractitioner}};
  Actor housing_worker_{.user_id = 0, .username = "h.worker", .agency_name = "Tees Housing",
                        .agency_kind = AgencyKind::kHousing, .roles = {Role::kPractitioner}};
  const Actor admin_{.user_id = 0, .username = "a.dmin", .roles = {Role::kAdmin}};
  AgencyId probation_ = 0, housing_ = 0;
  PersonId ann_ = 0, bob_ = 0;
};

TEST_F(LevelServiceTest, TheViewIsAuditedOnceAndAMissingPersonIsAuditedAsNotFound) {
  const size_t before = Entries().size();
  const Result<LevelView> view = levels_.Level(practitioner_, ann_);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  EXPECT_EQ(view->person.surname, "Testington");
  EXPECT_EQ(view->today, D("2026-12-07"));
  EXPECT_FALSE(view->level.has_value()) << "not on the pyramid yet";
  EXPECT_TRUE(view->history.empty());
  EXPECT_TRUE(view->schemes.empty());
  EXPECT_FALSE(view->status.has_value());
  EXPECT_FALSE(view->suggestion.has_value()) << "no suggestion for someone with no level";
  EXPECT_FALSE(view->open_warrant);
  std::vector<AuditEntry> entries = Entries();
  ASSERT_EQ(entries.size(), before + 1) << "one entry per view";
  EXPECT_EQ(entries.back().action, "view_person");
  EXPECT_EQ(entries.back().object_type, "person");
  EXPECT_EQ(entries.back().object_id, std::to_string(ann_));
  EXPECT_EQ(entries.back().username, "p.ractitioner");
  EXPECT_EQ(entries.back().outcome, AuditOutcome::kSuccess);
  EXPECT_EQ(entries.back().detail, "level: none; your agency holds offence records");

  EXPECT_EQ(levels_.Level(practitioner_, 999999).status().code(), StatusCode::kNotFound);
  entries = Entries();
  ASSERT_EQ(entries.size(), before + 2);
  EXPECT_EQ(entries.back().action, "view_person");
  EXPECT_EQ(entries.back().object_id, "999999");
  EXPECT_EQ(entries.back().outcome, AuditOutcome::kFailure);
  EXPECT_EQ(entries.back().detail, "no such person");
}

TEST_F(LevelServiceTest, AManagersMovesAreKeptWithTheirReasonAndWhoInTheOrderOfTheirDays) {
  const Result<int64_t> standard =
      levels_.SetLevel(manager_, ann_, {"standard", "2026-06-01", "  Selected at the June panel  "});
  ASSERT_TRUE(standard.ok()) << standard.status().ToString();
  EXPECT_EQ(Entries().back().action, "set_level");
  EXPECT_EQ(Entries().back().detail, "level " + std::to_string(*standard) + ": standard from 2026-06-01");
  const Result<int64_t> enhanced = levels_.SetLevel(manager_, ann_, {"enhanced", "", "Shoplifting escalating"});
  ASSERT_TRUE(enhanced.ok()) << enhanced.status().ToString();
  // Recorded late, for a day between the two: the history is in the order of the days, not of recording.
  const Result<int64_t> intensive =
      levels_.SetLevel(manager_, ann_, {"intensive", "2026-09-01", "Burglary spree over the summer"});
  ASSERT_TRUE(intensive.ok()) << intensive.status().ToString();

  const LevelView view = View(ann_);
  ASSERT_EQ(view.history.size(), 3u);
  EXPECT_EQ(view.history[0].id, *standard);
  EXPECT_EQ(view.history[0].level, ServiceLevel::kStandard);
  EXPECT_EQ(view.history[0].on, D("2026-06-01"));
  EXPECT_EQ(view.history[0].reason, "Selected at the June panel") << "trimmed";
  EXPECT_EQ(view.history[0].changed_by, "m.anager");
  EXPECT_EQ(view.history[0].changed_at, kClock.Now());
  EXPECT_EQ(view.history[0].person_id, ann_);
  EXPECT_EQ(view.history[1].id, *intensive);
  EXPECT_EQ(view.history[1].on, D("2026-09-01"));
  EXPECT_EQ(view.history[2].id, *enhanced);
  EXPECT_EQ(view.history[2].on, D("2026-12-07")) << "today when no day is given";
  EXPECT_EQ(view.history[2].reason, "Shoplifting escalating");
  ASSERT_TRUE(view.level.has_value());
  EXPECT_EQ(view.level->id, *enhanced) << "the latest day is today's level";
  EXPECT_EQ(view.level->level, ServiceLevel::kEnhanced);
  EXPECT_EQ(Entries().back().detail, "level: enhanced; your agency holds offence records");

  // Already on it since today: refused, naming the level.
  const Result<int64_t> again = levels_.SetLevel(manager_, ann_, {"enhanced", "", "Still escalating"});
  ASSERT_EQ(again.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(again.status()), (std::vector<std::string>{"level"}));
  EXPECT_EQ(View(ann_).history.size(), 3u);
}

TEST_F(LevelServiceTest, APractitionerRecordsSchemesAndStatusButOnlyAManagerMovesTheLevel) {
  const size_t before = Entries().size();
  EXPECT_EQ(levels_.SetLevel(practitioner_, ann_, {"standard", "", "Selected at the panel"}).status().code(),
            StatusCode::kPermissionDenied);
  std::vector<AuditEntry> entries = Entries();
  ASSERT_EQ(entries.size(), before + 1);
  EXPECT_EQ(entries.back().action, "set_level");
  EXPECT_EQ(entries.back().outcome, AuditOutcome::kDenied);
  EXPECT_EQ(entries.back().username, "p.ractitioner");
  EXPECT_EQ(entries.back().object_id, std::to_string(ann_));
  EXPECT_TRUE(View(ann_).history.empty()) << "nothing stored";

  const Result<int64_t> drr =
      levels_.AddScheme(practitioner_, ann_, {"drr", "2026-12-01", "2027-06-01", "  Six-month DRR from court  "});
  ASSERT_TRUE(drr.ok()) << drr.status().ToString();
  EXPECT_EQ(Entries().back().action, "record_schemes");
  EXPECT_EQ(Entries().back().detail, "scheme " + std::to_string(*drr) + ": drr from 2026-12-01");
  const Result<int64_t> order =
      levels_.SetStatutoryStatus(practitioner_, ann_, {"community_order", "2026-11-01", "2027-11-01"});
  ASSERT_TRUE(order.ok()) << order.status().ToString();
  EXPECT_EQ(Entries().back().detail,
            "statutory status " + std::to_string(*order) + ": community_order from 2026-11-01");

  const LevelView view = View(ann_);
  ASSERT_EQ(view.schemes.size(), 1u);
  const SchemeMembership& scheme = view.schemes[0];
  EXPECT_EQ(scheme.id, *drr);
  EXPECT_EQ(scheme.scheme, CaseScheme::kDrr);
  EXPECT_EQ(scheme.starts_on, D("2026-12-01"));
  EXPECT_EQ(scheme.ends_on, D("2027-06-01"));
  EXPECT_FALSE(scheme.left_on.has_value());
  EXPECT_EQ(scheme.reason, "Six-month DRR from court");
  EXPECT_EQ(scheme.added_by, "p.ractitioner");
  EXPECT_EQ(scheme.version, 1);
  ASSERT_EQ(view.statuses.size(), 1u);
  ASSERT_TRUE(view.status.has_value());
  EXPECT_EQ(view.status->id, *order);
  EXPECT_EQ(view.status->kind, StatutoryKind::kCommunityOrder);
  EXPECT_EQ(view.status->starts_on, D("2026-11-01"));
  EXPECT_EQ(view.status->ends_on, D("2027-11-01"));
  EXPECT_EQ(view.status->recorded_by, "p.ractitioner");
  EXPECT_EQ(view.status->recorded_at, kClock.Now());

  // A later licence replaces the order from its start; one starting tomorrow is not yet in force.
  ASSERT_TRUE(levels_.SetStatutoryStatus(practitioner_, ann_, {"licence", "2026-12-08", "2027-12-08"}).ok());
  EXPECT_EQ(View(ann_).status->kind, StatutoryKind::kCommunityOrder);
  EXPECT_EQ(View(ann_).statuses.size(), 2u);
}

TEST_F(LevelServiceTest, AnAgencyThatDoesNotWorkWithThePersonIsRefusedAndTheRefusalAudited) {
  // Housing leads Ann's case: its practitioner may read her level and record her schemes.
  ASSERT_TRUE(levels_.Level(housing_worker_, ann_).ok());
  EXPECT_EQ(Entries().back().detail, "level: none; your agency leads their case");
  ASSERT_TRUE(levels_.AddScheme(housing_worker_, ann_, {"women", "", "", "Women's cohort"}).ok());
  ASSERT_TRUE(levels_.SetStatutoryStatus(housing_worker_, ann_, {"voluntary", "", ""}).ok());

  // Nobody from housing works with Bob: each call refused, audited as denied, and nothing stored.
  const auto refused = [&](const Status& status, const std::string& action) {
    EXPECT_EQ(status.code(), StatusCode::kPermissionDenied) << action;
    const AuditEntry last = Entries().back();
    EXPECT_EQ(last.action, action);
    EXPECT_EQ(last.outcome, AuditOutcome::kDenied) << action;
    EXPECT_EQ(last.username, "h.worker");
    EXPECT_EQ(last.object_id, std::to_string(bob_));
  };
  refused(levels_.Level(housing_worker_, bob_).status(), "view_person");
  refused(levels_.AddScheme(housing_worker_, bob_, {"women", "", "", "Women's cohort"}).status(), "record_schemes");
  refused(levels_.SetStatutoryStatus(housing_worker_, bob_, {"voluntary", "", ""}).status(), "record_schemes");
  const LevelView bob = View(bob_);
  EXPECT_TRUE(bob.schemes.empty());
  EXPECT_TRUE(bob.statuses.empty());
}

TEST_F(LevelServiceTest, BadInputIsNamedByFieldAndNothingIsStored) {
  const std::string long_reason(kMaxLevelReason + 1, 'x');
  const auto level_fields = [&](LevelChangeInput input) {
    const Result<int64_t> result = levels_.SetLevel(manager_, ann_, input);
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    return Fields(result.status());
  };
  const size_t before = Entries().size();
  EXPECT_EQ(level_fields({}), (std::vector<std::string>{"level", "reason"}));
  EXPECT_EQ(level_fields({"level4", "", "Agreed at the panel"}), (std::vector<std::string>{"level"}));
  EXPECT_EQ(level_fields({"standard", "2026-02-30", "Agreed at the panel"}), (std::vector<std::string>{"on"}));
  EXPECT_EQ(level_fields({"standard", "2026-12-08", "Agreed at the panel"}), (std::vector<std::string>{"on"}))
      << "tomorrow";
  EXPECT_EQ(level_fields({"standard", "2025-12-06", "Agreed at the panel"}), (std::vector<std::string>{"on"}))
      << "a year and a day ago";
  EXPECT_EQ(level_fields({"standard", "", "   Too short   "}), (std::vector<std::string>{"reason"}))
      << "9 characters once trimmed";
  EXPECT_EQ(level_fields({"standard", "", long_reason}), (std::vector<std::string>{"reason"}));

  const auto scheme_fields = [&](SchemeInput input) {
    const Result<int64_t> result = levels_.AddScheme(practitioner_, ann_, input);
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    return Fields(result.status());
  };
  EXPECT_EQ(scheme_fields({"astrology", "", "", ""}), (std::vector<std::string>{"scheme"}));
  EXPECT_EQ(scheme_fields({"drr", "", "", "Court order"}), (std::vector<std::string>{"ends_on"}))
      << "a DRR is an order with an end date";
  EXPECT_EQ(scheme_fields({"scpo", "", "", ""}), (std::vector<std::string>{"ends_on"}));
  EXPECT_EQ(scheme_fields({"ppo", "2026-13-01", "", ""}), (std::vector<std::string>{"starts_on"}));
  EXPECT_EQ(scheme_fields({"ppo", "", "never", ""}), (std::vector<std::string>{"ends_on"}));
  EXPECT_EQ(scheme_fields({"ppo", "", "2026-12-07", ""}), (std::vector<std::string>{"ends_on"}))
      << "ends the day it starts";
  EXPECT_EQ(scheme_fields({"ppo", "2025-12-06", "", ""}), (std::vector<std::string>{"starts_on"}));
  EXPECT_EQ(scheme_fields({"ppo", "2027-12-08", "", ""}), (std::vector<std::string>{"starts_on"}));
  // Ten years of 365 days from today is 4 December 2036 (2028, 2032 and 2036 have a 29 February).
  EXPECT_EQ(scheme_fields({"scpo", "", "2036-12-05", "Order made at Crown Court"}),
            (std::vector<std::string>{"ends_on"}));
  EXPECT_EQ(scheme_fields({"ppo", "", "", long_reason}), (std::vector<std::string>{"reason"}));

  const auto status_fields = [&](StatutoryInput input) {
    const Result<int64_t> result = levels_.SetStatutoryStatus(practitioner_, ann_, input);
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    return Fields(result.status());
  };
  EXPECT_EQ(status_fields({"parole", "", ""}), (std::vector<std::string>{"kind"}));
  EXPECT_EQ(status_fields({"licence", "", ""}), (std::vector<std::string>{"ends_on"}));
  EXPECT_EQ(status_fields({"voluntary", "", "2027-01-01"}), (std::vector<std::string>{"ends_on"}));
  EXPECT_EQ(status_fields({"licence", "2026-12-07", "2026-12-07"}), (std::vector<std::string>{"ends_on"}));
  EXPECT_EQ(status_fields({"licence", "yesterday", "2027-01-01"}), (std::vector<std::string>{"starts_on"}));
  EXPECT_EQ(status_fields({"licence", "2025-12-06", "2027-01-01"}), (std::vector<std::string>{"starts_on"}));
  EXPECT_EQ(status_fields({"community_order", "", "soon"}), (std::vector<std::string>{"ends_on"}));

  EXPECT_EQ(Entries().size(), before) << "bad input is not audited";
  LevelView view = View(ann_);
  EXPECT_TRUE(view.history.empty());
  EXPECT_TRUE(view.schemes.empty());
  EXPECT_TRUE(view.statuses.empty());

  // The edges that are allowed: a year ago to the day, and ten years of 365 days ahead.
  ASSERT_TRUE(levels_.SetLevel(manager_, ann_, {"standard", "2025-12-07", "Agreed at the panel"}).ok());
  ASSERT_TRUE(levels_.AddScheme(practitioner_, ann_, {"scpo", "", "2036-12-04", "Order made at Crown Court"}).ok());
  ASSERT_TRUE(levels_.AddScheme(practitioner_, ann_, {"ppo", "2025-12-07", "", ""}).ok());
  EXPECT_EQ(scheme_fields({"ppo", "", "", ""}), (std::vector<std::string>{"scheme"})) << "on it already";
  view = View(ann_);
  EXPECT_EQ(view.history.size(), 1u);
  EXPECT_EQ(view.schemes.size(), 2u);

  // A form shown again after bad input has the person, and showing it is recorded once.
  const size_t entries_before = Entries().size();
  std::optional<Person> shown;
  EXPECT_EQ(levels_.SetLevel(manager_, ann_, {"standard", "", "Agreed again"}, &shown).status().code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE(shown.has_value());
  EXPECT_EQ(shown->id, ann_);
  const std::vector<AuditEntry> entries = Entries();
  ASSERT_EQ(entries.size(), entries_before + 1);
  EXPECT_EQ(entries.back().action, "set_level");
  EXPECT_EQ(entries.back().outcome, AuditOutcome::kFailure);
}

TEST_F(LevelServiceTest, AnArrestAfterTheLevelDaySuggestsUpAndAcceptingMovesTheLevelWithTheReasons) {
  SetLevel(ann_, "standard", "2026-10-01");
  AddEvent(ann_, EventKind::kArrest, "2026-09-15", "A0");  // before the level was set: not a reason
  EXPECT_FALSE(View(ann_).suggestion.has_value());
  AddEvent(ann_, EventKind::kArrest, "2026-11-20", "A1");

  LevelView view = View(ann_);
  ASSERT_TRUE(view.suggestion.has_value());
  EXPECT_EQ(view.suggestion->direction, LevelDirection::kUp);
  EXPECT_EQ(view.suggestion->from, ServiceLevel::kStandard);
  EXPECT_EQ(view.suggestion->to, ServiceLevel::kEnhanced);
  ASSERT_EQ(view.suggestion->reasons.size(), 1u);
  EXPECT_EQ(view.suggestion->reasons[0].rule, LevelRule::kUpArrest);
  EXPECT_EQ(view.suggestion->reasons[0].text, "Arrest on 20 November 2026");
  EXPECT_EQ(view.suggestion->reasons[0].date, D("2026-11-20"));
  EXPECT_EQ(view.suggestion->facts_through, D("2026-11-20"));
  EXPECT_EQ(Entries().back().detail, "level: standard, suggested enhanced; your agency holds offence records");

  // Answers to a suggestion other than the one in force: refused as stale, nothing stored.
  const std::string reason = "Arrested for burglary while on bail";
  EXPECT_EQ(levels_.Decide(manager_, ann_, {"up", "intensive", "accepted", reason}).code(), StatusCode::kStale);
  EXPECT_EQ(levels_.Decide(manager_, ann_, {"down", "enhanced", "accepted", reason}).code(), StatusCode::kStale);
  EXPECT_EQ(levels_.Decide(manager_, ann_, {"", "", "accepted", reason}).code(), StatusCode::kStale);
  // The right suggestion with a bad answer: named by field.
  EXPECT_EQ(Fields(levels_.Decide(manager_, ann_, {"up", "enhanced", "maybe", reason})),
            (std::vector<std::string>{"decision"}));
  EXPECT_EQ(Fields(levels_.Decide(manager_, ann_, {"up", "enhanced", "accepted", " too short "})),
            (std::vector<std::string>{"reason"}));
  // Only a manager answers.
  EXPECT_EQ(levels_.Decide(practitioner_, ann_, {"up", "enhanced", "accepted", reason}).code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(Entries().back().outcome, AuditOutcome::kDenied);
  view = View(ann_);
  EXPECT_TRUE(view.decisions.empty());
  EXPECT_EQ(view.history.size(), 1u);

  ASSERT_TRUE(levels_.Decide(manager_, ann_, {"up", "enhanced", "accepted", reason}).ok());
  const AuditEntry decided = Entries().back();
  view = View(ann_);
  ASSERT_EQ(view.decisions.size(), 1u);
  const LevelDecision& decision = view.decisions[0];
  EXPECT_EQ(decision.direction, LevelDirection::kUp);
  EXPECT_EQ(decision.from, ServiceLevel::kStandard);
  EXPECT_EQ(decision.to, ServiceLevel::kEnhanced);
  EXPECT_EQ(decision.decision, LevelDecisionKind::kAccepted);
  EXPECT_EQ(decision.facts_through, D("2026-11-20"));
  EXPECT_EQ(decision.decided_on, D("2026-12-07"));
  EXPECT_EQ(decision.reason, reason);
  EXPECT_EQ(decision.decided_by, "m.anager");
  ASSERT_EQ(view.history.size(), 2u);
  ASSERT_TRUE(view.level.has_value());
  EXPECT_EQ(view.level->id, view.history[1].id);
  EXPECT_EQ(view.level->level, ServiceLevel::kEnhanced);
  EXPECT_EQ(view.level->on, D("2026-12-07"));
  EXPECT_EQ(view.level->reason, reason + " (suggested: Arrest on 20 November 2026)") << "the reasons kept";
  EXPECT_EQ(view.level->changed_by, "m.anager");
  EXPECT_EQ(decided.action, "set_level");
  EXPECT_EQ(decided.detail, "level suggestion accepted (up to enhanced): " + std::to_string(decision.id) +
                                ", level " + std::to_string(view.level->id));
  EXPECT_FALSE(view.suggestion.has_value()) << "the arrest was before the new level's day";

  // Nothing to answer now.
  EXPECT_EQ(levels_.Decide(manager_, ann_, {"up", "intensive", "accepted", reason}).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(levels_.Decide(manager_, bob_, {"up", "enhanced", "dismissed", reason}).code(),
            StatusCode::kFailedPrecondition)
      << "no level, no suggestion";
  EXPECT_EQ(levels_.Decide(manager_, 999999, {"up", "enhanced", "dismissed", reason}).code(), StatusCode::kNotFound);
}

TEST_F(LevelServiceTest, ADismissedSuggestionIsSilencedUntilANewerFact) {
  SetLevel(ann_, "standard", "2026-10-01");
  AddEvent(ann_, EventKind::kArrest, "2026-11-20", "A1");
  ASSERT_TRUE(levels_.Decide(manager_, ann_, {"up", "enhanced", "dismissed", "No further action on the arrest"}).ok());
  LevelView view = View(ann_);
  ASSERT_EQ(view.decisions.size(), 1u);
  EXPECT_EQ(view.decisions[0].decision, LevelDecisionKind::kDismissed);
  EXPECT_EQ(view.decisions[0].facts_through, D("2026-11-20"));
  EXPECT_EQ(view.history.size(), 1u) << "dismissing moves nothing";
  EXPECT_EQ(view.level->level, ServiceLevel::kStandard);
  EXPECT_FALSE(view.suggestion.has_value()) << "answered";
  EXPECT_EQ(levels_.Decide(manager_, ann_, {"up", "enhanced", "dismissed", "No further action on the arrest"}).code(),
            StatusCode::kFailedPrecondition);

  // A newer arrest: suggested again, with both arrests, oldest first.
  AddEvent(ann_, EventKind::kArrest, "2026-12-05", "A2");
  view = View(ann_);
  ASSERT_TRUE(view.suggestion.has_value());
  ASSERT_EQ(view.suggestion->reasons.size(), 2u);
  EXPECT_EQ(view.suggestion->reasons[0].date, D("2026-11-20"));
  EXPECT_EQ(view.suggestion->reasons[1].text, "Arrest on 5 December 2026");
  EXPECT_EQ(view.suggestion->facts_through, D("2026-12-05"));
}

TEST_F(LevelServiceTest, QuietAndComplyingSuggestsDownAndADismissalHoldsForItsDays) {
  // On level 1 since 1 May 2026 (220 days); 180 days before today is 10 June 2026.
  SetLevel(ann_, "intensive", "2026-05-01");
  AddEvent(ann_, EventKind::kArrest, "2026-06-09", "A1");  // 181 days ago: outside the quiet period
  ASSERT_TRUE(database_
                  ->Write([&](Transaction& tx) -> Status {
                    return tx.Get<CaseRepository>()
                        .AddContact({.person_id = ann_, .kind = ContactKind::kOffice, .on = D("2026-11-30"),
                                     .agency_id = probation_, .agency = "Probation",
                                     .outcome = ContactOutcome::kAttended, .recorded_by = "p.ractitioner",
                                     .recorded_at = kClock.Now()})
                        .status();
                  })
                  .ok());
  LevelView view = View(ann_);
  ASSERT_TRUE(view.suggestion.has_value());
  EXPECT_EQ(view.suggestion->direction, LevelDirection::kDown);
  EXPECT_EQ(view.suggestion->from, ServiceLevel::kIntensive);
  EXPECT_EQ(view.suggestion->to, ServiceLevel::kEnhanced);
  EXPECT_EQ(view.suggestion->facts_through, D("2026-12-07"));
  ASSERT_EQ(view.suggestion->reasons.size(), 1u);
  EXPECT_EQ(view.suggestion->reasons[0].rule, LevelRule::kDownQuiet);
  EXPECT_EQ(view.suggestion->reasons[0].text,
            "No arrest or charge in the 180 days to 7 December 2026, on this level since 1 May 2026; compliance 100% "
            "(1 of 1) over 90 days");

  const std::string reason = "Intelligence says he is still active";
  EXPECT_EQ(levels_.Decide(manager_, ann_, {"up", "enhanced", "dismissed", reason}).code(), StatusCode::kStale);
  ASSERT_TRUE(levels_.Decide(manager_, ann_, {"down", "enhanced", "dismissed", reason}).ok());
  view = View(ann_);
  ASSERT_EQ(view.decisions.size(), 1u);
  EXPECT_EQ(view.decisions[0].direction, LevelDirection::kDown);
  EXPECT_EQ(view.decisions[0].facts_through, D("2026-12-07"));
  EXPECT_FALSE(view.suggestion.has_value()) << "dismissed today: not made again for 90 days";
  EXPECT_EQ(view.level->level, ServiceLevel::kIntensive);

  // With no days of silence the dismissal no longer holds it back; back to the defaults, it does.
  ASSERT_TRUE(levels_.SetLevelRules(admin_, R"({"dismissed_down_days": 0})").ok());
  EXPECT_TRUE(View(ann_).suggestion.has_value());
  ASSERT_TRUE(levels_.SetLevelRules(admin_, "{}").ok());
  EXPECT_EQ(levels_.LevelRules()->dismissed_down_days, 90);
  EXPECT_FALSE(View(ann_).suggestion.has_value());

  // An arrest 180 days ago is inside the quiet period: no suggestion, even with no dismissal holding it back.
  ASSERT_TRUE(levels_.SetLevelRules(admin_, R"({"dismissed_down_days": 0})").ok());
  AddEvent(ann_, EventKind::kArrest, "2026-06-10", "A2");
  EXPECT_FALSE(View(ann_).suggestion.has_value()) << "level 1 has no up suggestion either";
}

TEST_F(LevelServiceTest, LeavingASchemeIsOnlyThroughItsPersonAndItsVersion) {
  const Result<int64_t> ppo = levels_.AddScheme(practitioner_, ann_, {"ppo", "2026-11-01", "", "Panel selected"});
  ASSERT_TRUE(ppo.ok()) << ppo.status().ToString();
  EXPECT_EQ(levels_.LeaveScheme(practitioner_, ann_, *ppo, 2).code(), StatusCode::kStale);
  EXPECT_EQ(levels_.LeaveScheme(practitioner_, bob_, *ppo, 1).code(), StatusCode::kNotFound)
      << "another person's scheme";
  EXPECT_EQ(levels_.LeaveScheme(practitioner_, ann_, *ppo + 1000, 1).code(), StatusCode::kNotFound);
  EXPECT_EQ(levels_.LeaveScheme(housing_worker_, bob_, *ppo, 1).code(), StatusCode::kPermissionDenied);
  EXPECT_FALSE(View(ann_).schemes[0].left_on.has_value()) << "nothing changed";

  ASSERT_TRUE(levels_.LeaveScheme(practitioner_, ann_, *ppo, 1).ok());
  EXPECT_EQ(Entries().back().detail, "scheme " + std::to_string(*ppo) + " left on 2026-12-07");
  const LevelView view = View(ann_);
  ASSERT_EQ(view.schemes.size(), 1u);
  EXPECT_EQ(view.schemes[0].left_on, D("2026-12-07"));
  EXPECT_EQ(view.schemes[0].left_by, "p.ractitioner");
  EXPECT_EQ(view.schemes[0].version, 2);
  EXPECT_FALSE(SchemeCurrent(view.schemes[0], kClock.Today()));
  EXPECT_EQ(levels_.LeaveScheme(practitioner_, ann_, *ppo, 2).code(), StatusCode::kFailedPrecondition)
      << "no longer on it";
  // Off the scheme, they may be put on it again.
  EXPECT_TRUE(levels_.AddScheme(practitioner_, ann_, {"ppo", "", "", "Reselected"}).ok());
}

TEST_F(LevelServiceTest, AnAdministratorSetsTheSuggestionRulesAndTheSuggestionFollows) {
  Result<LevelConfig> rules = levels_.LevelRules();
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(rules->release_days, 28);
  EXPECT_EQ(rules->clear_days, 180);

  // Released 27 days ago (10 November to 7 December) on level 3: an up suggestion within the default 28 days.
  SetLevel(ann_, "standard", "2026-10-01");
  AddEvent(ann_, EventKind::kRelease, "2026-11-10", "R1");
  LevelView view = View(ann_);
  ASSERT_TRUE(view.suggestion.has_value());
  ASSERT_EQ(view.suggestion->reasons.size(), 1u);
  EXPECT_EQ(view.suggestion->reasons[0].rule, LevelRule::kUpRelease);
  EXPECT_EQ(view.suggestion->reasons[0].text, "Released from custody on 10 November 2026");

  // Only an administrator sets the rules; the refusal is audited on the rule set.
  for (const Actor* actor : {&manager_, &practitioner_}) {
    EXPECT_EQ(levels_.SetLevelRules(*actor, R"({"release_days": 26})").code(), StatusCode::kPermissionDenied);
    const AuditEntry last = Entries().back();
    EXPECT_EQ(last.action, "manage_reference_data");
    EXPECT_EQ(last.object_type, "rule_set");
    EXPECT_EQ(last.object_id, "levels");
    EXPECT_EQ(last.outcome, AuditOutcome::kDenied);
  }
  // Bad rules: named by field, or refused whole when they are not JSON; nothing changes.
  const auto fields = [&](const std::string& json) {
    const Status status = levels_.SetLevelRules(admin_, json);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << json;
    return Fields(status);
  };
  EXPECT_EQ(fields(R"({"release_days": 366})"), (std::vector<std::string>{"release_days"}));
  EXPECT_EQ(fields(R"({"release_days": -1})"), (std::vector<std::string>{"release_days"}));
  EXPECT_EQ(fields(R"({"release_days": 2.5})"), (std::vector<std::string>{"release_days"}));
  EXPECT_EQ(fields(R"({"down_compliance": 101})"), (std::vector<std::string>{"down_compliance"}));
  EXPECT_EQ(fields(R"({"release_dayz": 26})"), (std::vector<std::string>{"release_dayz"}));
  EXPECT_TRUE(fields("{not json").empty());
  EXPECT_TRUE(fields("[]").empty());
  EXPECT_EQ(levels_.LevelRules()->release_days, 28);
  EXPECT_TRUE(View(ann_).suggestion.has_value());

  // 26 days: the release 27 days ago no longer counts.
  ASSERT_TRUE(levels_.SetLevelRules(admin_, R"({"release_days": 26})").ok());
  const AuditEntry set = Entries().back();
  EXPECT_EQ(set.action, "manage_reference_data");
  EXPECT_EQ(set.outcome, AuditOutcome::kSuccess);
  EXPECT_EQ(set.detail, LevelConfigJson({.release_days = 26}));
  rules = levels_.LevelRules();
  EXPECT_EQ(rules->release_days, 26);
  EXPECT_EQ(rules->clear_days, 180) << "the rest keep their defaults";
  EXPECT_EQ(rules->dismissed_down_days, 90);
  EXPECT_FALSE(View(ann_).suggestion.has_value());
  // 27 days: 27 days before counts again (the edge).
  ASSERT_TRUE(levels_.SetLevelRules(admin_, R"({"release_days": 27})").ok());
  EXPECT_TRUE(View(ann_).suggestion.has_value());
}

}  // namespace
}  // namespace openiom
