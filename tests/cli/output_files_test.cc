// Output files (`import events --rejects`, `score --out`, `candidates --out`) as an attacker on the same machine
// or a careless operator meets them: planted symbolic links, devices, FIFOs and directories (issue 8, defect 4).
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <future>

#include "support/openiom_server.h"
#include "support/test_database.h"

namespace openiom {
namespace {

namespace fs = std::filesystem;
using testing::ProcessResult;
using testing::ReadFile;

constexpr std::string_view kEventsHeader =
    "source_id,pnc_id,surname,forenames,date_of_birth,gender,event_type,event_date,offence_category,offence_date,"
    "outcome,latitude,longitude,lsoa_code\n";
constexpr std::string_view kGoodRow =
    "A1,,Testington,Aaron,1990-01-02,M,arrest,2026-01-05,shoplifting,,charged,,,\n";
constexpr std::string_view kBadRow = "B2,,Mockridge,Carl,1990-13-02,M,arrest,2026-01-05,jaywalking,,,,,\n";
constexpr const char* kPersons = "person_id,date_of_birth,gender\n1,1990-01-01,M\n";
constexpr const char* kAnalyticsEvents = "event_id,person_id,event_date,kind,category,offence_date\n"
                                         "1,1,2026-11-30,arrest,shoplifting,\n";
constexpr const char* kScores = "person_id,n,last_event_date,max_gravity,r,f,g,rfg,harm,cost\n";
constexpr fs::perms kGroupOrOthers = fs::perms::group_all | fs::perms::others_all;

std::vector<std::string> Names(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class OutputFilesCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directory(out_dir_);
    const ProcessResult migrated = Openiom({"migrate"});
    ASSERT_EQ(migrated.exit_code, 0) << migrated.err;
  }
  ProcessResult Openiom(std::vector<std::string> args) {
    return testing::RunOpeniom(OPENIOM_BINARY, database_.url(), std::move(args), "");
  }
  ProcessResult ImportWithRejects(const std::string& rejects) {
    const std::string file = dir_.WriteFile("events.csv", std::string(kEventsHeader) + std::string(kGoodRow) +
                                                               std::string(kBadRow));
    return Openiom({"import", "events", file, "--accept-good-rows", "--rejects", rejects});
  }
  ProcessResult Score(const std::string& out) {
    return Openiom({"score", "--persons", dir_.WriteFile("persons.csv", kPersons), "--events",
                    dir_.WriteFile("analytics-events.csv", kAnalyticsEvents), "--as-of", "2026-11-30", "--out", out});
  }
  // A file someone else cares about, readable by all, that a planted link points at.
  std::string Victim() {
    const std::string victim = dir_.WriteFile("victim.txt", "precious\n");
    fs::permissions(victim, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                fs::perms::others_read);
    return victim;
  }

  testing::TestDatabase database_;
  testing::TempDir dir_;
  fs::path out_dir_ = dir_.path() / "out";  // only output files go here, so leftovers show
};

TEST_F(OutputFilesCliTest, RejectsDoNotFollowASymlinkPlantedAtThePartialName) {
  const std::string victim = Victim();
  const std::string rejects = (out_dir_ / "rejects.csv").string();
  fs::create_symlink(victim, rejects + ".partial");
  const ProcessResult result = ImportWithRejects(rejects);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(ReadFile(victim), "precious\n");
  EXPECT_NE(ReadFile(rejects).find("Mockridge"), std::string::npos);
  EXPECT_EQ(fs::status(rejects).permissions() & kGroupOrOthers, fs::perms::none) << "rejects hold personal data";
  EXPECT_EQ(Names(out_dir_), (std::vector<std::string>{"rejects.csv", "rejects.csv.partial"}));
}

TEST_F(OutputFilesCliTest, ScoreOutDoesNotFollowASymlinkPlantedAtThePartialName) {
  const std::string victim = Victim();
  const std::string out = (out_dir_ / "scores.csv").string();
  fs::create_symlink(victim, out + ".partial");
  const ProcessResult result = Score(out);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(ReadFile(victim), "precious\n");
  EXPECT_EQ(ReadFile(out).substr(0, std::string_view(kScores).size()), kScores);
  EXPECT_EQ(fs::status(out).permissions() & kGroupOrOthers, fs::perms::none);
  EXPECT_EQ(Names(out_dir_), (std::vector<std::string>{"scores.csv", "scores.csv.partial"}));
}

TEST_F(OutputFilesCliTest, ASymlinkAtTheOutputPathIsRefusedAndItsTargetKept) {
  const std::string victim = Victim();
  const std::string out = (out_dir_ / "scores.csv").string();
  fs::create_symlink(victim, out);
  const ProcessResult score = Score(out);
  EXPECT_EQ(score.exit_code, 2);
  EXPECT_NE(score.err.find(out + ": it is a symbolic link to a file"), std::string::npos) << score.err;
  const ProcessResult import = ImportWithRejects(out);
  EXPECT_EQ(import.exit_code, 2);
  EXPECT_EQ(ReadFile(victim), "precious\n");
  EXPECT_TRUE(fs::is_symlink(out));
  EXPECT_EQ(Names(out_dir_), std::vector<std::string>{"scores.csv"});
}

TEST_F(OutputFilesCliTest, RejectsAndOutMayBeDevNullWhichStaysADevice) {
  const ProcessResult import = ImportWithRejects("/dev/null");
  EXPECT_EQ(import.exit_code, 0) << import.err;
  EXPECT_NE(import.out.find("1 events added"), std::string::npos) << import.out;
  const ProcessResult score = Score("/dev/null");
  EXPECT_EQ(score.exit_code, 0) << score.err;
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

TEST_F(OutputFilesCliTest, AFifoAsOutputGetsTheBytes) {
  const std::string fifo = (out_dir_ / "pipe").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::future<std::string> read = std::async(std::launch::async, [&] { return ReadFile(fifo); });
  const ProcessResult score = Score(fifo);
  EXPECT_EQ(score.exit_code, 0) << score.err;
  EXPECT_EQ(read.get().substr(0, std::string_view(kScores).size()), kScores);
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_EQ(Names(out_dir_), std::vector<std::string>{"pipe"});
}

TEST_F(OutputFilesCliTest, ADirectoryAsOutputExits2NamingItAndImportsNothing) {
  const std::string folder = (out_dir_ / "folder").string();
  fs::create_directory(folder);
  const ProcessResult score = Score(folder);
  EXPECT_EQ(score.exit_code, 2);
  EXPECT_NE(score.err.find(folder + ": it is a directory"), std::string::npos) << score.err;
  const ProcessResult import = ImportWithRejects(folder);
  EXPECT_EQ(import.exit_code, 2);
  EXPECT_NE(import.err.find(folder + ": it is a directory"), std::string::npos) << import.err;
  EXPECT_TRUE(fs::is_empty(folder));
  EXPECT_EQ(Names(out_dir_), std::vector<std::string>{"folder"});
  const ProcessResult people = Openiom({"people", "list", "--format", "json"});
  EXPECT_EQ(people.out, "[]\n") << "the import stops before it starts when its rejects cannot be written";
}

TEST_F(OutputFilesCliTest, AMissingFolderExits2AndLeavesNothing) {
  const ProcessResult score = Score((out_dir_ / "missing" / "scores.csv").string());
  EXPECT_EQ(score.exit_code, 2);
  EXPECT_NE(score.err.find("missing"), std::string::npos) << score.err;
  EXPECT_TRUE(fs::is_empty(out_dir_));
}

}  // namespace
}  // namespace openiom
