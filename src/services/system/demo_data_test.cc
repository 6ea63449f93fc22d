#include "services/system/demo_data.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "analytics/reporting/concentration.h"
#include "domain/reference/reference_data.h"

namespace openiom {
namespace {

const Date kAsOf = *ParseIsoDate("2026-11-23");

const DemoDataset& Dataset() {
  static const DemoDataset dataset = GenerateDemoDataset({.people = 2000, .seed = 7, .as_of = kAsOf});
  return dataset;
}

TEST(DemoData, SameSeedSameDataDifferentSeedDifferentData) {
  const DemoDataset again = GenerateDemoDataset({.people = 2000, .seed = 7, .as_of = kAsOf});
  const DemoDataset other = GenerateDemoDataset({.people = 2000, .seed = 8, .as_of = kAsOf});
  ASSERT_EQ(again.people.size(), Dataset().people.size());
  size_t same_names = 0;
  for (size_t index = 0; index < again.people.size(); ++index) {
    const DemoPerson& a = again.people[index];
    const DemoPerson& b = Dataset().people[index];
    ASSERT_EQ(a.person.surname, b.person.surname);
    ASSERT_EQ(a.person.date_of_birth, b.person.date_of_birth);
    ASSERT_EQ(a.identifiers.size(), b.identifiers.size());
    ASSERT_EQ(a.events.size(), b.events.size());
    for (size_t event = 0; event < a.events.size(); ++event) {
      ASSERT_TRUE(EventDifferences(a.events[event], b.events[event]).empty());
    }
    same_names += other.people[index].person.surname == b.person.surname &&
                  other.people[index].person.forenames == b.person.forenames;
  }
  EXPECT_LT(same_names, 100u);
}

TEST(DemoData, EveryRecordIsValid) {
  std::set<std::string> identifiers, source_ids;
  for (const DemoPerson& demo : Dataset().people) {
    EXPECT_TRUE(ValidatePerson(demo.person, kAsOf).ok()) << ValidatePerson(demo.person, kAsOf).message();
    ASSERT_NE(LsoaCatalogue::Cleveland().Find(demo.person.address.lsoa_code), nullptr);
    EXPECT_EQ(LsoaCatalogue::Cleveland().Find(demo.person.address.lsoa_code)->district_name,
              demo.person.address.district);
    std::set<IdentifierKind> kinds;
    for (const Identifier& identifier : demo.identifiers) {
      auto parsed = ParseIdentifier(identifier.kind, identifier.value);
      ASSERT_TRUE(parsed.ok()) << parsed.status().message();
      EXPECT_EQ(*parsed, identifier.value);
      EXPECT_TRUE(kinds.insert(identifier.kind).second) << "one of each kind";
      EXPECT_TRUE(identifiers.insert(identifier.value).second) << "identifiers are unique: " << identifier.value;
      if (identifier.kind == IdentifierKind::kNhsNumber) {
        EXPECT_EQ(identifier.value.substr(0, 3), "999") << "NHS numbers only from the never-issued range";
      }
    }
    EXPECT_TRUE(kinds.contains(IdentifierKind::kPncId));
    for (const Event& event : demo.events) {
      EXPECT_TRUE(source_ids.insert(event.source_record_id).second);
      EXPECT_LE(event.event_date, kAsOf);
      EXPECT_GE(event.event_date, *demo.person.date_of_birth);
      if (RequiresOffenceCategory(event.kind)) {
        EXPECT_NE(OffenceCategoryCatalogue::BuiltIn().Find(event.offence_category), nullptr);
      }
      if (event.kind == EventKind::kDrugTest) {
        EXPECT_TRUE(IsDrugTestOutcome(event.outcome));
      }
      if (HasOffenceDate(event.kind)) {
        ASSERT_TRUE(event.offence_date.has_value());
        EXPECT_LE(*event.offence_date, event.event_date);
      }
      if (event.location) {
        EXPECT_TRUE(IsInsideUk(*event.location));
      }
    }
  }
}

TEST(DemoData, NamesAreObviouslySynthetic) {
  for (const DemoPerson& demo : Dataset().people) {
    const std::string& surname = demo.person.surname;
    const bool synthetic = surname.starts_with("Test") || surname.starts_with("Sample") ||
                           surname.starts_with("Demo") || surname.starts_with("Mock") ||
                           surname.starts_with("Dummy") || surname.starts_with("Faux") ||
                           surname.starts_with("Proxy") || surname.starts_with("Stub") ||
                           surname.starts_with("Fixture") || surname.starts_with("Synth");
    EXPECT_TRUE(synthetic) << surname;
  }
}

// Proportions near the seeds' figures (reference-data.md §9), with tolerances wide enough for sampling noise.
TEST(DemoData, ProportionsAreNearTheSeedsFigures) {
  const auto& people = Dataset().people;
  const double total = static_cast<double>(people.size());
  int adults = 0, male = 0, probation = 0, nhs = 0, positive_test = 0;
  std::vector<int64_t> arrests;
  std::map<std::string, int> categories;
  int all_arrests = 0;
  std::set<std::string> districts;
  for (const DemoPerson& demo : people) {
    adults += AgeOn(*demo.person.date_of_birth, kAsOf) >= 18;
    male += demo.person.gender == Gender::kMale;
    for (const Identifier& identifier : demo.identifiers) {
      probation += identifier.kind == IdentifierKind::kCrn;
      nhs += identifier.kind == IdentifierKind::kNhsNumber;
    }
    int64_t count = 0;
    bool positive = false;
    for (const Event& event : demo.events) {
      if (event.kind == EventKind::kArrest) {
        ++count;
        ++all_arrests;
        ++categories[event.offence_category];
      }
      positive |= event.kind == EventKind::kDrugTest && event.outcome != "negative";
    }
    positive_test += positive;
    arrests.push_back(count);
    districts.insert(demo.person.address.district);
  }
  EXPECT_NEAR(adults / total, 0.93, 0.03);
  EXPECT_NEAR(male / total, 0.84, 0.04);
  EXPECT_NEAR(probation / total, 0.42, 0.06);
  EXPECT_NEAR(nhs / total, 0.35, 0.06);
  EXPECT_NEAR(positive_test / total, 0.30, 0.10);  // seed 002: ~34% tested positive for opiates/cocaine
  EXPECT_NEAR(categories["shoplifting"] / static_cast<double>(all_arrests), 0.26, 0.05);
  EXPECT_EQ(districts.size(), 4u);
  // Skew: the most prolific 5% account for well over a third of arrests; most people have one or two.
  EXPECT_GT(OffendingConcentration(arrests, 0.05).share, 0.35);
  EXPECT_GT(std::count_if(arrests.begin(), arrests.end(), [](int64_t n) { return n <= 2; }), people.size() / 2);
}

}  // namespace
}  // namespace openiom

namespace openiom {
namespace {

// scripts/run loads the default dataset: it must show a paged history, an open warrant and a custody episode.
TEST(DemoData, TheDefaultDatasetHasALongHistoryWithAnOpenWarrantAndACustodyEpisode) {
  const DemoDataset dataset = GenerateDemoDataset({.as_of = kAsOf});
  const bool found = std::any_of(dataset.people.begin(), dataset.people.end(), [](const DemoPerson& demo) {
    auto has = [&](EventKind kind) {
      return std::any_of(demo.events.begin(), demo.events.end(), [&](const Event& e) { return e.kind == kind; });
    };
    return demo.events.size() > 50 && HasOpenWarrant(demo.events) && has(EventKind::kCustodyStart) &&
           has(EventKind::kRelease);
  });
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace openiom
