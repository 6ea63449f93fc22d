#include "common/output_file.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <future>

#include "support/temp_dir.h"

namespace openiom {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;

constexpr fs::perms kGroupOrOthers = fs::perms::group_all | fs::perms::others_all;

// Everything in the folder, so a test sees any temporary file left behind.
std::vector<std::string> Names(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(OutputFile, WritesANewFileWithMode0600AndLeavesNoTemporaryFile) {
  const testing::TempDir dir;
  const std::string path = (dir.path() / "out.csv").string();
  Result<OutputFile> out = OutputFile::Create(path);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_FALSE(out->direct());
  ASSERT_TRUE(out->Write("a,").ok());
  std::fputs("b", out->file());
  out->stream() << ",c\n";
  EXPECT_FALSE(fs::exists(path)) << "the path appears only when the file is whole";
  ASSERT_TRUE(out->Commit().ok());
  EXPECT_EQ(ReadFile(path), "a,b,c\n");
  EXPECT_EQ(fs::status(path).permissions() & kGroupOrOthers, fs::perms::none);
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"out.csv"});
}

TEST(OutputFile, ReplacesARegularFileAndGivesItMode0600) {
  const testing::TempDir dir;
  const std::string path = dir.WriteFile("out.csv", "old\n");
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                            fs::perms::others_read);
  Result<OutputFile> out = OutputFile::Create(path);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_TRUE(out->Write("new\n").ok());
  ASSERT_TRUE(out->Commit().ok());
  EXPECT_EQ(ReadFile(path), "new\n");
  EXPECT_EQ(fs::status(path).permissions() & kGroupOrOthers, fs::perms::none);
}

TEST(OutputFile, WithoutCommitLeavesThePathAsItWasAndNoTemporaryFile) {
  const testing::TempDir dir;
  const std::string path = dir.WriteFile("out.csv", "old\n");
  {
    Result<OutputFile> out = OutputFile::Create(path);
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    ASSERT_TRUE(out->Write("half a file").ok());
  }
  EXPECT_EQ(ReadFile(path), "old\n");
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"out.csv"});
}

TEST(OutputFile, DoesNotWriteThroughASymlinkPlantedAtThePartialName) {
  const testing::TempDir dir;
  const std::string victim = dir.WriteFile("victim", "precious\n");
  const std::string path = (dir.path() / "out.csv").string();
  fs::create_symlink(victim, path + ".partial");
  Result<OutputFile> out = OutputFile::Create(path);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_TRUE(out->Write("personal data\n").ok());
  ASSERT_TRUE(out->Commit().ok());
  EXPECT_EQ(ReadFile(victim), "precious\n");
  EXPECT_EQ(ReadFile(path), "personal data\n");
  EXPECT_TRUE(fs::is_symlink(path + ".partial"));
}

TEST(OutputFile, RefusesASymlinkAtThePathAndWritesNothing) {
  const testing::TempDir dir;
  const std::string victim = dir.WriteFile("victim", "precious\n");
  const std::string path = (dir.path() / "out.csv").string();
  fs::create_symlink(victim, path);
  const Result<OutputFile> out = OutputFile::Create(path);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(out.status().message().find("a symbolic link to a file"), std::string::npos) << out.status().message();
  EXPECT_EQ(ReadFile(victim), "precious\n");
  EXPECT_EQ(Names(dir.path()), (std::vector<std::string>{"out.csv", "victim"}));
}

TEST(OutputFile, RefusesADirectoryNamingIt) {
  const testing::TempDir dir;
  fs::create_directory(dir.path() / "folder");
  const std::string path = (dir.path() / "folder").string();
  const Result<OutputFile> out = OutputFile::Create(path);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(out.status().message().find(path + ": it is a directory"), std::string::npos) << out.status().message();
  EXPECT_TRUE(fs::is_empty(path));
}

TEST(OutputFile, RefusesAMissingFolder) {
  const testing::TempDir dir;
  const Result<OutputFile> out = OutputFile::Create((dir.path() / "missing" / "out.csv").string());
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
}

TEST(OutputFile, WritesStraightThroughToDevNullWithoutReplacingIt) {
  Result<OutputFile> out = OutputFile::Create("/dev/null");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->direct());
  ASSERT_TRUE(out->Write("discarded\n").ok());
  ASSERT_TRUE(out->Commit().ok());
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

TEST(OutputFile, WritesStraightThroughToAFifo) {
  const testing::TempDir dir;
  const std::string path = (dir.path() / "pipe").string();
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  std::future<std::string> read = std::async(std::launch::async, [&] { return ReadFile(path); });
  Result<OutputFile> out = OutputFile::Create(path);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->direct());
  ASSERT_TRUE(out->Write("through the pipe\n").ok());
  ASSERT_TRUE(out->Commit().ok());
  EXPECT_EQ(read.get(), "through the pipe\n");
  EXPECT_TRUE(fs::is_fifo(path));
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"pipe"});
}

}  // namespace
}  // namespace openiom
