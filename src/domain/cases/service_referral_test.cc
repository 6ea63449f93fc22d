#include "domain/cases/service_referral.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

using std::chrono::days;

const Date kToday = *ParseIsoDate("2026-03-31");

ServiceReferral Sent(int referred_days_ago = 0) {
  return ServiceReferral{.id = 1,
                         .person_id = 7,
                         .service = ServiceKind::kHousing,
                         .provider = "Thirteen housing options",
                         .referred_on = kToday - days(referred_days_ago),
                         .referred_by = "p.officer",
                         .status = ServiceReferralStatus::kSent,
                         .status_on = kToday - days(referred_days_ago)};
}

// Every pair of statuses, written out: 6 x 6.
TEST(ServiceReferral, StatusesMoveOnlyAlongTheAllowedEdgesAndFinishedOnesStay) {
  using enum ServiceReferralStatus;
  struct Case {
    ServiceReferralStatus from, to;
    bool allowed;
  };
  const std::vector<Case> cases = {
      {kSent, kSent, false},           {kSent, kAccepted, true},         {kSent, kDeclined, true},
      {kSent, kStarted, false},        {kSent, kCompleted, false},       {kSent, kWithdrawn, true},
      {kAccepted, kSent, false},       {kAccepted, kAccepted, false},    {kAccepted, kDeclined, false},
      {kAccepted, kStarted, true},     {kAccepted, kCompleted, false},   {kAccepted, kWithdrawn, true},
      {kDeclined, kSent, false},       {kDeclined, kAccepted, false},    {kDeclined, kDeclined, false},
      {kDeclined, kStarted, false},    {kDeclined, kCompleted, false},   {kDeclined, kWithdrawn, false},
      {kStarted, kSent, false},        {kStarted, kAccepted, false},     {kStarted, kDeclined, false},
      {kStarted, kStarted, false},     {kStarted, kCompleted, true},     {kStarted, kWithdrawn, true},
      {kCompleted, kSent, false},      {kCompleted, kAccepted, false},   {kCompleted, kDeclined, false},
      {kCompleted, kStarted, false},   {kCompleted, kCompleted, false},  {kCompleted, kWithdrawn, false},
      {kWithdrawn, kSent, false},      {kWithdrawn, kAccepted, false},   {kWithdrawn, kDeclined, false},
      {kWithdrawn, kStarted, false},   {kWithdrawn, kCompleted, false},  {kWithdrawn, kWithdrawn, false},
  };
  ASSERT_EQ(cases.size(), 36u) << "every pair";
  for (const Case& c : cases) {
    EXPECT_EQ(MayChangeStatus(c.from, c.to), c.allowed) << CodeOf(c.from) << " -> " << CodeOf(c.to);
  }
}

TEST(ServiceReferral, NextStatusesAndFinishedOnes) {
  using enum ServiceReferralStatus;
  using Statuses = std::vector<ServiceReferralStatus>;
  EXPECT_EQ(NextStatuses(kSent), (Statuses{kAccepted, kDeclined, kWithdrawn}));
  EXPECT_EQ(NextStatuses(kAccepted), (Statuses{kStarted, kWithdrawn}));
  EXPECT_EQ(NextStatuses(kStarted), (Statuses{kCompleted, kWithdrawn}));
  EXPECT_EQ(NextStatuses(kDeclined), Statuses{});
  EXPECT_EQ(NextStatuses(kCompleted), Statuses{});
  EXPECT_EQ(NextStatuses(kWithdrawn), Statuses{});
  struct Case {
    ServiceReferralStatus status;
    bool finished;
  };
  for (const Case& c : std::vector<Case>{{kSent, false},
                                         {kAccepted, false},
                                         {kDeclined, true},
                                         {kStarted, false},
                                         {kCompleted, true},
                                         {kWithdrawn, true}}) {
    EXPECT_EQ(IsFinished(c.status), c.finished) << CodeOf(c.status);
  }
}

TEST(ServiceReferral, ProblemsNameTheField) {
  using enum ServiceReferralStatus;
  struct Case {
    const char* name;
    ServiceReferral referral;
    std::vector<std::string> fields;
  };
  const auto with = [](ServiceReferral referral, auto change) {
    change(referral);
    return referral;
  };
  const std::vector<Case> cases = {
      {"sent today", Sent(), {}},
      {"no provider", with(Sent(), [](ServiceReferral& r) { r.provider.clear(); }), {"provider"}},
      {"provider at the limit", with(Sent(), [](ServiceReferral& r) { r.provider = std::string(kMaxProvider, 'x'); }),
       {}},
      {"provider too long",
       with(Sent(), [](ServiceReferral& r) { r.provider = std::string(kMaxProvider + 1, 'x'); }),
       {"provider"}},
      {"referred tomorrow",
       with(Sent(),
            [](ServiceReferral& r) {
              r.referred_on = kToday + days(1);
              r.status_on = kToday + days(1);
            }),
       {"referred_on", "status_on"}},
      {"new, referred a year ago", with(Sent(366), [](ServiceReferral& r) { r.id = 0; }), {}},
      {"new, referred more than a year ago", with(Sent(367), [](ServiceReferral& r) { r.id = 0; }), {"referred_on"}},
      {"stored, referred more than a year ago", Sent(400), {}},
      {"status the day before the referral",
       with(Sent(3), [](ServiceReferral& r) { r.status_on = r.referred_on - days(1); }),
       {"status_on"}},
      {"status the day of the referral", Sent(3), {}},
      {"status tomorrow", with(Sent(3), [](ServiceReferral& r) { r.status_on = kToday + days(1); }), {"status_on"}},
      {"completed with no outcome", with(Sent(3), [](ServiceReferral& r) { r.status = kCompleted; }), {"outcome"}},
      {"declined with no outcome", with(Sent(3), [](ServiceReferral& r) { r.status = kDeclined; }), {"outcome"}},
      {"completed with an outcome",
       with(Sent(3),
            [](ServiceReferral& r) {
              r.status = kCompleted;
              r.outcome = "Housed in supported accommodation";
            }),
       {}},
      {"withdrawn with no outcome", with(Sent(3), [](ServiceReferral& r) { r.status = kWithdrawn; }), {}},
      {"started with no outcome", with(Sent(3), [](ServiceReferral& r) { r.status = kStarted; }), {}},
      {"outcome at the limit",
       with(Sent(), [](ServiceReferral& r) { r.outcome = std::string(kMaxReferralOutcome, 'x'); }),
       {}},
      {"outcome too long",
       with(Sent(), [](ServiceReferral& r) { r.outcome = std::string(kMaxReferralOutcome + 1, 'x'); }),
       {"outcome"}},
      {"everything wrong at once",
       with(Sent(),
            [](ServiceReferral& r) {
              r.provider.clear();
              r.referred_on = kToday + days(2);
              r.status_on = kToday + days(1);
              r.status = kDeclined;
            }),
       {"provider", "referred_on", "status_on", "outcome"}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> fields;
    for (const FieldProblem& problem : ServiceReferralProblems(c.referral, kToday)) fields.push_back(problem.field);
    EXPECT_EQ(fields, c.fields) << c.name;
  }
}

TEST(ServiceReferral, OpenReferralsComeFirstEachLatestReferredFirst) {
  using enum ServiceReferralStatus;
  std::vector<ServiceReferral> referrals = {Sent(10), Sent(2), Sent(5), Sent(1), Sent(2)};
  referrals[1].status = kCompleted;
  referrals[3].status = kWithdrawn;
  referrals[2].status = kStarted;
  for (size_t index = 0; index < referrals.size(); ++index) referrals[index].id = static_cast<int64_t>(index + 1);
  SortReferrals(referrals);
  std::vector<int64_t> ids;
  for (const ServiceReferral& r : referrals) ids.push_back(r.id);
  // Open: 5 (2 days ago), 3 (5 days), 1 (10 days); finished: 4 (1 day), 2 (2 days).
  EXPECT_EQ(ids, (std::vector<int64_t>{5, 3, 1, 4, 2}));
}

}  // namespace
}  // namespace openiom
