#include "domain/cases/case_note.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace openiom {
namespace {

CaseNote MakeNote(CaseNote note = {}) {
  if (note.text.empty()) note.text = "Attended the clinic; methadone script reviewed.";
  if (note.agency.empty()) note.agency = "Tees Drug Service";
  if (note.author.empty()) note.author = "nurse.jones";
  if (note.created_at == Timestamp{}) note.created_at = *ParseIsoTimestamp("2026-03-03T10:15:00Z");
  return note;
}

TEST(CaseNoteProblems, ChecksTheTextAndTheSensitivityAtTheirEdges) {
  const std::string longest(kMaxCaseNoteCharacters, 'a');
  // "é" is two bytes and one character: 20,000 of them is the longest note, not 10,000.
  std::string accented;
  for (size_t char_idx = 0; char_idx < kMaxCaseNoteCharacters; ++char_idx) accented += "\xC3\xA9";
  struct Case {
    std::string text, sensitivity;
    FieldProblems expected;
  };
  const std::vector<Case> cases = {
      {"Seen at home.", "normal", {}},
      {"Seen at home.", "health", {}},
      {"Seen at home.", "victim", {}},
      {"Seen at home.", "intelligence", {}},
      {"  Seen at home.\n", "normal", {}},
      {"Line one\nline two\ttabbed\r\n", "normal", {}},
      {longest, "normal", {}},
      {"  " + longest + "  ", "normal", {}},
      {accented, "normal", {}},
      {longest + "a", "normal", {{"text", "Enter a note of at most 20,000 characters"}}},
      {accented + "\xC3\xA9", "normal", {{"text", "Enter a note of at most 20,000 characters"}}},
      {"", "normal", {{"text", "Enter the note"}}},
      {" \n\t ", "normal", {{"text", "Enter the note"}}},
      {std::string("bell\x07"), "normal", {{"text", "Enter the note as plain text"}}},
      {std::string("nul\0here", 8), "normal", {{"text", "Enter the note as plain text"}}},
      {"bad \xFF utf-8", "normal", {{"text", "Enter the note as plain text"}}},
      {"Seen.", "", {{"sensitivity", "Select whether the note is standard, health, victim or intelligence"}}},
      {"Seen.", "standard", {{"sensitivity", "Select whether the note is standard, health, victim or intelligence"}}},
      {"Seen.", "Health", {{"sensitivity", "Select whether the note is standard, health, victim or intelligence"}}},
      {"", "secret",
       {{"text", "Enter the note"},
        {"sensitivity", "Select whether the note is standard, health, victim or intelligence"}}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CaseNoteProblems(c.text, c.sensitivity), c.expected)
        << c.text.substr(0, 20) << " (" << c.text.size() << " bytes) / " << c.sensitivity;
  }
}

TEST(NoteText, DropsTheBlankLinesAndSpacesAroundTheNoteAndKeepsTheLinesInside) {
  EXPECT_EQ(NoteText("\r\n  Seen at home.\n\nNext week: review.\t\r\n"), "Seen at home.\n\nNext week: review.");
  EXPECT_EQ(NoteText("Seen."), "Seen.");
  EXPECT_EQ(NoteText(" \n\t\r "), "");
  EXPECT_EQ(NoteText(""), "");
}

TEST(NoteView, AWithheldNoteHoldsNeitherItsTextNorItsAuthor) {
  const CaseNote note = MakeNote({.id = 12, .person_id = 4, .sensitivity = Sensitivity::kHealth});
  const NoteView withheld = NoteView::Withheld(note);
  EXPECT_TRUE(withheld.restricted());
  EXPECT_EQ(withheld.text(), std::nullopt);
  EXPECT_EQ(withheld.author(), std::nullopt);
  EXPECT_EQ(withheld.id(), 12);
  EXPECT_EQ(withheld.sensitivity(), Sensitivity::kHealth);
  EXPECT_EQ(withheld.agency(), "Tees Drug Service");
  EXPECT_EQ(withheld.created_at(), note.created_at);

  const NoteView readable = NoteView::Readable(note);
  EXPECT_FALSE(readable.restricted());
  EXPECT_EQ(readable.text(), note.text);
  EXPECT_EQ(readable.author(), "nurse.jones");
}

TEST(RestrictedSummary, NamesTheLevelTheAgencyAndTheLondonDay) {
  EXPECT_EQ(RestrictedSummary(NoteView::Withheld(MakeNote({.sensitivity = Sensitivity::kHealth}))),
            "Restricted: health note by Tees Drug Service, 3 March 2026");
  EXPECT_EQ(RestrictedSummary(NoteView::Withheld(
                MakeNote({.sensitivity = Sensitivity::kIntelligence, .agency = "Cleveland Police"}))),
            "Restricted: intelligence note by Cleveland Police, 3 March 2026");
  // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): the day the reader lives in.
  EXPECT_EQ(RestrictedSummary(NoteView::Withheld(MakeNote(
                {.sensitivity = Sensitivity::kVictim,
                 .agency = "Probation",
                 .created_at = *ParseIsoTimestamp("2026-06-30T23:30:00Z")}))),
            "Restricted: victim note by Probation, 1 July 2026");
}

}  // namespace
}  // namespace openiom
