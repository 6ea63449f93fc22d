#include "services/imports/event_csv.h"

#include <gtest/gtest.h>

#include <map>

namespace openiom {
namespace {

const Date kToday = *ParseIsoDate("2026-11-23");

std::vector<std::string> Header() { return {kEventCsvColumns.begin(), kEventCsvColumns.end()}; }

// A valid arrest row; `changes` overrides columns by name.
std::vector<std::string> Row(const std::map<std::string, std::string>& changes = {}) {
  std::map<std::string, std::string> values = {
      {"source_id", "R1"},         {"pnc_id", "2000/0160946Q"}, {"surname", "Testington"},
      {"forenames", "Aaron"},      {"date_of_birth", "1990-01-02"}, {"gender", "M"},
      {"event_type", "arrest"},    {"event_date", "2026-01-05"},   {"offence_category", "shoplifting"},
      {"offence_date", ""},        {"outcome", "charged"},         {"latitude", "54.57"},
      {"longitude", "-1.23"},      {"lsoa_code", "E01012000"}};
  for (const auto& [column, value] : changes) values[column] = value;
  std::vector<std::string> fields;
  for (std::string_view column : kEventCsvColumns) fields.push_back(values[std::string(column)]);
  return fields;
}

struct Parsed {
  bool ok;
  EventRow row;
  FieldProblems errors;
};

Parsed Parse(const std::vector<std::string>& fields) {
  const EventCsvHeader header = *ParseEventCsvHeader(Header());
  Parsed parsed;
  parsed.ok = ParseEventRow(fields, header, 7, OffenceCategoryCatalogue::BuiltIn(), kToday, parsed.row, parsed.errors);
  return parsed;
}

TEST(EventCsvHeader, AcceptsColumnsInAnyOrder) {
  std::vector<std::string> header = Header();
  std::reverse(header.begin(), header.end());
  auto parsed = ParseEventCsvHeader(header);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->position[static_cast<size_t>(EventColumn::kSourceId)], 13u);
}

TEST(EventCsvHeader, NamesMissingUnknownAndRepeatedColumns) {
  std::vector<std::string> header = Header();
  header[1] = "pnc";            // unknown, and pnc_id missing
  header.push_back("surname");  // repeated
  auto parsed = ParseEventCsvHeader(header);
  ASSERT_FALSE(parsed.ok());
  const std::string& message = parsed.status().message();
  EXPECT_NE(message.find("line 1"), std::string::npos);
  EXPECT_NE(message.find("unknown column 'pnc'"), std::string::npos);
  EXPECT_NE(message.find("missing column pnc_id"), std::string::npos);
  EXPECT_NE(message.find("column surname appears more than once"), std::string::npos);
  EXPECT_NE(message.find("expected: source_id,pnc_id,surname"), std::string::npos);
}

// The import page counts these and shows the first few (issue 8, defect 18), so each problem is its own item.
TEST(EventCsvHeader, ListsEachProblemOnItsOwnInHeaderThenFormatOrder) {
  std::vector<std::string> header = Header();
  header[1] = "pnc";
  header.push_back(" surname ");
  EXPECT_EQ(EventCsvHeaderProblems(header),
            (std::vector<std::string>{"unknown column 'pnc'", "column surname appears more than once",
                                      "missing column pnc_id"}));
  EXPECT_EQ(EventCsvHeaderProblems(Header()), std::vector<std::string>{});
  EXPECT_EQ(EventCsvHeaderProblems({"DOB"}).size(), 15u) << "one unknown and all 14 missing";
}

TEST(EventCsvRow, ValidRowBecomesAnEvent) {
  const Parsed parsed = Parse(Row({{"pnc_id", "00/160946q"}, {"surname", " Testington "}}));
  ASSERT_TRUE(parsed.ok);
  EXPECT_EQ(parsed.row.line, 7);
  EXPECT_EQ(parsed.row.pnc_id, "2000/0160946Q");  // canonical
  EXPECT_EQ(parsed.row.surname, "Testington");     // trimmed
  EXPECT_EQ(parsed.row.event.kind, EventKind::kArrest);
  EXPECT_EQ(FormatIsoDate(parsed.row.event.event_date), "2026-01-05");
  EXPECT_FALSE(parsed.row.event.offence_date.has_value());
  ASSERT_TRUE(parsed.row.event.location.has_value());
  EXPECT_DOUBLE_EQ(parsed.row.event.location->latitude, 54.57);
}

TEST(EventCsvRow, OffenceDateDefaultsToTheDisposalDateForConvictionsAndCautions) {
  for (const char* kind : {"conviction", "caution"}) {
    const Parsed parsed = Parse(Row({{"event_type", kind}}));
    ASSERT_TRUE(parsed.ok) << kind;
    EXPECT_EQ(parsed.row.event.offence_date, parsed.row.event.event_date) << kind;
  }
  const Parsed given = Parse(Row({{"event_type", "conviction"}, {"offence_date", "2025-12-31"}}));
  ASSERT_TRUE(given.ok);
  EXPECT_EQ(FormatIsoDate(*given.row.event.offence_date), "2025-12-31");
}

TEST(EventCsvRow, OptionalFieldsMayBeEmpty) {
  const Parsed parsed = Parse(Row({{"pnc_id", ""},
                                   {"event_type", "release"},
                                   {"offence_category", ""},
                                   {"outcome", ""},
                                   {"latitude", ""},
                                   {"longitude", ""},
                                   {"lsoa_code", ""}}));
  ASSERT_TRUE(parsed.ok) << (parsed.errors.empty() ? "" : parsed.errors[0].message);
  EXPECT_TRUE(parsed.row.pnc_id.empty());
  EXPECT_FALSE(parsed.row.event.location.has_value());
}

// Every rule of docs/formats/events.md: the column named and the reason given.
TEST(EventCsvRow, EachRuleRejectsWithColumnAndReason) {
  struct Case {
    std::map<std::string, std::string> changes;
    std::string column;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {{{"source_id", ""}}, "source_id", "is required"},
      {{{"source_id", std::string(101, 'x')}}, "source_id", "at most 100 characters"},
      {{{"pnc_id", "2000/0160946A"}}, "pnc_id", "check letter is A but should be Q"},
      {{{"surname", ""}}, "surname", "is required"},
      {{{"forenames", " "}}, "forenames", "is required"},
      {{{"date_of_birth", ""}}, "date_of_birth", "is required"},
      {{{"date_of_birth", "02/01/1990"}}, "date_of_birth", "YYYY-MM-DD"},
      {{{"date_of_birth", "1990-02-30"}}, "date_of_birth", "not a calendar date"},
      {{{"date_of_birth", "2026-11-24"}}, "date_of_birth", "is in the future"},
      {{{"gender", "male"}}, "gender", "'male' is not one of M, F, X or U"},
      {{{"gender", ""}}, "gender", "is required"},
      {{{"event_type", "arrested"}}, "event_type", "'arrested' is not an event type"},
      {{{"event_date", ""}}, "event_date", "is required"},
      {{{"event_date", "2026-11-24"}}, "event_date", "is in the future"},
      {{{"event_date", "1989-12-31"}}, "event_date", "before the date of birth 1990-01-02"},
      {{{"offence_category", ""}}, "offence_category", "is required for arrest"},
      {{{"event_type", "caution"}, {"offence_category", ""}}, "offence_category", "is required for caution"},
      {{{"offence_category", "burglary"}}, "offence_category", "'burglary' is not a known offence category"},
      {{{"offence_date", "2026-01-01"}}, "offence_date", "applies only to a conviction or caution"},
      {{{"event_type", "conviction"}, {"offence_date", "2026-01-06"}}, "offence_date", "is after the event_date"},
      {{{"event_type", "conviction"}, {"offence_date", "2026-13-01"}}, "offence_date", "not a calendar date"},
      {{{"event_type", "conviction"}, {"offence_date", "1980-01-01"}}, "offence_date", "before the date of birth"},
      {{{"event_type", "drug_test"}, {"offence_category", ""}, {"outcome", "positive"}},
       "outcome",
       "'positive' is not a drug test outcome"},
      {{{"event_type", "drug_test"}, {"offence_category", ""}, {"outcome", ""}}, "outcome", "empty is not a drug test"},
      {{{"outcome", std::string(201, 'x')}}, "outcome", "at most 200 characters"},
      {{{"latitude", ""}}, "latitude", "given together"},
      {{{"longitude", ""}}, "longitude", "given together"},
      {{{"latitude", "north"}}, "latitude", "'north' is not a number"},
      {{{"latitude", "48.85"}, {"longitude", "2.35"}}, "latitude", "outside the United Kingdom"},
      {{{"lsoa_code", "E02001234"}}, "lsoa_code", "'E02001234' is not an LSOA code"},
      {{{"surname", "Caf\xE9"}}, "surname", "not valid UTF-8"},
  };
  for (const Case& c : cases) {
    const Parsed parsed = Parse(Row(c.changes));
    SCOPED_TRACE(c.column + ": " + c.reason);
    ASSERT_FALSE(parsed.ok);
    ASSERT_EQ(parsed.errors.size(), 1u) << parsed.errors[0].field << ": " << parsed.errors[0].message << " / "
                                        << parsed.errors.back().field << ": " << parsed.errors.back().message;
    EXPECT_EQ(parsed.errors[0].line, 7);
    EXPECT_EQ(parsed.errors[0].field, c.column);
    EXPECT_NE(parsed.errors[0].message.find(c.reason), std::string::npos) << parsed.errors[0].message;
  }
}

TEST(EventCsvRow, ReportsEveryProblemInARow) {
  const Parsed parsed = Parse(Row({{"gender", "Q"}, {"event_type", "nope"}, {"lsoa_code", "X"}}));
  ASSERT_FALSE(parsed.ok);
  std::vector<std::string> columns;
  for (const FieldProblem& error : parsed.errors) columns.push_back(error.field);
  EXPECT_EQ(columns, (std::vector<std::string>{"gender", "event_type", "lsoa_code"}));
}

TEST(EventCsvRow, WrongNumberOfFields) {
  std::vector<std::string> fields = Row();
  fields.pop_back();
  Parsed parsed = Parse(fields);
  ASSERT_FALSE(parsed.ok);
  EXPECT_EQ(parsed.errors[0].field, "(missing fields)");
  EXPECT_EQ(parsed.errors[0].message, "the row has 13 fields but the header has 14");
  fields.push_back("x");
  fields.push_back("y");
  parsed = Parse(fields);
  EXPECT_EQ(parsed.errors[0].field, "(extra fields)");
}

}  // namespace
}  // namespace openiom
