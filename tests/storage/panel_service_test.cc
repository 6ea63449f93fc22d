// The selection panel on both backends: referral, decisions, cohort membership, de-selection and re-referral,
// the cohort's counts, and the fairness check.
#include <gtest/gtest.h>

#include "services/audit/audit_trail.h"
#include "services/selection/panel_service.h"
#include "services/selection/scoring_service.h"
#include "storage/accounts/agency_repository.h"
#include "storage/people/event_repository.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"
#include "support/test_database.h"

namespace openiom {
namespace {

const FixedClock kClock(*ParseIsoTimestamp("2026-11-30T10:00:00Z"));

class PanelServiceTest : public ::testing::Test {
 protected:
  PanelServiceTest() : database_(test_database_.OpenMigrated()) {}

  void SetUp() override {
    ASSERT_TRUE(database_->Write([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(agency_, tx.Get<AgencyRepository>().Create({0, "Cleveland Police", AgencyKind::kPolice}));
      Person person{.surname = "Testington", .forenames = "Aaron", .date_of_birth = *ParseIsoDate("1990-01-01"),
                    .gender = Gender::kMale, .created_at = kClock.Now(), .updated_at = kClock.Now()};
      person.address.district = "Hartlepool";
      ASSIGN_OR_RETURN(aaron_, tx.Get<PersonRepository>().Create(person));
      for (int i = 0; i < 10; ++i) {
        Event arrest{.person_id = aaron_, .kind = EventKind::kArrest, .event_date = *ParseIsoDate("2026-11-01"),
                     .offence_category = "shoplifting", .source_system = "police",
                     .source_record_id = "A" + std::to_string(i), .recorded_at = kClock.Now()};
        RETURN_IF_ERROR(tx.Get<EventRepository>().Create(arrest, std::nullopt).status());
      }
      return Status::Ok();
    }).ok());
  }

  int64_t Refer(const Actor& actor, const std::string& reasons = "Ten arrests this year.") {
    const Result<int64_t> id = panel_.Refer(actor, aaron_, "referral", reasons);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  PanelDecision Decision(int64_t referral, std::string decision) {
    const Result<Referral> stored = panel_.GetReferral(manager_, referral);
    return {.referral_id = referral, .expected_version = stored.ok() ? stored->version : 0,
            .decision = std::move(decision), .reason = "Agreed at panel", .panel_date = "2026-11-30",
            .strand = "fixed", .scheme = "ppo", .lead_agency_id = std::to_string(agency_)};
  }

  testing::TestDatabase test_database_;
  std::unique_ptr<Database> database_;
  const AuditTrail audit_{kClock};
  PanelService panel_{*database_, audit_, kClock};
  ScoringService scoring_{*database_, audit_, kClock};
  const Actor practitioner_{.user_id = 2, .username = "p.ractitioner", .roles = {Role::kPractitioner}};
  const Actor manager_{.user_id = 1, .username = "m.anager", .roles = {Role::kManager}};
  PersonId aaron_ = 0;
  AgencyId agency_ = 0;
};

TEST_F(PanelServiceTest, ReferDeferSelectDeselectAndReferAgain) {
  const int64_t first = Refer(practitioner_);
  EXPECT_EQ(panel_.Refer(practitioner_, aaron_, "referral", "again").status().code(), StatusCode::kConflict)
      << "already waiting for the panel";

  ASSERT_TRUE(panel_.Decide(manager_, Decision(first, "defer")).ok());
  Result<SelectionHistory> history = panel_.History(practitioner_, aaron_);
  ASSERT_TRUE(history.ok());
  EXPECT_TRUE(history->awaiting_panel) << "a deferred referral comes back to the next panel";
  ASSERT_EQ(panel_.AwaitingPanel(practitioner_)->size(), 1u);

  ASSERT_TRUE(panel_.Decide(manager_, Decision(first, "select")).ok());
  history = panel_.History(practitioner_, aaron_);
  ASSERT_TRUE(history.ok());
  EXPECT_TRUE(history->in_cohort);
  EXPECT_FALSE(history->awaiting_panel);
  ASSERT_EQ(history->memberships.size(), 1u);
  const CohortMembership& membership = history->memberships[0];
  EXPECT_EQ(CodeOf(membership.strand), "fixed");
  EXPECT_EQ(CodeOf(membership.scheme), "ppo");
  EXPECT_EQ(membership.lead_agency, "Cleveland Police");
  EXPECT_EQ(membership.selected_on, *ParseIsoDate("2026-11-30"));
  EXPECT_EQ(membership.selected_by, "m.anager");
  EXPECT_EQ(CodeOf(history->referrals[0].status), "selected");
  EXPECT_EQ(history->referrals[0].decision_reason, "Agreed at panel");
  EXPECT_TRUE(panel_.AwaitingPanel(practitioner_)->empty());
  EXPECT_EQ(panel_.Refer(practitioner_, aaron_, "referral", "again").status().code(), StatusCode::kConflict)
      << "already in the cohort";

  const Result<CohortView> cohort = panel_.Cohort(practitioner_);
  ASSERT_TRUE(cohort.ok());
  ASSERT_EQ(cohort->members.size(), 1u);
  ASSERT_EQ(cohort->by_strand.size(), 3u);
  EXPECT_EQ(cohort->by_strand[0].key, "fixed");
  EXPECT_EQ(cohort->by_strand[0].members, 1);
  EXPECT_EQ(cohort->by_strand[1].members, 0);
  ASSERT_EQ(cohort->by_scheme.size(), 7u);
  EXPECT_EQ(cohort->by_scheme[0].key, "ppo");
  EXPECT_EQ(cohort->by_scheme[0].members, 1);

  // The first review is due 91 days after the panel.
  EXPECT_EQ(membership.next_review_on, *ParseIsoDate("2026-11-30") + std::chrono::days(91));

  // Reviews: a move to another strand (validated), then de-selection, which ends the membership; the person may
  // be referred again.
  const Result<PersonId> invalid =
      panel_.Review(manager_, {.membership_id = membership.id, .expected_version = membership.version,
                               .outcome = "change_strand", .strand = "fixed", .notes = "", .date = "2026-11-01",
                               .next_review = "2026-11-01"});
  EXPECT_EQ(invalid.status().code(), StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const FieldProblem& problem : invalid.status().problems()) fields.push_back(problem.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"notes", "next_review"}));
  EXPECT_EQ(panel_.Review(manager_, {.membership_id = membership.id, .expected_version = membership.version,
                                     .outcome = "change_strand", .strand = "fixed", .notes = "Same",
                                     .date = "2026-11-30", .next_review = "2027-01-31"})
                .status()
                .code(),
            StatusCode::kInvalidArgument)
      << "already on the fixed strand";
  ASSERT_TRUE(panel_.Review(manager_, {.membership_id = membership.id, .expected_version = membership.version,
                                       .outcome = "change_strand", .strand = "flex", .notes = "Engaging well",
                                       .date = "2026-11-30", .next_review = "2027-01-31"})
                  .ok());
  CohortMembership moved = panel_.History(practitioner_, aaron_)->memberships[0];
  EXPECT_EQ(CodeOf(moved.strand), "flex");
  EXPECT_EQ(moved.next_review_on, *ParseIsoDate("2027-01-31"));
  EXPECT_EQ(panel_.Review(manager_, {.membership_id = membership.id, .expected_version = membership.version,
                                     .outcome = "continue", .notes = "x", .date = "2026-11-30",
                                     .next_review = "2027-01-31"})
                .status()
                .code(),
            StatusCode::kStale)
      << "a stale version changes nothing";
  const Result<PersonId> ended = panel_.Review(manager_, {.membership_id = moved.id, .expected_version = moved.version,
                                                          .outcome = "deselect", .notes = "Stopped offending",
                                                          .date = "2026-11-30"});
  ASSERT_TRUE(ended.ok()) << ended.status().ToString();
  EXPECT_EQ(*ended, aaron_);
  EXPECT_TRUE(panel_.Cohort(practitioner_)->members.empty());
  Refer(practitioner_, "Arrested again after leaving the cohort.");
  history = panel_.History(practitioner_, aaron_);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->referrals.size(), 2u);
  EXPECT_EQ(history->memberships[0].deselection_reason, "Stopped offending");
  ASSERT_EQ(history->reviews.size(), 2u);
  EXPECT_EQ(CodeOf(history->reviews[0].outcome), "change_strand");
  EXPECT_EQ(CodeOf(history->reviews[0].strand), "flex");
  EXPECT_EQ(CodeOf(history->reviews[1].outcome), "deselect");
}

TEST_F(PanelServiceTest, AHistoryIsOneAuditedViewOfThePerson) {
  const int64_t before = VerifyAuditTrail(*database_)->entries;
  const Result<SelectionHistory> history = panel_.History(practitioner_, aaron_);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->person.surname, "Testington");
  EXPECT_FALSE(history->has_open_warrant);
  EXPECT_EQ(VerifyAuditTrail(*database_)->entries, before + 1);
  EXPECT_EQ(panel_.History(practitioner_, 999999).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(VerifyAuditTrail(*database_)->entries, before + 2) << "a failed look-up is recorded too";
}

TEST_F(PanelServiceTest, DecisionsAreValidatedAndLocked) {
  const int64_t referral = Refer(practitioner_);
  EXPECT_EQ(panel_.Decide(practitioner_, Decision(referral, "select")).code(),
            StatusCode::kPermissionDenied)
      << "only managers decide";
  PanelDecision bad{.referral_id = referral, .decision = "select", .panel_date = "2026-12-01", .strand = "x"};
  const Status invalid = panel_.Decide(manager_, bad);
  EXPECT_EQ(invalid.code(), StatusCode::kInvalidArgument);
  const FieldProblems& problems = invalid.problems();
  std::vector<std::string> fields;
  for (const FieldProblem& problem : problems) fields.push_back(problem.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"reason", "panel_date", "strand", "scheme"}));
  EXPECT_EQ(problems[1].message, "The panel date must be today or in the past");

  PanelDecision stale = Decision(referral, "decline");
  stale.expected_version += 1;
  EXPECT_EQ(panel_.Decide(manager_, stale).code(), StatusCode::kStale);
  ASSERT_TRUE(panel_.Decide(manager_, Decision(referral, "decline")).ok());
  EXPECT_EQ(panel_.Decide(manager_, Decision(referral, "select")).code(), StatusCode::kConflict)
      << "already decided";
  EXPECT_FALSE(panel_.History(practitioner_, aaron_)->in_cohort);
  EXPECT_EQ(panel_.Refer(practitioner_, 999999, "referral", "x").status().code(), StatusCode::kNotFound);
  const Result<int64_t> gossip = panel_.Refer(practitioner_, aaron_, "gossip", "");
  EXPECT_EQ(gossip.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(gossip.status().problems().size(), 2u);
}

// Two people acting at once both pass the services' checks; the database still keeps one referral awaiting the
// panel and one current membership per person.
TEST_F(PanelServiceTest, TheDatabaseAllowsOneAwaitingReferralAndOneCurrentMembership) {
  const auto write = [&](const std::function<Status(Transaction&)>& work) { return database_->Write(work); };
  const Referral referral{.person_id = aaron_, .route = ReferralRoute::kReferral, .reasons = "r", .referred_by = "a",
                          .referred_at = kClock.Now()};
  ASSERT_TRUE(write([&](Transaction& tx) { return tx.Get<PanelRepository>().CreateReferral(referral).status(); }).ok());
  EXPECT_EQ(write([&](Transaction& tx) { return tx.Get<PanelRepository>().CreateReferral(referral).status(); }).code(),
            StatusCode::kConflict);
  const CohortMembership membership{.person_id = aaron_, .strand = Strand::kFlex, .scheme = Scheme::kHcc,
                                    .selected_on = *ParseIsoDate("2026-11-30"), .selection_reason = "r",
                                    .selected_by = "m"};
  ASSERT_TRUE(
      write([&](Transaction& tx) { return tx.Get<PanelRepository>().AddMembership(membership).status(); }).ok());
  EXPECT_EQ(write([&](Transaction& tx) { return tx.Get<PanelRepository>().AddMembership(membership).status(); }).code(),
            StatusCode::kConflict);
}

TEST_F(PanelServiceTest, CohortMembersAreNotCandidatesAndFairnessCountsThem) {
  ASSERT_TRUE(scoring_.ScoreDatabase(manager_, *ParseIsoDate("2026-11-30"), ScoringConfig{}).ok());
  EXPECT_EQ(scoring_.Candidates(manager_, {})->total, 1) << "ten arrests: prolific-10";
  ASSERT_TRUE(panel_.Decide(manager_, Decision(Refer(practitioner_), "select")).ok());
  const Result<ScoreRun> run = scoring_.ScoreDatabase(manager_, *ParseIsoDate("2026-11-30"), ScoringConfig{});
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->candidates, 0) << "a cohort member is not proposed again";

  EXPECT_EQ(panel_.Fairness(practitioner_).status().code(), StatusCode::kPermissionDenied);
  const Result<FairnessReport> report = panel_.Fairness(manager_);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->dimensions.size(), 4u);
  EXPECT_EQ(report->dimensions[0].first, "Gender");
  const std::vector<GroupRates>& gender = report->dimensions[0].second;
  ASSERT_EQ(gender.size(), 2u);  // Male, All
  EXPECT_EQ(gender[0].group, "Male");
  EXPECT_EQ(gender[0].scored, 1);
  EXPECT_EQ(gender[0].selected, 1);
  EXPECT_EQ(report->dimensions[1].second[0].group, "35-49");
  EXPECT_EQ(report->dimensions[3].second[0].group, "Hartlepool");
}

}  // namespace
}  // namespace openiom
