// `openiom score` and `openiom candidates` on pseudonymised files: hand-computed results, exact output format,
// and bad input that names the row and writes nothing.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>

#include "support/openiom_server.h"
#include "support/test_database.h"

namespace openiom {
namespace {

using testing::ProcessResult;
using testing::ReadFile;

constexpr const char* kPersons =
    "person_id,date_of_birth,gender\n"
    "1,1990-01-01,M\n"
    "2,2010-06-01,F\n"
    "3,,M\n"
    "4,1980-01-01,M\n";

// As of 2026-11-30 (window 2025-12-01 to 2026-11-30):
// person 1: four acquisitive arrests (shoplifting twice, residential burglary, fraud), one exactly 365 days
//   before (outside), one charge; person 2: a homicide arrest the day before, and one after the as-of day;
// person 3: a violence-with-injury arrest on the window's first day; person 4: a drug test only.
constexpr const char* kEvents =
    "event_id,person_id,event_date,kind,category,offence_date\n"
    "1,1,2026-11-30,arrest,shoplifting,\n"
    "2,1,2026-10-01,arrest,shoplifting,\n"
    "3,1,2026-09-01,arrest,burglary_residential,\n"
    "4,1,2026-01-01,arrest,fraud,\n"
    "5,1,2025-11-30,arrest,homicide,\n"
    "6,1,2026-11-01,charge,shoplifting,\n"
    "7,2,2026-11-29,arrest,homicide,\n"
    "8,2,2026-12-01,arrest,rape,\n"
    "9,3,2025-12-01,arrest,violence_with_injury,\n"
    "10,4,2026-06-01,drug_test,,\n";

class AnalyticsCliTest : public ::testing::Test {
 protected:
  ProcessResult Openiom(std::vector<std::string> args) {
    return testing::RunOpeniom(OPENIOM_BINARY, "sqlite:" + (dir_.path() / "unused.db").string(), std::move(args), "");
  }
  std::vector<std::string> FileArgs(const std::string& command, const std::string& out) {
    return {command, "--persons", dir_.WriteFile("persons.csv", kPersons), "--events",
            dir_.WriteFile("events.csv", kEvents), "--as-of", "2026-11-30", "--out", out};
  }
  testing::TempDir dir_;
};

TEST_F(AnalyticsCliTest, ScoreWritesHandComputedScoresInRankOrder) {
  const std::string out = (dir_.path() / "scores.csv").string();
  std::vector<std::string> args = FileArgs("score", out);
  args.push_back("--timings");
  const ProcessResult result = Openiom(args);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // 1: d 0, n 4, burglary gravity 3: 30 + 16 + 20 = 66; harm 13 + 13; cost 5,930 (burglary only).
  // 2: d 1, homicide: 0.3 (100 364/365) + 4 + 30 = 63.92; harm 7,979; cost 3,217,740.
  // 3: d 364: 0.3 (100/365) + 4 + 20 = 24.08; cost 14,050.
  EXPECT_EQ(ReadFile(out),
            "person_id,n,last_event_date,max_gravity,r,f,g,rfg,harm,cost\n"
            "1,4,2026-11-30,3,100.00,40.00,66.67,66.00,26,5930\n"
            "2,1,2026-11-29,4,99.73,10.00,100.00,63.92,7979,3217740\n"
            "3,1,2025-12-01,3,0.27,10.00,66.67,24.08,0,14050\n");
  const boost::json::object timings = boost::json::parse(result.err).as_object();
  for (const char* key : {"load_s", "score_s", "write_s"}) {
    ASSERT_TRUE(timings.contains(key)) << result.err;
    EXPECT_GE(timings.at(key).as_double(), 0.0);
  }
  EXPECT_NE(result.out.find("4 people, 10 events: 3 scores written"), std::string::npos) << result.out;
}

TEST_F(AnalyticsCliTest, CandidatesNameTheRulesAndWhyTheyFired) {
  const std::string csv = (dir_.path() / "candidates.csv").string();
  ProcessResult result = Openiom(FileArgs("candidates", csv));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(ReadFile(csv),
            "person_id,rules,rfg,n,acquisitive_n,last_event_date,max_gravity,harm,cost,reasons\n"
            "1,acquisitive-4;high-rfg,66.00,4,4,2026-11-30,3,26,5930,\"acquisitive-4: 4 acquisitive-crime events in "
            "the window (needs 4); aged 36 (needs 18 or over); not in the cohort | high-rfg: RFG 66.00 (needs 60.00); "
            "not in the cohort\"\n"
            "2,high-rfg,63.92,1,0,2026-11-29,4,7979,3217740,\"high-rfg: RFG 63.92 (needs 60.00); not in the cohort\"\n");

  const std::string json = (dir_.path() / "candidates.json").string();
  std::vector<std::string> args = FileArgs("candidates", json);
  args.insert(args.end(), {"--format", "json"});
  result = Openiom(args);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const boost::json::array candidates = boost::json::parse(ReadFile(json)).as_array();
  ASSERT_EQ(candidates.size(), 2u);
  const boost::json::object& first = candidates[0].as_object();
  EXPECT_EQ(first.at("person_id").as_int64(), 1);
  EXPECT_EQ(first.at("rules").as_array().size(), 2u);
  EXPECT_EQ(first.at("rules").as_array()[0].as_object().at("name").as_string(), "acquisitive-4");
  EXPECT_DOUBLE_EQ(first.at("rfg").as_double(), 66.0);
  EXPECT_EQ(first.at("last_event_date").as_string(), "2026-11-30");
}

TEST_F(AnalyticsCliTest, ConfigurationChangesGravityAndTheAcquisitiveCategories) {
  // Shoplifting as gravity 4 and only fraud acquisitive: person 1 now has G 100 (RFG 30 + 16 + 30 = 76) and one
  // acquisitive arrest, so acquisitive-4 no longer fires.
  const std::string config = dir_.WriteFile(
      "config.json", R"({"gravity": {"shoplifting": 4}, "acquisitive_categories": ["fraud"]})");
  const std::string scores = (dir_.path() / "scores.csv").string();
  std::vector<std::string> args = FileArgs("score", scores);
  args.insert(args.end(), {"--config", config});
  ASSERT_EQ(Openiom(args).exit_code, 0);
  EXPECT_EQ(ReadFile(scores).substr(0, ReadFile(scores).find('\n', 70) + 1),
            "person_id,n,last_event_date,max_gravity,r,f,g,rfg,harm,cost\n"
            "1,4,2026-11-30,4,100.00,40.00,100.00,76.00,26,5930\n");
  const std::string candidates = (dir_.path() / "candidates.csv").string();
  args = FileArgs("candidates", candidates);
  args.insert(args.end(), {"--config", config});
  ASSERT_EQ(Openiom(args).exit_code, 0);
  EXPECT_NE(ReadFile(candidates).find("\n1,high-rfg,76.00,4,1,"), std::string::npos) << ReadFile(candidates);
}

TEST_F(AnalyticsCliTest, BadRowsExit2NameTheLineAndWriteNoFile) {
  // Yesterday's scores stay as they were when today's files are bad.
  const std::string out = dir_.WriteFile("scores.csv", "yesterday's scores\n");
  const ProcessResult result =
      Openiom({"score", "--persons", dir_.WriteFile("persons.csv", kPersons), "--events",
               dir_.WriteFile("events.csv", std::string(kEvents) + "11,9,2026-01-01,arrest,fraud,\n"), "--as-of",
               "2026-11-30", "--out", out});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("line 12: column person_id: 9 is not in the persons file"), std::string::npos)
      << result.err;
  EXPECT_EQ(ReadFile(out), "yesterday's scores\n");
  EXPECT_FALSE(std::filesystem::exists(out + ".partial"));

  const ProcessResult missing = Openiom({"score", "--events", (dir_.path() / "events.csv").string(), "--out", out});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("--events needs --persons and --out"), std::string::npos) << missing.err;
  const ProcessResult bad_date = Openiom({"score", "--events", (dir_.path() / "events.csv").string(), "--persons",
                                          (dir_.path() / "persons.csv").string(), "--out", out, "--as-of", "30/11/2026"});
  EXPECT_EQ(bad_date.exit_code, 2);
  EXPECT_NE(bad_date.err.find("--as-of"), std::string::npos) << bad_date.err;
}

}  // namespace
}  // namespace openiom
