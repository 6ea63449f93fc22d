#include "analytics/engine/columnar_csv.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace openiom {
namespace {

const CategoryColumns& Categories() {
  return CategoryColumns::BuiltIn();
}

class ColumnarCsvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("openiom_columnar_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  Result<AnalyticsTables> Load(const std::string& persons, const std::string& events, int threads = 2,
                               size_t block_bytes = size_t{4} << 20) {
    return LoadAnalyticsCsv(Write("persons.csv", persons), Write("events.csv", events), Categories(), threads,
                            {.block_bytes = block_bytes});
  }
  std::filesystem::path dir_;
};

const char* kPersons = "person_id,date_of_birth,gender\n10,1990-05-01,M\n20,,F\n30,2001-12-31,\n";

TEST_F(ColumnarCsvTest, LoadsPeopleAndEventsIntoColumns) {
  const Result<AnalyticsTables> tables =
      Load(kPersons,
           "event_id,person_id,event_date,kind,category,offence_date\n"
           "1,20,2026-01-02,arrest,shoplifting,\n"
           "2,10,2025-12-31,conviction,\"burglary_residential\",2025-06-01\r\n"
           "3,30,2026-02-03,drug_test,,\n"
           "\n"
           "4,20,2026-03-04,charge,fraud,");  // no final newline
  ASSERT_TRUE(tables.ok()) << tables.status().message();
  EXPECT_EQ(tables->people.id, (std::vector<int64_t>{10, 20, 30}));
  EXPECT_EQ(tables->people.birth_day[0], *ParseDayNumber("1990-05-01"));
  EXPECT_EQ(tables->people.birth_day[1], kUnknownDay);
  EXPECT_EQ(tables->people.gender, (std::vector<char>{'M', 'F', 'U'}));
  ASSERT_EQ(tables->events.size(), 4u);
  const EventBlock& block = tables->events.blocks[0];  // a small file is one range
  EXPECT_EQ(block.person, (std::vector<uint32_t>{1, 0, 2, 1}));
  EXPECT_EQ(block.day[1], *ParseDayNumber("2025-12-31"));
  EXPECT_EQ(block.kind[2], static_cast<uint8_t>(EventKind::kDrugTest));
  EXPECT_EQ(block.category[1], Categories().Find("burglary_residential"));
  EXPECT_EQ(block.category[2], kNoCategory);
}

TEST_F(ColumnarCsvTest, EveryBadRowIsNamedAndNothingIsLoaded) {
  const Result<AnalyticsTables> tables =
      Load(kPersons,
           "event_id,person_id,event_date,kind,category\n"
           "1,10,2026-01-02,arrest,shoplifting\n"
           "2,99,2026-01-02,arrest,shoplifting\n"
           "3,10,2026-02-30,arrest,shoplifting\n"
           "4,10,2026-01-02,arest,shoplifting\n"
           "5,10,2026-01-02,arrest,Shoplifting\n"
           "6,10,2026-01-02,arrest,\n"
           "x,10,2026-01-02,arrest,fraud\n"
           "8,10,2026-01-02,arrest\n"
           "9,10,2026-01-02,arrest,fraud,extra\n"
           "10,\"10,2026-01-02,arrest,fraud\n");
  ASSERT_FALSE(tables.ok());
  const std::string& message = tables.status().message();
  for (const char* expected : {
           "events.csv: 9 bad rows; nothing was loaded",
           "line 3: column person_id: 99 is not in the persons file",
           "line 4: column event_date: '2026-02-30' is not a date (YYYY-MM-DD)",
           "line 5: column kind: 'arest' is not an event kind",
           "line 6: column category: 'Shoplifting' is not an offence category",
           "line 7: column category: an arrest must name its offence category",
           "line 8: column event_id: 'x' is not a positive whole number",
           "line 9: has 4 fields, expected 5",
           "line 10: has more fields, expected 5",
           "line 11: unbalanced quotes",
       }) {
    EXPECT_NE(message.find(expected), std::string::npos) << expected << "\n" << message;
  }
  EXPECT_EQ(message.find("line 2:"), std::string::npos) << message;
}

TEST_F(ColumnarCsvTest, BadPeopleAndHeadersAreNamed) {
  const std::pair<std::string, std::string> people_cases[] = {
      {"person_id,date_of_birth,gender\n1,1990-01-01,M\n1,,F\n", "person_id 1 appears twice"},
      {"person_id,date_of_birth,gender\n0,,M\n", "line 2: column person_id: '0' is not a positive whole number"},
      {"person_id,date_of_birth,gender\n1,01/02/1990,M\n", "line 2: column date_of_birth"},
      {"person_id,date_of_birth,gender\n1,,male\n", "line 2: column gender: 'male' must be M, F, X, U or empty"},
      {"id,dob,sex\n1,,M\n", "line 1: the header must be person_id,date_of_birth,gender"},
  };
  for (const auto& [persons, expected] : people_cases) {
    const Result<AnalyticsTables> tables = Load(persons, "event_id,person_id,event_date,kind,category\n");
    ASSERT_FALSE(tables.ok()) << persons;
    EXPECT_NE(tables.status().message().find(expected), std::string::npos) << tables.status().message();
  }
  const Result<AnalyticsTables> tables = Load(kPersons, "id,person,date,kind,category\n");
  ASSERT_FALSE(tables.ok());
  EXPECT_NE(tables.status().message().find("events.csv line 1: the header must be"), std::string::npos);
  EXPECT_EQ(LoadAnalyticsCsv((dir_ / "missing.csv").string(), (dir_ / "missing.csv").string(), Categories(), 1)
                .status()
                .code(),
            StatusCode::kNotFound);
}

TEST_F(ColumnarCsvTest, ParallelRangesSplitAtLineBoundariesWithoutLosingOrDuplicatingALine) {
  // Lines of varying length over about 3 MB, so the file is cut into many ranges at arbitrary bytes.
  std::string events = "event_id,person_id,event_date,kind,category\n";
  const char* categories[] = {"shoplifting", "violence_without_injury", "fraud", "homicide"};
  int64_t expected_day_sum = 0;
  const int kEvents = 70000;
  for (int i = 1; i <= kEvents; ++i) {
    const int day = 1 + i % 28;
    events += std::to_string(i) + "," + std::to_string(10 * (1 + i % 3)) + ",2026-02-" + (day < 10 ? "0" : "") +
              std::to_string(day) + ",arrest," + categories[i % 4] + "\n";
    expected_day_sum += *ParseDayNumber(std::string("2026-02-") + (day < 10 ? "0" : "") + std::to_string(day));
  }
  // Reading 4 MiB at a time, and 100 bytes at a time (lines carried over between reads, and a line longer than
  // the buffer making it grow).
  for (const auto& [threads, block] : std::vector<std::pair<int, size_t>>{{1, 4 << 20}, {2, 4 << 20}, {3, 4 << 20},
                                                                         {2, 100}, {3, 37}}) {
    const Result<AnalyticsTables> tables = Load(kPersons, events, threads, block);
    ASSERT_TRUE(tables.ok()) << tables.status().message();
    ASSERT_EQ(tables->events.size(), static_cast<size_t>(kEvents)) << threads;
    int64_t day_sum = 0;
    for (const EventBlock& block : tables->events.blocks) {
      for (int32_t day : block.day) day_sum += day;
    }
    EXPECT_EQ(day_sum, expected_day_sum) << threads << " " << block;
    if (threads > 1) {
      EXPECT_GT(tables->events.blocks.size(), 1u);
    }
  }
  // An error deep in the file is reported with its true line number whichever range found it.
  events += "70001,10,2026-02-31,arrest,fraud\n";
  const Result<AnalyticsTables> tables = Load(kPersons, events, 3);
  ASSERT_FALSE(tables.ok());
  EXPECT_NE(tables.status().message().find("line 70002: column event_date"), std::string::npos)
      << tables.status().message();
}

}  // namespace
}  // namespace openiom
