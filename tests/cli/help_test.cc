// Every program and script answers -h and --help with its usage, exit code 0 and nothing else done (issue 8,
// defect 13: `openiom_generate_events --help` ignored the flag and wrote a million rows).
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "support/process.h"
#include "support/temp_dir.h"

namespace openiom {
namespace {

namespace fs = std::filesystem;
using testing::ProcessResult;
using testing::RunProcess;

bool SaysUsage(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text.find("usage") != std::string::npos;
}

// Where `name` is on this process's PATH ("" if nowhere).
std::string OnPath(const std::string& name) {
  std::istringstream path(std::getenv("PATH") != nullptr ? std::getenv("PATH") : "");
  for (std::string folder; std::getline(path, folder, ':');) {
    const fs::path candidate = fs::path(folder) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "";
}

// The executable files of the folders that hold scripts: scripts/, .ci/ and each bench/*/.
std::vector<fs::path> Scripts() {
  const fs::path source(OPENIOM_SOURCE_DIR);
  std::vector<fs::path> folders = {source / "scripts", source / ".ci"};
  for (const auto& entry : fs::directory_iterator(source / "bench")) {
    if (entry.is_directory()) folders.push_back(entry.path());
  }
  std::vector<fs::path> scripts;
  for (const fs::path& folder : folders) {
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (entry.is_regular_file() && (entry.status().permissions() & fs::perms::owner_exec) != fs::perms::none) {
        scripts.push_back(entry.path());
      }
    }
  }
  std::sort(scripts.begin(), scripts.end());
  return scripts;
}

TEST(Help, EveryProgramAnswersHelpWithItsUsageAndWritesNothingElse) {
  for (const char* program : {OPENIOM_BINARY, OPENIOM_GENERATE_EVENTS, OPENIOM_GENERATE_ANALYTICS}) {
    for (const char* flag : {"--help", "-h"}) {
      const ProcessResult result = RunProcess({program, flag});
      EXPECT_EQ(result.exit_code, 0) << program << " " << flag << ": " << result.err;
      EXPECT_TRUE(SaysUsage(result.out)) << program << " " << flag << ": " << result.out;
      EXPECT_LT(result.out.size(), 8000u) << program << " " << flag << " wrote more than a usage";
    }
  }
  // With other arguments too: --help still wins, and no row is written.
  const ProcessResult events = RunProcess({OPENIOM_GENERATE_EVENTS, "--rows", "5", "--help"});
  EXPECT_EQ(events.exit_code, 0);
  EXPECT_EQ(events.out.find("source_id"), std::string::npos) << events.out;
  const testing::TempDir dir;
  const fs::path out_dir = dir.path() / "data";
  const ProcessResult analytics = RunProcess({OPENIOM_GENERATE_ANALYTICS, "--persons", "5", "--events", "5",
                                              "--seed", "1", "--out-dir", out_dir.string(), "--help"});
  EXPECT_EQ(analytics.exit_code, 0);
  EXPECT_FALSE(fs::exists(out_dir));
  const fs::path rejects = dir.path() / "rejects.csv";
  const ProcessResult import = RunProcess({OPENIOM_BINARY, "import", "events", "--rejects", rejects.string(),
                                           "--db", "sqlite:" + (dir.path() / "x.db").string(), "x.csv", "--help"});
  EXPECT_EQ(import.exit_code, 0) << import.err;
  EXPECT_TRUE(SaysUsage(import.out));
  EXPECT_TRUE(fs::is_empty(dir.path()));
  // Wrong arguments are still refused.
  EXPECT_NE(RunProcess({OPENIOM_GENERATE_EVENTS, "--rows"}).exit_code, 0);
  EXPECT_NE(RunProcess({OPENIOM_GENERATE_EVENTS, "--rows", "many"}).exit_code, 0);
}

// Only bash, node and the few tools a usage needs are on PATH: a script that would install, build or run
// anything before answering fails with "command not found" instead of doing it.
TEST(Help, EveryScriptAnswersHelpWithItsUsageBeforeDoingAnything) {
  const testing::TempDir bin;
  for (const std::string tool : {"bash", "node", "sed", "dirname", "readlink"}) {
    const std::string found = OnPath(tool);
    ASSERT_FALSE(found.empty()) << tool << " is not on PATH";
    fs::create_symlink(found, bin.path() / tool);
  }
  const std::map<std::string, std::string> env = {{"PATH", bin.path().string()}};
  const std::vector<fs::path> scripts = Scripts();
  EXPECT_GE(scripts.size(), 11u);
  for (const fs::path& script : scripts) {
    for (const char* flag : {"--help", "-h"}) {
      const ProcessResult result = RunProcess({script.string(), flag}, "", env);
      EXPECT_EQ(result.exit_code, 0) << script << " " << flag << ": " << result.err;
      EXPECT_TRUE(SaysUsage(result.out)) << script << " " << flag << ": " << result.out;
    }
  }
  const ProcessResult peers = RunProcess(
      {OnPath("node"), (fs::path(OPENIOM_SOURCE_DIR) / "bench" / "peers" / "peers.mjs").string(), "--help"}, "", env);
  EXPECT_EQ(peers.exit_code, 0) << peers.err;
  EXPECT_TRUE(SaysUsage(peers.out)) << peers.out;
}

}  // namespace
}  // namespace openiom
