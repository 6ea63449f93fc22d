// Audited(): authorise, work and audit, with exactly one entry whatever happens, on both backends.
#include <gtest/gtest.h>

#include "services/access/use_case.h"
#include "services/audit/audit_trail.h"
#include "storage/audit/audit_repository.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"
#include "support/test_database.h"

namespace openiom {
namespace {

const FixedClock kClock(*ParseIsoTimestamp("2026-11-23T10:00:00Z"));

class UseCaseTest : public ::testing::Test {
 protected:
  UseCaseTest() : database_(test_database_.OpenMigrated()) {}

  // Every entry, oldest first.
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

  UseCase ViewCohort(const Actor& actor, std::vector<AuditedFailure> failures = {}) {
    return {.actor = actor, .action = Action::kViewCohort, .object = ObjectKind::kReferral, .object_id = "12",
            .audited_failures = std::move(failures)};
  }

  testing::TestDatabase test_database_;
  std::unique_ptr<Database> database_;
  const AuditTrail audit_{kClock};
  const Actor practitioner_{.user_id = 1, .username = "p.ractitioner", .agency_name = "Cleveland Police",
                            .roles = {Role::kPractitioner}, .client_address = "192.0.2.1"};
  const Actor analyst_{.user_id = 2, .username = "a.nalyst", .roles = {Role::kAnalyst}};
};

TEST_F(UseCaseTest, SuccessWritesOneEntryWithTheWorksDetailInItsTransaction) {
  int runs = 0;
  const Status status = Audited(*database_, audit_, ViewCohort(practitioner_),
                                [&](Transaction&, UseCaseEntry& entry) -> Status {
                                  ++runs;
                                  entry.detail = "person 3";
                                  return Status::Ok();
                                });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(runs, 1);
  const std::vector<AuditEntry> entries = Entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "view_cohort");
  EXPECT_EQ(entries[0].object_type, "referral");
  EXPECT_EQ(entries[0].object_id, "12");
  EXPECT_EQ(entries[0].outcome, AuditOutcome::kSuccess);
  EXPECT_EQ(entries[0].detail, "person 3");
  EXPECT_EQ(entries[0].username, "p.ractitioner");
}

TEST_F(UseCaseTest, ARefusalIsOneDeniedEntryAndNeitherCheckNorWorkRuns) {
  bool ran = false;
  const Status status = Audited(
      *database_, audit_, ViewCohort(analyst_),
      [&] {
        ran = true;
        return Status::Ok();
      },
      [&](Transaction&, UseCaseEntry&) -> Status {
        ran = true;
        return Status::Ok();
      });
  EXPECT_EQ(status.code(), StatusCode::kPermissionDenied);
  EXPECT_FALSE(ran);
  const std::vector<AuditEntry> entries = Entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].outcome, AuditOutcome::kDenied);
  EXPECT_EQ(entries[0].detail, "View the cohort needs the practitioner or manager role");
}

TEST_F(UseCaseTest, BadInputFoundByTheCheckIsReturnedUnrecordedAndNothingIsRead) {
  bool worked = false;
  const Status status = Audited(
      *database_, audit_, ViewCohort(practitioner_), [] { return Status::Invalid("reason", "Enter the reason"); },
      [&](Transaction&, UseCaseEntry&) -> Status {
        worked = true;
        return Status::Ok();
      });
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(worked);
  EXPECT_TRUE(Entries().empty());
}

TEST_F(UseCaseTest, AListedFailureIsOneFailureEntryAndTheWorkIsRolledBack) {
  const Status status = Audited(*database_, audit_, ViewCohort(practitioner_, {NoSuchPerson()}),
                                [&](Transaction& transaction, UseCaseEntry&) -> Status {
                                  RETURN_IF_ERROR(transaction.Get<PersonRepository>()
                                                      .Create({.surname = "Rolledback", .forenames = "Rita", .gender = Gender::kFemale,
                                                               .created_at = kClock.Now(), .updated_at = kClock.Now()})
                                                      .status());
                                  return Status::NotFound("no referral 12");
                                });
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  const std::vector<AuditEntry> entries = Entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].outcome, AuditOutcome::kFailure);
  EXPECT_EQ(entries[0].detail, "no such person");
  EXPECT_EQ(entries[0].object_id, "12");
  ASSERT_TRUE(database_
                  ->Read([&](Transaction& transaction) -> Status {
                    ASSIGN_OR_RETURN(const int64_t people, transaction.Get<PersonRepository>().Count());
                    EXPECT_EQ(people, 0) << "the work's writes are rolled back";
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(UseCaseTest, AnUnlistedFailureIsNotRecorded) {
  const Status status = Audited(*database_, audit_, ViewCohort(practitioner_, {NoSuchPerson()}),
                                [&](Transaction&, UseCaseEntry&) -> Status {
                                  return Status::Conflict("this person is already in the cohort");
                                });
  EXPECT_EQ(status.code(), StatusCode::kConflict);
  EXPECT_TRUE(Entries().empty());
}

TEST_F(UseCaseTest, ARefusalFoundByTheWorkIsOneDeniedEntryWithItsReason) {
  const Status status = Audited(*database_, audit_, ViewCohort(practitioner_),
                                [&](Transaction&, UseCaseEntry&) -> Status {
                                  return Status::PermissionDenied("Only police may record this kind of event");
                                });
  EXPECT_EQ(status.code(), StatusCode::kPermissionDenied);
  const std::vector<AuditEntry> entries = Entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].outcome, AuditOutcome::kDenied);
  EXPECT_EQ(entries[0].detail, "Only police may record this kind of event");
}

TEST_F(UseCaseTest, APersonsRecordIsDecidedWithNeedToKnowAndTheWorkSeesTheBasis) {
  PersonId id = 0;
  ASSERT_TRUE(database_
                  ->Write([&](Transaction& transaction) -> Status {
                    ASSIGN_OR_RETURN(id, transaction.Get<PersonRepository>().Create(
                                             {.surname = "Testington", .forenames = "Aaron", .gender = Gender::kMale,
                                              .created_at = kClock.Now(), .updated_at = kClock.Now()}));
                    return Status::Ok();
                  })
                  .ok());
  const Status status = Audited(*database_, audit_, UseCase::OnPerson(practitioner_, Action::kViewPerson, id),
                                [&](Transaction&, UseCaseEntry& entry) -> Status {
                                  entry.detail = entry.basis;
                                  return Status::Ok();
                                });
  ASSERT_TRUE(status.ok()) << status.ToString();
  const Actor housing{.user_id = 3, .username = "h.ousing", .agency_kind = AgencyKind::kHousing,
                      .roles = {Role::kPractitioner}};
  EXPECT_EQ(Audited(*database_, audit_, UseCase::OnPerson(housing, Action::kViewPerson, id),
                    [&](Transaction&, UseCaseEntry&) -> Status { return Status::Ok(); })
                .code(),
            StatusCode::kPermissionDenied);
  const std::vector<AuditEntry> entries = Entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].detail, "your agency holds offence records");
  EXPECT_EQ(entries[0].object_type, "person");
  EXPECT_EQ(entries[0].object_id, std::to_string(id));
  EXPECT_EQ(entries[1].outcome, AuditOutcome::kDenied);
  EXPECT_EQ(entries[1].object_id, std::to_string(id));
}

// A form shown again after a failure: the record it shows is recorded once, as the call's action with outcome
// failure; a refusal or a fault shows nothing; no `shown`, no entry.
TEST_F(UseCaseTest, ARecordShownAgainAfterAFailureIsRecordedOnce) {
  struct Case {
    Status failure;
    bool already_read;  // the work read the record before failing
    bool shown;         // expected: the record is left for the form
    size_t entries;     // expected entries written by ShowAgain
  };
  const Case cases[] = {
      {Status::Invalid("reasons", "Enter the reasons"), false, true, 1},  // refused before anything was read
      {Status::Invalid("reasons", "Enter the reasons"), true, true, 1},
      {Status::Conflict("already waiting for the panel"), true, true, 1},
      {Status::Stale("changed meanwhile"), true, true, 1},
      {Status::FailedPrecondition("already decided"), true, true, 1},
      {Status::PermissionDenied("not yours"), true, false, 0},  // recorded as denied by Audited, shown nowhere
      {Status::Internal("fault"), true, false, 0},
      {Status::Ok(), true, true, 0},
  };
  int64_t before = 0;
  for (const Case& c : cases) {
    std::optional<std::string> shown;
    if (c.already_read) shown = "as the work read it";
    int reads = 0;
    ShowAgain<std::string>(*database_, audit_, ViewCohort(practitioner_), c.failure, &shown,
                           [&](Transaction&) -> Result<std::string> {
                             ++reads;
                             return std::string("read for the form");
                           });
    const std::string what = c.failure.ToString();
    EXPECT_EQ(shown.has_value(), c.shown) << what;
    if (c.shown) EXPECT_EQ(*shown, c.already_read ? "as the work read it" : "read for the form") << what;
    EXPECT_EQ(reads, c.already_read || !c.shown ? 0 : 1) << what << ": read only when the work read nothing";
    const std::vector<AuditEntry> entries = Entries();
    ASSERT_EQ(entries.size(), before + c.entries) << what;
    if (c.entries == 1) {
      EXPECT_EQ(entries.back().action, "view_cohort") << what;
      EXPECT_EQ(entries.back().outcome, AuditOutcome::kFailure) << what;
      EXPECT_EQ(entries.back().object_id, "12") << what;
      EXPECT_EQ(entries.back().detail, "shown again after: " + std::string(StatusCodeName(c.failure.code()))) << what;
    }
    before = static_cast<int64_t>(entries.size());
  }
  std::optional<std::string>* nowhere = nullptr;
  ShowAgain<std::string>(*database_, audit_, ViewCohort(practitioner_), Status::Invalid("x", "y"), nowhere,
                         [&](Transaction&) -> Result<std::string> { return std::string("unused"); });
  EXPECT_EQ(static_cast<int64_t>(Entries().size()), before) << "no form, nothing shown, nothing recorded";
}

}  // namespace
}  // namespace openiom

