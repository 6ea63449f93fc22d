#include "domain/cases/brag.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

using std::chrono::days;

const Date kDay = *ParseIsoDate("2026-06-30");  // the as-of day of every case

struct Fact {
  EventKind kind;
  int days_before;  // negative: after the as-of day
};

Event MakeEvent(const Fact& fact, int64_t id) {
  Event event;
  event.id = id;
  event.person_id = 1;
  event.kind = fact.kind;
  event.event_date = kDay - days(fact.days_before);
  if (RequiresOffenceCategory(fact.kind)) event.offence_category = "shoplifting";
  return event;
}

Contact Failed(int days_before, ContactOutcome outcome = ContactOutcome::kFailedUnacceptable, int64_t id = 1) {
  Contact contact;
  contact.id = id;
  contact.on = kDay - days(days_before);
  contact.agency = "Tees Probation";
  contact.outcome = outcome;
  return contact;
}

Assessment WithSignificant(int significant, int days_before = 10) {
  Assessment assessment;
  assessment.id = 1;
  assessment.assessed_on = kDay - days(days_before);
  int marked = 0;
  for (const Pathway pathway : FormPathways(1)) {
    if (IsWomensPathway(pathway)) continue;
    assessment.needs.push_back({pathway, marked++ < significant ? NeedLevel::kSignificant : NeedLevel::kSome, ""});
  }
  return assessment;
}

struct Case {
  const char* name;
  std::vector<Fact> events;
  std::vector<Contact> contacts;
  std::optional<Assessment> assessment;
  std::optional<double> rfg;
  BragRating expected;
  std::vector<BragRule> rules;  // every rule that fired, in the order given
  bool provisional;
};

BragFacts FactsOf(const Case& c) {
  BragFacts facts;
  int64_t id = 0;
  for (const Fact& fact : c.events) facts.events.push_back(MakeEvent(fact, ++id));
  facts.contacts = c.contacts;
  if (c.assessment) facts.assessments.push_back(*c.assessment);
  if (c.rfg) facts.rfg = RfgFact{*c.rfg, kDay - days(3)};
  return facts;
}

TEST(Brag, EachRuleAtItsEdgesAndInPrecedence) {
  using enum BragRule;
  using K = EventKind;
  const Assessment none = WithSignificant(0);
  const std::vector<Case> cases = {
      {"nothing known", {}, {}, std::nullopt, std::nullopt, BragRating::kGreen, {}, true},
      {"nothing known, assessed", {}, {}, none, std::nullopt, BragRating::kGreen, {}, false},
      // Blue: custody start with no later release.
      {"custody today", {{K::kCustodyStart, 0}}, {}, none, {}, BragRating::kBlue, {kInCustody}, false},
      {"custody, released 10 days ago", {{K::kCustodyStart, 90}, {K::kRelease, 10}}, {}, none, {},
       BragRating::kAmber, {kRecentRelease}, false},
      {"released 29 days ago", {{K::kCustodyStart, 90}, {K::kRelease, 29}}, {}, none, {}, BragRating::kGreen, {}, false},
      {"released 28 days ago", {{K::kCustodyStart, 90}, {K::kRelease, 28}}, {}, none, {}, BragRating::kAmber,
       {kRecentRelease}, false},
      {"custody again after a release", {{K::kCustodyStart, 90}, {K::kRelease, 60}, {K::kCustodyStart, 5}}, {}, none,
       {}, BragRating::kBlue, {kInCustody}, false},
      {"custody starting tomorrow is not yet known", {{K::kCustodyStart, -1}}, {}, none, {}, BragRating::kGreen, {},
       false},
      // Red: arrests and charges at 27, 28 and 29 days.
      {"arrest 27 days ago", {{K::kArrest, 27}}, {}, none, {}, BragRating::kRed, {kRecentArrestOrCharge}, false},
      {"arrest 28 days ago", {{K::kArrest, 28}}, {}, none, {}, BragRating::kRed, {kRecentArrestOrCharge}, false},
      {"arrest 29 days ago", {{K::kArrest, 29}}, {}, none, {}, BragRating::kGreen, {}, false},
      {"charge 28 days ago", {{K::kCharge, 28}}, {}, none, {}, BragRating::kRed, {kRecentArrestOrCharge}, false},
      {"conviction is not an arrest", {{K::kConviction, 1}}, {}, none, {}, BragRating::kGreen, {}, false},
      // Warrants: open until an arrest or custody on or after the day issued.
      {"open warrant", {{K::kWarrant, 100}}, {}, none, {}, BragRating::kRed, {kOpenWarrant}, false},
      {"warrant closed by a later arrest", {{K::kWarrant, 100}, {K::kArrest, 60}}, {}, none, {}, BragRating::kGreen,
       {}, false},
      {"warrant closed by an arrest that is recent", {{K::kWarrant, 100}, {K::kArrest, 5}}, {}, none, {},
       BragRating::kRed, {kRecentArrestOrCharge}, false},
      // Recalls: open until custody starts on or after the recall.
      {"open recall", {{K::kRecall, 50}}, {}, none, {}, BragRating::kRed, {kOpenRecall}, false},
      {"recall closed by custody the same day", {{K::kRecall, 50}, {K::kCustodyStart, 50}}, {}, none, {},
       BragRating::kBlue, {kInCustody}, false},
      {"recall closed by custody, then released long ago",
       {{K::kRecall, 120}, {K::kCustodyStart, 110}, {K::kRelease, 40}}, {}, none, {}, BragRating::kGreen, {}, false},
      // Breaches.
      {"breach 28 days ago", {{K::kBreach, 28}}, {}, none, {}, BragRating::kRed, {kRecentBreach}, false},
      {"breach 29 days ago", {{K::kBreach, 29}}, {}, none, {}, BragRating::kGreen, {}, false},
      // Failed appointments: two unacceptable in the window Red, one Amber; acceptable ones and older ones do not count.
      {"two unacceptable failures", {}, {Failed(3, ContactOutcome::kFailedUnacceptable, 1), Failed(28, ContactOutcome::kFailedUnacceptable, 2)},
       none, {}, BragRating::kRed, {kRepeatedFailedAppointments, kRepeatedFailedAppointments}, false},
      {"one unacceptable failure", {}, {Failed(3)}, none, {}, BragRating::kAmber, {kFailedAppointment}, false},
      {"one in the window, one 29 days ago", {}, {Failed(3, ContactOutcome::kFailedUnacceptable, 1), Failed(29, ContactOutcome::kFailedUnacceptable, 2)},
       none, {}, BragRating::kAmber, {kFailedAppointment}, false},
      {"acceptable failures do not count", {}, {Failed(3, ContactOutcome::kFailedAcceptable, 1), Failed(4, ContactOutcome::kFailedAcceptable, 2)},
       none, {}, BragRating::kGreen, {}, false},
      {"an unacceptable failure still to come is not a fact", {}, {Failed(-2)}, none, {}, BragRating::kGreen, {},
       false},
      // Needs: three significant pathways Amber, two not; an assessment after the day does not count.
      {"three significant needs", {}, {}, WithSignificant(3), {}, BragRating::kAmber, {kSignificantNeeds}, false},
      {"two significant needs", {}, {}, WithSignificant(2), {}, BragRating::kGreen, {}, false},
      {"an assessment after the day", {}, {}, WithSignificant(5, -1), {}, BragRating::kGreen, {}, true},
      // RFG.
      {"RFG 60", {}, {}, none, 60.0, BragRating::kAmber, {kHighRfg}, false},
      {"RFG 59.99", {}, {}, none, 59.99, BragRating::kGreen, {}, false},
      // Precedence: Blue over Red over Amber, and every rule that fired is listed.
      {"custody and a recent arrest", {{K::kArrest, 3}, {K::kCustodyStart, 2}}, {}, WithSignificant(3), 70.0,
       BragRating::kBlue, {kInCustody, kRecentArrestOrCharge, kHighRfg, kSignificantNeeds}, false},  // Amber: newest first
      {"red and amber", {{K::kBreach, 1}}, {Failed(2)}, none, 61.0, BragRating::kRed,
       {kRecentBreach, kFailedAppointment, kHighRfg}, false},
  };
  for (const Case& c : cases) {
    const BragAssessment rating = AssessBrag(FactsOf(c), BragConfig{}, kDay);
    EXPECT_EQ(rating.computed, c.expected) << c.name;
    EXPECT_EQ(rating.Shown(), c.expected) << c.name;
    EXPECT_EQ(rating.provisional, c.provisional) << c.name;
    std::vector<BragRule> fired;
    for (const BragReason& reason : rating.reasons) fired.push_back(reason.rule);
    EXPECT_EQ(fired, c.rules) << c.name;
  }
}

TEST(Brag, EachReasonNamesItsFactAndDay) {
  BragFacts facts;
  facts.events = {MakeEvent({EventKind::kArrest, 5}, 1), MakeEvent({EventKind::kWarrant, 200}, 2)};
  facts.events[1].event_date = *ParseIsoDate("2025-12-01");
  facts.events[0].event_date = *ParseIsoDate("2025-11-20");  // before the warrant: does not close it
  facts.events.push_back(MakeEvent({EventKind::kCharge, 2}, 3));  // a charge does not close a warrant
  facts.contacts = {Failed(1)};
  facts.contacts[0].kind = ContactKind::kHomeVisit;
  const BragAssessment rating = AssessBrag(facts, BragConfig{}, kDay);
  ASSERT_EQ(rating.reasons.size(), 3u);
  EXPECT_EQ(rating.reasons[0], (BragReason{BragRule::kRecentArrestOrCharge, "Charge on 28 June 2026 (Shoplifting)",
                                           *ParseIsoDate("2026-06-28")}));
  EXPECT_EQ(rating.reasons[1].rule, BragRule::kOpenWarrant);
  EXPECT_EQ(rating.reasons[1].text, "Warrant issued on 1 December 2025, with no arrest or custody since");
  EXPECT_EQ(rating.reasons[1].date, *ParseIsoDate("2025-12-01"));
  EXPECT_EQ(rating.reasons[2].text, "Home visit on 29 June 2026 with Tees Probation: Failed to attend: unacceptable");
}

TEST(Brag, TheConfigurationMovesTheThresholdsAndSwitchesRulesOff) {
  BragFacts facts;
  facts.events = {MakeEvent({EventKind::kArrest, 10}, 1)};
  facts.contacts = {Failed(3, ContactOutcome::kFailedUnacceptable, 1), Failed(4, ContactOutcome::kFailedUnacceptable, 2)};
  facts.rfg = RfgFact{50, kDay};
  BragConfig config;
  config.window_days = 7;
  config.red_failed_appointments = 3;
  config.amber_rfg = 50;
  const BragAssessment rating = AssessBrag(facts, config, kDay);
  EXPECT_EQ(rating.computed, BragRating::kAmber);  // the arrest is outside 7 days; two failures are one short of Red
  ASSERT_EQ(rating.reasons.size(), 3u);
  EXPECT_EQ(rating.reasons[0].rule, BragRule::kHighRfg);  // Amber's reasons newest first: scored today
  EXPECT_EQ(rating.reasons[1].rule, BragRule::kFailedAppointment);
  EXPECT_EQ(rating.reasons[2].rule, BragRule::kFailedAppointment);
  config.disabled = {BragRule::kFailedAppointment, BragRule::kHighRfg};
  EXPECT_EQ(AssessBrag(facts, config, kDay).computed, BragRating::kGreen);
}

TEST(Brag, AnOverrideAppliesOnlySignedOffAndUntilItExpires) {
  BragFacts facts;
  facts.events = {MakeEvent({EventKind::kArrest, 1}, 1)};
  BragOverride amber{.id = 1, .rating = BragRating::kAmber, .justification = "arrest was mistaken identity",
                     .starts_on = kDay - days(1), .expires_on = kDay + days(1), .requested_by = "p"};
  facts.overrides = {amber};
  BragAssessment pending = AssessBrag(facts, BragConfig{}, kDay);
  EXPECT_EQ(pending.Shown(), BragRating::kRed);
  ASSERT_TRUE(pending.pending.has_value());
  EXPECT_FALSE(pending.override_.has_value());

  facts.overrides[0].approved_by = "m";
  const BragAssessment applied = AssessBrag(facts, BragConfig{}, kDay);
  EXPECT_EQ(applied.Shown(), BragRating::kAmber);
  EXPECT_EQ(applied.computed, BragRating::kRed);  // still shown beside it, with its reasons
  EXPECT_EQ(applied.reasons.size(), 1u);
  EXPECT_FALSE(applied.pending.has_value());
  EXPECT_EQ(AssessBrag(facts, BragConfig{}, kDay + days(1)).Shown(), BragRating::kRed);  // expired on its day
  EXPECT_FALSE(AssessBrag(facts, BragConfig{}, kDay - days(2)).override_.has_value());  // not yet started
  facts.overrides[0].ended_on = kDay;
  EXPECT_EQ(AssessBrag(facts, BragConfig{}, kDay).Shown(), BragRating::kRed);  // withdrawn
}

TEST(Brag, HistoryChangesOnTheDaysFactsArriveAndLeaveTheWindow) {
  BragFacts facts;
  const Date arrest = *ParseIsoDate("2026-03-01");
  Event event = MakeEvent({EventKind::kArrest, 0}, 1);
  event.event_date = arrest;
  facts.events = {event};
  const std::vector<BragChange> history =
      BragHistory(facts, BragConfig{}, arrest - days(10), arrest + days(60));
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].on, arrest - days(10));
  EXPECT_EQ(history[0].rating, BragRating::kGreen);
  EXPECT_EQ(history[1].on, arrest);
  EXPECT_EQ(history[1].rating, BragRating::kRed);
  EXPECT_EQ(history[2].on, arrest + days(29));  // 28 days after still counts
  EXPECT_EQ(history[2].rating, BragRating::kGreen);
}

}  // namespace
}  // namespace openiom
