#include "common/csv.h"

#include <gtest/gtest.h>

#include <sstream>

namespace openiom {
namespace {

struct Record {
  int64_t line;
  std::vector<std::string> fields;
};

Result<std::vector<Record>> ReadAll(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in);
  std::vector<Record> records;
  std::vector<std::string> fields;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader.ReadRecord(fields));
    if (!more) break;
    records.push_back({reader.record_line(), fields});
  }
  return records;
}

TEST(CsvReader, ReadsPlainRecordsWithLineNumbers) {
  auto records = ReadAll("a,b,c\n1,2,3\n");
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0].fields, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ((*records)[1].line, 2);
}

TEST(CsvReader, HandlesBomCrlfAndMissingFinalNewline) {
  auto records = ReadAll("\xEF\xBB\xBFx,y\r\n1,2\r\n3,4");
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0].fields[0], "x");  // BOM removed
  EXPECT_EQ((*records)[1].fields[1], "2");  // no stray \r
  EXPECT_EQ((*records)[2].fields, (std::vector<std::string>{"3", "4"}));
  EXPECT_EQ((*records)[2].line, 3);
}

TEST(CsvReader, QuotedFieldsKeepCommasQuotesAndNewlines) {
  auto records = ReadAll("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\nlast,row\n");
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 4u);
  EXPECT_EQ((*records)[1].fields, (std::vector<std::string>{"x, y", "say \"hi\""}));
  EXPECT_EQ((*records)[2].fields, (std::vector<std::string>{"two\nlines", "z"}));
  EXPECT_EQ((*records)[2].line, 3);
  EXPECT_EQ((*records)[3].line, 5);  // the quoted newline counts as a line of the file
}

TEST(CsvReader, EmptyFieldsAndBlankLines) {
  auto records = ReadAll("a,,c\n\n,\n");
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0].fields, (std::vector<std::string>{"a", "", "c"}));
  EXPECT_EQ((*records)[1].fields, (std::vector<std::string>{""}));
  EXPECT_EQ((*records)[2].fields, (std::vector<std::string>{"", ""}));
}

TEST(CsvReader, EmptyInputHasNoRecords) {
  auto records = ReadAll("");
  ASSERT_TRUE(records.ok());
  EXPECT_TRUE(records->empty());
  records = ReadAll("\xEF\xBB\xBF");
  ASSERT_TRUE(records.ok());
  EXPECT_TRUE(records->empty());
}

TEST(CsvReader, ReportsMalformedQuotingWithItsLine) {
  struct Case {
    std::string text;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"a\n\"open\nstill open\n", "line 4: unterminated quoted field (the quote opened on line 2)"},
           {"a,b\n\"x\"y,z\n", "line 2: unexpected character after a closing quote"},
           {"a,b\nx\"y,z\n", "line 2: quote character inside an unquoted field"}}) {
    auto records = ReadAll(c.text);
    ASSERT_FALSE(records.ok()) << c.text;
    EXPECT_EQ(records.status().message().substr(0, c.message.size()), c.message);
  }
}

TEST(CsvReader, ReadsRecordsAcrossItsBufferBoundary) {
  const std::string filler(CsvReader::kMaxRecordBytes - 100, 'x');  // the next record straddles the 1 MiB buffer
  auto records = ReadAll(filler + "\n\"" + std::string(900, 'y') + "\",end\n");
  ASSERT_TRUE(records.ok()) << records.status().message();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[1].fields[0].size(), 900u);
  EXPECT_EQ((*records)[1].fields[1], "end");
}

TEST(CsvReader, RefusesARecordTooLargeToBeReal) {
  // An unclosed quote would otherwise swallow the rest of a large file into one field.
  auto records = ReadAll("a,b\n1,\"never closed\n" + std::string(CsvReader::kMaxRecordBytes, 'x') + "\n");
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().message(),
            "line 2: a record is longer than 1048576 bytes (is the quote opened on line 2 closed?)");
  auto unquoted = ReadAll(std::string(CsvReader::kMaxRecordBytes + 1, 'x'));
  ASSERT_FALSE(unquoted.ok());
  EXPECT_EQ(unquoted.status().message(), "line 1: a record is longer than 1048576 bytes");
}

TEST(CsvWriter, QuotesOnlyWhenNeededAndRoundTrips) {
  std::ostringstream out;
  CsvWriter writer(out);
  writer.WriteRecord({"plain", "with, comma", "with \"quote\"", "two\nlines", ""});
  EXPECT_EQ(out.str(), "plain,\"with, comma\",\"with \"\"quote\"\"\",\"two\nlines\",\n");
  auto records = ReadAll(out.str());
  ASSERT_TRUE(records.ok());
  EXPECT_EQ((*records)[0].fields,
            (std::vector<std::string>{"plain", "with, comma", "with \"quote\"", "two\nlines", ""}));
}

TEST(CsvWriter, SpreadsheetSafeModeDefusesFormulas) {
  std::ostringstream out;
  CsvWriter writer(out, CsvWriter::Mode::kSpreadsheetSafe);
  writer.WriteRecord({"=HYPERLINK(\"x\")", "+1", "@SUM(A1)", "-1.23", "-2+3", "plain", "-"});
  EXPECT_EQ(out.str(), "\"'=HYPERLINK(\"\"x\"\")\",'+1,'@SUM(A1),-1.23,'-2+3,plain,'-\n");
}

TEST(IsValidUtf8, AcceptsTextAndRejectsMalformedBytes) {
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("Zoë Ó Súilleabháin 😀"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("caf\xE9"));           // Latin-1, not UTF-8
}


TEST(TextProblem, NamesWhyAFieldCannotBeStored) {
  const struct {
    std::string text;
    std::string_view problem;
  } cases[] = {
      {"On or near Park Road", ""},
      {"two\tcolumns", ""},
      {"line one\nline two\r\n", ""},
      {"Zo\xc3\xab", ""},
      {"", ""},
      {std::string("a\0b", 3), "contains a NUL byte"},
      {std::string(1, '\0'), "contains a NUL byte"},
      {"bell\x07", "contains a control character"},
      {"escape\x1b[31m", "contains a control character"},
      {"delete\x7f", "contains a control character"},
      {"\xff\xfe", "is not valid UTF-8 text"},
  };
  for (const auto& c : cases) EXPECT_EQ(TextProblem(c.text), c.problem) << c.text;
}

}  // namespace
}  // namespace openiom
