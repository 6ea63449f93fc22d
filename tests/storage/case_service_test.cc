// Case management on both backends, with a fixed day: contacts, assessments and overrides stored and read back
// exactly, and the BRAG rating the service computes from them (the rules themselves are tested in
// domain/cases/brag_test.cc).
#include <gtest/gtest.h>

#include "services/audit/audit_trail.h"
#include "services/cases/case_service.h"
#include "storage/accounts/agency_repository.h"
#include "storage/audit/audit_repository.h"
#include "storage/cases/case_repository.h"
#include "storage/people/event_repository.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"
#include "support/test_database.h"

namespace openiom {
namespace {

const FixedClock kClock(*ParseIsoTimestamp("2026-11-30T10:00:00Z"));
const Date kToday = *ParseIsoDate("2026-11-30");

class CaseServiceTest : public ::testing::Test {
 protected:
  CaseServiceTest() : database_(test_database_.OpenMigrated()) {}

  void SetUp() override {
    ASSERT_TRUE(database_->Write([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(agency_, tx.Get<AgencyRepository>().Create({0, "Cleveland Police", AgencyKind::kPolice}));
      Person person{.surname = "Testington", .forenames = "Ann", .date_of_birth = *ParseIsoDate("1990-01-01"),
                    .gender = Gender::kFemale, .created_at = kClock.Now(), .updated_at = kClock.Now()};
      ASSIGN_OR_RETURN(ann_, tx.Get<PersonRepository>().Create(person));
      Event release{.person_id = ann_, .kind = EventKind::kRelease, .event_date = *ParseIsoDate("2026-11-02"),
                    .source_system = "prison", .source_record_id = "R1", .recorded_at = kClock.Now()};
      return tx.Get<EventRepository>().Create(release, std::nullopt).status();
    }).ok());
    officer_.agency_id = agency_;
  }

  testing::TestDatabase test_database_;
  std::unique_ptr<Database> database_;
  const AuditTrail audit_{kClock};
  CaseService cases_{*database_, audit_, kClock};
  Actor officer_{.user_id = 0, .username = "p.c", .agency_name = "Cleveland Police", .roles = {Role::kPractitioner}};
  const Actor manager_{.user_id = 0, .username = "m.anager", .agency_kind = AgencyKind::kProbation,
                       .roles = {Role::kManager}};
  int64_t agency_ = 0;
  PersonId ann_ = 0;
};

TEST_F(CaseServiceTest, ContactsAndAssessmentsAreStoredExactlyAndRateThePerson) {
  // Released 28 days ago: Amber, provisional (no assessment).
  Result<BragView> rating = cases_.Brag(officer_, ann_);
  ASSERT_TRUE(rating.ok()) << rating.status().ToString();
  EXPECT_EQ(rating->rating.computed, BragRating::kAmber);
  EXPECT_TRUE(rating->rating.provisional);
  ASSERT_EQ(rating->rating.reasons.size(), 1u);
  EXPECT_EQ(rating->rating.reasons[0].rule, BragRule::kRecentRelease);
  // The next day the release is 29 days old: Green, as of then (a day before today is allowed, after is not).
  EXPECT_EQ(cases_.Brag(officer_, ann_, *ParseIsoDate("2026-11-29"))->rating.computed, BragRating::kAmber);
  EXPECT_EQ(cases_.Brag(officer_, ann_, *ParseIsoDate("2026-11-01"))->rating.computed, BragRating::kGreen);
  EXPECT_EQ(cases_.Brag(officer_, ann_, kToday + std::chrono::days(1)).status().code(), StatusCode::kInvalidArgument);

  // Two contacts on one day, one with no time: read back in the same order on both backends.
  ASSERT_TRUE(cases_.AddContact(officer_, ann_, {.kind = "home_visit", .on = "2026-11-20", .time = "14:30",
                                                 .worker = "PC Jones", .outcome = "failed_unacceptable",
                                                 .notes = "No answer; neighbour says she moved"}).ok());
  ASSERT_TRUE(cases_.AddContact(officer_, ann_, {.kind = "phone", .on = "2026-11-20"}).ok());
  const Result<CaseView> view = cases_.Case(officer_, ann_);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  ASSERT_EQ(view->contacts.size(), 2u);
  EXPECT_EQ(view->contacts[0].kind, ContactKind::kPhone) << "no time sorts first";
  EXPECT_FALSE(view->contacts[0].outcome.has_value());
  const Contact& visit = view->contacts[1];
  EXPECT_EQ(visit.time, "14:30");
  EXPECT_EQ(visit.worker, "PC Jones");
  EXPECT_EQ(visit.agency, "Cleveland Police");
  EXPECT_EQ(visit.agency_id, agency_);
  EXPECT_EQ(visit.outcome, ContactOutcome::kFailedUnacceptable);
  EXPECT_EQ(visit.notes, "No answer; neighbour says she moved");
  EXPECT_EQ(visit.recorded_by, "p.c");
  EXPECT_EQ(view->compliance_28.counted, 1);
  EXPECT_EQ(view->rating.computed, BragRating::kAmber);
  EXPECT_EQ(view->rating.reasons.size(), 2u) << "the failed visit and the release";

  // Stale: an outcome recorded against a version that was changed meanwhile changes nothing.
  const ContactInput attended{.kind = "phone", .on = "2026-11-20", .outcome = "attended"};
  EXPECT_TRUE(cases_.RecordOutcome(officer_, ann_, view->contacts[0].id, 1, attended).ok());
  EXPECT_EQ(cases_.RecordOutcome(officer_, ann_, view->contacts[0].id, 1, attended).code(), StatusCode::kStale);
  EXPECT_EQ(cases_.RecordOutcome(officer_, ann_ + 1, view->contacts[0].id, 2, attended).code(),
            StatusCode::kNotFound)
      << "a contact is changed only through its own person";

  // A woman's assessment with the women's pathways, stored with its notes in the form's order.
  AssessmentInput input{.assessed_on = "2026-11-25"};
  for (const Pathway pathway : FormPathways(1)) input.needs[std::string(CodeOf(pathway))] = "significant";
  input.notes["health"] = "Hepatitis C; not registered with a GP";
  input.needs["children_families"] = "none";
  ASSERT_TRUE(cases_.AddAssessment(officer_, ann_, input).ok());
  const Result<CaseView> assessed = cases_.Case(officer_, ann_);
  ASSERT_EQ(assessed->assessments.size(), 1u);
  const Assessment& stored = assessed->assessments[0];
  ASSERT_EQ(stored.needs.size(), 9u);
  EXPECT_EQ(stored.needs[0].pathway, Pathway::kAccommodation);
  EXPECT_EQ(stored.needs[2].notes, "Hepatitis C; not registered with a GP");
  EXPECT_EQ(stored.NeedOn(Pathway::kChildrenFamilies)->level, NeedLevel::kNone);
  EXPECT_EQ(stored.Total(), 16);
  EXPECT_EQ(stored.assessed_on, *ParseIsoDate("2026-11-25"));
  EXPECT_FALSE(assessed->rating.provisional);
  EXPECT_EQ(assessed->rating.reasons.front().rule, BragRule::kSignificantNeeds);
}

TEST_F(CaseServiceTest, AnOverrideWaitsForAManagerAndIsStoredWithItsSignOff) {
  const OverrideInput input{.rating = "red", .justification = "Intelligence of dealing from the address",
                            .expires_on = "2027-01-15"};
  const Result<int64_t> id = cases_.RequestOverride(officer_, ann_, input);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  Result<BragView> rating = cases_.Brag(officer_, ann_);
  EXPECT_EQ(rating->rating.Shown(), BragRating::kAmber);
  ASSERT_TRUE(rating->rating.pending.has_value());
  EXPECT_EQ(rating->rating.pending->justification, "Intelligence of dealing from the address");
  EXPECT_EQ(cases_.SignOffOverride(officer_, ann_, *id, 1).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(cases_.SignOffOverride(manager_, ann_, *id, 2).code(), StatusCode::kStale);
  ASSERT_TRUE(cases_.SignOffOverride(manager_, ann_, *id, 1).ok());
  rating = cases_.Brag(officer_, ann_);
  EXPECT_EQ(rating->rating.Shown(), BragRating::kRed);
  EXPECT_EQ(rating->rating.computed, BragRating::kAmber);
  ASSERT_TRUE(rating->rating.override_.has_value());
  EXPECT_EQ(rating->rating.override_->approved_by, "m.anager");
  EXPECT_EQ(rating->rating.override_->expires_on, *ParseIsoDate("2027-01-15"));
  EXPECT_EQ(cases_.Brag(officer_, ann_, *ParseIsoDate("2026-11-29"))->rating.Shown(), BragRating::kAmber)
      << "before it started";
  EXPECT_EQ(cases_.WithdrawOverride(officer_, ann_, *id, 2).code(), StatusCode::kPermissionDenied)
      << "a practitioner does not undo a manager's sign-off";
  EXPECT_EQ(cases_.Brag(officer_, ann_)->rating.Shown(), BragRating::kRed);
  ASSERT_TRUE(cases_.WithdrawOverride(manager_, ann_, *id, 2).ok());
  EXPECT_EQ(cases_.Brag(officer_, ann_)->rating.Shown(), BragRating::kAmber) << "withdrawn from today";
  EXPECT_EQ(cases_.WithdrawOverride(manager_, ann_, *id, 3).code(), StatusCode::kFailedPrecondition);
  // A request still awaiting sign-off is withdrawn by whoever may ask for one.
  const Result<int64_t> pending = cases_.RequestOverride(
      officer_, ann_, {.rating = "green", .justification = "Engaging well with treatment and housing",
                       .expires_on = "2027-01-01"});
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(cases_.WithdrawOverride(officer_, ann_, *pending, 1).ok());
  EXPECT_FALSE(cases_.Brag(officer_, ann_)->rating.pending.has_value());

  const Result<int64_t> too_long = cases_.RequestOverride(
      officer_, ann_, {.rating = "green", .justification = "Engaging well with treatment and housing",
                       .expires_on = "2027-12-01"});
  ASSERT_EQ(too_long.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(too_long.status().problems()[0].field, "expires_on");
}

TEST_F(CaseServiceTest, APractitionerAskingForTheWholeCohortIsRefusedAndTheRefusalIsAudited) {
  const Actor practitioner{.user_id = 0, .username = "p.ractitioner", .agency_kind = AgencyKind::kProbation,
                           .roles = {Role::kPractitioner}};
  EXPECT_EQ(cases_.Caseload(practitioner, {.everyone = true}).status().code(), StatusCode::kPermissionDenied);
  int denied = 0;
  ASSERT_TRUE(database_->Read([&](Transaction& tx) -> Status {
    return tx.Get<AuditRepository>().ForEach([&](const AuditEntry& entry) {
      denied += entry.action == "view_caseload" && entry.outcome == AuditOutcome::kDenied ? 1 : 0;
      return true;
    });
  }).ok());
  EXPECT_EQ(denied, 1);
  EXPECT_TRUE(cases_.Caseload(practitioner, {}).ok()) << "their own caseload is theirs to see";
}

TEST_F(CaseServiceTest, TheRulesInForceAreTheStoredOnesAndBadOnesAreRefused) {
  EXPECT_EQ(cases_.BragRules()->window_days, 28);
  EXPECT_EQ(cases_.SetBragRules(officer_, R"({"window_days": 27})").code(), StatusCode::kPermissionDenied);
  const Actor admin{.user_id = 0, .username = "a.dmin", .roles = {Role::kAdmin}};
  EXPECT_EQ(cases_.SetBragRules(admin, R"({"window_days": 0})").code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(cases_.SetBragRules(admin, R"({"window_days": 27})").ok());
  EXPECT_EQ(cases_.BragRules()->window_days, 27);
  // With a 27-day window the release 28 days ago no longer counts.
  EXPECT_EQ(cases_.Brag(officer_, ann_)->rating.computed, BragRating::kGreen);
}

}  // namespace
}  // namespace openiom
