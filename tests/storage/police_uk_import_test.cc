// Importing data.police.uk street-level files, on both backends, with the real October 2018 Cleveland file.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "services/imports/police_uk_import_service.h"
#include "storage/reference/area_crime_repository.h"
#include "storage/transaction.h"
#include "support/test_database.h"

namespace openiom {
namespace {

const FixedClock kClock(*ParseIsoDate("2026-11-23"));
const std::string kSample = std::string(OPENIOM_SOURCE_DIR) + "/data/samples/police-uk/2018-10-cleveland-street.csv";
constexpr std::string_view kHeader =
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,"
    "Last outcome category,Context\n";

class Collecting final : public ImportObserver {
 public:
  void OnRejectedRow(std::string_view file, int64_t, const FieldProblems& errors,
                     const std::vector<std::string>&) override {
    for (const FieldProblem& error : errors) {
      messages.push_back(std::string(file) + ": line " + std::to_string(error.line) + ", column " + error.field +
                         ": " + error.message);
    }
  }
  std::vector<std::string> messages;
};

class PoliceUkImportTest : public ::testing::Test {
 protected:
  PoliceUkImportTest() : database_(test_database_.OpenMigrated()) {}

  Result<PoliceUkImportReport> ImportText(const std::vector<std::pair<std::string, std::string>>& files) {
    std::vector<std::istringstream> streams;
    streams.reserve(files.size());
    std::vector<PoliceUkFile> inputs;
    for (const auto& [name, text] : files) {
      streams.emplace_back(text);
      inputs.push_back({name, &streams.back()});
    }
    return ImportPoliceUk(*database_, audit_, actor_, inputs, kClock, observer_);
  }

  AreaCrimeCounts Counts() {
    AreaCrimeCounts counts;
    EXPECT_TRUE(database_->Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(counts, tx.Get<AreaCrimeRepository>().Count());
      return Status::Ok();
    }).ok());
    return counts;
  }

  testing::TestDatabase test_database_;
  std::unique_ptr<Database> database_;
  Collecting observer_;
  const AuditTrail audit_{kClock};
  const Actor actor_ = Actor::LocalOperator("test");
};

TEST_F(PoliceUkImportTest, LoadsEveryRowOfTheRealFileOnce) {
  std::ifstream file(kSample, std::ios::binary);
  ASSERT_TRUE(file) << kSample;
  std::vector<PoliceUkFile> inputs = {{"2018-10-cleveland-street.csv", &file}};
  auto report = ImportPoliceUk(*database_, audit_, actor_, inputs, kClock, observer_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  // 9,353 lines = header + 9,352 rows, of which 2,981 are anti-social behaviour (583 of them exact repeats).
  EXPECT_EQ(report->rows_read, 9352);
  EXPECT_EQ(report->rows_added, 9352);
  EXPECT_EQ(report->asb_rows, 2981);
  EXPECT_EQ(report->rows_outside_area, 0);  // every October row is in Cleveland (November has one in Durham)
  EXPECT_EQ(Counts().total, 9352);
  EXPECT_EQ(Counts().outside_area, report->rows_outside_area);

  std::ifstream again_file(kSample, std::ios::binary);
  std::vector<PoliceUkFile> again_inputs = {{"2018-10-cleveland-street.csv", &again_file}};
  auto again = ImportPoliceUk(*database_, audit_, actor_, again_inputs, kClock, observer_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->rows_added, 0);
  EXPECT_EQ(again->rows_already_present, 9352);
  EXPECT_EQ(Counts().total, 9352);
  EXPECT_TRUE(observer_.messages.empty());
}

TEST_F(PoliceUkImportTest, MarksRowsOutsideClevelandAndMapsCategories) {
  const std::string file = std::string(kHeader) +
      "abc,2018-10,Cleveland Police,Cleveland Police,-1.23,54.71,On or near X,E01011954,Hartlepool 001A,Burglary,"
      "Under investigation,\n"
      "def,2018-10,Cleveland Police,Cleveland Police,-1.50,54.80,On or near Y,E01020000,County Durham 001A,"
      "Shoplifting,,\n"
      ",2018-10,Cleveland Police,Cleveland Police,,,No location,,,Anti-social behaviour,,\n";
  auto report = ImportText({{"small.csv", file}});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->rows_added, 3);
  EXPECT_EQ(report->rows_outside_area, 2);  // a County Durham LSOA, and a row with no location at all
  EXPECT_EQ(Counts().outside_area, 2);
}

TEST_F(PoliceUkImportTest, AnyBadRowInAnyFileMeansNothingIsWritten) {
  const std::string good = std::string(kHeader) +
      "abc,2018-10,Cleveland Police,Cleveland Police,-1.23,54.71,On or near X,E01011954,Hartlepool 001A,Burglary,,\n";
  const std::string bad = std::string(kHeader) +
      "ghi,2018-13,Cleveland Police,Cleveland Police,-1.23,54.71,On or near X,E01011954,Hartlepool 001A,Burglary,,\n"
      "jkl,2018-10,Cleveland Police,Cleveland Police,-1.23,,On or near X,E01011954,Hartlepool 001A,Arson,,\n";
  auto report = ImportText({{"good.csv", good}, {"bad.csv", bad}});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(observer_.messages,
            (std::vector<std::string>{
                "bad.csv: line 2, column Month: '2018-13' is not a month in the form YYYY-MM",
                "bad.csv: line 3, column Latitude: latitude and longitude must be given together or both empty",
                "bad.csv: line 3, column Crime type: 'Arson' is not a data.police.uk crime type (Anti-social "
                "behaviour, Bicycle theft, Burglary, Criminal damage and arson, Drugs, Other crime, Other theft, "
                "Possession of weapons, Public order, Robbery, Shoplifting, Theft from the person, Vehicle crime, "
                "Violence and sexual offences)"}));
  EXPECT_EQ(Counts().total, 0);
}

// Regression (issue 8, defect 8): a NUL byte inside a field was stored verbatim.
TEST_F(PoliceUkImportTest, RejectsNulAndControlBytesNamingTheRowAndColumn) {
  const std::string file = std::string(kHeader) +
      "abc,2018-10,Cleveland Police,Cleveland Police,-1.23,54.71,On or near X" + std::string(1, '\0') +
      "Street,E01011954,Hartlepool 001A,Burglary,,\n"
      "def,2018-10,Cleveland Police,Cleveland Police,-1.23,54.71,On or near Y,E01011954,Hartlepool 001A,Burglary,"
      "Under\x1binvestigation,\n";
  auto report = ImportText({{"nul.csv", file}});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(observer_.messages, (std::vector<std::string>{"nul.csv: line 2, column Location: contains a NUL byte",
                                                          "nul.csv: line 3, column Last outcome category: contains "
                                                          "a control character"}));
  EXPECT_EQ(Counts().total, 0);
}

TEST_F(PoliceUkImportTest, RejectsAFileThatIsNotAStreetLevelFile) {
  auto report = ImportText({{"events.csv", "source_id,pnc_id\nx,y\n"}});
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("events.csv: line 1: not a data.police.uk street-level file"),
            std::string::npos)
      << report.status().message();
}

}  // namespace
}  // namespace openiom
