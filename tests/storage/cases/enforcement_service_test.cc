// The non-compliance workflow on both backends, with a fixed day (Monday 7 December 2026): an unacceptable failure to
// attend makes a warning due on the case page; a further one within a year of the warning makes breach action due (on
// a community order, or with no status recorded) or a recall request (on licence), and nothing for voluntary
// engagement; a proven breach and an approved recall become the breach and recall events the BRAG rating reads;
// optimistic locking, a step reached only through its own person, who may record steps (agencies that hold offence
// records), and bad input named by field with nothing stored. The rules themselves are tested in
// domain/cases/enforcement_test.cc.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "services/audit/audit_trail.h"
#include "services/cases/case_service.h"
#include "services/cases/enforcement_service.h"
#include "services/cases/level_service.h"
#include "storage/accounts/agency_repository.h"
#include "storage/audit/audit_repository.h"
#include "storage/cases/case_repository.h"
#include "storage/cases/enforcement_repository.h"
#include "storage/people/event_repository.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"
#include "support/test_database.h"

namespace openiom {
namespace {

Date D(const char* iso) { return *ParseIsoDate(iso); }

// Monday 7 December 2026.
const FixedClock kClock(*ParseIsoTimestamp("2026-12-07T10:00:00Z"));

class EnforcementServiceTest : public ::testing::Test {
 protected:
  EnforcementServiceTest() : database_(test_database_.OpenMigrated()) {}

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
                      return Status::Ok();
                    })
                    .ok());
    practitioner_.agency_id = manager_.agency_id = probation_;
    housing_worker_.agency_id = housing_manager_.agency_id = housing_;
  }

  // An office appointment on `on` with `outcome`, recorded by the probation practitioner.
  ContactId Appointment(PersonId person, const char* on, const char* outcome = "failed_unacceptable") {
    const Result<ContactId> id = cases_.AddContact(practitioner_, person, {.kind = "office", .on = on,
                                                                           .outcome = outcome});
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  EnforcementStepId Step(PersonId person, EnforcementInput input) {
    const Result<EnforcementStepId> id = enforcement_.AddStep(practitioner_, person, input);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  EnforcementStep Read(PersonId person, EnforcementStepId id) {
    const Result<EnforcementStep> step = enforcement_.Step(practitioner_, person, id);
    EXPECT_TRUE(step.ok()) << step.status().ToString();
    return step.ok() ? *step : EnforcementStep{};
  }

  CaseView Case(PersonId person) {
    Result<CaseView> view = cases_.Case(practitioner_, person);
    EXPECT_TRUE(view.ok()) << view.status().ToString();
    return view.ok() ? *view : CaseView{};
  }

  std::vector<Event> Events(PersonId person) {
    std::vector<Event> events;
    EXPECT_TRUE(database_
                    ->Read([&](Transaction& tx) -> Status {
                      ASSIGN_OR_RETURN(events, tx.Get<EventRepository>().ListForPerson(person));
                      return Status::Ok();
                    })
                    .ok());
    return events;
  }

  void SetStatus(PersonId person, StatutoryInput input) {
    const Result<int64_t> id = levels_.SetStatutoryStatus(practitioner_, person, input);
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

  static bool Fired(const BragAssessment& rating, BragRule rule) {
    return std::any_of(rating.reasons.begin(), rating.reasons.end(),
                       [&](const BragReason& reason) { return reason.rule == rule; });
  }

  testing::TestDatabase test_database_;
  std::unique_ptr<Database> database_;
  const AuditTrail audit_{kClock};
  EnforcementService enforcement_{*database_, audit_, kClock};
  CaseService cases_{*database_, audit_, kClock};
  LevelService levels_{*database_, audit_, kClock};
  Actor practitioner_{.user_id = 0, .username = "p.ractitioner", .agency_name = "Probation",
                      .agency_kind = AgencyKind::kProbation, .roles = {Role::kPractitioner}};
  Actor manager_{.user_id = 0, .username = "m.anager", .agency_name = "Probation",
                 .agency_kind = AgencyKind::kProbation, .roles = {Role::kManager}};
  Actor housing_worker_{.user_id = 0, .username = "h.worker", .agency_name = "Tees Housing",
                        .agency_kind = AgencyKind::kHousing, .roles = {Role::kPractitioner}};
  Actor housing_manager_{.user_id = 0, .username = "h.manager", .agency_name = "Tees Housing",
                         .agency_kind = AgencyKind::kHousing, .roles = {Role::kManager}};
  AgencyId probation_ = 0, housing_ = 0;
  PersonId ann_ = 0, bob_ = 0;
};

TEST_F(EnforcementServiceTest, OnACommunityOrderAWarningThenBreachActionAndAProvenBreachTurnsTheRatingRed) {
  SetStatus(ann_, {"community_order", "2026-06-01", "2027-06-01"});
  const ContactId first = Appointment(ann_, "2026-11-02");
  CaseView view = Case(ann_);
  ASSERT_EQ(view.enforcement_due.size(), 1u);
  EXPECT_EQ(view.enforcement_due[0].contact_id, first);
  EXPECT_EQ(view.enforcement_due[0].failed_on, D("2026-11-02"));
  EXPECT_EQ(view.enforcement_due[0].kind, EnforcementKind::kWarning);
  EXPECT_EQ(view.enforcement_due[0].text,
            "Office appointment on 2 November 2026 failed unacceptably, with no warning in the year before: a warning "
            "is due");

  const EnforcementStepId warning = Step(ann_, {"warning", std::to_string(first), "2026-11-03", ""});
  EXPECT_EQ(Entries().back().action, "record_enforcement");
  EXPECT_EQ(Entries().back().detail, "enforcement step " + std::to_string(warning) +
                                         ": warning on 2026-11-03 for contact " + std::to_string(first));
  view = Case(ann_);
  EXPECT_TRUE(view.enforcement_due.empty()) << "the failure is answered";
  ASSERT_EQ(view.enforcement.size(), 1u);
  const EnforcementStep& stored = view.enforcement[0];
  EXPECT_EQ(stored.id, warning);
  EXPECT_EQ(stored.person_id, ann_);
  EXPECT_EQ(stored.kind, EnforcementKind::kWarning);
  EXPECT_EQ(stored.contact_id, first);
  EXPECT_EQ(stored.on, D("2026-11-03"));
  EXPECT_EQ(stored.agency_id, probation_);
  EXPECT_EQ(stored.agency, "Probation");
  EXPECT_EQ(stored.reason, "") << "a warning needs no reason";
  EXPECT_EQ(stored.recorded_by, "p.ractitioner");
  EXPECT_EQ(stored.recorded_at, kClock.Now());
  EXPECT_FALSE(stored.outcome.has_value());
  EXPECT_FALSE(stored.event_id.has_value());
  EXPECT_EQ(stored.version, 1);

  // A second failure 28 days after the warning: breach action is due, back to court.
  const ContactId second = Appointment(ann_, "2026-12-01");
  view = Case(ann_);
  ASSERT_EQ(view.enforcement_due.size(), 1u);
  EXPECT_EQ(view.enforcement_due[0].contact_id, second);
  EXPECT_EQ(view.enforcement_due[0].kind, EnforcementKind::kBreach);
  EXPECT_EQ(view.enforcement_due[0].text,
            "Office appointment on 1 December 2026 failed unacceptably, within a year of the warning on 3 November "
            "2026: breach action is due");
  EXPECT_EQ(view.rating.computed, BragRating::kAmber) << "one failure in the window; the first is 35 days old";

  const EnforcementStepId breach =
      Step(ann_, {"breach", std::to_string(second), "", "  Second failure within a year of the warning  "});
  view = Case(ann_);
  EXPECT_TRUE(view.enforcement_due.empty());
  ASSERT_EQ(view.enforcement.size(), 2u);
  EXPECT_EQ(view.enforcement[1].id, breach);
  EXPECT_EQ(view.enforcement[1].on, D("2026-12-07")) << "today when no day is given";
  EXPECT_EQ(view.enforcement[1].reason, "Second failure within a year of the warning") << "trimmed";
  EXPECT_TRUE(Events(ann_).empty()) << "breach action is not yet a breach";

  ASSERT_TRUE(enforcement_.RecordOutcome(practitioner_, ann_, breach, 1, {"proven", ""}).ok());
  const std::vector<Event> events = Events(ann_);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::kBreach);
  EXPECT_EQ(events[0].event_date, D("2026-12-07"));
  EXPECT_EQ(events[0].source_system, "Probation");
  EXPECT_EQ(events[0].source_record_id, "enforcement-" + std::to_string(breach));
  EXPECT_EQ(events[0].outcome, "Breach action: Second failure within a year of the warning");
  EXPECT_EQ(Entries().back().detail, "enforcement step " + std::to_string(breach) + ": proven on 2026-12-07, event " +
                                         std::to_string(events[0].id));
  const EnforcementStep proven = Read(ann_, breach);
  EXPECT_EQ(proven.outcome, EnforcementOutcome::kProven);
  EXPECT_EQ(proven.outcome_on, D("2026-12-07"));
  EXPECT_EQ(proven.outcome_by, "p.ractitioner");
  EXPECT_EQ(proven.event_id, events[0].id);
  EXPECT_EQ(proven.version, 2);
  EXPECT_EQ(Entries().back().action, "view_person");
  EXPECT_EQ(Entries().back().detail,
            "enforcement step " + std::to_string(breach) + "; your agency holds offence records");

  view = Case(ann_);
  EXPECT_EQ(view.rating.computed, BragRating::kRed);
  EXPECT_TRUE(Fired(view.rating, BragRule::kRecentBreach));

  // Recorded once: the old version is stale, and the current one has its outcome already.
  EXPECT_EQ(enforcement_.RecordOutcome(practitioner_, ann_, breach, 1, {"not_proven", ""}).code(), StatusCode::kStale);
  EXPECT_EQ(Fields(enforcement_.RecordOutcome(practitioner_, ann_, breach, 2, {"not_proven", ""})),
            (std::vector<std::string>{"outcome"}));
  EXPECT_EQ(Events(ann_).size(), 1u);
  EXPECT_EQ(Read(ann_, breach).version, 2);
}

TEST_F(EnforcementServiceTest, OnLicenceARecallRequestIsDueAndAnApprovedRecallIsARecallEvent) {
  SetStatus(ann_, {"licence", "2026-09-01", "2027-09-01"});
  ASSERT_TRUE(levels_.SetLevel(manager_, ann_, {"standard", "2026-09-01", "Released on licence to IOM"}).ok());
  const ContactId first = Appointment(ann_, "2026-10-05");
  const EnforcementStepId warning = Step(ann_, {"warning", std::to_string(first), "2026-10-06", ""});
  const ContactId second = Appointment(ann_, "2026-12-02");
  CaseView view = Case(ann_);
  ASSERT_EQ(view.enforcement_due.size(), 1u);
  EXPECT_EQ(view.enforcement_due[0].contact_id, second);
  EXPECT_EQ(view.enforcement_due[0].kind, EnforcementKind::kRecallRequest);
  EXPECT_EQ(view.enforcement_due[0].text,
            "Office appointment on 2 December 2026 failed unacceptably, within a year of the warning on 6 October "
            "2026: a recall request is due");

  const EnforcementStepId request =
      Step(ann_, {"recall_request", std::to_string(second), "2026-12-03", "Failed again; risk is escalating"});
  EXPECT_TRUE(Case(ann_).enforcement_due.empty());

  // A warning has no outcome, and a recall request is not proven: both named by field, nothing recorded.
  EXPECT_EQ(Fields(enforcement_.RecordOutcome(practitioner_, ann_, warning, 1, {"withdrawn", ""})),
            (std::vector<std::string>{"outcome"}));
  EXPECT_EQ(Fields(enforcement_.RecordOutcome(practitioner_, ann_, request, 1, {"proven", ""})),
            (std::vector<std::string>{"outcome"}));
  EXPECT_TRUE(Events(ann_).empty());
  EXPECT_EQ(Read(ann_, warning).version, 1);
  EXPECT_FALSE(Case(ann_).level_suggestion.has_value());

  ASSERT_TRUE(enforcement_.RecordOutcome(practitioner_, ann_, request, 1, {"recalled", "2026-12-06"}).ok());
  const std::vector<Event> events = Events(ann_);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::kRecall);
  EXPECT_EQ(events[0].event_date, D("2026-12-06"));
  EXPECT_EQ(events[0].source_record_id, "enforcement-" + std::to_string(request));
  EXPECT_EQ(events[0].outcome, "Recall request: Failed again; risk is escalating");
  const EnforcementStep recalled = Read(ann_, request);
  EXPECT_EQ(recalled.outcome, EnforcementOutcome::kRecalled);
  EXPECT_EQ(recalled.outcome_on, D("2026-12-06"));
  EXPECT_EQ(recalled.event_id, events[0].id);
  view = Case(ann_);
  ASSERT_EQ(view.open_recalls.size(), 1u) << "recalled and not yet in custody";
  EXPECT_EQ(view.open_recalls[0].id, events[0].id);
  EXPECT_EQ(view.rating.computed, BragRating::kRed);
  EXPECT_TRUE(Fired(view.rating, BragRule::kOpenRecall));
  // And the level suggestion follows: recalled since the level was set, so up from level 3.
  ASSERT_TRUE(view.level_suggestion.has_value());
  EXPECT_EQ(view.level_suggestion->direction, LevelDirection::kUp);
  EXPECT_EQ(view.level_suggestion->to, ServiceLevel::kEnhanced);
  ASSERT_EQ(view.level_suggestion->reasons.size(), 1u);
  EXPECT_EQ(view.level_suggestion->reasons[0].rule, LevelRule::kUpRecall);
  EXPECT_EQ(view.level_suggestion->reasons[0].text, "Recalled to custody on 6 December 2026");
}

TEST_F(EnforcementServiceTest, AWarningCountsForAYearUpToTheFailureAndVoluntaryEngagementIsNotEnforced) {
  // A warning on 1 December 2025 for a failure that day, stored as an earlier system would have: more than a year ago
  // is past what the forms take.
  ContactId old_failure = 0;
  ASSERT_TRUE(database_
                  ->Write([&](Transaction& tx) -> Status {
                    ASSIGN_OR_RETURN(old_failure, tx.Get<CaseRepository>().AddContact(
                                                      {.person_id = ann_, .kind = ContactKind::kOffice,
                                                       .on = D("2025-12-01"), .agency_id = probation_,
                                                       .agency = "Probation",
                                                       .outcome = ContactOutcome::kFailedUnacceptable,
                                                       .recorded_by = "p.ractitioner", .recorded_at = kClock.Now()}));
                    return tx.Get<EnforcementRepository>()
                        .Add({.person_id = ann_, .kind = EnforcementKind::kWarning, .contact_id = old_failure,
                              .on = D("2025-12-01"), .agency_id = probation_, .agency = "Probation",
                              .recorded_by = "p.ractitioner", .recorded_at = kClock.Now()})
                        .status();
                  })
                  .ok());
  // 1 December 2026 is 365 days after it (no 29 February between): breach action. 2 December is 366: a warning.
  const ContactId within = Appointment(ann_, "2026-12-01");
  const ContactId after = Appointment(ann_, "2026-12-02");
  const CaseView view = Case(ann_);
  ASSERT_EQ(view.enforcement_due.size(), 2u);
  EXPECT_EQ(view.enforcement_due[0].contact_id, within);
  EXPECT_EQ(view.enforcement_due[0].kind, EnforcementKind::kBreach) << "no status recorded: enforced as an order";
  EXPECT_EQ(view.enforcement_due[1].contact_id, after);
  EXPECT_EQ(view.enforcement_due[1].kind, EnforcementKind::kWarning);
  // The breach action the list offers is accepted for the failure within the year, and refused for the other.
  EXPECT_EQ(Fields(enforcement_.AddStep(practitioner_, ann_, {"breach", std::to_string(after), "",
                                                              "Second failure after the warning"})
                       .status()),
            (std::vector<std::string>{"kind"}));
  Step(ann_, {"breach", std::to_string(within), "", "Second failure within the year"});
  ASSERT_EQ(Case(ann_).enforcement_due.size(), 1u);

  // A warning given after a failure does not count towards it: Bob, warned today for his failure of 27 November, is
  // still due a warning (not breach action) for his failure of 20 November.
  const ContactId bob_first = Appointment(bob_, "2026-11-20");
  const ContactId bob_second = Appointment(bob_, "2026-11-27");
  Step(bob_, {"warning", std::to_string(bob_second), "", ""});
  CaseView bob = Case(bob_);
  ASSERT_EQ(bob.enforcement_due.size(), 1u);
  EXPECT_EQ(bob.enforcement_due[0].contact_id, bob_first);
  EXPECT_EQ(bob.enforcement_due[0].kind, EnforcementKind::kWarning) << "the warning came after this failure";

  // Engaging voluntarily since before the failure: nothing can be enforced, so nothing is due.
  SetStatus(bob_, {"voluntary", "2026-11-01", ""});
  EXPECT_TRUE(Case(bob_).enforcement_due.empty());
}

TEST_F(EnforcementServiceTest, OnlyAgenciesThatHoldOffenceRecordsRecordStepsAndEachRefusalIsAudited) {
  const ContactId failure = Appointment(ann_, "2026-11-02");
  for (const Actor* actor : {&housing_worker_, &housing_manager_}) {
    const size_t before = Entries().size();
    EXPECT_EQ(enforcement_.AddStep(*actor, ann_, {"warning", std::to_string(failure), "", ""}).status().code(),
              StatusCode::kPermissionDenied)
        << actor->username;
    const std::vector<AuditEntry> entries = Entries();
    ASSERT_EQ(entries.size(), before + 1);
    EXPECT_EQ(entries.back().action, "record_enforcement");
    EXPECT_EQ(entries.back().outcome, AuditOutcome::kDenied);
    EXPECT_EQ(entries.back().username, actor->username);
    EXPECT_EQ(entries.back().object_id, std::to_string(ann_));
  }
  EXPECT_TRUE(Case(ann_).enforcement.empty());

  // The probation practitioner may: their agency holds offence records.
  const EnforcementStepId warning = Step(ann_, {"warning", std::to_string(failure), "", ""});
  EXPECT_EQ(enforcement_.RecordOutcome(housing_worker_, ann_, warning, 1, {"withdrawn", ""}).code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(Entries().back().outcome, AuditOutcome::kDenied);
  EXPECT_EQ(enforcement_.Step(housing_worker_, ann_, warning).status().code(), StatusCode::kPermissionDenied)
      << "housing does not work with Ann";
  EXPECT_EQ(Entries().back().action, "view_person");
  EXPECT_EQ(Entries().back().outcome, AuditOutcome::kDenied);

  // A step is reached only through its own person.
  EXPECT_EQ(enforcement_.Step(practitioner_, bob_, warning).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(enforcement_.RecordOutcome(practitioner_, bob_, warning, 1, {"withdrawn", ""}).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(enforcement_.RecordOutcome(practitioner_, ann_, warning + 1000, 1, {"withdrawn", ""}).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(enforcement_.AddStep(practitioner_, 999999, {"warning", std::to_string(failure), "", ""}).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(Entries().back().outcome, AuditOutcome::kFailure) << "no such person is audited";
  EXPECT_EQ(Entries().back().detail, "no such person");
}

TEST_F(EnforcementServiceTest, BadInputIsNamedByFieldAndNothingIsStored) {
  const ContactId failure = Appointment(ann_, "2026-11-02");
  const ContactId attended = Appointment(ann_, "2026-11-09", "attended");
  const ContactId bobs = Appointment(bob_, "2026-11-02");
  const std::string failed = std::to_string(failure);
  const auto fields = [&](EnforcementInput input) {
    const Result<EnforcementStepId> result = enforcement_.AddStep(practitioner_, ann_, input);
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    return Fields(result.status());
  };
  const size_t before = Entries().size();
  EXPECT_EQ(fields({}), (std::vector<std::string>{"kind"}));
  EXPECT_EQ(fields({"caution", failed, "", ""}), (std::vector<std::string>{"kind"}));
  EXPECT_EQ(fields({"bogus", "abc", "2026-02-30", ""}), (std::vector<std::string>{"kind", "contact", "on"}));
  EXPECT_EQ(fields({"warning", "abc", "", ""}), (std::vector<std::string>{"contact"}));
  EXPECT_EQ(fields({"warning", failed, "2026-02-30", ""}), (std::vector<std::string>{"on"}));
  EXPECT_EQ(fields({"warning", failed, "02/11/2026", ""}), (std::vector<std::string>{"on"}));
  EXPECT_EQ(fields({"warning", "", "", ""}), (std::vector<std::string>{"contact"})) << "a warning answers a failure";
  EXPECT_EQ(fields({"warning", std::to_string(attended), "", ""}), (std::vector<std::string>{"contact"}))
      << "attended";
  EXPECT_EQ(fields({"warning", std::to_string(bobs), "", ""}), (std::vector<std::string>{"contact"}))
      << "another person's appointment";
  EXPECT_EQ(fields({"warning", failed, "2026-12-08", ""}), (std::vector<std::string>{"on"})) << "tomorrow";
  EXPECT_EQ(fields({"warning", failed, "2026-11-01", ""}), (std::vector<std::string>{"on"})) << "before the failure";
  EXPECT_EQ(fields({"breach", failed, "", "No warning was ever given"}), (std::vector<std::string>{"kind"}));
  EXPECT_EQ(fields({"breach", failed, "", "  Too short  "}), (std::vector<std::string>{"kind", "reason"}));
  EXPECT_EQ(fields({"recall_request", "", "", ""}), (std::vector<std::string>{"reason"}));
  EXPECT_EQ(fields({"warning", failed, "", std::string(kMaxEnforcementReason + 1, 'x')}),
            (std::vector<std::string>{"reason"}));
  EXPECT_EQ(Entries().size(), before) << "bad input is not audited";
  CaseView view = Case(ann_);
  EXPECT_TRUE(view.enforcement.empty());
  ASSERT_EQ(view.enforcement_due.size(), 1u);

  // A failure is answered once; the form shown again has the person, and showing it is recorded.
  Step(ann_, {"warning", failed, "2026-11-02", ""});
  EXPECT_EQ(fields({"warning", failed, "", ""}), (std::vector<std::string>{"contact"}));
  std::optional<Person> shown;
  const size_t shown_before = Entries().size();
  EXPECT_EQ(enforcement_.AddStep(practitioner_, ann_, {"warning", failed, "", ""}, &shown).status().code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE(shown.has_value());
  EXPECT_EQ(shown->id, ann_);
  ASSERT_EQ(Entries().size(), shown_before + 1);
  EXPECT_EQ(Entries().back().outcome, AuditOutcome::kFailure);
  EXPECT_EQ(Case(ann_).enforcement.size(), 1u);

  // Outcomes: a recall request may name no appointment (intelligence of further offending).
  const EnforcementStepId request =
      Step(ann_, {"recall_request", "", "2026-12-01", "Intelligence of further offending"});
  const auto outcome_fields = [&](EnforcementOutcomeInput input) {
    const Status status = enforcement_.RecordOutcome(practitioner_, ann_, request, 1, input);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    return Fields(status);
  };
  EXPECT_EQ(outcome_fields({"maybe", ""}), (std::vector<std::string>{"outcome"}));
  EXPECT_EQ(outcome_fields({"", "bad"}), (std::vector<std::string>{"outcome", "outcome_on"}));
  EXPECT_EQ(outcome_fields({"recalled", "2026-13-01"}), (std::vector<std::string>{"outcome_on"}));
  EXPECT_EQ(outcome_fields({"recalled", "2026-12-08"}), (std::vector<std::string>{"outcome_on"})) << "tomorrow";
  EXPECT_EQ(outcome_fields({"recalled", "2026-11-30"}), (std::vector<std::string>{"outcome_on"}))
      << "before the request";
  EXPECT_EQ(outcome_fields({"not_proven", ""}), (std::vector<std::string>{"outcome"}));
  EXPECT_TRUE(Events(ann_).empty());
  EXPECT_FALSE(Read(ann_, request).outcome.has_value());

  // Refused: recorded, with no event.
  ASSERT_TRUE(enforcement_.RecordOutcome(practitioner_, ann_, request, 1, {"refused", "2026-12-01"}).ok());
  const EnforcementStep refused = Read(ann_, request);
  EXPECT_EQ(refused.outcome, EnforcementOutcome::kRefused);
  EXPECT_EQ(refused.outcome_on, D("2026-12-01"));
  EXPECT_FALSE(refused.event_id.has_value());
  EXPECT_EQ(refused.version, 2);
  EXPECT_TRUE(Events(ann_).empty());
}

}  // namespace
}  // namespace openiom
