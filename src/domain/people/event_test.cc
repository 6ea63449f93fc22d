#include "domain/people/event.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

TEST(EventKind, CodesRoundTripAndRules) {
  struct Case {
    EventKind kind;
    const char* code;
    bool requires_category;
    bool has_offence_date;
  };
  const std::vector<Case> cases = {
      {EventKind::kArrest, "arrest", true, false},        {EventKind::kCharge, "charge", true, false},
      {EventKind::kConviction, "conviction", true, true}, {EventKind::kCaution, "caution", true, true},
      {EventKind::kDrugTest, "drug_test", false, false},  {EventKind::kCustodyStart, "custody_start", false, false},
      {EventKind::kRelease, "release", false, false},     {EventKind::kWarrant, "warrant", false, false},
      {EventKind::kRecall, "recall", false, false},       {EventKind::kBreach, "breach", false, false},
      {EventKind::kAsbIncident, "asb_incident", false, false},
  };
  ASSERT_EQ(cases.size(), std::size(kAllEventKinds));
  for (const Case& c : cases) {
    EXPECT_EQ(EventKindCode(c.kind), c.code);
    EXPECT_EQ(EventKindFromCode(c.code), c.kind);
    EXPECT_EQ(RequiresOffenceCategory(c.kind), c.requires_category) << c.code;
    EXPECT_EQ(HasOffenceDate(c.kind), c.has_offence_date) << c.code;
  }
  EXPECT_EQ(EventKindFromCode("Arrest"), std::nullopt);
}

TEST(DrugTestOutcome, OnlyTheFourOutcomes) {
  for (const char* outcome : {"positive_opiates", "positive_cocaine", "positive_both", "negative"}) {
    EXPECT_TRUE(IsDrugTestOutcome(outcome)) << outcome;
  }
  EXPECT_FALSE(IsDrugTestOutcome("positive"));
  EXPECT_FALSE(IsDrugTestOutcome(""));
}

// Regression (issue 8, defect 19): the history showed "positive_cocaine".
TEST(EventOutcomeLabel, DrugTestOutcomesHaveLabelsAndFreeTextStays) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"positive_opiates", "Positive for opiates"}, {"positive_cocaine", "Positive for cocaine"},
      {"positive_both", "Positive for opiates and cocaine"}, {"negative", "Negative"},
      {"charged", "charged"}, {"", ""}};
  for (const auto& [code, label] : cases) EXPECT_EQ(EventOutcomeLabel(code), label);
  for (std::string_view outcome : kDrugTestOutcomes) EXPECT_NE(EventOutcomeLabel(outcome), outcome) << outcome;
}

TEST(IsInsideUk, BoundingBoxEdges) {
  EXPECT_TRUE(IsInsideUk({54.5742, -1.2350}));   // Middlesbrough
  EXPECT_TRUE(IsInsideUk({54.5973, -5.9301}));   // Belfast
  EXPECT_TRUE(IsInsideUk({60.15, -1.15}));       // Lerwick
  EXPECT_TRUE(IsInsideUk({49.8, 1.8}));          // on the corner
  EXPECT_FALSE(IsInsideUk({48.8566, 2.3522}));   // Paris
  EXPECT_FALSE(IsInsideUk({-1.23, 54.57}));      // latitude and longitude swapped
  EXPECT_FALSE(IsInsideUk({0, 0}));
}

TEST(HasOpenWarrant, UntilAnArrestOrCustodyOnOrAfterIt) {
  auto event = [](EventKind kind, const char* date) {
    return Event{.kind = kind, .event_date = *ParseIsoDate(date)};
  };
  struct Case {
    std::vector<Event> events;
    bool open;
  };
  const std::vector<Case> cases = {
      {{}, false},
      {{event(EventKind::kArrest, "2026-01-01")}, false},
      {{event(EventKind::kWarrant, "2026-03-01")}, true},
      {{event(EventKind::kArrest, "2026-02-28"), event(EventKind::kWarrant, "2026-03-01")}, true},  // arrest before
      {{event(EventKind::kWarrant, "2026-03-01"), event(EventKind::kArrest, "2026-03-01")}, false},  // same day
      {{event(EventKind::kWarrant, "2026-03-01"), event(EventKind::kCustodyStart, "2026-04-01")}, false},
      {{event(EventKind::kWarrant, "2026-03-01"), event(EventKind::kConviction, "2026-04-01")}, true},  // not brought in
      {{event(EventKind::kWarrant, "2026-01-01"), event(EventKind::kArrest, "2026-02-01"),
        event(EventKind::kWarrant, "2026-03-01")},
       true},  // a second warrant after the arrest
  };
  for (size_t index = 0; index < cases.size(); ++index) {
    EXPECT_EQ(HasOpenWarrant(cases[index].events), cases[index].open) << "case " << index;
  }
}

TEST(OpenWarrants, AreTheUnexecutedWarrantsNewestFirst) {
  auto event = [](EventId id, EventKind kind, const char* date) {
    return Event{.id = id, .kind = kind, .event_date = *ParseIsoDate(date)};
  };
  const std::vector<Event> events = {
      event(1, EventKind::kWarrant, "2026-01-01"), event(2, EventKind::kArrest, "2026-02-01"),
      event(3, EventKind::kWarrant, "2026-03-01"), event(4, EventKind::kRelease, "2026-03-02"),
      event(5, EventKind::kWarrant, "2026-04-01"), event(6, EventKind::kWarrant, "2026-04-01")};
  std::vector<EventId> open;
  for (const Event& warrant : OpenWarrants(events)) open.push_back(warrant.id);
  EXPECT_EQ(open, (std::vector<EventId>{6, 5, 3})) << "a release does not execute a warrant; ties by id";
  EXPECT_TRUE(OpenWarrants({event(1, EventKind::kWarrant, "2026-01-01"), event(2, EventKind::kCustodyStart, "2026-01-01")})
                  .empty());
}

TEST(OpenRecalls, UntilCustodyStartsOnOrAfterTheRecallNewestFirst) {
  auto event = [](EventId id, EventKind kind, const char* date) {
    return Event{.id = id, .kind = kind, .event_date = *ParseIsoDate(date)};
  };
  struct Case {
    const char* name;
    std::vector<Event> events;
    std::vector<EventId> open;
  };
  const std::vector<Case> cases = {
      {"none", {}, {}},
      {"recalled", {event(1, EventKind::kRecall, "2026-03-01")}, {1}},
      {"custody the same day", {event(1, EventKind::kRecall, "2026-03-01"), event(2, EventKind::kCustodyStart, "2026-03-01")},
       {}},
      {"custody before the recall", {event(1, EventKind::kCustodyStart, "2026-02-28"), event(2, EventKind::kRecall, "2026-03-01")},
       {2}},
      {"an arrest does not return a recalled person to custody",
       {event(1, EventKind::kRecall, "2026-03-01"), event(2, EventKind::kArrest, "2026-03-05")}, {1}},
      {"two recalls, the later still open",
       {event(1, EventKind::kRecall, "2026-01-01"), event(2, EventKind::kCustodyStart, "2026-01-10"),
        event(3, EventKind::kRelease, "2026-02-01"), event(4, EventKind::kRecall, "2026-03-01")},
       {4}},
  };
  for (const Case& c : cases) {
    std::vector<EventId> open;
    for (const Event& recall : OpenRecalls(c.events)) open.push_back(recall.id);
    EXPECT_EQ(open, c.open) << c.name;
  }
}

TEST(EventDifferences, NamesEachDifferingField) {
  Event a{.person_id = 1, .kind = EventKind::kArrest, .event_date = *ParseIsoDate("2026-01-05"),
          .offence_category = "shoplifting", .outcome = "charged", .location = GeoPoint{54.5, -1.2}};
  EXPECT_TRUE(EventDifferences(a, a).empty());
  Event b = a;
  b.location = GeoPoint{54.5000004, -1.2000004};  // within 1e-6: the same place
  EXPECT_TRUE(EventDifferences(a, b).empty());
  b.event_date = *ParseIsoDate("2026-01-06");
  b.outcome = "no further action";
  b.location.reset();
  EXPECT_EQ(EventDifferences(a, b), (std::vector<std::string>{"event_date", "outcome", "location"}));
  Event c = a;
  c.person_id = 2;
  c.offence_date = a.event_date;
  EXPECT_EQ(EventDifferences(a, c), (std::vector<std::string>{"person", "offence_date"}));
}

}  // namespace
}  // namespace openiom
