// Referrals to services on both backends: a referral made, read back exactly and moved along the allowed edges with
// its versions, an outcome required when completed or declined, moves the rules refuse, the list's order, bad input
// named by field, and need-to-know (an agency that does not work with the person neither reads nor refers, audited;
// on the team, it does).
#include <gtest/gtest.h>

#include "services/audit/audit_trail.h"
#include "services/cases/service_referral_service.h"
#include "services/cases/team_service.h"
#include "storage/accounts/agency_repository.h"
#include "storage/accounts/user_repository.h"
#include "storage/audit/audit_repository.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"
#include "support/test_database.h"

namespace openiom {
namespace {

const FixedClock kClock(*ParseIsoTimestamp("2026-12-07T10:00:00Z"));

class ServiceReferralServiceTest : public ::testing::Test {
 protected:
  ServiceReferralServiceTest() : database_(test_database_.OpenMigrated()) {}

  void SetUp() override {
    ASSERT_TRUE(database_
                    ->Write([&](Transaction& tx) -> Status {
                      AgencyRepository& agencies = tx.Get<AgencyRepository>();
                      ASSIGN_OR_RETURN(probation_, agencies.Create({0, "Probation", AgencyKind::kProbation}));
                      ASSIGN_OR_RETURN(housing_, agencies.Create({0, "Tees Housing", AgencyKind::kHousing}));
                      const auto user = [&](std::string username, AgencyId agency) {
                        return tx.Get<UserRepository>().Create({.username = username,
                                                                .display_name = username,
                                                                .agency_id = agency,
                                                                .roles = {Role::kPractitioner},
                                                                .password_changed_at = kClock.Now(),
                                                                .created_at = kClock.Now()},
                                                               "not-a-hash");
                      };
                      ASSIGN_OR_RETURN(offman_.user_id, user("o.man", probation_));
                      ASSIGN_OR_RETURN(housing_worker_.user_id, user("h.worker", housing_));
                      ASSIGN_OR_RETURN(ann_, tx.Get<PersonRepository>().Create({.surname = "Testington",
                                                                                .forenames = "Ann",
                                                                                .created_at = kClock.Now(),
                                                                                .updated_at = kClock.Now()}));
                      return Status::Ok();
                    })
                    .ok());
    offman_.agency_id = probation_;
    housing_worker_.agency_id = housing_;
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

  ServiceReferral Find(ServiceReferralId id) {
    const Result<ServiceReferralsView> view = referrals_.Referrals(offman_, ann_);
    EXPECT_TRUE(view.ok()) << view.status().ToString();
    for (const ServiceReferral& r : view->referrals) {
      if (r.id == id) return r;
    }
    ADD_FAILURE() << "no referral " << id;
    return {};
  }

  static std::vector<std::string> Fields(const Status& status) {
    std::vector<std::string> fields;
    for (const FieldProblem& problem : status.problems()) fields.push_back(problem.field);
    return fields;
  }

  testing::TestDatabase test_database_;
  std::unique_ptr<Database> database_;
  const AuditTrail audit_{kClock};
  ServiceReferralService referrals_{*database_, audit_, kClock};
  TeamService teams_{*database_, audit_, kClock};
  Actor offman_{.username = "o.man", .agency_name = "Probation", .agency_kind = AgencyKind::kProbation,
                .roles = {Role::kPractitioner}};
  Actor housing_worker_{.username = "h.worker", .agency_name = "Tees Housing", .agency_kind = AgencyKind::kHousing,
                        .roles = {Role::kPractitioner}};
  AgencyId probation_ = 0, housing_ = 0;
  PersonId ann_ = 0;
};

TEST_F(ServiceReferralServiceTest, AReferralIsSentThenMovesOnlyAlongTheAllowedEdgesWithItsVersions) {
  const Result<ServiceReferralId> id = referrals_.Refer(
      offman_, ann_, {.service = "housing", .provider = "  Housing options  ", .referred_on = "2026-12-01"});
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ServiceReferral r = Find(*id);
  EXPECT_EQ(r.person_id, ann_);
  EXPECT_EQ(r.service, ServiceKind::kHousing);
  EXPECT_EQ(r.provider, "Housing options") << "trimmed";
  EXPECT_EQ(r.referred_on, *ParseIsoDate("2026-12-01"));
  EXPECT_EQ(r.referred_by, "o.man");
  EXPECT_EQ(r.referred_by_agency_id, probation_);
  EXPECT_EQ(r.referred_by_agency, "Probation");
  EXPECT_EQ(r.status, ServiceReferralStatus::kSent);
  EXPECT_EQ(r.status_on, *ParseIsoDate("2026-12-01")) << "sent on the day it was made";
  EXPECT_EQ(r.outcome, "");
  EXPECT_EQ(r.recorded_at, kClock.Now());
  EXPECT_EQ(r.version, 1);
  EXPECT_EQ(Entries().back().detail, "referrals to services: 1; your agency holds offence records");

  // Sent cannot be started or completed; accepted (today by default); stale; then started, completed with an outcome.
  EXPECT_EQ(referrals_.SetStatus(offman_, ann_, *id, 1, {.status = "started"}).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(referrals_.SetStatus(offman_, ann_, *id, 2, {.status = "accepted"}).code(), StatusCode::kStale);
  EXPECT_EQ(Fields(referrals_.SetStatus(offman_, ann_, *id, 1, {.status = "accepted", .status_on = "2026-11-30"})),
            (std::vector<std::string>{"status_on"}))
      << "before it was made";
  ASSERT_TRUE(referrals_.SetStatus(offman_, ann_, *id, 1, {.status = "accepted"}).ok());
  r = Find(*id);
  EXPECT_EQ(r.status, ServiceReferralStatus::kAccepted);
  EXPECT_EQ(r.status_on, kClock.Today());
  EXPECT_EQ(r.version, 2);
  EXPECT_EQ(Entries().back().detail, "referrals to services: 1; your agency holds offence records");
  ASSERT_TRUE(referrals_.SetStatus(offman_, ann_, *id, 2, {.status = "started", .status_on = "2026-12-05"}).ok());
  const Status no_outcome = referrals_.SetStatus(offman_, ann_, *id, 3, {.status = "completed"});
  EXPECT_EQ(Fields(no_outcome), (std::vector<std::string>{"outcome"}));
  EXPECT_EQ(Find(*id).status, ServiceReferralStatus::kStarted) << "nothing changed";
  ASSERT_TRUE(referrals_.SetStatus(offman_, ann_, *id, 3, {.status = "completed", .outcome = "Housed"}).ok());
  r = Find(*id);
  EXPECT_EQ(r.status, ServiceReferralStatus::kCompleted);
  EXPECT_EQ(r.outcome, "Housed");
  EXPECT_EQ(r.version, 4);
  // Finished: it stays as it is.
  for (const char* to : {"sent", "accepted", "declined", "started", "withdrawn"}) {
    EXPECT_EQ(referrals_.SetStatus(offman_, ann_, *id, 4, {.status = to}).code(), StatusCode::kFailedPrecondition)
        << to;
  }
  EXPECT_EQ(Fields(referrals_.SetStatus(offman_, ann_, *id, 4, {.status = "lost"})),
            (std::vector<std::string>{"status"}));
  EXPECT_EQ(referrals_.SetStatus(offman_, ann_ + 1, *id, 4, {.status = "withdrawn"}).code(), StatusCode::kNotFound)
      << "only through its own person";
  EXPECT_EQ(Entries().back().outcome, AuditOutcome::kFailure);

  // A declined referral needs to say why; open ones are listed before finished ones, latest referred first.
  const Result<ServiceReferralId> treatment =
      referrals_.Refer(offman_, ann_, {.service = "drug_alcohol_treatment", .provider = "Drug Service"});
  ASSERT_TRUE(treatment.ok());
  EXPECT_EQ(Fields(referrals_.SetStatus(offman_, ann_, *treatment, 1, {.status = "declined"})),
            (std::vector<std::string>{"outcome"}));
  const Result<ServiceReferralId> mentoring = referrals_.Refer(
      offman_, ann_, {.service = "mentoring", .provider = "Second Chance", .referred_on = "2026-11-01"});
  ASSERT_TRUE(mentoring.ok());
  ASSERT_TRUE(
      referrals_.SetStatus(offman_, ann_, *treatment, 1, {.status = "declined", .outcome = "Did not attend"}).ok());
  const Result<ServiceReferralsView> view = referrals_.Referrals(offman_, ann_);
  ASSERT_TRUE(view.ok());
  std::vector<ServiceReferralId> ids;
  for (const ServiceReferral& referral : view->referrals) ids.push_back(referral.id);
  // Open: mentoring. Finished: treatment (today), housing (1 December).
  EXPECT_EQ(ids, (std::vector<ServiceReferralId>{*mentoring, *treatment, *id}));
}

TEST_F(ServiceReferralServiceTest, BadInputNamesEveryField) {
  const Result<ServiceReferralId> empty = referrals_.Refer(offman_, ann_, {});
  ASSERT_EQ(empty.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(empty.status()), (std::vector<std::string>{"service", "provider"}));
  const auto fields = [&](ServiceReferralInput input) {
    return Fields(referrals_.Refer(offman_, ann_, input).status());
  };
  EXPECT_EQ(fields({.service = "astrology", .provider = "x"}), (std::vector<std::string>{"service"}));
  EXPECT_EQ(fields({.service = "housing", .provider = "x", .referred_on = "2026-12-08"}),
            (std::vector<std::string>{"referred_on"}))
      << "tomorrow, said once";
  EXPECT_EQ(fields({.service = "housing", .provider = "x", .referred_on = "2026-02-30"}),
            (std::vector<std::string>{"referred_on"}));
  EXPECT_EQ(fields({.service = "housing", .provider = "x", .referred_on = "2025-12-05"}),
            (std::vector<std::string>{"referred_on"}))
      << "more than a year ago";
  EXPECT_EQ(fields({.service = "housing", .provider = std::string(kMaxProvider + 1, 'x')}),
            (std::vector<std::string>{"provider"}));
  EXPECT_TRUE(referrals_.Referrals(offman_, ann_)->referrals.empty()) << "nothing was stored";
  EXPECT_EQ(referrals_.Refer(offman_, ann_ + 1, {.service = "housing", .provider = "x"}).status().code(),
            StatusCode::kNotFound);
}

TEST_F(ServiceReferralServiceTest, AnAgencyThatDoesNotWorkWithThePersonNeitherReadsNorRefersUntilItIsOnTheTeam) {
  EXPECT_EQ(referrals_.Referrals(housing_worker_, ann_).status().code(), StatusCode::kPermissionDenied);
  const Result<ServiceReferralId> refused =
      referrals_.Refer(housing_worker_, ann_, {.service = "housing", .provider = "Tenancy support"});
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);
  const AuditEntry last = Entries().back();
  EXPECT_EQ(last.action, "record_referral");
  EXPECT_EQ(last.outcome, AuditOutcome::kDenied);
  EXPECT_EQ(last.username, "h.worker");

  ASSERT_TRUE(teams_
                  .AddMember(offman_, ann_,
                             {.user_id = std::to_string(housing_worker_.user_id), .role = "housing_officer"})
                  .ok());
  const Result<ServiceReferralId> referred =
      referrals_.Refer(housing_worker_, ann_, {.service = "housing", .provider = "Tenancy support"});
  ASSERT_TRUE(referred.ok()) << referred.status().ToString();
  const ServiceReferral r = Find(*referred);
  EXPECT_EQ(r.referred_by, "h.worker");
  EXPECT_EQ(r.referred_by_agency, "Tees Housing");
  ASSERT_TRUE(referrals_.SetStatus(housing_worker_, ann_, *referred, 1, {.status = "withdrawn"}).ok());
}

}  // namespace
}  // namespace openiom
