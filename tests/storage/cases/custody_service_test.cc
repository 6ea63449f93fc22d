// Custody and Through-the-Gate on both backends: an episode and its checklist recorded in one go, due dates counted
// back from the expected release (by hand below), the custody_start, release and recall events kept in step with the
// episode's dates, optimistic locking, the checklist's updates, the releases due, and the audit of each read.
#include <gtest/gtest.h>

#include <algorithm>

#include "services/audit/audit_trail.h"
#include "services/cases/custody_service.h"
#include "storage/cases/custody_repository.h"
#include "storage/people/event_repository.h"
#include "storage/people/person_repository.h"
#include "storage/selection/panel_repository.h"
#include "storage/transaction.h"
#include "support/test_database.h"

namespace openiom {
namespace {

Date D(const char* iso) { return *ParseIsoDate(iso); }

// Monday 7 December 2026.
const FixedClock kClock(*ParseIsoTimestamp("2026-12-07T10:00:00Z"));

class CustodyServiceTest : public ::testing::Test {
 protected:
  CustodyServiceTest() : database_(test_database_.OpenMigrated()) {}

  void SetUp() override {
    ASSERT_TRUE(database_->Write([&](Transaction& tx) -> Status {
      for (auto [id, surname] : {std::pair{&aaron_, "Testington"}, std::pair{&beth_, "Samplewood"},
                                 std::pair{&carl_, "Caseworth"}}) {
        ASSIGN_OR_RETURN(*id, tx.Get<PersonRepository>().Create({.surname = surname,
                                                                 .forenames = "A",
                                                                 .created_at = kClock.Now(),
                                                                 .updated_at = kClock.Now()}));
      }
      // Aaron is a PPO: a current member of the cohort on the PPO scheme. Beth is in the cohort on another scheme.
      RETURN_IF_ERROR(tx.Get<PanelRepository>()
                          .AddMembership({.person_id = aaron_, .scheme = Scheme::kPpo, .selected_on = D("2026-01-05"),
                                          .selection_reason = "panel", .selected_by = "m"})
                          .status());
      RETURN_IF_ERROR(tx.Get<PanelRepository>()
                          .AddMembership({.person_id = beth_, .scheme = Scheme::kHcc, .selected_on = D("2026-01-05"),
                                          .selection_reason = "panel", .selected_by = "m"})
                          .status());
      return Status::Ok();
    }).ok());
  }

  std::vector<Event> Events(PersonId person) {
    std::vector<Event> events;
    EXPECT_TRUE(database_->Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(events, tx.Get<EventRepository>().ListForPerson(person));
      return Status::Ok();
    }).ok());
    return events;
  }

  CustodyEpisodeView Create(PersonId person, CustodyEpisodeInput input) {
    Result<CustodyEpisodeView> created = custody_.Create(officer_, person, input);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : CustodyEpisodeView{};
  }

  std::vector<AuditEntry> AuditOf(PersonId person) {
    auto found = SearchAuditTrail(*database_, audit_, auditor_,
                                  {.object_type = "person", .object_id = std::to_string(person), .limit = 100});
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    return found.ok() ? found->first : std::vector<AuditEntry>{};
  }

  testing::TestDatabase test_database_;
  std::unique_ptr<Database> database_;
  const AuditTrail audit_{kClock};
  CustodyService custody_{*database_, audit_, kClock};
  const Actor officer_{.user_id = 1, .username = "o.fficer", .agency_id = 1, .agency_name = "Cleveland Police",
                       .agency_kind = AgencyKind::kPolice, .roles = {Role::kPractitioner}};
  const Actor prison_{.user_id = 2, .username = "p.liaison", .agency_id = 2, .agency_name = "HMP Holme House",
                      .agency_kind = AgencyKind::kPrison, .roles = {Role::kPractitioner}};
  const Actor housing_{.user_id = 3, .username = "h.ousing", .agency_id = 3, .agency_name = "Tees Housing",
                       .agency_kind = AgencyKind::kHousing, .roles = {Role::kPractitioner}};
  const Actor manager_{.user_id = 4, .username = "m.anager", .agency_id = 3, .agency_name = "Tees Housing",
                       .agency_kind = AgencyKind::kHousing, .roles = {Role::kManager}};
  const Actor auditor_{.user_id = 5, .username = "a.uditor", .roles = {Role::kAuditor}};
  PersonId aaron_ = 0, beth_ = 0, carl_ = 0;
};

// The requirement's example: release expected on Friday 18 December 2026, custody since 2 March 2026.
TEST_F(CustodyServiceTest, ANewEpisodeCreatesItsChecklistAndCustodyStartEvent) {
  const CustodyEpisodeView view = Create(aaron_, {.establishment = "HMP Holme House", .started_on = "2026-03-02",
                                                  .sentence = "18 months", .expected_release_on = "2026-12-18",
                                                  .licence_end_on = "2027-09-01"});
  EXPECT_EQ(view.episode.version, 1);
  EXPECT_EQ(view.episode.recorded_by, "o.fficer");
  EXPECT_EQ(ReleaseCountdown(view.episode, kClock.Today()), 11);
  const std::vector<std::pair<ChecklistItem, const char*>> expected = {
      {ChecklistItem::kAccommodationAdvice, "2026-09-25"},  // 12 weeks before
      {ChecklistItem::kBenefitClaim, "2026-12-18"},          // release day
      {ChecklistItem::kTreatmentAppointment, "2026-12-04"},  // 14 days before
      {ChecklistItem::kGpRegistration, "2026-11-20"},        // 28 days before
      {ChecklistItem::kIdDocuments, "2026-11-20"},           // 28 days before
      {ChecklistItem::kRestorativeJustice, "2026-10-23"},    // 56 days before: Aaron is a PPO
  };
  ASSERT_EQ(view.checklist.size(), expected.size());
  for (size_t item_idx = 0; item_idx < expected.size(); ++item_idx) {
    const CustodyChecklistItem& item = view.checklist[item_idx];
    EXPECT_EQ(item.item, expected[item_idx].first);
    EXPECT_EQ(item.due_on, D(expected[item_idx].second)) << CodeOf(item.item);
    EXPECT_EQ(item.state, ChecklistState::kOpen);
    EXPECT_EQ(item.episode_id, view.episode.id);
  }
  // On 7 December all but the benefit claim are past due.
  EXPECT_EQ(std::count_if(view.checklist.begin(), view.checklist.end(),
                          [](const CustodyChecklistItem& item) { return IsOverdue(item, kClock.Today()); }),
            5);
  const std::vector<Event> events = Events(aaron_);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::kCustodyStart);
  EXPECT_EQ(events[0].event_date, D("2026-03-02"));
  EXPECT_EQ(events[0].source_system, "Cleveland Police");
  EXPECT_EQ(events[0].source_record_id, "custody-" + std::to_string(view.episode.id) + "-start");
}

TEST_F(CustodyServiceTest, RestorativeJusticeOnlyForPpos) {
  for (PersonId person : {beth_, carl_}) {  // another scheme; not in the cohort
    const CustodyEpisodeView view = Create(person, {.establishment = "HMP Durham", .started_on = "2026-06-01"});
    ASSERT_EQ(view.checklist.size(), 5u);
    for (const CustodyChecklistItem& item : view.checklist) {
      EXPECT_NE(item.item, ChecklistItem::kRestorativeJustice);
      EXPECT_EQ(item.due_on, std::nullopt) << "no release expected, nothing is due yet";
    }
  }
}

TEST_F(CustodyServiceTest, ReleaseAndRecallAreRecordedAsEventsAndCorrectedInPlace) {
  CustodyEpisodeView view = Create(aaron_, {.establishment = "HMP Holme House", .started_on = "2026-03-02",
                                            .expected_release_on = "2026-12-04"});
  CustodyEpisodeInput input{.establishment = "HMP Holme House", .started_on = "2026-03-02",
                            .expected_release_on = "2026-12-04", .released_on = "2026-12-03"};
  Result<CustodyEpisodeView> changed = custody_.Update(prison_, aaron_, view.episode.id, 1, input);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(changed->episode.version, 2);
  std::vector<Event> events = Events(aaron_);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].kind, EventKind::kRelease);
  EXPECT_EQ(events[1].event_date, D("2026-12-03"));
  EXPECT_EQ(events[1].source_system, "HMP Holme House") << "recorded by whoever recorded the release";
  EXPECT_EQ(events[1].source_record_id, "custody-" + std::to_string(view.episode.id) + "-release");
  const EventId release_id = events[1].id;

  // The release date corrected, and custody's start too: the same events move, none is added.
  input.released_on = "2026-12-04";
  input.started_on = "2026-03-03";
  changed = custody_.Update(officer_, aaron_, view.episode.id, 2, input);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  events = Events(aaron_);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, EventKind::kCustodyStart);
  EXPECT_EQ(events[0].event_date, D("2026-03-03"));
  EXPECT_EQ(events[1].id, release_id);
  EXPECT_EQ(events[1].event_date, D("2026-12-04"));

  // Recalled on licence: a recall event.
  input.recalled_on = "2026-12-06";
  changed = custody_.Update(officer_, aaron_, view.episode.id, 3, input);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  events = Events(aaron_);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].kind, EventKind::kRecall);
  EXPECT_EQ(events[2].event_date, D("2026-12-06"));

  // The release and recall withdrawn (entered on the wrong person): their events go too.
  input.released_on = "";
  input.recalled_on = "";
  changed = custody_.Update(officer_, aaron_, view.episode.id, 4, input);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  events = Events(aaron_);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::kCustodyStart);
}

TEST_F(CustodyServiceTest, AStaleVersionChangesNothing) {
  const CustodyEpisodeView view = Create(aaron_, {.establishment = "HMP Holme House", .started_on = "2026-03-02"});
  const CustodyEpisodeInput input{.establishment = "HMP Durham", .started_on = "2026-03-02"};
  ASSERT_TRUE(custody_.Update(officer_, aaron_, view.episode.id, 1, input).ok());
  const Result<CustodyEpisodeView> stale =
      custody_.Update(officer_, aaron_, view.episode.id, 1, {.establishment = "HMP Leeds", .started_on = "2026-03-02"});
  EXPECT_EQ(stale.status().code(), StatusCode::kStale);
  const Result<CustodyRecord> record = custody_.Get(officer_, aaron_);
  ASSERT_TRUE(record.ok());
  EXPECT_EQ(record->episodes[0].episode.establishment, "HMP Durham");
  EXPECT_EQ(record->episodes[0].episode.version, 2);
  EXPECT_EQ(custody_.Update(officer_, beth_, view.episode.id, 2, input).status().code(), StatusCode::kNotFound)
      << "an episode is changed only through its own person";
}

TEST_F(CustodyServiceTest, ChangingTheExpectedReleaseRecountsTheDueDates) {
  const CustodyEpisodeView view = Create(carl_, {.establishment = "HMP Durham", .started_on = "2026-06-01"});
  const Result<CustodyEpisodeView> changed =
      custody_.Update(officer_, carl_, view.episode.id, 1,
                      {.establishment = "HMP Durham", .started_on = "2026-06-01", .expected_release_on = "2027-03-05"});
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  // 84 days before Friday 5 March 2027 is 11 December 2026 (20 days of December, 31 of January, 28 of February, 5).
  EXPECT_EQ(changed->checklist[0].due_on, D("2026-12-11"));
  EXPECT_EQ(changed->checklist[1].due_on, D("2027-03-05"));
  EXPECT_EQ(changed->checklist[3].due_on, D("2027-02-05"));
}

TEST_F(CustodyServiceTest, OneEpisodeInCustodyAtATime) {
  Create(aaron_, {.establishment = "HMP Holme House", .started_on = "2026-03-02"});
  EXPECT_EQ(custody_.Create(officer_, aaron_, {.establishment = "HMP Durham", .started_on = "2026-04-01"})
                .status()
                .code(),
            StatusCode::kConflict);
  // A past episode, released, may still be recorded.
  EXPECT_TRUE(custody_
                  .Create(officer_, aaron_,
                          {.establishment = "HMP Durham", .started_on = "2024-01-01", .released_on = "2024-06-01"})
                  .ok());
}

TEST_F(CustodyServiceTest, ProblemsNameTheirFields) {
  const Result<CustodyEpisodeView> bad =
      custody_.Create(officer_, aaron_, {.establishment = "", .started_on = "2026-02-30",
                                         .expected_release_on = "soon"});
  ASSERT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const FieldProblem& problem : bad.status().problems()) fields.push_back(problem.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"establishment", "started_on", "expected_release_on"}))
      << "the establishment's own problem beside the dates that cannot be read (one round trip for the form); the "
         "rules about dates once they can be read";
  const Result<CustodyEpisodeView> rules =
      custody_.Create(officer_, aaron_, {.establishment = "", .started_on = "2026-12-08"});
  fields.clear();
  for (const FieldProblem& problem : rules.status().problems()) fields.push_back(problem.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"establishment", "started_on"}));
  EXPECT_TRUE(Events(aaron_).empty()) << "nothing recorded";
}

TEST_F(CustodyServiceTest, TheChecklistIsMarkedByAgenciesWorkingWithThePerson) {
  const CustodyEpisodeView view = Create(aaron_, {.establishment = "HMP Holme House", .started_on = "2026-03-02",
                                                  .expected_release_on = "2026-12-18"});
  const CustodyChecklistItem gp = view.checklist[3];
  ASSERT_EQ(gp.item, ChecklistItem::kGpRegistration);
  // Housing does not work with Aaron: refused (and audited as refused).
  EXPECT_EQ(custody_.UpdateItem(housing_, aaron_, view.episode.id, gp.id, 1, {"done", "2026-12-07", ""}).status().code(),
            StatusCode::kPermissionDenied);
  const Result<CustodyChecklistItem> done =
      custody_.UpdateItem(prison_, aaron_, view.episode.id, gp.id, 1, {"done", "2026-12-07", "Registered at Park Surgery"});
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->state, ChecklistState::kDone);
  EXPECT_EQ(done->completed_on, D("2026-12-07"));
  EXPECT_EQ(done->completed_by, "p.liaison");
  EXPECT_EQ(done->note, "Registered at Park Surgery");
  EXPECT_EQ(done->version, 2);
  EXPECT_FALSE(IsOverdue(*done, kClock.Today()));
  EXPECT_EQ(custody_.UpdateItem(prison_, aaron_, view.episode.id, gp.id, 1, {"done", "2026-12-07", ""}).status().code(),
            StatusCode::kStale);
  const Result<CustodyChecklistItem> no_reason =
      custody_.UpdateItem(prison_, aaron_, view.episode.id, view.checklist[0].id, 1, {"not_applicable", "2026-12-07", ""});
  ASSERT_EQ(no_reason.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(no_reason.status().problems()[0].field, "note");
  EXPECT_EQ(custody_.UpdateItem(prison_, beth_, view.episode.id, gp.id, 2, {"done", "2026-12-07", ""}).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(custody_.UpdateItem(prison_, aaron_, view.episode.id + 1, gp.id, 2, {"done", "2026-12-07", ""})
                .status()
                .code(),
            StatusCode::kNotFound);
  // A manager of any agency coordinates the cohort: they may mark the checklist, but not record custody.
  EXPECT_TRUE(custody_.UpdateItem(manager_, aaron_, view.episode.id, view.checklist[1].id, 1, {"done", "2026-12-07", ""})
                  .ok());
  EXPECT_EQ(custody_.Create(manager_, carl_, {.establishment = "HMP Durham", .started_on = "2026-06-01"})
                .status()
                .code(),
            StatusCode::kPermissionDenied);
}

TEST_F(CustodyServiceTest, ReleasesDueListsThoseInCustodyForTheNext28Days) {
  // Today is Monday 7 December 2026; 28 days ahead is Monday 4 January 2027.
  Create(aaron_, {.establishment = "HMP Holme House", .started_on = "2026-03-02", .expected_release_on = "2026-12-18"});
  Create(beth_, {.establishment = "HMP Low Newton", .started_on = "2026-05-01", .expected_release_on = "2027-01-04"});
  Create(carl_, {.establishment = "HMP Durham", .started_on = "2026-05-01", .expected_release_on = "2027-01-05"});
  // Released early: no longer due.
  const CustodyEpisodeView released = Create(
      carl_, {.establishment = "HMP Durham", .started_on = "2025-01-01", .expected_release_on = "2026-12-10",
              .released_on = "2025-06-01"});
  (void)released;
  Result<std::vector<ReleaseDueView>> due = custody_.ReleasesDue(prison_);
  ASSERT_TRUE(due.ok()) << due.status().ToString();
  ASSERT_EQ(due->size(), 2u) << "5 January is day 29; a release recorded is not due";
  EXPECT_EQ((*due)[0].episode.person_id, aaron_);
  EXPECT_EQ((*due)[0].countdown, 11);
  EXPECT_TRUE((*due)[0].friday);
  EXPECT_EQ((*due)[0].open_items, 6);
  EXPECT_EQ((*due)[0].overdue_items, 5);
  EXPECT_EQ((*due)[1].episode.person_id, beth_);
  EXPECT_EQ((*due)[1].countdown, 28);
  EXPECT_FALSE((*due)[1].friday);
  EXPECT_EQ((*due)[1].open_items, 5);
  // Accommodation advice for 4 January was due 12 October: overdue. The others are due from 7 December on.
  EXPECT_EQ((*due)[1].overdue_items, 1);
  due = custody_.ReleasesDue(prison_, 29);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->size(), 3u);
  EXPECT_EQ(custody_.ReleasesDue(prison_, 0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(custody_.ReleasesDue(housing_).status().code(), StatusCode::kPermissionDenied)
      << "names across everyone: for agencies that hold offence records and managers";
  EXPECT_TRUE(custody_.ReleasesDue(manager_).ok());
}

TEST_F(CustodyServiceTest, EveryReadOfACustodyRecordIsAudited) {
  Create(aaron_, {.establishment = "HMP Holme House", .started_on = "2026-03-02"});
  ASSERT_TRUE(custody_.Get(prison_, aaron_).ok());
  EXPECT_EQ(custody_.Get(housing_, aaron_).status().code(), StatusCode::kPermissionDenied);
  const std::vector<AuditEntry> entries = AuditOf(aaron_);
  int viewed = 0, refused = 0, recorded = 0;
  for (const AuditEntry& entry : entries) {
    if (entry.action == "view_custody" && entry.outcome == AuditOutcome::kSuccess) ++viewed;
    if (entry.action == "view_custody" && entry.outcome == AuditOutcome::kDenied) ++refused;
    if (entry.action == "record_custody" && entry.outcome == AuditOutcome::kSuccess) ++recorded;
  }
  EXPECT_EQ(viewed, 1);
  EXPECT_EQ(refused, 1);
  EXPECT_EQ(recorded, 1);
}

TEST(CustodyRepository, ChangesToMissingRecordsAreNotFound) {
  testing::TestDatabase test_database;
  std::unique_ptr<Database> database = test_database.OpenMigrated();
  EXPECT_EQ(database->Write([&](Transaction& tx) -> Status {
    return tx.Get<CustodyRepository>().Update({.id = 999, .establishment = "x", .started_on = D("2026-01-01")});
  }).code(), StatusCode::kNotFound);
  EXPECT_EQ(database->Write([&](Transaction& tx) -> Status {
    return tx.Get<EventRepository>().SetEventDate(999, D("2026-01-01"), kClock.Now());
  }).code(), StatusCode::kNotFound);
  EXPECT_EQ(database->Write([&](Transaction& tx) -> Status { return tx.Get<EventRepository>().Remove(999); }).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(database->Write([&](Transaction& tx) -> Status {
    return tx.Get<CustodyRepository>().Create({.person_id = 999, .establishment = "x", .started_on = D("2026-01-01")})
        .status();
  }).code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace openiom
